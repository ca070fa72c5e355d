/**
 * Checks and parses every parameter of the guide, before anything is sent.
 * Each function takes the key of the input it checks (`modelId`, `governor`, ...);
 * the error refers to it by that key, and the face that shows the error names it as
 * the user typed it (a flag, a module parameter, a plan path).
 */
import { getAddress, isHexString, parseUnits, ZeroAddress } from "ethers";

import { SYMBOL_RULE } from "./deploy/fields";
import { invalidInput } from "./errors";

export const UINT256_MAX = (1n << 256n) - 1n;
export const TOKEN_DECIMALS = 18;
export const USD_DECIMALS = 6;

/** Bounds of the live contracts (HOKUSAI-FACTS.md). */
export const BOUNDS = {
  tokensPerDeltaOneWholeTokenThreshold: 10_000_000n,
  tokensPerDeltaOneMin: 100n * 10n ** 18n,
  tokensPerDeltaOneMax: 10_000_000n * 10n ** 18n,
  infrastructureAccrualBpsMin: 1000,
  infrastructureAccrualBpsMax: 10000,
  oraclePriceMax: 10n ** 12n,
  crrMin: 50_000n,
  crrMax: 1_000_000n,
  tradeFeeMax: 1000n,
  ibrDurationMin: 86_400n,
  ibrDurationMax: 30n * 86_400n,
} as const;

function show(value: unknown): string {
  return typeof value === "string" ? value : String(value);
}

/** A checksummed address; rejects bad checksums and, unless allowed, the zero address. */
export function parseAddress(field: string, value: unknown, options: { allowZero?: boolean } = {}): string {
  const text = show(value).trim();
  if (!/^0x[0-9a-fA-F]{40}$/.test(text)) {
    throw invalidInput("invalidAddress", field, text, "expected an address: 0x followed by 40 hex digits");
  }
  let address: string;
  try {
    address = getAddress(text);
  } catch {
    throw invalidInput(
      "invalidAddress",
      field,
      text,
      "its mixed-case checksum is wrong; copy the address again, or write it in all lower case",
    );
  }
  if (!options.allowZero && address === ZeroAddress) {
    throw invalidInput("zeroAddress", field, text, "must be a non-zero address");
  }
  return address;
}

