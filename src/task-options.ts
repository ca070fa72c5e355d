/**
 * Every task's description and options, written once: the Hardhat 2 tasks (tasks/)
 * and the Hardhat 3 edition (src/hh3/tasks.ts) both declare theirs from this table, so
 * that `help` reads the same in both. Pure data: every `npx hardhat` loads it.
 */
import { DEPLOY_FIELD_KEYS, DEPLOY_FIELDS, WEI_FLAG_HELP } from "./core/deploy/fields";
import {
  TASK_HOKUSAI_CREATE_POOL,
  TASK_HOKUSAI_DEPLOY_TOKEN,
  TASK_HOKUSAI_DEPLOY_TOKENS,
  TASK_HOKUSAI_DEVNET,
  TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION,
  TASK_HOKUSAI_LAUNCH,
  TASK_HOKUSAI_LICENSE_HASH,
  TASK_HOKUSAI_PLAN,
  TASK_HOKUSAI_STATUS,
  TASK_HOKUSAI_VERIFY_LICENSE,
} from "./task-names";

/** How an option's value is read; `flag` takes none. */
export type OptionType = "string" | "int" | "float" | "flag";

export interface OptionSpec {
  /** camelCase, as the action receives it (`--model-id` on the command line). */
  name: string;
  help: string;
  type: OptionType;
  /** The value when the option is left out; none means undefined. */
  defaultValue?: string | number;
  /** The task cannot run without it. */
  required?: boolean;
}

export interface TaskSpec {
  name: string;
  description: string;
  options: readonly OptionSpec[];
}

const string = (name: string, help: string): OptionSpec => ({ name, help, type: "string" });
const int = (name: string, help: string): OptionSpec => ({ name, help, type: "int" });
const flag = (name: string, help: string): OptionSpec => ({ name, help, type: "flag" });

const MODEL_ID = string("modelId", "The model id the token was deployed with (case-sensitive)");

const ADDRESS = {
  tokenManager: string(
    "tokenManager",
    "TokenManager address (default: hokusai.networks.<network>.tokenManager, TOKEN_MANAGER_ADDRESS, the address book on sepolia and mainnet, or the local mock)",
  ),
  ammFactory: string(
    "ammFactory",
    "AMM factory address (default: hokusai.networks.<network>.ammFactory, AMM_FACTORY_ADDRESS, the address book on sepolia and mainnet, or the local mock)",
  ),
};

const WHITELIST_DEFAULT =
  "hokusai.networks.<network>.purchaserWhitelist, PURCHASER_WHITELIST_ADDRESS, the address book on sepolia and mainnet, or the local mock's; looked up only where the TokenManager has a ModelRegistry";

/** What every sending task takes: --dry-run, --yes, --confirmations, --timeout, --max-fee-gwei, --replace-after, --json. */
const SEND: readonly OptionSpec[] = [
  flag("dryRun", "Check everything and print what would be sent, its gas and cost; send nothing"),
  flag("yes", "Do not ask for confirmation on a live chain (or set HOKUSAI_CONFIRM=true)"),
  int(
    "confirmations",
    "Confirmations to wait for (default 1 on dev chains and automining nodes, 2 elsewhere)",
  ),
  int(
    "timeout",
    "Seconds to wait for each transaction before exiting with code 4; a rerun resumes (default 600)",
  ),
  string(
    "maxFeeGwei",
    "Refuse to send while the network's max fee per gas is above this many gwei (dry runs check it too; exit code 3)",
  ),
  int(
    "replaceAfter",
    "Seconds a sent transaction may wait below the network's base fee before it is replaced with a higher fee, same nonce, within the fee cap; 0 never (default 180, or hokusai.replaceAfterSeconds)",
  ),
  flag("json", 'Print one JSON document ("version": 1) on stdout; progress goes to stderr'),
];

/** The values of SEND's options, as every sending task's command receives them. */
export interface SendArgs {
  dryRun: boolean;
  yes: boolean;
  confirmations?: number;
  timeout?: number;
  maxFeeGwei?: string;
  replaceAfter?: number;
  json: boolean;
}

/** What the tasks that send many models take. */
const SEQUENTIAL = flag(
  "sequential",
  "Send one model at a time, each waited for before the next (default: several in flight with consecutive nonces, two blocks' worth by the block gas limit, at most 64)",
);

