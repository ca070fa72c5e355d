/**
 * `npx hardhat ignition deploy` with the Hokusai modules' parameters checked first.
 *
 * Ignition only checks that a parameter has the right JSON type. This override of the
 * `ignition deploy` task reads the parameters the same way Ignition does, checks every
 * parameter of the Hokusai modules being deployed with src/core/validate.ts, turns
 * amounts given in whole tokens into wei, and only then hands over to Ignition. A bad
 * parameter stops the run with one line naming it, its value and the allowed range,
 * before anything is compiled or sent.
 *
 * It also refuses to trust a deployment record whose contracts are not on the chain
 * (a restarted node or another chain behind the same chain id). Ignition itself
 * notices this only on chain 31337, through the node's hardhat_metadata instanceId.
 */
import fs from "fs";
import path from "path";

import type {
  DeploymentParameters,
  IgnitionModule,
  SolidityParameterType,
} from "@nomicfoundation/ignition-core";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { DEFAULT_VESTING_CONFIG, MODULE_IDS } from "../ignition/modules/builders";
import {
  BOUNDS,
  parseAccrualBps,
  parseAddress,
  parseBytes32,
  parseIntegerInRange,
  parseLicenseUri,
  parseModelId,
  parseOraclePriceUsd,
  parseSymbol,
  parseTokenAmount,
  parseTokenName,
  parseTokensPerDeltaOne,
  UINT256_MAX,
} from "./core/validate";
import {
  InvalidParamError,
  MissingParamError,
  ParametersFileError,
  StaleIgnitionDeploymentError,
  UnknownModuleParameterError,
} from "./errors";

// ---------------------------------------------------------------------------
// The parameters of each module

type Check = (field: string, value: unknown) => SolidityParameterType;

interface ParamSpec {
  check: Check;
  /** Shown in the "is required" message; absent for a parameter with a default. */
  example?: string;
}

const MAX_UINT64 = (1n << 64n) - 1n;

const address: Check = (field, value) => parseAddress(field, value);
const weiAmount: Check = (field, value) => parseTokenAmount(field, value, { inWei: true, allowZero: true });
/** Whole tokens ("400000"), or wei with a "wei" suffix or in Ignition's bigint form ("400000000000000000000000n"). */
const tokenAmount: Check = (field, value) => parseTokenAmount(field, value);

const boolean: Check = (field, value) => {
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  throw new InvalidParamError("HOK207", field, String(value), "must be true or false");
};

const integer =
  (min: bigint, max: bigint, unit = ""): Check =>
  (field, value) =>
    parseIntegerInRange(field, value, min, max, unit);

/** US dollars per 1000 calls ("2.5"); a bigint (Ignition's "2500000n") is already in 6-decimal units. */
const oraclePrice: Check = (field, value) => {
  if (typeof value !== "bigint") return parseOraclePriceUsd(field, value);
  return parseIntegerInRange(
    field,
    value,
    0n,
    BOUNDS.oraclePriceMax,
    " (USD with 6 decimals; 0 leaves it unset)",
  );
};

const VESTING_FIELDS: Record<string, Check> = {
  enabled: boolean,
  immediateUnlockBps: integer(0n, 10_000n, " basis points"),
  vestingDurationSeconds: integer(0n, MAX_UINT64, " seconds"),
  cliffSeconds: integer(0n, MAX_UINT64, " seconds"),
};

const vestingConfig: Check = (field, value) => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidParamError(
      "HOK207",
      field,
      JSON.stringify(value) ?? String(value),
      `must be an object { ${Object.keys(VESTING_FIELDS).join(", ")} }`,
    );
  }
  const given = value as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    if (!(name in VESTING_FIELDS))
      throw new UnknownModuleParameterError(field, name, Object.keys(VESTING_FIELDS));
  }
  const result: Record<string, SolidityParameterType> = {};
  for (const [name, check] of Object.entries(VESTING_FIELDS)) {
    const fieldValue = given[name] ?? DEFAULT_VESTING_CONFIG[name as keyof typeof DEFAULT_VESTING_CONFIG];
    result[name] = check(`${field}.${name}`, fieldValue);
  }
  // The live contract's rules for an enabled schedule (all zero means its defaults).
  const duration = result.vestingDurationSeconds as bigint;
  if (result.enabled === true && duration === 0n) {
    throw new InvalidParamError(
      "HOK207",
      `${field}.vestingDurationSeconds`,
      "0",
      "must be more than 0 when vesting is enabled",
    );
  }
  if (result.enabled === true && (result.cliffSeconds as bigint) > duration) {
    throw new InvalidParamError(
      "HOK207",
      `${field}.cliffSeconds`,
      String(result.cliffSeconds),
      `must be from 0 to vestingDurationSeconds (${duration})`,
    );
  }
  return result;
};

