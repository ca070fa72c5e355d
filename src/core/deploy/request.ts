/**
 * From a deployment's fields, however they were given (flags, a plan, a manifest
 * entry, Ignition parameters), to the checked request that is sent. Each source is
 * read into typed fields by the rules of its kind (parse-fields.ts); fields from
 * several sources merge as typed values; the preset and the defaults fill in the rest.
 */
import { fieldRef, missingInput, msg, templateParts } from "../errors";
import { hashLicenseBytes, readLicenseFile } from "../license/hash";
import { findPreset, type PresetName } from "../presets";
import { invalidInput } from "../errors";
import { DEPLOY_FIELDS, type DeployFieldKey } from "./fields";

export interface VestingConfig {
  enabled: boolean;
  immediateUnlockBps: number;
  vestingDurationSeconds: bigint;
  cliffSeconds: bigint;
}

/** All-zero: the contract's defaults (enabled, 10% immediate, 365 days, no cliff). */
export const DEFAULT_VESTING: VestingConfig = {
  enabled: false,
  immediateUnlockBps: 0,
  vestingDurationSeconds: 0n,
  cliffSeconds: 0n,
};

/** The guide's parameters, checked and in on-chain units. */
export interface DeployTokenRequest {
  modelId: string;
  name: string;
  symbol: string;
  modelSupplierAllocation: bigint;
  modelSupplierRecipient: string;
  investorAllocation: bigint;
  tokensPerDeltaOne: bigint;
  infrastructureAccrualBps: number;
  initialOraclePricePerThousandUsd: bigint;
  licenseHash: string;
  licenseURI: string;
  governor: string;
  /** Used by a v2 TokenManager only; undefined: the contract's defaults. */
  vesting?: VestingConfig;
  /** Wei to pay; default: the TokenManager's deploymentFee(). */
  fee?: bigint;
}

/** A deployment's fields as read from one source: typed, each optional until resolved. */
export interface DeployFields {
  modelId?: string;
  name?: string;
  symbol?: string;
  modelSupplierAllocation?: bigint;
  modelSupplierRecipient?: string;
  investorAllocation?: bigint;
  tokensPerDeltaOne?: bigint;
  infrastructureAccrualBps?: number;
  initialOraclePricePerThousandUsd?: bigint;
  /** Absolute path of the license file. */
  licenseFile?: string;
  licenseHash?: string;
  licenseUri?: string;
  governor?: string;
  preset?: PresetName;
  /** "default": the contract's defaults. */
  vesting?: VestingConfig | "default";
  fee?: bigint;
}

const LICENSE_FIELDS = ["licenseFile", "licenseHash"] as const;

/**
 * `over`'s fields over `base`'s. A license in `over` (file or hash) replaces the whole
 * license of `base`; a preset in `over` replaces `base`'s preset, whose figures were
 * never copied into the fields, so `base`'s own figures still stand over it.
 */
export function mergeDeployFields(base: DeployFields, over: DeployFields): DeployFields {
  const merged: DeployFields = { ...base };
  if (LICENSE_FIELDS.some((field) => over[field] !== undefined)) {
    for (const field of LICENSE_FIELDS) delete merged[field];
  }
  for (const [key, value] of Object.entries(over) as Array<[keyof DeployFields, unknown]>) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** Where a missing address may come from after the fields: the config, or the signer on a dev chain. */
export interface DeployDefaults {
  governor?: string;
  modelSupplierRecipient?: string;
}

export interface ResolvedDeployment {
  request: DeployTokenRequest;
  /** The license file's bytes, when one was given: checked against what is published. */
  licenseBytes?: Uint8Array;
  preset?: PresetName;
  /** Which figures came from the preset rather than the fields. */
  fromPreset: DeployFieldKey[];
}

function required<T>(key: DeployFieldKey, value: T | undefined): T {
  if (value === undefined) {
    const spec = DEPLOY_FIELDS[key] as { missing?: string };
    throw missingInput(key, templateParts(spec.missing ?? "pass it"));
  }
  return value;
}

/**
 * Fills in the preset's figures and the defaults, requires every field the contract
 * needs, and reads the license file (its exact bytes are hashed, as the guide's step 2).
 */
export async function resolveDeployRequest(
  fields: DeployFields,
  defaults: DeployDefaults = {},
): Promise<ResolvedDeployment> {
  const preset = fields.preset === undefined ? undefined : findPreset(fields.preset);
  const fromPreset: DeployFieldKey[] = [];
  const figure = <K extends "modelSupplierAllocation" | "investorAllocation" | "tokensPerDeltaOne">(
    key: K,
  ) => {
    if (fields[key] !== undefined || preset === undefined) return fields[key];
    fromPreset.push(key);
    const whole = BigInt(preset[key]);
    return whole * 10n ** 18n;
  };
  const modelId = required("modelId", fields.modelId);
  const name = required("name", fields.name);
  const symbol = required("symbol", fields.symbol);
  const modelSupplierAllocation = required("modelSupplierAllocation", figure("modelSupplierAllocation"));
  const investorAllocation = required("investorAllocation", figure("investorAllocation"));
  const tokensPerDeltaOne = required("tokensPerDeltaOne", figure("tokensPerDeltaOne"));
  let infrastructureAccrualBps = fields.infrastructureAccrualBps;
  if (infrastructureAccrualBps === undefined && preset !== undefined) {
    infrastructureAccrualBps = preset.infrastructureAccrualBps;
    fromPreset.push("infrastructureAccrualBps");
  }
  const modelSupplierRecipient = required(
    "modelSupplierRecipient",
    fields.modelSupplierRecipient ?? defaults.modelSupplierRecipient,
  );
  const governor = required("governor", fields.governor ?? defaults.governor);
  const licenseURI = required("licenseUri", fields.licenseUri);

  let licenseHash: string;
  let licenseBytes: Uint8Array | undefined;
  if (fields.licenseFile !== undefined) {
    licenseBytes = await readLicenseFile(fields.licenseFile, "licenseFile");
    licenseHash = hashLicenseBytes(licenseBytes);
    if (fields.licenseHash !== undefined && fields.licenseHash !== licenseHash) {
      throw invalidInput(
        "licenseHashMismatch",
        "licenseHash",
        fields.licenseHash,
        msg`it differs from keccak256 of ${fields.licenseFile} (${licenseHash}); pass only one of ${fieldRef("licenseFile")} and ${fieldRef("licenseHash")}`,
      );
    }
  } else if (fields.licenseHash !== undefined) {
    licenseHash = fields.licenseHash;
  } else {
    throw missingInput(
      "licenseFile",
      msg`pass ${fieldRef("licenseFile")} <the exact file you publish at the license URI> (or ${fieldRef("licenseHash")} 0x...)`,
    );
  }

  return {
    request: {
      modelId,
      name,
      symbol,
      modelSupplierAllocation,
      modelSupplierRecipient,
      investorAllocation,
      tokensPerDeltaOne,
      infrastructureAccrualBps: required("infrastructureAccrualBps", infrastructureAccrualBps),
      initialOraclePricePerThousandUsd: fields.initialOraclePricePerThousandUsd ?? 0n,
      licenseHash,
      licenseURI,
      governor,
      vesting: fields.vesting === "default" ? undefined : fields.vesting,
      fee: fields.fee,
    },
    licenseBytes,
    preset: preset?.name,
    fromPreset,
  };
}
