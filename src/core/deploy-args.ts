/**
 * From what a user typed (flags, plan fields, defaults) to a checked
 * DeployTokenRequest, with every error naming the flag and the fix.
 */
import { InvalidParamError, MissingParamError } from "../errors";
import type { DeployTokenRequest, VestingConfig } from "./deploy-token";
import { hashLicenseBytes, readLicenseFile } from "./license/hash";
import { findPreset, PRESET_NAMES } from "./presets";
import {
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
} from "./validate";

/** The deploy-token inputs as typed: strings, all optional until checked. */
export interface DeployTokenInput {
  modelId?: string;
  name?: string;
  symbol?: string;
  modelSupplierAllocation?: string;
  modelSupplierRecipient?: string;
  investorAllocation?: string;
  tokensPerDeltaOne?: string;
  infrastructureAccrualBps?: string;
  initialOraclePricePerThousandUsd?: string;
  licenseFile?: string;
  licenseHash?: string;
  licenseUri?: string;
  governor?: string;
  preset?: string;
  /** Amounts are wei rather than whole tokens. */
  wei?: boolean;
  /** "default", "off", or "<immediateBps>:<durationDays>:<cliffDays>". */
  vesting?: string;
  /** Wei; default the contract's deploymentFee(). */
  fee?: string;
}

const LICENSE_FIELDS = ["licenseFile", "licenseHash"] as const;

/**
 * A launch plan's inputs with the flags given beside --plan over them. A license
 * given as a flag replaces the plan's license (file and hash), and a --preset flag
 * replaces the figures the plan took from its own preset.
 */