const SYSTEM: Record<string, ParamSpec> = {
  owner: { check: address },
  treasury: { check: address },
  deploymentFee: { check: weiAmount },
  deployerRoleRequired: { check: boolean },
};

const MODEL_TOKEN: Record<string, ParamSpec> = {
  modelId: { check: parseModelId, example: '"sentiment-v2"' },
  name: { check: parseTokenName, example: '"Sentiment Model"' },
  symbol: { check: parseSymbol, example: '"SENT" (3 to 6 uppercase letters)' },
  modelSupplierAllocation: { check: tokenAmount, example: '"400000" (whole tokens; "...wei" for wei)' },
  modelSupplierRecipient: { check: address, example: '"0x..." (a non-zero address)' },
  investorAllocation: { check: tokenAmount, example: '"600000" (whole tokens; "...wei" for wei)' },
  tokensPerDeltaOne: { check: parseTokensPerDeltaOne, example: '"100000" (100 to 10,000,000 tokens)' },
  infrastructureAccrualBps: { check: parseAccrualBps, example: "5000 (1000 to 10000)" },
  initialOraclePricePerThousandUsd: { check: oraclePrice },
  licenseHash: { check: parseBytes32, example: '"0x..." (keccak256 of the license text)' },
  licenseURI: { check: parseLicenseUri, example: '"ipfs://<cid>/license.md"' },
  governor: { check: address, example: '"0x..." (a multisig in production)' },
  deploymentFee: { check: weiAmount },
};

const MODEL_POOL: Record<string, ParamSpec> = {
  modelId: { check: parseModelId, example: '"sentiment-v2"' },
  crr: { check: integer(BOUNDS.crrMin, BOUNDS.crrMax, " ppm") },
  tradeFee: { check: integer(0n, BOUNDS.tradeFeeMax, " basis points") },
  ibrDuration: { check: integer(BOUNDS.ibrDurationMin, BOUNDS.ibrDurationMax, " seconds (1 to 30 days)") },
  flatCurveThreshold: { check: integer(1n, UINT256_MAX, " (USDC with 6 decimals)") },
  flatCurvePrice: { check: integer(1n, UINT256_MAX, " (USDC with 6 decimals)") },
};

const tokenManagerParam: ParamSpec = { check: address, example: '"0x..." (the TokenManager)' };
const ammFactoryParam: ParamSpec = { check: address, example: '"0x..." (the HokusaiAMMFactory)' };

/** The parameters of every module in ignition/modules/, by module id. */
export const MODULE_PARAMETERS: Record<string, Record<string, ParamSpec>> = {
  [MODULE_IDS.system]: SYSTEM,
  [MODULE_IDS.systemV2]: SYSTEM,
  [MODULE_IDS.systemExistingUsdc]: {
    ...SYSTEM,
    usdc: { check: address, example: '"0x..." (the USDC token)' },
  },
  [MODULE_IDS.modelToken]: { tokenManager: tokenManagerParam, ...MODEL_TOKEN },
  [MODULE_IDS.modelTokenV2]: {
    tokenManager: tokenManagerParam,
    ...MODEL_TOKEN,
    vestingConfig: { check: vestingConfig },
  },
  [MODULE_IDS.localModelToken]: MODEL_TOKEN,
  [MODULE_IDS.modelPool]: { tokenManager: tokenManagerParam, ammFactory: ammFactoryParam, ...MODEL_POOL },
  [MODULE_IDS.localModelPool]: MODEL_POOL,
};

type Section = Record<string, SolidityParameterType>;