/** A model id: non-empty, no surrounding spaces, printable, at most 128 characters. */
export function parseModelId(field: string, value: unknown): string {
  const text = show(value);
  if (text.trim() === "")
    throw invalidInput(
      "invalidModelId",
      field,
      "",
      "pass the model id the platform assigned (decimal digits), e.g. 101",
    );
  if (text !== text.trim()) {
    throw invalidInput("invalidModelId", field, text, "must not start or end with spaces");
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (text.length > 128 || /[\u0000-\u001f\u007f]/.test(text)) {
    throw invalidInput("invalidModelId", field, text, "must be at most 128 printable characters");
  }
  return text;
}

/** A token name: non-empty, at most 64 characters. */
export function parseTokenName(field: string, value: unknown): string {
  const text = show(value).trim();
  if (text === "")
    throw invalidInput("invalidName", field, "", 'pass the token name, e.g. "Sentiment Model"');
  if (text.length > 64) throw invalidInput("invalidName", field, text, "must be at most 64 characters");
  return text;
}

/** The guide's ticker rule (SYMBOL_RULE). */
export function parseSymbol(field: string, value: unknown): string {
  const text = show(value).trim();
  if (!/^[A-Z][A-Z0-9]{2,5}$/.test(text)) {
    const hint = /^[a-zA-Z][a-zA-Z0-9]{2,5}$/.test(text) ? `; did you mean ${text.toUpperCase()}?` : "";
    throw invalidInput("invalidSymbol", field, text, `must be ${SYMBOL_RULE} (e.g. SENT)${hint}`);
  }
  return text;
}

/**
 * An amount of 18-decimal tokens, returned in wei. Whole tokens by default
 * ("400000", "1.5", "400_000"); a `wei` suffix ("400000000000000000000000wei")
 * or `inWei` takes the number as wei.
 */
export function parseTokenAmount(
  field: string,
  value: unknown,
  options: { inWei?: boolean; allowZero?: boolean } = {},
): bigint {
  if (typeof value === "bigint") return checkAmount(field, String(value), value, options.allowZero);
  const text = show(value).trim().replace(/_/g, "");
  const weiSuffix = /^(.*?)\s*wei$/i.exec(text);
  const digits = weiSuffix ? weiSuffix[1] : text;
  const inWei = options.inWei === true || weiSuffix !== null;
  if (digits.startsWith("-")) {
    throw invalidInput("invalidAmount", field, show(value), "must not be negative");
  }
  if (inWei) {
    if (!/^\d+$/.test(digits)) {
      throw invalidInput("invalidAmount", field, show(value), "a wei amount must be a whole number");
    }
    return checkAmount(field, show(value), BigInt(digits), options.allowZero);
  }
  if (!/^\d+(\.\d+)?$/.test(digits)) {
    throw invalidInput(
      "invalidAmount",
      field,
      show(value),
      'expected a number of tokens such as 400000 or 1.5 (or wei with a "wei" suffix)',
    );
  }
  const fraction = digits.split(".")[1] ?? "";
  if (fraction.length > TOKEN_DECIMALS) {
    throw invalidInput("invalidAmount", field, show(value), `tokens have at most ${TOKEN_DECIMALS} decimals`);
  }
  return checkAmount(field, show(value), parseUnits(digits, TOKEN_DECIMALS), options.allowZero);
}

function checkAmount(field: string, shown: string, amount: bigint, allowZero = false): bigint {
  if (amount < 0n) throw invalidInput("invalidAmount", field, shown, "must not be negative");
  if (amount === 0n && !allowZero) {
    throw invalidInput(
      "invalidAmount",
      field,
      shown,
      "must be greater than zero (the contract reverts InvalidAmount)",
    );
  }
  if (amount > UINT256_MAX) throw invalidInput("invalidAmount", field, shown, "does not fit in uint256");
  return amount;
}

/** An integer within [min, max]. */
export function parseIntegerInRange(
  field: string,
  value: unknown,
  min: bigint | number,
  max: bigint | number,
  unit = "",
): bigint {
  const text = show(value).trim().replace(/_/g, "");
  if (!/^-?\d+$/.test(text)) {
    throw invalidInput(
      "outOfRange",
      field,
      show(value),
      `must be a whole number from ${min} to ${max}${unit}`,
    );
  }
  const n = BigInt(text);
  if (n < BigInt(min) || n > BigInt(max)) {
    throw invalidInput("outOfRange", field, show(value), `must be from ${min} to ${max}${unit}`);
  }
  return n;
}

/** infrastructureAccrualBps: 1000 to 10000. */
export function parseAccrualBps(field: string, value: unknown): number {
  return Number(
    parseIntegerInRange(
      field,
      value,
      BOUNDS.infrastructureAccrualBpsMin,
      BOUNDS.infrastructureAccrualBpsMax,
      " basis points (10% to 100%)",
    ),
  );
}

/**
 * tokensPerDeltaOne in wei. Given in whole tokens (or wei with the suffix), it must
 * lie within 100 to 10,000,000 tokens as the contract reads it.
 */
export function parseTokensPerDeltaOne(
  field: string,
  value: unknown,
  options: { inWei?: boolean } = {},
): bigint {
  const wei = parseTokenAmount(field, value, options);
  const effective = wei <= BOUNDS.tokensPerDeltaOneWholeTokenThreshold ? wei * 10n ** 18n : wei;
  if (effective < BOUNDS.tokensPerDeltaOneMin || effective > BOUNDS.tokensPerDeltaOneMax) {
    throw invalidInput("outOfRange", field, show(value), "must be from 100 to 10,000,000 tokens");
  }
  return wei;
}

/** The oracle price per 1000 calls, given in USD ("2.5"), returned with 6 decimals; 0 means unset. */
export function parseOraclePriceUsd(field: string, value: unknown): bigint {
  const text = show(value).trim().replace(/_/g, "");
  if (!/^\d+(\.\d{1,6})?$/.test(text)) {
    throw invalidInput(
      "outOfRange",
      field,
      show(value),
      "expected US dollars per 1000 calls with at most 6 decimals, e.g. 2.5 (0 leaves it unset)",
    );
  }
  const price = parseUnits(text, USD_DECIMALS);
  if (price > BOUNDS.oraclePriceMax) {
    throw invalidInput(
      "outOfRange",
      field,
      show(value),
      "must be at most 1000000 USD (1e12 with 6 decimals)",
    );
  }
  return price;
}

/** A bytes32 hash such as a licenseHash. */
export function parseBytes32(field: string, value: unknown): string {
  const text = show(value).trim();
  if (!isHexString(text, 32)) {
    throw invalidInput(
      "invalidBytes32",
      field,
      text,
      "expected 0x followed by 64 hex digits (a keccak256 hash)",
    );
  }
  return text.toLowerCase();
}

/** The schemes verify-license can fetch: a license elsewhere could not be checked. */
export const LICENSE_URI_SCHEMES = ["ipfs:", "https:", "http:", "file:"] as const;

/** The license URI: where the exact license bytes are published. */
export function parseLicenseUri(field: string, value: unknown): string {
  const text = show(value).trim();
  if (text === "") {
    throw invalidInput(
      "invalidLicenseUri",
      field,
      "",
      "pass where the license is published, e.g. ipfs://<cid>/license.md",
    );
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalidInput(
      "invalidLicenseUri",
      field,
      text,
      "expected a URI such as ipfs://<cid>/license.md or https://...",
    );
  }
  if (!(LICENSE_URI_SCHEMES as readonly string[]).includes(url.protocol)) {
    throw invalidInput(
      "invalidLicenseUri",
      field,
      text,
      `unknown scheme "${url.protocol}"; use one of ${LICENSE_URI_SCHEMES.map((s) => s + "//").join(", ")}`,
    );
  }
  return text;
}

/** A fee cap in gwei: a positive number ("50", "0.5"). */
export function parseFeeCapGwei(field: string, value: unknown): number {
  const text = show(value).trim();
  const gwei = Number(text);
  if (text === "" || !Number.isFinite(gwei) || !(gwei > 0)) {
    throw invalidInput("invalidFeeCap", field, text, "must be a positive number of gwei");
  }
  return gwei;
}