export const DEPLOY_TOKEN: TaskSpec = {
  name: TASK_HOKUSAI_DEPLOY_TOKEN,
  description: "Deploys a Hokusai model token through the TokenManager (deployTokenWithAllocations)",
  options: [
    string(
      "plan",
      "Launch plan file (hokusai.model.json or .yaml, see hokusai:plan); the flags below override its values",
    ),
    // One option per field of a deployment, described once in src/core/deploy/fields.ts.
    ...DEPLOY_FIELD_KEYS.map((key) => string(key, DEPLOY_FIELDS[key].help)),
    flag("wei", WEI_FLAG_HELP),
    ADDRESS.tokenManager,
    ...SEND,
    flag(
      "fork",
      "With --dry-run: send the transaction on an in-process fork of the network and report the token, events and gas",
    ),
    flag("strict", "Treat best-practice warnings (a governor that is not a contract) as errors"),
  ],
};

export const LICENSE_HASH: TaskSpec = {
  name: TASK_HOKUSAI_LICENSE_HASH,
  description:
    "Prints keccak256 of a license's exact bytes: the licenseHash to deploy with (the guide's step 2)",
  options: [
    string("file", "License file, hashed byte for byte exactly as it will be published at licenseURI"),
    string("text", "License text instead of --file, hashed as UTF-8 like keccak256(toUtf8Bytes(text))"),
    flag("json", 'Print one JSON object on stdout ({"version": 1, "hash": ...}) instead of a sentence'),
  ],
};

export const PLAN: TaskSpec = {
  name: TASK_HOKUSAI_PLAN,
  description:
    "Validates a launch plan (hokusai.model.json or .yaml) and projects its supply over the expected DeltaOnes; sends nothing",
  options: [
    string(
      "plan",
      "The launch plan file, .json, .yaml or .yml (default: hokusai.model.json, .yaml or .yml in the project root)",
    ),
    flag("json", 'Print one JSON object on stdout ({"version": 1, ...}) instead of the text'),
  ],
};

export const VERIFY_LICENSE: TaskSpec = {
  name: TASK_HOKUSAI_VERIFY_LICENSE,
  description:
    "Checks that the license at licenseURI (and/or a local copy) hashes to the token's on-chain licenseHash; exit 0 on MATCH, 1 otherwise. Reads only, never signs",
  options: [
    string("modelId", "Model id whose token to check, looked up through the TokenManager"),
    string("token", "Token address to check, instead of --model-id"),
    string(
      "tokenManager",
      "TokenManager address for --model-id (default: hokusai.networks.<network>.tokenManager, TOKEN_MANAGER_ADDRESS, the address book on sepolia and mainnet, or the local mock)",
    ),
    string(
      "file",
      "A local copy of the license to check as well as the URI (or instead of it, with --no-fetch)",
    ),
    string(
      "uri",
      "Fetch this URI instead of the on-chain licenseURI (https://, http://, ipfs://<cid>[/path], file://)",
    ),
    string(
      "ipfsGateway",
      "Gateway for ipfs:// URIs, e.g. https://ipfs.io (default: config hokusai.ipfsGateway)",
    ),
    {
      name: "timeout",
      help: "Seconds allowed for fetching the license, redirects and body included",
      type: "float",
      defaultValue: 30,
    },
    {
      name: "maxBytes",
      help: "Largest license accepted, in bytes, counted while it downloads",
      type: "int",
      defaultValue: 1_048_576,
    },
    flag("noFetch", "Do not fetch licenseURI; check only --file"),
    flag("json", 'Print one JSON object on stdout ({"version": 1, "verdict": ...}) instead of the report'),
  ],
};

export const STATUS: TaskSpec = {
  name: TASK_HOKUSAI_STATUS,
  description:
    "Shows where a model stands on-chain: token, params, supplier allocation, pool, lifecycle stage and the next step (reads only)",
  options: [
    MODEL_ID,
    ADDRESS.tokenManager,
    ADDRESS.ammFactory,
    flag("json", 'Print one JSON document ("version": 1) on stdout'),
  ],
};

export const DISTRIBUTE_SUPPLIER_ALLOCATION: TaskSpec = {
  name: TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION,
  description:
    "Backend: mints a verified model's supplier allocation to its recipient (distributeModelSupplierAllocation), signed by the TokenManager owner",
  options: [MODEL_ID, ADDRESS.tokenManager, ...SEND],
};

