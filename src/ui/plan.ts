/** What `hokusai:plan` prints: pure functions over a loaded plan and its projection, tested as strings. */
import path from "path";

import { formatMetricPercent, formatMetricUnits } from "../core/deltaone";
import type { LoadedPlan, PlanProjection, ProjectionStep, StepMark } from "../core/plan";
import { parseOraclePriceUsd } from "../core/validate";
import { formatTokens, formatUsd6, table, toJsonValue } from "./format";

/** Bumped when a field of the JSON output changes meaning or goes away. */
export const PLAN_JSON_VERSION = 1;

/** How the projection reads, in one place for the text, the JSON and the README. */
export const SHARES_DEFINITION =
  "Shares are of the total potential supply: the max supply (both caps, assumed fully minted) plus the tokens minted by DeltaOnes, which go to contributors.";
export const DILUTION_DEFINITION =
  "Dilution is the part of their share that supplier and investor holders lose: 1 - share after / share at launch = minted / (max supply + minted), the share the rewards hold; it is the same for both groups, since both allocations are fixed caps.";

/**
 * numerator / denominator as a percentage with `decimals` decimals, rounded half
 * up, in bigint arithmetic: percent(1n, 3n, 2) = "33.33".
 */
export function percent(numerator: bigint, denominator: bigint, decimals = 2): string {
  if (denominator === 0n) return "0";
  const scale = 10n ** BigInt(decimals);
  const scaled = numerator * 100n * scale;
  const rounded = (scaled * 2n + denominator) / (2n * denominator);
  const whole = rounded / scale;
  if (decimals === 0) return whole.toString();
  return `${whole}.${(rounded % scale).toString().padStart(decimals, "0")}`;
}

const MARK_LABELS: Record<StepMark, string> = {
  launch: "launch",
  first: "first",
  half: "N/2",
  expected: "N",
};

function stepLabel(step: ProjectionStep): string {
  return `${step.deltaOnes} (${step.marks.map((mark) => MARK_LABELS[mark]).join(", ")})`;
}

/** Rows of cells in columns: the first column left-aligned, the others right-aligned. */
export function columns(rows: string[][], indent = "  "): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows
    .map(
      (row) =>
        indent +
        row
          .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
          .join("  ")
          .trimEnd(),
    )
    .join("\n");
}

