/**
 * The fields of a deployment, each declared once: how its value is read (`kind`),
 * what it means (`help`, which is also the task param's description), where a launch
 * plan keeps it, what the Ignition model-token modules call it, and how to fix it
 * when it is missing. The task's params, the manifest's keys, the plan's rules and the
 * Ignition parameter checks are all derived from this table.
 *
 * Pure data without imports: every `npx hardhat` loads it to declare the task's params.
 */

/** The ticker rule, in the one wording the help, the errors, the schema and the README use. */
export const SYMBOL_RULE = "3 to 6 uppercase letters or digits, starting with a letter";

/** How a field's value is read (src/core/deploy/parse-fields.ts binds each kind to its rule). */
export type FieldKind =
  | "modelId"
  | "name"
  | "symbol"
  | "tokenAmount"
  | "tokensPerDeltaOne"
  | "address"
  | "accrualBps"
  | "oraclePrice"
  | "licenseFile"
  | "bytes32"
  | "licenseUri"
  | "preset"
  | "vesting"
  | "vestingConfig"
  | "weiAmount";

export interface DeployFieldSpec {
  kind: FieldKind;
  /** One line: what the value means and its unit. */
  help: string;
  /** What to pass when the field is missing and nothing fills it in; `{key}` names another input. */
  missing?: string;
  /** JSON pointer of the field in a launch plan (hokusai.model.json). */
  plan?: string;
  /** Its name (and, when different, its kind) among the Ignition model-token modules' parameters. */
  ignition?: { name: string; kind?: FieldKind; example?: string };
}

export const DEPLOY_FIELDS = {
  modelId: {
    kind: "modelId",
    help: "Unique model identifier; reusing one that has a token stops here",
    missing: "pass the model id the platform assigned (decimal digits), e.g. {modelId} 101",
    plan: "/contract/modelId",
    ignition: { name: "modelId", example: '"101" (the platform\'s numeric id)' },
  },
  name: {
    kind: "name",
    help: "ERC-20 token name shown to users",
    missing: 'pass the token name, e.g. {name} "Sentiment Model"',
    plan: "/model/name",
    ignition: { name: "name", example: '"Sentiment Model"' },
  },
  symbol: {
    kind: "symbol",
    help: `Token ticker: ${SYMBOL_RULE} (e.g. SENT)`,
    missing: `pass a ticker (${SYMBOL_RULE}), e.g. {symbol} SENT`,
    plan: "/model/ticker",
    ignition: { name: "symbol", example: `"SENT" (${SYMBOL_RULE})` },
  },
  modelSupplierAllocation: {
    kind: "tokenAmount",
    help: "Cap of tokens for model contributors, in whole tokens (e.g. 400000); minted later by the backend",
    missing: "pass it in whole tokens (e.g. {modelSupplierAllocation} 400000) or choose a {preset}",
    plan: "/tokenomics/modelSupplierAllocation",
    ignition: { name: "modelSupplierAllocation", example: '"400000" (whole tokens; "...wei" for wei)' },
  },
  modelSupplierRecipient: {
    kind: "address",
    help: "Address that receives the supplier allocation (default: config or MODEL_SUPPLIER_RECIPIENT)",
    missing: "pass {modelSupplierRecipient} 0x... or export MODEL_SUPPLIER_RECIPIENT",
    plan: "/contract/modelSupplierRecipient",
    ignition: { name: "modelSupplierRecipient", example: '"0x..." (a non-zero address)' },
  },
  investorAllocation: {
    kind: "tokenAmount",
    help: "Cap of tokens mintable to AMM buyers, in whole tokens (e.g. 600000)",
    missing: "pass it in whole tokens (e.g. {investorAllocation} 600000) or choose a {preset}",
    plan: "/tokenomics/investorAllocation",
    ignition: { name: "investorAllocation", example: '"600000" (whole tokens; "...wei" for wei)' },
  },
  tokensPerDeltaOne: {
    kind: "tokensPerDeltaOne",
    help: "Tokens minted per DeltaOne (1pp improvement), whole tokens from 100 to 10,000,000",
    missing: "pass whole tokens per DeltaOne (100 to 10,000,000) or choose a {preset}",
    plan: "/tokenomics/tokensPerDeltaOne",
    ignition: { name: "tokensPerDeltaOne", example: '"100000" (100 to 10,000,000 tokens)' },
  },
  infrastructureAccrualBps: {
    kind: "accrualBps",
    help: "Infrastructure share of usage fees in basis points, 1000 to 10000",
    missing: "pass 1000 to 10000 basis points, or choose a {preset}",
    plan: "/contract/infrastructureAccrualBps",
    ignition: { name: "infrastructureAccrualBps", example: "5000 (1000 to 10000)" },
  },
  initialOraclePricePerThousandUsd: {
    kind: "oraclePrice",
    help: "Initial USD price per 1000 API calls (e.g. 2.5); 0 leaves it unset",
    plan: "/contract/initialOraclePricePerThousandUsd",
    ignition: { name: "initialOraclePricePerThousandUsd" },
  },
  licenseFile: {
    kind: "licenseFile",
    help: "The exact license file published at the license URI; its keccak256 becomes licenseHash",
    plan: "/license/file",
  },
  licenseHash: {
    kind: "bytes32",
    help: "keccak256 of the published license bytes, instead of --license-file",
    plan: "/license/hash",
    ignition: { name: "licenseHash", example: '"0x..." (keccak256 of the license text)' },
  },
  licenseUri: {
    kind: "licenseUri",
    help: "Where the license text is published (ipfs://, https://, http://, file://)",
    missing: "pass where the license is published, e.g. {licenseUri} ipfs://<cid>/license.md",
    plan: "/license/uri",
    ignition: { name: "licenseURI", example: '"ipfs://<cid>/license.md"' },
  },
  governor: {
    kind: "address",
    help: "Address that receives governance of the model, a multisig in production (default: config or GOVERNOR_ADDRESS)",
    missing: "pass {governor} 0x... (a multisig in production) or export GOVERNOR_ADDRESS",
    plan: "/contract/governor",
    ignition: { name: "governor", example: '"0x..." (a multisig in production)' },
  },
  preset: {
    kind: "preset",
    help: "Allocation template: experimental, growth or mature (the other fields override it)",
    plan: "/tokenomics/preset",
  },
  vesting: {
    kind: "vesting",
    help: 'Contributor vesting on a v2 TokenManager: "default", "off" or "<immediateBps>:<durationDays>:<cliffDays>"',
    ignition: { name: "vestingConfig", kind: "vestingConfig" },
  },
  fee: {
    kind: "weiAmount",
    help: "Deployment fee to pay, in wei (default: the TokenManager's deploymentFee())",
    ignition: { name: "deploymentFee" },
  },
} as const satisfies Record<string, DeployFieldSpec>;

export type DeployFieldKey = keyof typeof DEPLOY_FIELDS;

export const DEPLOY_FIELD_KEYS = Object.keys(DEPLOY_FIELDS) as DeployFieldKey[];

/** Read amounts as wei rather than whole tokens (the `--wei` flag); not a field of the request. */
export const WEI_FLAG_HELP = "Read the allocations and tokens-per-DeltaOne as wei instead of whole tokens";