export const CREATE_POOL: TaskSpec = {
  name: TASK_HOKUSAI_CREATE_POOL,
  description:
    "Backend: the platform's launch of a model's pool: registers the model (ModelRegistry), creates the pool behind the purchaser whitelist (or --public), authorises it to mint and seeds its reserve; each step is skipped when done, and a rerun resumes",
  options: [
    MODEL_ID,
    string("crr", "Reserve ratio in ppm, 50000 to 1000000 (default: the factory's, 200000 = 20%)"),
    string("tradeFee", "Trade fee in basis points, 0 to 1000 (default: the factory's, 30 = 0.3%)"),
    string(
      "ibrDuration",
      "Initial bonding round in seconds, 86400 to 2592000 (1 to 30 days; default: the factory's, 604800 = 7 days)",
    ),
    string(
      "flatCurveThreshold",
      "Reserve in US dollars (USDC) up to which tokens sell at the flat price, e.g. 25000 (default: the factory's)",
    ),
    string(
      "flatCurvePrice",
      "Flat price in US dollars (USDC) per token, up to 6 decimals, e.g. 0.01 (default: the factory's)",
    ),
    string(
      "performanceMetric",
      "The model's benchmark metric, recorded by registerStringModel (needed when the model is not registered yet)",
    ),
    string("whitelist", `PurchaserWhitelist that gates buys (default: ${WHITELIST_DEFAULT})`),
    flag("public", "Create a pool anyone can buy from, with no whitelist"),
    string(
      "initialReserve",
      "USDC to seed the reserve with, in US dollars (e.g. 100): approve, then depositFees; left out, the reserve is not seeded",
    ),
    string(
      "governor",
      "The governor the model's token must have (its owner() on the live stack, e.g. the developer's Safe): a token governed by anyone else is refused (HOK313), nothing sent",
    ),
    ADDRESS.tokenManager,
    ADDRESS.ammFactory,
    ...SEND,
  ],
};

export const DEVNET: TaskSpec = {
  name: TASK_HOKUSAI_DEVNET,
  description:
    "Starts a local chain on 127.0.0.1 with the mock Hokusai system deployed, like `hardhat node`, until interrupted",
  options: [
    { name: "hostname", help: "Interface to listen on", type: "string", defaultValue: "127.0.0.1" },
    { name: "port", help: "Port to listen on (0 picks a free one)", type: "int", defaultValue: 8545 },
    string(
      "stack",
      'The mock system: "live" (as Sepolia and mainnet run: registry, vesting, whitelist) or "guide" (the guide\'s ABI); default: hokusai.localStack, "live"',
    ),
    int(
      "chainId",
      "Chain id to serve (default 31337; 11155111 makes a Sepolia stand-in that --network sepolia reaches through RPC_URL)",
    ),
  ],
};

export const DEPLOY_TOKENS: TaskSpec = {
  name: TASK_HOKUSAI_DEPLOY_TOKENS,
  description: "Deploys every model token of a manifest; checks all of them first, and a rerun resumes",
  options: [
    {
      ...string(
        "manifest",
        "JSON or YAML file: a list of deploy-token parameters, launch plans or { plan: file } entries (see the README)",
      ),
      required: true,
    },
    ADDRESS.tokenManager,
    ...SEND,
    SEQUENTIAL,
    flag(
      "strict",
      "Treat best-practice warnings (a governor that is not a contract) as errors, for every model",
    ),
  ],
};

export const LAUNCH: TaskSpec = {
  name: TASK_HOKUSAI_LAUNCH,
  description:
    "The platform's launch of every token of its launch file, as the backend signer: token, pre-launch distribution, registration, pool (whitelisted unless public), authorisation, reserve; resumable, nothing sent twice",
  options: [
    // Not --config: that is Hardhat's own global option (the config file), which no task option may be named.
    {
      ...string(
        "launchFile",
        "The platform's launch file (version 1: requiredGovernor and tokens[], e.g. sepolia-launch-tokens.json)",
      ),
      required: true,
    },
    string("whitelist", `PurchaserWhitelist of the gated pools (default: ${WHITELIST_DEFAULT})`),
    ADDRESS.tokenManager,
    ADDRESS.ammFactory,
    ...SEND,
    SEQUENTIAL,
  ],
};