/** A path as the user would type it: relative to the working directory when inside it. */
function shown(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

/** The projection table: one row per step, shares of the total potential supply. */
export function formatProjectionTable(projection: PlanProjection, metric: string): string {
  const header = [
    "DeltaOnes",
    metric,
    "minted",
    "total supply",
    "supplier share",
    "investor share",
    "dilution",
  ];
  const rows = projection.steps.map((step) => [
    stepLabel(step),
    formatMetricPercent(step.metricValue),
    formatTokens(step.minted),
    formatTokens(step.totalSupply),
    `${percent(projection.modelSupplierAllocation, step.totalSupply)}%`,
    `${percent(projection.investorAllocation, step.totalSupply)}%`,
    `${percent(step.minted, step.totalSupply)}%`,
  ]);
  return columns([header, ...rows]);
}

/** What `hokusai:plan` prints on stdout. `cwd` makes the paths short. */
export function formatPlan(loaded: LoadedPlan, projection: PlanProjection, cwd = process.cwd()): string {
  const { plan, tokenomics } = loaded;
  const { model, metrics, license, contract } = plan;
  const fromPreset = (field: keyof typeof tokenomics.sources) =>
    tokenomics.sources[field] === "preset" ? ` (preset ${tokenomics.preset})` : "";
  const metric = loaded.metadata.metric;
  const unit = metrics.direction === "maximize" ? "+1" : "-1";
  const atDeploy = (what: string, env: string) =>
    `not in the plan: deploy-token takes hokusai.networks.<network>.${what}, ${env}, or on a dev chain the signer`;
  const overview = table([
    ["Category", model.category],
    ["Tags", (model.tags ?? []).length === 0 ? "none" : (model.tags ?? []).join(", ")],
    [
      "Metric",
      `${metric}, baseline ${formatMetricPercent(projection.steps[0].metricValue)}, ${metrics.direction}: one DeltaOne is ${unit} percentage point`,
    ],
    ["License", `${license.type}, published at ${license.uri}`],
    [
      "License hash",
      loaded.licenseFile === undefined
        ? `${loaded.licenseHash} (as written)`
        : `${loaded.licenseHash} (keccak256 of ${shown(loaded.licenseFile, cwd)})`,
    ],
    ["Governor", contract.governor ?? atDeploy("governor", "GOVERNOR_ADDRESS")],
    [
      "Supplier recipient",
      contract.modelSupplierRecipient ?? atDeploy("modelSupplierRecipient", "MODEL_SUPPLIER_RECIPIENT"),
    ],
    [
      "Infrastructure share",
      `${tokenomics.infrastructureAccrualBps} bps, ${percent(BigInt(tokenomics.infrastructureAccrualBps), 10000n)}% of usage fees${fromPreset("infrastructureAccrualBps")}`,
    ],
    ["Oracle price", `${formatUsd6(oraclePrice(contract.initialOraclePricePerThousandUsd))} per 1000 calls`],
  ]);
  const supply = table([
    [
      "Supplier allocation",
      `${formatTokens(projection.modelSupplierAllocation)} tokens, ${percent(projection.modelSupplierAllocation, projection.maxSupply)}% of max supply${fromPreset("modelSupplierAllocation")}`,
    ],
    [
      "Investor allocation",
      `${formatTokens(projection.investorAllocation)} tokens, ${percent(projection.investorAllocation, projection.maxSupply)}% of max supply${fromPreset("investorAllocation")}`,
    ],
    ["Max supply", `${formatTokens(projection.maxSupply)} tokens (supplier + investor caps)`],
    [
      "Per DeltaOne",
      `${formatTokens(projection.tokensPerDeltaOne)} tokens, ${percent(projection.tokensPerDeltaOne, projection.maxSupply)}% of max supply${fromPreset("tokensPerDeltaOne")}`,
    ],
    [
      "Expected DeltaOnes",
      `${projection.expectedDeltaOnes} over two years (N)${fromPreset("expectedDeltaOnes")}; the metric has room for ${projection.headroomDeltaOnes}`,
    ],
  ]);
  return [
    `Launch plan ${shown(loaded.file, cwd)} is valid: ${model.name} (${model.ticker}), model id "${contract.modelId}".`,
    "",
    overview,
    "",
    `Supply${tokenomics.preset === undefined ? "" : ` (preset ${tokenomics.preset}, plan values over it)`}`,
    supply,
    "",
    "Projection after the first, half (N/2, rounded down) and all (N) expected DeltaOnes",
    formatProjectionTable(projection, metric),
    "",
    SHARES_DEFINITION,
    DILUTION_DEFINITION,
  ].join("\n");
}

function oraclePrice(value: string | number | undefined): bigint {
  return parseOraclePriceUsd("contract.initialOraclePricePerThousandUsd", String(value ?? "0"));
}

/** What `hokusai:plan` prints on stderr, one warning a line. */
export function planWarnings(projection: PlanProjection): string[] {
  return projection.warnings;
}

/** `hokusai:plan --json`: one object for CI. Amounts are wei as decimal strings; percents have 4 decimals. */
export function planJson(loaded: LoadedPlan, projection: PlanProjection) {
  const { tokenomics } = loaded;
  return {
    version: PLAN_JSON_VERSION,
    plan: loaded.file,
    format: loaded.format,
    valid: true,
    modelId: loaded.plan.contract.modelId,
    ticker: loaded.plan.model.ticker,
    metadata: loaded.metadata,
    licenseHash: loaded.licenseHash,
    deployFields: toJsonValue(loaded.deployFields),
    tokenomics: {
      preset: tokenomics.preset ?? null,
      modelSupplierAllocationWei: tokenomics.modelSupplierAllocation.toString(),
      investorAllocationWei: tokenomics.investorAllocation.toString(),
      maxSupplyWei: projection.maxSupply.toString(),
      supplierPercent: percent(projection.modelSupplierAllocation, projection.maxSupply, 4),
      investorPercent: percent(projection.investorAllocation, projection.maxSupply, 4),
      tokensPerDeltaOneWei: projection.tokensPerDeltaOne.toString(),
      expectedDeltaOnes: tokenomics.expectedDeltaOnes,
      infrastructureAccrualBps: tokenomics.infrastructureAccrualBps,
      sources: tokenomics.sources,
    },
    projection: {
      definition: `${SHARES_DEFINITION} ${DILUTION_DEFINITION}`,
      headroomDeltaOnes: projection.headroomDeltaOnes,
      steps: projection.steps.map((step) => ({
        deltaOnes: step.deltaOnes,
        marks: step.marks,
        metricValue: formatMetricUnits(step.metricValue),
        mintedWei: step.minted.toString(),
        totalSupplyWei: step.totalSupply.toString(),
        supplierSharePercent: percent(projection.modelSupplierAllocation, step.totalSupply, 4),
        investorSharePercent: percent(projection.investorAllocation, step.totalSupply, 4),
        dilutionPercent: percent(step.minted, step.totalSupply, 4),
      })),
    },
    warnings: projection.warnings,
  };
}
