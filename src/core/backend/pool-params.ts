/**
 * A pool's parameters, as createPoolWithParams takes them and as a person types
 * them: crr in ppm, tradeFee in bps, ibrDuration in seconds, the flat-curve threshold
 * and price in US dollars (USDC, 6 decimals).
 */
import { parseUnits, type Provider } from "ethers";

import { AMM_FACTORY_ABI } from "../abi";
import { invalidInput } from "../errors";
import { optionalRead } from "../read";
import { BOUNDS, parseIntegerInRange, UINT256_MAX } from "../validate";
import { contractFor } from "../chain/contract";

/** createPoolWithParams' parameters, in the contract's units. */
export interface PoolParams {
  /** Reserve ratio in ppm: 50000 to 1000000. */
  crr: bigint;
  /** Basis points: at most 1000. */
  tradeFee: bigint;
  /** Seconds: 1 to 30 days. */
  ibrDuration: bigint;
  /** USDC with 6 decimals, above zero. */
  flatCurveThreshold: bigint;
  /** USDC with 6 decimals per whole token, above zero. */
  flatCurvePrice: bigint;
}

export const POOL_PARAM_KEYS = [
  "crr",
  "tradeFee",
  "ibrDuration",
  "flatCurveThreshold",
  "flatCurvePrice",
] as const;

/** Left out, a parameter takes the factory's default. */
export type PoolParamsInput = { [K in keyof PoolParams]?: string | number | bigint };

/** The factory's own defaults (HOKUSAI-FACTS.md), for a factory without default getters. */
export const POOL_DEFAULTS: PoolParams = {
  crr: 200_000n,
  tradeFee: 30n,
  ibrDuration: 7n * 86_400n,
  flatCurveThreshold: 25_000n * 10n ** 6n,
  flatCurvePrice: 10_000n,
};

export const USDC_DECIMALS = 6;

function given(value: unknown): boolean {
  return value !== undefined && value !== null && String(value).trim() !== "";
}

/** A USDC amount given in dollars ("25000", "0.01"), returned with 6 decimals; must be above zero. */
export function parseUsdcAmount(
  field: string,
  value: unknown,
  options: { allowZero?: boolean } = {},
): bigint {
  const text = String(value).trim().replace(/_/g, "");
  if (!/^\d+(\.\d{1,6})?$/.test(text)) {
    throw invalidInput(
      "outOfRange",
      field,
      String(value),
      "expected US dollars (USDC) with at most 6 decimals, e.g. 25000 or 0.01",
    );
  }
  const amount = parseUnits(text, USDC_DECIMALS);
  if (amount === 0n && !options.allowZero) {
    throw invalidInput(
      "outOfRange",
      field,
      String(value),
      "must be greater than zero (the factory reverts InvalidAmount)",
    );
  }
  if (amount > UINT256_MAX) throw invalidInput("outOfRange", field, String(value), "does not fit in uint256");
  return amount;
}

/** Checks the pool parameters that were given against the factory's bounds; the others stay out. */
export function parsePoolParams(input: PoolParamsInput): Partial<PoolParams> {
  const out: Partial<PoolParams> = {};
  if (given(input.crr)) {
    out.crr = parseIntegerInRange(
      "crr",
      input.crr,
      BOUNDS.crrMin,
      BOUNDS.crrMax,
      " ppm (5% to 100% reserve ratio)",
    );
  }
  if (given(input.tradeFee)) {
    out.tradeFee = parseIntegerInRange(
      "tradeFee",
      input.tradeFee,
      0n,
      BOUNDS.tradeFeeMax,
      " basis points (0% to 10%)",
    );
  }
  if (given(input.ibrDuration)) {
    out.ibrDuration = parseIntegerInRange(
      "ibrDuration",
      input.ibrDuration,
      BOUNDS.ibrDurationMin,
      BOUNDS.ibrDurationMax,
      " seconds (1 to 30 days)",
    );
  }
  if (given(input.flatCurveThreshold)) {
    out.flatCurveThreshold = parseUsdcAmount("flatCurveThreshold", input.flatCurveThreshold);
  }
  if (given(input.flatCurvePrice))
    out.flatCurvePrice = parseUsdcAmount("flatCurvePrice", input.flatCurvePrice);
  return out;
}

/**
 * The factory's defaults as its getters report them; a getter the factory lacks
 * takes the documented default.
 */
export async function readFactoryDefaults(provider: Provider, ammFactory: string): Promise<PoolParams> {
  const factory = contractFor(ammFactory, AMM_FACTORY_ABI, provider);
  const read = async (getter: string, fallback: bigint) =>
    (await optionalRead(() => factory.getFunction(getter)() as Promise<bigint>)) ?? fallback;
  const [crr, tradeFee, ibrDuration, flatCurveThreshold, flatCurvePrice] = await Promise.all([
    read("defaultCrr", POOL_DEFAULTS.crr),
    read("defaultTradeFee", POOL_DEFAULTS.tradeFee),
    read("defaultIbrDuration", POOL_DEFAULTS.ibrDuration),
    read("defaultFlatCurveThreshold", POOL_DEFAULTS.flatCurveThreshold),
    read("defaultFlatCurvePrice", POOL_DEFAULTS.flatCurvePrice),
  ]);
  return { crr, tradeFee, ibrDuration, flatCurveThreshold, flatCurvePrice };
}