/**
 * Checks the parameters of one Hokusai module and returns them as the module takes
 * them (amounts in wei as bigint, bps as numbers). `global` is the file's "$global"
 * section, which Ignition reads when the module's own section lacks a name. Parameters
 * of modules that are not Hokusai's are returned unchanged.
 */
export function validateModuleParameters(
  moduleId: string,
  params: Record<string, unknown> = {},
  global: Record<string, unknown> = {},
): Section {
  const specs = MODULE_PARAMETERS[moduleId];
  if (specs === undefined) return { ...params } as Section;
  for (const name of Object.keys(params)) {
    if (!(name in specs)) throw new UnknownModuleParameterError(moduleId, name, Object.keys(specs));
  }
  const result: Section = {};
  for (const [name, spec] of Object.entries(specs)) {
    const value = params[name] ?? global[name];
    const field = `${moduleId}.${name}`;
    if (value === undefined || value === null) {
      if (spec.example !== undefined) {
        throw new MissingParamError(
          field,
          `add "${name}": ${spec.example} to the "${moduleId}" section of the parameters file`,
        );
      }
      continue;
    }
    result[name] = spec.check(field, value);
  }
  return result;
}

/** Parameters as a file gives them: one section per module id (and "$global"), values not yet checked. */
export type RawDeploymentParameters = Record<string, Record<string, unknown> | undefined>;

/** Every module of a deployment: the root and its submodules, each once. */
export function modulesOf(root: IgnitionModule): IgnitionModule[] {
  const seen = new Map<string, IgnitionModule>();
  const visit = (module: IgnitionModule): void => {
    if (seen.has(module.id)) return;
    seen.set(module.id, module);
    module.submodules.forEach(visit);
  };
  visit(root);
  return [...seen.values()];
}

/**
 * Checks the parameters of every Hokusai module in `root`'s deployment and returns the
 * deployment parameters with those sections normalised. Throws the first problem.
 */
export function validateDeploymentParameters(
  root: IgnitionModule,
  parameters: RawDeploymentParameters = {},
): DeploymentParameters {
  const global = parameters.$global ?? {};
  const result = { ...parameters } as DeploymentParameters;
  for (const module of modulesOf(root)) {
    if (MODULE_PARAMETERS[module.id] === undefined) continue;
    result[module.id] = validateModuleParameters(module.id, parameters[module.id], global);
  }
  const tokenModelId = result[MODULE_IDS.localModelToken]?.modelId;
  const poolModelId = result[MODULE_IDS.localModelPool]?.modelId;
  if (tokenModelId !== undefined && poolModelId !== undefined && tokenModelId !== poolModelId) {
    throw new InvalidParamError(
      "HOK203",
      `${MODULE_IDS.localModelPool}.modelId`,
      String(poolModelId),
      `must be the modelId of ${MODULE_IDS.localModelToken} ("${String(tokenModelId)}"); write it once under "$global"`,
    );
  }
  return result;
}

/** JSON in Ignition's own notation: a bigint is written as the string "<digits>n". */
export function serializeParameters(parameters: DeploymentParameters): string {
  return JSON.stringify(parameters, (_key, value: unknown) =>
    typeof value === "bigint" ? `${value}n` : value,
  );
}

// ---------------------------------------------------------------------------
// The task override

export interface IgnitionDeployArgs {
  modulePath: string;
  parameters?: string;
  deploymentId?: string;
  reset: boolean;
  [other: string]: unknown;
}

const DEPLOYMENT_ID = /^[a-zA-Z][a-zA-Z0-9_-]*$/;
const HARDHAT_DEV_CHAIN_ID = 31337;

/** Ignition's own JSON5 parser (a dependency of hardhat-ignition), so both read a file the same way. */
function parseJson5(text: string): unknown {
  const ignitionDir = path.dirname(require.resolve("@nomicfoundation/hardhat-ignition"));
  const json5 = require(require.resolve("json5", { paths: [ignitionDir] })) as {
    parse: (text: string, reviver: (key: string, value: unknown) => unknown) => unknown;
  };
  return json5.parse(text, (key, value) => {
    if (typeof value === "string" && /^\d+n$/.test(value)) return BigInt(value.slice(0, -1));
    if (typeof value === "number" && value > Number.MAX_SAFE_INTEGER) {
      throw new Error(
        `"${key}" is too large for a JSON number; write it as a string ("${value}" loses digits)`,
      );
    }
    return value;
  });
}

