/**
 * DeltaOne arithmetic, in one place: one DeltaOne is a 1 percentage point
 * improvement of the model's metric in the metric's direction (for a metric to
 * minimize, a drop), and each whole DeltaOne mints tokensPerDeltaOne new tokens.
 *
 * Metric values are fractions from 0 to 1 (0.884 is 88.4%). They are not compared
 * as binary floats: each value is read as the decimal it is written as (the
 * shortest form that round-trips, so the number 0.894 is exactly 0.894), then
 * rounded half up to 9 decimal places. The rounding removes float noise such as
 * 0.8939999999999999 (a sum computed in floats) while keeping any real metric's
 * resolution: 9 decimals are 1e-7 of a percentage point. So 0.884 → 0.894 is
 * exactly 1 DeltaOne and 0.884 → 0.8939 is 0.
 */
import { invalidMetricValueError } from "./errors";
import { BOUNDS } from "./validate";

export type MetricDirection = "maximize" | "minimize";

/** Decimal places metric values are rounded to before they are compared. */
export const METRIC_SCALE = 9;
const ONE = 10n ** BigInt(METRIC_SCALE);
/** One percentage point (0.01) in units of 10^-METRIC_SCALE. */
const POINT = ONE / 100n;

/**
 * A metric value (a fraction from 0 to 1, as a number or a decimal string) in
 * units of 10^-9, exactly. `field` names the value in the error for a bad one.
 */
export function metricUnits(value: number | string, field = "metric value"): bigint {
  const text = typeof value === "number" ? String(value) : value.trim();
  const match = /^(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (match === null || (match[1] === "" && (match[2] ?? "") === "")) {
    throw invalidMetricValueError(field, text);
  }
  const digits = `${match[1]}${match[2] ?? ""}`;
  // The value is digits × 10^-decimals; decimals may be negative after an exponent.
  const decimals = (match[2] ?? "").length - Number(match[3] ?? "0");
  const shift = METRIC_SCALE - decimals;
  let units: bigint;
  if (shift >= 0) {
    units = BigInt(digits) * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    const whole = BigInt(digits);
    units = whole / divisor + ((whole % divisor) * 2n >= divisor ? 1n : 0n);
  }
  if (units > ONE) throw invalidMetricValueError(field, text);
  return units;
}

/** Units of 10^-9 back to a plain decimal fraction: 894000000n → "0.894". */
export function formatMetricUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / ONE;
  const fraction = (abs % ONE).toString().padStart(METRIC_SCALE, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction === "" ? "" : `.${fraction}`}`;
}

/** Units of 10^-9 as a percentage: 884000000n → "88.4%". */
export function formatMetricPercent(units: bigint): string {
  return `${formatMetricUnits(units * 100n)}%`;
}

/**
 * Whole DeltaOnes that `value` earns against `baseline`: the improvement in the
 * metric's direction, in percentage points, rounded down; 0 for no change or a
 * regression.
 */
export function deltaOnesEarned(
  baseline: number | string,
  value: number | string,
  direction: MetricDirection,
): number {
  const from = metricUnits(baseline, "baseline");
  const to = metricUnits(value, "new metric value");
  const improvement = direction === "maximize" ? to - from : from - to;
  return improvement <= 0n ? 0 : Number(improvement / POINT);
}

/** The most whole DeltaOnes a metric can still earn before it reaches 100% (maximize) or 0% (minimize). */
export function deltaOneHeadroom(baseline: number | string, direction: MetricDirection): number {
  return deltaOnesEarned(baseline, direction === "maximize" ? 1 : 0, direction);
}

/** The metric value after `deltaOnes` whole DeltaOnes, as a decimal fraction (may pass 0 or 1). */
export function metricAfterDeltaOnes(
  baseline: number | string,
  deltaOnes: number | bigint,
  direction: MetricDirection,
): bigint {
  const step = BigInt(deltaOnes) * POINT;
  const from = metricUnits(baseline, "baseline");
  return direction === "maximize" ? from + step : from - step;
}

/**
 * tokensPerDeltaOne as the contract reads it: a value up to 10,000,000 is whole
 * tokens, a larger one is wei (HOKUSAI-FACTS.md). Returns wei.
 */
export function effectiveTokensPerDeltaOne(tokensPerDeltaOne: bigint): bigint {
  return tokensPerDeltaOne <= BOUNDS.tokensPerDeltaOneWholeTokenThreshold
    ? tokensPerDeltaOne * 10n ** 18n
    : tokensPerDeltaOne;
}

/** Tokens (wei) that `deltaOnes` whole DeltaOnes mint at `tokensPerDeltaOne` (wei, as deployed). */
export function tokensForDeltaOnes(deltaOnes: number | bigint, tokensPerDeltaOne: bigint): bigint {
  const count = BigInt(deltaOnes);
  return count <= 0n ? 0n : count * effectiveTokensPerDeltaOne(tokensPerDeltaOne);
}

export interface DeltaOneReward {
  deltaOnes: number;
  /** Wei. */
  tokens: bigint;
}

/** What a new metric value earns against the baseline: whole DeltaOnes and the tokens they mint. */
export function deltaOneReward(
  baseline: number | string,
  value: number | string,
  direction: MetricDirection,
  tokensPerDeltaOne: bigint,
): DeltaOneReward {
  const deltaOnes = deltaOnesEarned(baseline, value, direction);
  return { deltaOnes, tokens: tokensForDeltaOnes(deltaOnes, tokensPerDeltaOne) };
}
