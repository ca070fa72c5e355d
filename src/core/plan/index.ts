/**
 * Launch plans (hokusai.model.json / .yaml): the guide's whole model form in one
 * file, checked against schemas/hokusai-model.schema.json, turned into
 * deploy-token's inputs and projected before anything is sent.
 */
import { projectSupply, type PlanProjection } from "./projection";
import type { LoadedPlan } from "./types";

export { checkPlan, loadPlan, planMetadata } from "./load";
export { DEFAULT_PLAN_NAMES, findDefaultPlan, parsePlanText, planFormat } from "./parse";
export { projectSupply } from "./projection";
export type { PlanProjection, ProjectionInput, ProjectionStep, StepMark } from "./projection";
export { checkPlanSchema, fieldPath } from "./schema";
export * from "./types";

/** The projection of a loaded plan. */
export function projectPlan(loaded: LoadedPlan): PlanProjection {
  const { tokenomics, plan, metadata } = loaded;
  return projectSupply({
    modelSupplierAllocation: tokenomics.modelSupplierAllocation,
    investorAllocation: tokenomics.investorAllocation,
    tokensPerDeltaOne: tokenomics.tokensPerDeltaOne,
    expectedDeltaOnes: tokenomics.expectedDeltaOnes,
    metric: metadata.metric,
    baseline: plan.metrics.baseline,
    direction: plan.metrics.direction,
  });
}
