/**
 * The supply projection of a launch plan: what the caps and the DeltaOne rewards
 * do to the supply and to each holder group's share, after the first, half and
 * all of the expected DeltaOnes. Assumes both caps fully minted (the supplier
 * allocation distributed, the investor allocation bought on the AMM) and each
 * DeltaOne's tokens minted to contributors, outside both allocations.
 *
 * Shares are of the total potential supply (max supply + minted rewards).
 * Dilution of a holder group after k DeltaOnes is the part of its share it lost:
 * 1 - share(k) / share(0) = minted(k) / (maxSupply + minted(k)); the same for
 * supplier and investor holders, since both allocations are fixed caps.
 */
import {
  deltaOneHeadroom,
  effectiveTokensPerDeltaOne,
  formatMetricPercent,
  metricAfterDeltaOnes,
  type MetricDirection,
  tokensForDeltaOnes,
} from "../deltaone";

export interface ProjectionInput {
  /** Wei. */
  modelSupplierAllocation: bigint;
  /** Wei. */
  investorAllocation: bigint;
  /** Wei as deployed; a value up to 10,000,000 is read as whole tokens, as the contract does. */
  tokensPerDeltaOne: bigint;
  expectedDeltaOnes: number;
  /** The metric's name, for messages. */
  metric: string;
  baseline: number | string;
  direction: MetricDirection;
}

/** Which of the projection's points a step is. */
export type StepMark = "launch" | "first" | "half" | "expected";

export interface ProjectionStep {
  deltaOnes: number;
  marks: StepMark[];
  /** The metric after these DeltaOnes, in units of 10^-9 (may pass 0 or 1: see warnings). */
  metricValue: bigint;
  /** Wei minted by these DeltaOnes. */
  minted: bigint;
  /** Wei: max supply + minted. */
  totalSupply: bigint;
}

export interface PlanProjection {
  /** Wei. */
  modelSupplierAllocation: bigint;
  investorAllocation: bigint;
  /** supplier + investor caps. */
  maxSupply: bigint;
  /** Wei actually minted per DeltaOne. */
  tokensPerDeltaOne: bigint;
  expectedDeltaOnes: number;
  /** Whole DeltaOnes the metric can earn before it reaches 100% (or 0% when minimizing). */
  headroomDeltaOnes: number;
  steps: ProjectionStep[];
  warnings: string[];
}

/** Projects the supply at launch and after 1, N/2 (rounded down) and N expected DeltaOnes. */
export function projectSupply(input: ProjectionInput): PlanProjection {
  const maxSupply = input.modelSupplierAllocation + input.investorAllocation;
  const n = input.expectedDeltaOnes;
  const points: Array<[number, StepMark]> = [
    [0, "launch"],
    [1, "first"],
    [Math.floor(n / 2), "half"],
    [n, "expected"],
  ];
  const steps: ProjectionStep[] = [];
  for (const [deltaOnes, mark] of points) {
    if (mark !== "launch" && deltaOnes < 1) continue;
    const same = steps.find((step) => step.deltaOnes === deltaOnes);
    if (same !== undefined) {
      same.marks.push(mark);
      continue;
    }
    const minted = tokensForDeltaOnes(deltaOnes, input.tokensPerDeltaOne);
    steps.push({
      deltaOnes,
      marks: [mark],
      metricValue: metricAfterDeltaOnes(input.baseline, deltaOnes, input.direction),
      minted,
      totalSupply: maxSupply + minted,
    });
  }
  const headroomDeltaOnes = deltaOneHeadroom(input.baseline, input.direction);
  const warnings: string[] = [];
  if (n > headroomDeltaOnes) {
    const bound = input.direction === "maximize" ? "rise above 100%" : "fall below 0%";
    warnings.push(
      `${input.metric} cannot ${bound}: from its baseline of ${formatMetricPercent(
        metricAfterDeltaOnes(input.baseline, 0, input.direction),
      )} there is room for ${headroomDeltaOnes} whole DeltaOne${headroomDeltaOnes === 1 ? "" : "s"}, but the plan expects ${n}; ${
        headroomDeltaOnes === 0
          ? "a metric already at its bound cannot earn DeltaOnes"
          : `lower tokenomics.expectedDeltaOnes to at most ${headroomDeltaOnes}`
      }`,
    );
  }
  return {
    modelSupplierAllocation: input.modelSupplierAllocation,
    investorAllocation: input.investorAllocation,
    maxSupply,
    tokensPerDeltaOne: effectiveTokensPerDeltaOne(input.tokensPerDeltaOne),
    expectedDeltaOnes: n,
    headroomDeltaOnes,
    steps,
    warnings,
  };
}
