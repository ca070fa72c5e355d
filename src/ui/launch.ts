/** What create-pool and launch print: pure functions of their preflights and results, tested as strings. */
import { formatEther } from "ethers";

import type { DeployProgress } from "../core/deploy/deploy";
import type { LaunchProgress } from "../core/launch/run";
import type { LaunchOutcome, LaunchPreflight, LaunchResult, LaunchStepName } from "../core/launch/types";
import { formatUsdc, type NetworkContext, poolParamRows } from "./backend";
import { formatDeployProgress, formatTxProgress, isNotableDeployProgress } from "./deploy";
import { table, toJsonValue } from "./format";

export const LAUNCH_JSON_VERSION = 1;

const STEP_NAMES: Record<LaunchStepName, string> = {
  distribute: "distribute the supplier allocation",
  register: "register in the ModelRegistry",
  createPool: "create the pool",
  authorize: "authorise the pool to mint",
  approveReserve: "approve the reserve's USDC",
  depositReserve: "seed the reserve",
};

function buyers(whitelist: string | null | undefined, stack: "live" | "guide"): string {
  if (stack === "guide") return "anyone (the guide's factory has no whitelist)";
  return whitelist === null || whitelist === undefined
    ? "anyone (public pool)"
    : `whitelisted by ${whitelist}`;
}

const MARKS = { done: "[x]", "to-send": "[ ]", skipped: "[-]", sent: "[x]" } as const;

/** What will be sent, shown (on stderr) before sending. */
export function formatLaunchSummary(preflight: LaunchPreflight, context: NetworkContext): string {
  const { target } = preflight;
  const rows: Array<[string, string]> = [
    ["network", `${context.network} (chain ${context.chainId})`],
    ["stack", preflight.stack === "live" ? "live (with a ModelRegistry)" : "the guide's (no ModelRegistry)"],
    ["TokenManager", target.tokenManager],
    ["AMM factory", target.ammFactory],
  ];
  if (preflight.registry !== undefined) rows.push(["ModelRegistry", preflight.registry]);
  rows.push(["from", `${preflight.from} (owner)`], ["token", preflight.token]);
  if (preflight.governor !== undefined)
    rows.push(["governor", `${preflight.governor.address} (${preflight.governor.source})`]);
  if (preflight.pool !== undefined)
    rows.push(["pool", `${preflight.pool}${preflight.poolExists ? "" : " (to be created)"}`]);
  rows.push(...poolParamRows(preflight.params), ["buyers", buyers(target.whitelist, preflight.stack)]);
  rows.push([
    "initial reserve",
    target.initialReserve === undefined ? "none asked" : formatUsdc(target.initialReserve),
  ]);
  const steps = preflight.steps.map(
    (step) =>
      `  ${MARKS[step.state]} ${STEP_NAMES[step.name]}: ${step.state === "to-send" ? step.description : step.why}`,
  );
  return [`Launching the pool of model "${target.modelId}":`, table(rows), "Steps:", ...steps].join("\n");
}

export function formatLaunchDryRun(preflight: LaunchPreflight): string {
  const toSend = preflight.steps.filter((step) => step.state === "to-send");
  if (toSend.length === 0)
    return `Every step of model "${preflight.target.modelId}"'s launch is done: nothing would be sent.`;
  const gas = toSend.reduce((sum, step) => sum + step.gasLimit, 0n);
  return `Dry run: nothing was sent. ${toSend.length} call(s) would be sent (${toSend.map((s) => STEP_NAMES[s.name]).join(", then ")}), about ${gas} gas.`;
}

/**
 * The events a launch of many models tells as they happen: each step as it is sent or
 * skipped, and what a step's transaction met on the network (the notable events of a
 * deployment). A transaction's routine (recorded, signed, sent, mined) and a step already
 * done the model's progress line sums up; create-pool, one model, tells every event.
 */
export function isNotableLaunchProgress(event: LaunchProgress): boolean {
  return event.type === "tx" ? isNotableDeployProgress(event.event) : event.state !== "done";
}

/**
 * The events of a model's token deployment a launch tells: its broadcast, with the hash to
 * follow on an explorer, and the notable events of a deployment.
 */
export function isNotableLaunchTokenProgress(event: DeployProgress): boolean {
  return event.type === "sent" || isNotableDeployProgress(event);
}

/** One line per event of a model's token deployment, for stderr. */
export function formatLaunchTokenProgress(modelId: string, event: DeployProgress): string {
  return `  ${modelId} token: ${formatDeployProgress(event)}`;
}

/** One line per progress event, for stderr. */
export function formatLaunchProgress(event: LaunchProgress): string {
  if (event.type === "tx")
    return `  ${event.modelId} ${STEP_NAMES[event.step]}: ${formatTxProgress(event.event)}`;
  const what = `${event.modelId} ${STEP_NAMES[event.step]}`;
  switch (event.state) {
    case "sending":
      return `${what}: sending ${event.description}`;
    case "done":
      return `${what}: ${event.why}; nothing sent`;
    case "skipped":
      return `${what}: skipped, ${event.why}`;
    default:
      return `${what}: ${event.state}`;
  }
}

