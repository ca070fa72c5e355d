/**
 * The platform's own launch file (`sepolia-launch-tokens.json`, version 1): the tokens
 * it launches, each with its deployment fields, its distribution timing, whether its
 * pool is public, and its pool; and `requiredGovernor`, the platform's guard that every
 * token is governed by its Safe. Every value is read by the rule of its field, and every
 * problem of the file is reported at once.
 */
import path from "path";

import { getAddress } from "ethers";

import type { PoolParams } from "../backend/pool-params";
import { parsePoolParams, parseUsdcAmount } from "../backend/pool-params";
import { parseDeployField } from "../deploy/parse-fields";
import type { DeployFieldKey } from "../deploy/fields";
import type { DeployFields } from "../deploy/request";
import { HokusaiError, ruleOf } from "../errors";
import { parsePlanText, planFormat, readPlanText } from "../plan/parse";
import { showValue } from "../plan/schema";
import { parseAddress } from "../validate";
import { invalidLaunchFileError, requiredGovernorError } from "./errors";

/** The launch of one entry of the file, beside its token's fields. */
export interface LaunchFileEntry {
  index: number;
  /** `tokens[0] (hmess, 28)`. */
  label: string;
  configKey: string;
  fields: DeployFields;
  /** Distribute the supplier allocation in the launch ("pre-launch"), or after verification. */
  distribute: boolean;
  public: boolean;
  pool: Partial<PoolParams>;
  performanceMetric: string;
  initialReserve: bigint;
  /** What the chain does not keep: the configKey, the pool's name, the timing. */
  metadata: Record<string, unknown>;
}

export interface LaunchFile {
  file: string;
  version: 1;
  requiredGovernor?: string;
  entries: LaunchFileEntry[];
}

/** The file's names of the deployment's fields. */
const FIELDS: Record<string, DeployFieldKey> = {
  modelId: "modelId",
  name: "name",
  symbol: "symbol",
  supplierRecipient: "modelSupplierRecipient",
  supplierAllocation: "modelSupplierAllocation",
  investorAllocation: "investorAllocation",
  tokensPerDeltaOne: "tokensPerDeltaOne",
  infrastructureAccrualBps: "infrastructureAccrualBps",
  initialOraclePricePerThousandUsd: "initialOraclePricePerThousandUsd",
  licenseHash: "licenseHash",
  licenseURI: "licenseUri",
  governor: "governor",
  vestingConfig: "vesting",
};
const ENTRY_KEYS = new Set([...Object.keys(FIELDS), "configKey", "distributionTiming", "public", "pool"]);
const POOL_KEYS = [
  "name",
  "performanceMetric",
  "initialReserveUsdc",
  "crr",
  "tradeFee",
  "ibrSeconds",
  "flatCurveThresholdUsdc",
  "flatCurvePriceUsdc",
];

/** The file's names of a pool's parameters. */
const POOL_PARAMS: Array<[string, keyof PoolParams]> = [
  ["crr", "crr"],
  ["tradeFee", "tradeFee"],
  ["ibrSeconds", "ibrDuration"],
  ["flatCurveThresholdUsdc", "flatCurveThreshold"],
  ["flatCurvePriceUsdc", "flatCurvePrice"],
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True for the platform's format: `{ "version": 1, "tokens": [...] }`. */
export function isLaunchFile(data: unknown): boolean {
  return isObject(data) && data.version === 1 && Array.isArray(data.tokens) && !("models" in data);
}

/** Reads the file's value with the rule of `key`; a bad one becomes a problem line. */
function read<T>(where: string, value: unknown, parse: () => T, problems: string[]): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof HokusaiError)) throw error;
    problems.push(`${where} ${showValue(value)} is invalid: ${ruleOf(error)}`);
    return undefined;
  }
}

