/**
 * The parameters of the Hokusai Ignition modules, checked before Ignition runs.
 *
 * Ignition only checks that a parameter has the right JSON type. Here every parameter
 * of a Hokusai module is read by the rule of its field (the model-token modules' by the
 * deployment's own field table, src/core/deploy/fields.ts), amounts given in whole
 * tokens become wei, and a bad parameter stops the run with one line naming it, its
 * value and the allowed range. `npx hardhat ignition deploy` and `hre.ignition.deploy`
 * both go through here, so a parameter means the same on either path.
 */
import type {
  DeploymentParameters,
  IgnitionModule,
  SolidityParameterType,
} from "@nomicfoundation/ignition-core";

import { MODULE_IDS } from "../../../ignition/modules/builders";
import { DEPLOY_FIELD_KEYS, DEPLOY_FIELDS } from "../../core/deploy/fields";
import { FIELD_RULES } from "../../core/deploy/parse-fields";
import { invalidInput, missingInput } from "../../core/errors";
import {
  BOUNDS,
  parseAddress,
  parseIntegerInRange,
  parseModelId,
  parseTokenAmount,
  UINT256_MAX,
} from "../../core/validate";
import { unknownModuleParameterError } from "../errors";

type Check = (field: string, value: unknown) => SolidityParameterType;

interface ParamSpec {
  check: Check;
  /** Shown in the "is required" message; absent for a parameter with a default. */
  example?: string;
}

const address: Check = (field, value) => parseAddress(field, value);
const weiAmount: Check = (field, value) => parseTokenAmount(field, value, { inWei: true, allowZero: true });
const integer =
  (min: bigint, max: bigint, unit = ""): Check =>
  (field, value) =>
    parseIntegerInRange(field, value, min, max, unit);
const boolean: Check = (field, value) => {
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  throw invalidInput("outOfRange", field, String(value), "must be true or false");
};

const SYSTEM: Record<string, ParamSpec> = {
  owner: { check: address },
  treasury: { check: address },
  deploymentFee: { check: weiAmount },
  deployerRoleRequired: { check: boolean },
};

/** The model-token modules' parameters: the deployment's fields that have an Ignition name. */
const MODEL_TOKEN: Record<string, ParamSpec> = Object.fromEntries(
  DEPLOY_FIELD_KEYS.flatMap((key): Array<[string, ParamSpec]> => {
    const spec = DEPLOY_FIELDS[key] as {
      kind: keyof typeof FIELD_RULES;
      ignition?: { name: string; kind?: keyof typeof FIELD_RULES; example?: string };
    };
    if (spec.ignition === undefined || key === "vesting") return [];
    const rule = FIELD_RULES[spec.ignition.kind ?? spec.kind];
    return [
      [
        spec.ignition.name,
        {
          check: (field, value) => rule(field, value, {}) as SolidityParameterType,
          example: spec.ignition.example,
        },
      ],
    ];
  }),
);

const VESTING_CONFIG: ParamSpec = {
  check: (field, value) => FIELD_RULES.vestingConfig(field, value, {}) as SolidityParameterType,
};

const MODEL_POOL: Record<string, ParamSpec> = {
  modelId: { check: parseModelId, example: '"101" (the platform\'s numeric id)' },
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
  [MODULE_IDS.liveSystem]: {
    owner: { check: address },
    treasury: { check: address },
    deploymentFee: { check: weiAmount },
    ownerUsdc: { check: integer(0n, UINT256_MAX, " (USDC with 6 decimals)") },
  },
  [MODULE_IDS.legacySystem]: {
    owner: { check: address },
    treasury: { check: address },
    deploymentFee: { check: weiAmount },
  },
  [MODULE_IDS.modelToken]: { tokenManager: tokenManagerParam, ...withoutVesting(MODEL_TOKEN) },
  [MODULE_IDS.modelTokenV2]: {
    tokenManager: tokenManagerParam,
    ...MODEL_TOKEN,
    vestingConfig: VESTING_CONFIG,
  },
  [MODULE_IDS.localModelToken]: withoutVesting(MODEL_TOKEN),
  [MODULE_IDS.modelPool]: { tokenManager: tokenManagerParam, ammFactory: ammFactoryParam, ...MODEL_POOL },
  [MODULE_IDS.localModelPool]: MODEL_POOL,
};

function withoutVesting(specs: Record<string, ParamSpec>): Record<string, ParamSpec> {
  const { vestingConfig: _vesting, ...rest } = specs;
  return rest;
}

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
    if (!(name in specs)) throw unknownModuleParameterError(moduleId, name, Object.keys(specs));
  }
  const result: Section = {};
  for (const [name, spec] of Object.entries(specs)) {
    const value = params[name] ?? global[name];
    const field = `${moduleId}.${name}`;
    if (value === undefined || value === null) {
      if (spec.example !== undefined) {
        throw missingInput(
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

/** True when the deployment has a Hokusai module, whose parameters are checked here. */
export function hasHokusaiModule(root: IgnitionModule): boolean {
  return modulesOf(root).some((module) => MODULE_PARAMETERS[module.id] !== undefined);
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
    throw invalidInput(
      "invalidModelId",
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