/** The headline of a launch: what was sent and whether the model trades. */
export function launchHeadline(result: LaunchResult, network: string): string {
  const sent = result.steps.filter((step) => step.state === "sent").length;
  const state = [
    ...(result.registered === undefined ? [] : [result.registered ? "registered" : "not registered"]),
    result.authorized ? "authorised to mint" : "not authorised to mint",
    result.reserveBalance === undefined ? "reserve unknown" : `reserve ${formatUsdc(result.reserveBalance)}`,
  ].join(", ");
  const trades = result.trades
    ? "the model trades"
    : result.authorized
      ? "its reserve is empty: seed it with --initial-reserve before buyers come"
      : "it does not trade yet";
  const what = sent === 0 ? "nothing was sent, every step was done" : `${sent} transaction(s) sent`;
  return `The pool of model "${result.modelId}" on ${network} is at ${result.pool} (${what}): ${state}; ${trades}.`;
}

/** The result, in whole sentences, for stdout. */
export function formatLaunchResult(result: LaunchResult, context: NetworkContext): string {
  const rows: Array<[string, string]> = [
    ["token", result.token],
    ["pool", result.pool],
    ...poolParamRows(result.params),
  ];
  rows.push(["buyers", buyers(result.whitelist, result.stack)]);
  for (const step of result.steps) {
    if (step.state !== "sent" || step.tx?.hash === undefined) continue;
    const link = context.explorerUrl === undefined ? "" : ` ${context.explorerUrl}/tx/${step.tx.hash}`;
    rows.push([STEP_NAMES[step.name], `${step.tx.hash} (block ${step.tx.blockNumber})${link}`]);
  }
  rows.push(["record", result.recordFile]);
  return `${launchHeadline(result, context.network)}\n${table(rows)}`;
}

export function launchJson(result: LaunchResult, context: NetworkContext): Record<string, unknown> {
  return {
    version: LAUNCH_JSON_VERSION,
    network: context.network,
    chainId: context.chainId,
    status: result.steps.some((step) => step.state === "sent") ? "launched" : "already-done",
    ...(toJsonValue(result) as Record<string, unknown>),
  };
}

export function launchDryRunJson(
  preflight: LaunchPreflight,
  context: NetworkContext,
): Record<string, unknown> {
  return {
    version: LAUNCH_JSON_VERSION,
    status: "dry-run",
    network: context.network,
    chainId: context.chainId,
    ...(toJsonValue({
      ...preflight,
      steps: preflight.steps.map(({ call: _call, ...step }) => step),
    }) as Record<string, unknown>),
  };
}

// ---------------------------------------------------------------------------
// hokusai:launch: every token of the platform's launch file

/** One line per model, for the progress of a terminal or a log. */
export function formatLaunchItemDone(
  item: LaunchOutcome["results"][number],
  done: number,
  total: number,
): string {
  const width = String(total).length;
  const what =
    item.status === "failed"
      ? `FAILED: ${item.error ?? "unknown error"}`
      : `${item.status}${item.launch === undefined ? "" : `, pool ${item.launch.pool}${item.launch.trades ? ", trades" : ""}`}`;
  return `[${String(done).padStart(width)}/${total}] ${item.modelId} (${item.configKey}): ${what} (${item.seconds.toFixed(2)} s)`;
}

/** The summary table of a launch file's run (or of its dry run). */
export function formatLaunchFileSummary(outcome: LaunchOutcome): string {
  const dry = outcome.dryRun;
  const header = ["model", "config", "token", "pool", "reserve", dry === undefined ? "status" : "gas"];
  const rows = outcome.results.map((item) => [
    item.modelId,
    item.configKey,
    item.token === undefined
      ? item.tokenStatus === "would-deploy"
        ? "to deploy"
        : "-"
      : `${item.token.slice(0, 10)}… (${item.tokenStatus ?? "?"})`,
    item.launch !== undefined
      ? `${item.launch.pool.slice(0, 10)}…${item.launch.whitelist ? " gated" : " public"}`
      : item.pool !== undefined
        ? `${item.pool.address.slice(0, 10)}…${item.pool.gated ? " gated" : " public"}`
        : "-",
    item.launch?.reserveBalance === undefined ? "-" : formatUsdc(item.launch.reserveBalance),
    item.status === "failed"
      ? `FAILED: ${item.error}`
      : item.gas !== undefined
        ? `${item.gas.deploy} + ${item.gas.launch}${item.gas.launchChecked ? "" : " (estimated)"}`
        : item.status,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  const where = `${outcome.launchFile} on ${outcome.network} (chain ${outcome.chainId})`;
  let head: string;
  if (dry !== undefined) {
    const toDeploy = outcome.results.filter((r) => r.tokenStatus === "would-deploy").length;
    const toLaunch = outcome.results.filter((r) => r.status === "would-launch").length;
    const done = outcome.results.length - toLaunch;
    head =
      `Dry run of ${where}: nothing was sent. ${toLaunch} models would be launched ` +
      `(${toDeploy} tokens to deploy)${done > 0 ? `, ${done} already done` : ""}, about ${dry.gas} gas, at most ${formatEther(dry.maxCost)} ETH at the fee now. ` +
      "Gas per model: the token's deployment + the launch's steps (estimated where the token is not deployed yet).";
  } else {
    const failed = outcome.results.filter((r) => r.status === "failed").length;
    head = `Launch of ${where}: ${outcome.results.length - failed} of ${outcome.results.length} models done.`;
  }
  return [head, line(header), ...rows.map(line)].join("\n");
}

export function launchFileJson(outcome: LaunchOutcome): Record<string, unknown> {
  return { version: LAUNCH_JSON_VERSION, ...(toJsonValue(outcome) as Record<string, unknown>) };
}
