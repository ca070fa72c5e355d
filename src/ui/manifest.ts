/** What deploy-tokens prints: pure functions, tested as strings. */
import type { BatchItemResult as ManifestItemResult, BatchPlan as ManifestPlan } from "../core/deploy/batch";

/** What a batch came to, as the summary shows it. */
export interface DeployTokensOutcome {
  manifest: string;
  network: string;
  chainId: number;
  plan: ManifestPlan;
  results: ManifestItemResult[];
}
import { formatEth, toJsonValue } from "./format";

export const MANIFEST_JSON_VERSION = 1;

export function formatManifestPlan(plan: ManifestPlan, network: string): string {
  return `Checked ${plan.total} models on ${network}: ${plan.toDeploy} to deploy, ${plan.alreadyDeployed} already deployed; at most ${formatEth(plan.maxCost)} in all.`;
}

/** How many models are in flight at once. */
export function formatWindow(window: number): string {
  return window > 1
    ? `Sending up to ${window} models at a time, nonces consecutive (--sequential: one by one).`
    : "Sending one model at a time.";
}

/** One line per finished model, for a log (CI) rather than a terminal. */
export function formatModelDone(result: ManifestItemResult, done: number, total: number): string {
  const width = String(total).length;
  const what =
    result.status === "failed"
      ? `FAILED: ${result.error ?? "unknown error"}`
      : `${result.status === "already-deployed" ? "already deployed" : result.status} ${result.token ?? ""}`.trim();
  return `[${String(done).padStart(width)}/${total}] ${result.modelId}: ${what} (${result.seconds.toFixed(2)} s)`;
}

/** The summary table after the run. */
export function formatManifestSummary(outcome: DeployTokensOutcome): string {
  const rows = outcome.results.map((r) => [
    String(r.index),
    r.modelId,
    r.status,
    r.token ?? (r.error !== undefined ? r.error.slice(0, 60) : ""),
    r.gasUsed === undefined ? "" : String(r.gasUsed),
  ]);
  const header = ["#", "model id", "status", "token", "gas used"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  const count = (status: ManifestItemResult["status"]) =>
    outcome.results.filter((r) => r.status === status).length;
  const totals = [
    `${count("deployed")} deployed`,
    `${count("already-deployed")} already deployed`,
    ...(count("would-deploy") > 0 ? [`${count("would-deploy")} would be deployed (dry run)`] : []),
    `${count("failed")} failed`,
  ];
  return [
    line(header),
    ...rows.map(line),
    "",
    `${outcome.results.length} models on ${outcome.network}: ${totals.join(", ")}.`,
  ].join("\n");
}

export function manifestJson(outcome: DeployTokensOutcome): Record<string, unknown> {
  return { version: MANIFEST_JSON_VERSION, ...(toJsonValue(outcome) as Record<string, unknown>) };
}