function entryOf(raw: unknown, i: number, problems: string[]): LaunchFileEntry | undefined {
  const where = `tokens[${i}]`;
  if (!isObject(raw)) {
    problems.push(`${where} must be an object`);
    return undefined;
  }
  for (const key of Object.keys(raw)) {
    if (!ENTRY_KEYS.has(key) && !key.startsWith("_"))
      problems.push(`${where}.${key} is not a field of a launch file's token`);
  }
  const fields: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(FIELDS)) {
    const value = raw[key];
    if (value === undefined) {
      if (field !== "initialOraclePricePerThousandUsd") problems.push(`${where}.${key} is required`);
      continue;
    }
    fields[field] = read(`${where}.${key}`, value, () => parseDeployField(field, value), problems);
  }
  const timing = raw.distributionTiming;
  if (timing !== "pre-launch" && timing !== "post-verification") {
    problems.push(
      `${where}.distributionTiming ${showValue(timing)} is invalid: use "pre-launch" or "post-verification"`,
    );
  }
  if (raw.public !== undefined && typeof raw.public !== "boolean") {
    problems.push(`${where}.public ${showValue(raw.public)} is invalid: must be true or false`);
  }
  if (typeof raw.configKey !== "string" || raw.configKey === "")
    problems.push(`${where}.configKey is required`);
  const pool = isObject(raw.pool) ? raw.pool : undefined;
  if (pool === undefined) {
    problems.push(
      `${where}.pool is required: the pool's name, performanceMetric, initialReserveUsdc and curve`,
    );
    return undefined;
  }
  for (const key of POOL_KEYS) if (pool[key] === undefined) problems.push(`${where}.pool.${key} is required`);
  const params: Partial<PoolParams> = {};
  for (const [fileKey, key] of POOL_PARAMS) {
    const value = pool[fileKey];
    if (value === undefined) continue;
    const parsed = read(
      `${where}.pool.${fileKey}`,
      value,
      () => parsePoolParams({ [key]: value as string }),
      problems,
    );
    if (parsed?.[key] !== undefined) params[key] = parsed[key];
  }
  const reserve = read(
    `${where}.pool.initialReserveUsdc`,
    pool.initialReserveUsdc,
    () => parseUsdcAmount("initialReserveUsdc", pool.initialReserveUsdc, { allowZero: true }),
    problems,
  );
  const configKey = String(raw.configKey ?? "");
  return {
    index: i + 1,
    label: `${where} (${configKey}, ${String(raw.modelId)})`,
    configKey,
    fields: fields as DeployFields,
    distribute: timing === "pre-launch",
    public: raw.public === true,
    pool: params,
    performanceMetric: String(pool.performanceMetric ?? ""),
    initialReserve: reserve ?? 0n,
    metadata: { configKey, poolName: pool.name, distributionTiming: timing },
  };
}

/** Reads and checks a launch file; every problem of it is reported at once. */
export async function loadLaunchFile(file: string): Promise<LaunchFile> {
  const absolute = path.resolve(file);
  const format = planFormat(absolute);
  const data = await parsePlanText(await readPlanText(absolute), format, file);
  return checkLaunchFile(data, file, absolute);
}

/** Checks the parsed data of a launch file. */
export function checkLaunchFile(data: unknown, file: string, absolute = path.resolve(file)): LaunchFile {
  if (!isLaunchFile(data)) throw invalidLaunchFileError(file, ['expected { "version": 1, "tokens": [...] }']);
  const doc = data as { requiredGovernor?: unknown; tokens: unknown[] };
  const problems: string[] = [];
  const requiredGovernor =
    doc.requiredGovernor === undefined
      ? undefined
      : read(
          "requiredGovernor",
          doc.requiredGovernor,
          () => parseAddress("requiredGovernor", doc.requiredGovernor),
          problems,
        );
  const entries = doc.tokens
    .map((raw, i) => entryOf(raw, i, problems))
    .filter((entry): entry is LaunchFileEntry => entry !== undefined);
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const id = entry.fields.modelId;
    if (id === undefined) continue;
    const first = seen.get(id);
    if (first !== undefined)
      problems.push(`${entry.label}: modelId "${id}" is also the model id of ${first}`);
    else seen.set(id, entry.label);
  }
  if (entries.length === 0 && problems.length === 0) problems.push("the file lists no tokens");
  if (problems.length > 0) throw invalidLaunchFileError(file, problems);
  if (requiredGovernor !== undefined) {
    const off = entries.filter(
      (e) => e.fields.governor !== undefined && getAddress(e.fields.governor) !== requiredGovernor,
    );
    if (off.length > 0) {
      throw requiredGovernorError(
        file,
        requiredGovernor,
        off.map((e) => `${e.label} names ${e.fields.governor}`),
      );
    }
  }
  return { file: absolute, version: 1, requiredGovernor, entries };
}