/** The parameters as Ignition would resolve them: a file, an inline JSON string, or <ignition>/<id>.config.json. */
function readParameters(
  given: string | undefined,
  ignitionDir: string,
  moduleId: string,
): DeploymentParameters | undefined {
  let file: string | undefined;
  let text: string;
  if (given === undefined) {
    file = path.join(ignitionDir, `${moduleId}.config.json`);
    if (!fs.existsSync(file)) return undefined;
  } else if (given.endsWith(".json") || given.endsWith(".json5")) {
    file = path.resolve(process.cwd(), given);
  }
  try {
    text = file === undefined ? (given as string) : fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new ParametersFileError(
      given ?? file ?? "",
      (error as NodeJS.ErrnoException).code ?? String(error),
    );
  }
  try {
    const parsed = parseJson5(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new Error("expected an object with one section per module id");
    }
    return parsed as DeploymentParameters;
  } catch (error) {
    throw new ParametersFileError(
      file ?? "given inline",
      error instanceof Error ? error.message : String(error),
    );
  }
}

function isIgnitionModule(value: unknown): value is IgnitionModule {
  return typeof value === "object" && value !== null && "id" in value && "submodules" in value;
}

/** The module at `modulePath`, or undefined when it cannot be loaded (Ignition then reports why). */
function tryLoadModule(modulePath: string): IgnitionModule | undefined {
  try {
    const exported = require(path.resolve(modulePath)) as { default?: unknown };
    const module = exported.default ?? exported;
    return isIgnitionModule(module) ? module : undefined;
  } catch {
    return undefined;
  }
}

/**
 * On a chain other than 31337, every contract the deployment record names must have
 * code: otherwise Ignition would report "Nothing new to deploy" with addresses of a
 * chain that is gone.
 */
export async function checkDeploymentRecord(
  hre: HardhatRuntimeEnvironment,
  deploymentId: string | undefined,
): Promise<void> {
  if (hre.network.name === "hardhat") return;
  if (deploymentId !== undefined && !DEPLOYMENT_ID.test(deploymentId)) return;
  const chainId = Number(await hre.network.provider.request({ method: "eth_chainId" }));
  if (chainId === HARDHAT_DEV_CHAIN_ID) return; // Ignition compares hardhat_metadata's instanceId itself.
  const deploymentDir = path.join(
    hre.config.paths.ignition,
    "deployments",
    deploymentId ?? `chain-${chainId}`,
  );
  const recordFile = path.join(deploymentDir, "deployed_addresses.json");
  if (!fs.existsSync(recordFile)) return;
  const recorded = JSON.parse(fs.readFileSync(recordFile, "utf8")) as Record<string, string>;
  const codes = await Promise.all(
    Object.entries(recorded).map(async ([futureId, contract]) => ({
      futureId,
      contract,
      code: (await hre.network.provider.request({
        method: "eth_getCode",
        params: [contract, "latest"],
      })) as string,
    })),
  );
  const missing = codes.find(({ code }) => code === "0x" || code === "");
  if (missing !== undefined) {
    throw new StaleIgnitionDeploymentError(
      path.relative(process.cwd(), deploymentDir) || deploymentDir,
      missing.futureId,
      missing.contract,
      chainId,
      hre.network.name,
    );
  }
}

/** The `ignition deploy` override's work: check the parameters and the record, then hand over. */
export async function checkedIgnitionDeploy(
  args: IgnitionDeployArgs,
  hre: HardhatRuntimeEnvironment,
  runSuper: (args: IgnitionDeployArgs) => Promise<unknown>,
): Promise<unknown> {
  const root = tryLoadModule(args.modulePath);
  let forwarded = args;
  if (root !== undefined && modulesOf(root).some((module) => MODULE_PARAMETERS[module.id] !== undefined)) {
    const parameters = readParameters(args.parameters, hre.config.paths.ignition, root.id);
    forwarded = { ...args, parameters: serializeParameters(validateDeploymentParameters(root, parameters)) };
  }
  if (!args.reset) await checkDeploymentRecord(hre, args.deploymentId);
  return runSuper(forwarded);
}
