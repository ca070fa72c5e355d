/**
 * The rule of each kind of deployment field (fields.ts), for every way a value comes
 * in: a flag's string, a plan's or manifest's string or number, an Ignition
 * parameter's string, number or bigint. One rule per kind, so a value means the same
 * wherever it is written.
 */
import path from "path";

import { invalidInput, unknownModuleParameterError } from "../errors";
import { findPreset, PRESET_NAMES } from "../presets";
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
} from "../validate";
import { DEPLOY_FIELD_KEYS, DEPLOY_FIELDS, type DeployFieldKey, type FieldKind } from "./fields";
import type { DeployFields, VestingConfig } from "./request";

export interface ParseOptions {
  /** Amounts written as plain numbers are wei rather than whole tokens (`--wei`). */
  inWei?: boolean;
  /** A relative license file is relative to this folder (a plan's or manifest's). */
  baseDir?: string;
}

const MAX_UINT64 = (1n << 64n) - 1n;

/** `--vesting`: "default", "off" or "<immediateBps>:<durationDays>:<cliffDays>"; in a file, also a VestingConfig object. */
export function parseVesting(field: string, value: unknown): VestingConfig | "default" {
  // A file may give the contract's own struct (seconds), as the platform's launch file does.
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return parseVestingConfig(field, value);
  }
  const text = String(value).trim();
  if (text === "default") return "default";
  if (text === "off")
    return { enabled: false, immediateUnlockBps: 10000, vestingDurationSeconds: 0n, cliffSeconds: 0n };
  const parts = text.split(":");
  if (parts.length !== 3) {
    throw invalidInput(
      "invalidVesting",
      field,
      text,
      'expected "default", "off" or "<immediateBps>:<durationDays>:<cliffDays>", e.g. 1000:365:30',
    );
  }
  const immediateUnlockBps = Number(parseIntegerInRange(field, parts[0], 0, 10000, " (immediateBps)"));
  const days = parseIntegerInRange(field, parts[1], 1, 3650, " (durationDays)");
  const cliff = parseIntegerInRange(field, parts[2], 0, days, " (cliffDays)");
  return {
    enabled: true,
    immediateUnlockBps,
    vestingDurationSeconds: days * 86_400n,
    cliffSeconds: cliff * 86_400n,
  };
}

function parseBoolean(field: string, value: unknown): boolean {
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  throw invalidInput("outOfRange", field, String(value), "must be true or false");
}

const VESTING_KEYS = ["enabled", "immediateUnlockBps", "vestingDurationSeconds", "cliffSeconds"] as const;

/** A VestingConfig object as a file writes it; all zero (the default) means the contract's defaults. */
export function parseVestingConfig(field: string, value: unknown): VestingConfig {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidInput(
      "outOfRange",
      field,
      JSON.stringify(value) ?? String(value),
      `must be an object { ${VESTING_KEYS.join(", ")} }`,
    );
  }
  const given = value as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    if (!(VESTING_KEYS as readonly string[]).includes(name))
      throw unknownModuleParameterError(field, name, [...VESTING_KEYS]);
  }
  const config: VestingConfig = {
    enabled: given.enabled === undefined ? false : parseBoolean(`${field}.enabled`, given.enabled),
    immediateUnlockBps: Number(
      parseIntegerInRange(
        `${field}.immediateUnlockBps`,
        given.immediateUnlockBps ?? 0,
        0,
        10_000,
        " basis points",
      ),
    ),
    vestingDurationSeconds: parseIntegerInRange(
      `${field}.vestingDurationSeconds`,
      given.vestingDurationSeconds ?? 0,
      0,
      MAX_UINT64,
      " seconds",
    ),
    cliffSeconds: parseIntegerInRange(
      `${field}.cliffSeconds`,
      given.cliffSeconds ?? 0,
      0,
      MAX_UINT64,
      " seconds",
    ),
  };
  // The live contract's rules for an enabled schedule (all zero means its defaults).
  if (config.enabled && config.vestingDurationSeconds === 0n) {
    throw invalidInput(
      "outOfRange",
      `${field}.vestingDurationSeconds`,
      "0",
      "must be more than 0 when vesting is enabled",
    );
  }
  if (config.enabled && config.cliffSeconds > config.vestingDurationSeconds) {
    throw invalidInput(
      "outOfRange",
      `${field}.cliffSeconds`,
      String(config.cliffSeconds),
      `must be from 0 to vestingDurationSeconds (${config.vestingDurationSeconds})`,
    );
  }
  return config;
}

/** An oracle price: US dollars ("2.5"), or a bigint already in 6-decimal units (Ignition's "2500000n"). */
function parseOraclePrice(field: string, value: unknown): bigint {
  if (typeof value !== "bigint") return parseOraclePriceUsd(field, value);
  return parseIntegerInRange(
    field,
    value,
    0n,
    BOUNDS.oraclePriceMax,
    " (USD with 6 decimals; 0 leaves it unset)",
  );
}

function parsePresetName(field: string, value: unknown) {
  const preset = findPreset(String(value));
  if (preset === undefined) {
    throw invalidInput("unknownPreset", field, String(value), `use one of ${PRESET_NAMES.join(", ")}`);
  }
  return preset.name;
}

/** The rule of each kind. */
export const FIELD_RULES: Record<
  FieldKind,
  (field: string, value: unknown, options: ParseOptions) => unknown
> = {
  modelId: parseModelId,
  name: parseTokenName,
  symbol: parseSymbol,
  tokenAmount: (field, value, { inWei }) => parseTokenAmount(field, value, { inWei }),
  tokensPerDeltaOne: (field, value, { inWei }) => parseTokensPerDeltaOne(field, value, { inWei }),
  address: (field, value) => parseAddress(field, value),
  accrualBps: parseAccrualBps,
  oraclePrice: parseOraclePrice,
  licenseFile: (_field, value, { baseDir }) => path.resolve(baseDir ?? process.cwd(), String(value)),
  bytes32: parseBytes32,
  licenseUri: parseLicenseUri,
  preset: parsePresetName,
  vesting: parseVesting,
  vestingConfig: parseVestingConfig,
  weiAmount: (field, value) => parseTokenAmount(field, value, { inWei: true, allowZero: true }),
};

function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === "string" && value === "");
}

/** One field's value, read by its rule; the error names the field by its key. */
export function parseDeployField(key: DeployFieldKey, value: unknown, options: ParseOptions = {}): unknown {
  return FIELD_RULES[DEPLOY_FIELDS[key].kind](key, value, options);
}

/**
 * The deployment fields among `raw` (keys as in fields.ts), each read by its rule;
 * what is not given stays out. Keys that are not fields are left to the caller.
 */
export function parseDeployFields(raw: Record<string, unknown>, options: ParseOptions = {}): DeployFields {
  const fields: Record<string, unknown> = {};
  for (const key of DEPLOY_FIELD_KEYS) {
    if (isGiven(raw[key])) fields[key] = parseDeployField(key, raw[key], options);
  }
  return fields as DeployFields;
}