export function mergePlanInput(
  planInput: DeployTokenInput,
  flags: DeployTokenInput,
  presetFields: ReadonlyArray<keyof DeployTokenInput> = [],
): DeployTokenInput {
  const merged: DeployTokenInput = { ...planInput };
  if (LICENSE_FIELDS.some((field) => given(flags[field] as string | undefined))) {
    for (const field of LICENSE_FIELDS) delete merged[field];
  }
  if (given(flags.preset)) {
    for (const field of presetFields) delete merged[field];
  }
  for (const [key, value] of Object.entries(flags) as Array<[keyof DeployTokenInput, unknown]>) {
    if (value !== undefined && value !== "" && value !== false)
      (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** Where a missing address may come from, in the order they are tried after the flag. */
export interface DeployDefaults {
  governor?: string;
  modelSupplierRecipient?: string;
}

const FLAGS = {
  modelId: "--model-id",
  name: "--name",
  symbol: "--symbol",
  modelSupplierAllocation: "--model-supplier-allocation",
  modelSupplierRecipient: "--model-supplier-recipient",
  investorAllocation: "--investor-allocation",
  tokensPerDeltaOne: "--tokens-per-delta-one",
  infrastructureAccrualBps: "--infrastructure-accrual-bps",
  initialOraclePricePerThousandUsd: "--initial-oracle-price-per-thousand-usd",
  licenseFile: "--license-file",
  licenseHash: "--license-hash",
  licenseUri: "--license-uri",
  governor: "--governor",
  preset: "--preset",
  vesting: "--vesting",
  fee: "--fee",
} as const;

function given(value: string | undefined): value is string {
  return value !== undefined && value !== "";
}

function required(field: keyof typeof FLAGS, value: string | undefined, fix: string): string {
  if (!given(value)) throw new MissingParamError(FLAGS[field], fix);
  return value;
}

/** Parses the --vesting option of a v2 TokenManager. */
export function parseVesting(field: string, value: string | undefined): VestingConfig | undefined {
  if (!given(value) || value === "default") return undefined;
  if (value === "off")
    return { enabled: false, immediateUnlockBps: 10000, vestingDurationSeconds: 0n, cliffSeconds: 0n };
  const parts = value.split(":");
  if (parts.length !== 3) {
    throw new InvalidParamError(
      "HOK210",
      field,
      value,
      'expected "default", "off" or "<immediateBps>:<durationDays>:<cliffDays>", e.g. 1000:365:30',
    );
  }
  const immediateUnlockBps = Number(parseIntegerInRange(`${field} immediateBps`, parts[0], 0, 10000));
  const days = parseIntegerInRange(`${field} durationDays`, parts[1], 1, 3650);
  const cliff = parseIntegerInRange(`${field} cliffDays`, parts[2], 0, days);
  return {
    enabled: true,
    immediateUnlockBps,
    vestingDurationSeconds: days * 86_400n,
    cliffSeconds: cliff * 86_400n,
  };
}

/**
 * Checks every input and returns the request to send. Reads the license file
 * when one is given (its exact bytes are hashed, as the guide's step 2).
 */
export async function resolveDeployRequest(
  input: DeployTokenInput,
  defaults: DeployDefaults = {},
): Promise<{ request: DeployTokenRequest; licenseBytes?: Uint8Array; preset?: string }> {
  const preset = given(input.preset) ? findPreset(input.preset) : undefined;
  if (given(input.preset) && preset === undefined) {
    throw new InvalidParamError(
      "HOK211",
      FLAGS.preset,
      input.preset,
      `use one of ${PRESET_NAMES.join(", ")}`,
    );
  }
  const fromPreset = <K extends "modelSupplierAllocation" | "investorAllocation" | "tokensPerDeltaOne">(
    key: K,
  ) =>
    given(input[key])
      ? { value: input[key], inWei: input.wei }
      : preset
        ? { value: preset[key], inWei: false }
        : undefined;

  const modelId = parseModelId(
    FLAGS.modelId,
    required("modelId", input.modelId, "pass a unique model id, e.g. --model-id sentiment-v2"),
  );
  const name = parseTokenName(
    FLAGS.name,
    required("name", input.name, 'pass the token name, e.g. --name "Sentiment Model"'),
  );
  const symbol = parseSymbol(
    FLAGS.symbol,
    required("symbol", input.symbol, "pass a 3 to 6 letter ticker, e.g. --symbol SENT"),
  );

  const amount = (field: "modelSupplierAllocation" | "investorAllocation") => {
    const source = fromPreset(field);
    if (source === undefined) {
      throw new MissingParamError(
        FLAGS[field],
        `pass it in whole tokens (e.g. ${FLAGS[field]} 400000) or choose a --preset`,
      );
    }
    return parseTokenAmount(FLAGS[field], source.value, { inWei: source.inWei });
  };
  const modelSupplierAllocation = amount("modelSupplierAllocation");
  const investorAllocation = amount("investorAllocation");

  const perDeltaOne = fromPreset("tokensPerDeltaOne");
  if (perDeltaOne === undefined) {
    throw new MissingParamError(
      FLAGS.tokensPerDeltaOne,
      "pass whole tokens per DeltaOne (100 to 10,000,000) or choose a --preset",
    );
  }
  const tokensPerDeltaOne = parseTokensPerDeltaOne(FLAGS.tokensPerDeltaOne, perDeltaOne.value, {
    inWei: perDeltaOne.inWei,
  });

  const bpsInput = given(input.infrastructureAccrualBps)
    ? input.infrastructureAccrualBps
    : preset?.infrastructureAccrualBps;
  if (bpsInput === undefined) {
    throw new MissingParamError(
      FLAGS.infrastructureAccrualBps,
      "pass 1000 to 10000 basis points, or choose a --preset",
    );
  }
  const infrastructureAccrualBps = parseAccrualBps(FLAGS.infrastructureAccrualBps, bpsInput);

  const initialOraclePricePerThousandUsd = parseOraclePriceUsd(
    FLAGS.initialOraclePricePerThousandUsd,
    given(input.initialOraclePricePerThousandUsd) ? input.initialOraclePricePerThousandUsd : "0",
  );

  const recipientInput = given(input.modelSupplierRecipient)
    ? input.modelSupplierRecipient
    : defaults.modelSupplierRecipient;
  const modelSupplierRecipient = parseAddress(
    FLAGS.modelSupplierRecipient,
    required(
      "modelSupplierRecipient",
      recipientInput,
      "pass --model-supplier-recipient 0x... or export MODEL_SUPPLIER_RECIPIENT",
    ),
  );
  const governorInput = given(input.governor) ? input.governor : defaults.governor;
  const governor = parseAddress(
    FLAGS.governor,
    required(
      "governor",
      governorInput,
      "pass --governor 0x... (a multisig in production) or export GOVERNOR_ADDRESS",
    ),
  );

  const licenseURI = parseLicenseUri(
    FLAGS.licenseUri,
    required(
      "licenseUri",
      input.licenseUri,
      "pass where the license is published, e.g. --license-uri ipfs://<cid>/license.md",
    ),
  );
  let licenseHash: string;
  let licenseBytes: Uint8Array | undefined;
  if (given(input.licenseFile)) {
    licenseBytes = await readLicenseFile(input.licenseFile, FLAGS.licenseFile);
    licenseHash = hashLicenseBytes(licenseBytes);
    if (given(input.licenseHash) && parseBytes32(FLAGS.licenseHash, input.licenseHash) !== licenseHash) {
      throw new InvalidParamError(
        "HOK212",
        FLAGS.licenseHash,
        input.licenseHash,
        `it differs from keccak256 of ${input.licenseFile} (${licenseHash}); pass only one of --license-file and --license-hash`,
      );
    }
  } else if (given(input.licenseHash)) {
    licenseHash = parseBytes32(FLAGS.licenseHash, input.licenseHash);
  } else {
    throw new MissingParamError(
      FLAGS.licenseFile,
      "pass --license-file <the exact file you publish at the license URI> (or --license-hash 0x...)",
    );
  }

  const fee = given(input.fee)
    ? parseTokenAmount(FLAGS.fee, input.fee, { inWei: true, allowZero: true })
    : undefined;

  return {
    request: {
      modelId,
      name,
      symbol,
      modelSupplierAllocation,
      modelSupplierRecipient,
      investorAllocation,
      tokensPerDeltaOne,
      infrastructureAccrualBps,
      initialOraclePricePerThousandUsd,
      licenseHash,
      licenseURI,
      governor,
      vesting: parseVesting(FLAGS.vesting, input.vesting),
      fee,
    },
    licenseBytes,
    preset: preset?.name,
  };
}
