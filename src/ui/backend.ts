/** What the backend tasks print: pure functions of their results, tested as strings. */
import { formatUnits } from "ethers";

import type {
  CreatePoolPreflight,
  CreatePoolResult,
  DistributePreflight,
  DistributeResult,
  PoolParams,
  SentCall,
  SupplierSplit,
} from "../core/backend";
import type { TxProgress } from "../core/chain/transaction";
import { formatTxProgress } from "./deploy";
import { formatTokens, table, toJsonValue } from "./format";

export const BACKEND_JSON_VERSION = 1;

/** Where a task ran, for its headline and JSON. */
export interface NetworkContext {
  network: string;
  chainId: number;
  /** e.g. https://sepolia.etherscan.io, for links to transactions. */
  explorerUrl?: string;
}

function groupDigits(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** 25000000000n → "25,000 USDC"; 10000n → "0.01 USDC" (6 decimals). */
export function formatUsdc(value: bigint): string {
  const [whole, fraction] = formatUnits(value, 6).split(".");
  const trimmed = (fraction ?? "").replace(/0+$/, "");
  return `${groupDigits(whole)}${trimmed === "" ? "" : `.${trimmed}`} USDC`;
}

function percent(numerator: bigint, denominator: bigint): string {
  const value = (Number(numerator) * 100) / Number(denominator);
  return `${Number(value.toFixed(4))}%`;
}

/** 200000n → "200000 ppm (20%)". */
export function formatCrr(crr: bigint): string {
  return `${crr} ppm (${percent(crr, 1_000_000n)})`;
}

/** 30n → "30 bps (0.3%)". */
export function formatBps(bps: bigint | number): string {
  return `${bps} bps (${percent(BigInt(bps), 10_000n)})`;
}

/** 604800n → "604800 s (7 days)". */
export function formatSeconds(seconds: bigint): string {
  const days = Number(seconds) / 86_400;
  const human =
    days >= 1
      ? `${Number(days.toFixed(2))} day${days === 1 ? "" : "s"}`
      : `${Number((Number(seconds) / 3600).toFixed(2))} hours`;
  return `${seconds} s (${human})`;
}

/** The rows of a pool's five parameters. */
export function poolParamRows(
  params: Partial<PoolParams>,
  defaults: Array<keyof PoolParams> = [],
): Array<[string, string]> {
  const mark = (key: keyof PoolParams) => (defaults.includes(key) ? " (factory default)" : "");
  const rows: Array<[string, string]> = [];
  if (params.crr !== undefined) rows.push(["crr", formatCrr(params.crr) + mark("crr")]);
  if (params.tradeFee !== undefined) rows.push(["trade fee", formatBps(params.tradeFee) + mark("tradeFee")]);
  if (params.ibrDuration !== undefined)
    rows.push(["IBR duration", formatSeconds(params.ibrDuration) + mark("ibrDuration")]);
  if (params.flatCurveThreshold !== undefined)
    rows.push(["flat-curve threshold", formatUsdc(params.flatCurveThreshold) + mark("flatCurveThreshold")]);
  if (params.flatCurvePrice !== undefined)
    rows.push([
      "flat-curve price",
      `${formatUsdc(params.flatCurvePrice)} per token${mark("flatCurvePrice")}`,
    ]);
  return rows;
}

function networkRow(context: NetworkContext): [string, string] {
  return ["network", `${context.network} (chain ${context.chainId})`];
}

function transactionRows(transactions: SentCall[], context: NetworkContext): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  for (const tx of transactions) {
    rows.push(["transaction", `${tx.hash} (${tx.description}, block ${tx.blockNumber}, gas ${tx.gasUsed})`]);
    if (context.explorerUrl !== undefined) rows.push(["", `${context.explorerUrl}/tx/${tx.hash}`]);
  }
  return rows;
}

/** One line per progress event, for stderr. */
export function formatBackendProgress(event: TxProgress): string {
  return formatTxProgress(event);
}

// ---------------------------------------------------------------------------
// distribute-supplier-allocation

function days(seconds: bigint): string {
  const whole = seconds / 86_400n;
  return seconds % 86_400n === 0n ? `${whole} days` : `${seconds} s`;
}

function date(unixSeconds: bigint): string {
  return new Date(Number(unixSeconds) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** "40,000 tokens at once, 360,000 vested" or "400,000 tokens at once". */
export function splitPhrase(split: SupplierSplit, recipient: string): string {
  const now = `${formatTokens(split.immediate)} tokens to ${recipient} at once`;
  return split.vested === 0n ? now : `${now} and ${formatTokens(split.vested)} vested in ${split.vault}`;
}

/** The rows that say where a supplier allocation goes. */
export function splitRows(
  split: SupplierSplit & { vestingStart?: bigint; vestingEnd?: bigint },
): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    ["at once", `${formatTokens(split.immediate)} tokens to the recipient`],
  ];
  if (split.vested === 0n) return rows;
  const schedule =
    split.vestingStart !== undefined && split.vestingEnd !== undefined
      ? `from ${date(split.vestingStart)} to ${date(split.vestingEnd)}`
      : `over ${days(split.durationSeconds ?? 0n)}`;
  rows.push(
    ["vested", `${formatTokens(split.vested)} tokens to the vesting vault ${split.vault}`],
    ["schedule", `${schedule}, cliff ${days(split.cliffSeconds ?? 0n)}, claimable by the recipient`],
  );
  return rows;
}

/** What will be sent, shown (on stderr) before sending. */
export function formatDistributeSummary(preflight: DistributePreflight, context: NetworkContext): string {
  const { allocation } = preflight;
  const rows: Array<[string, string]> = [
    networkRow(context),
    ["TokenManager", allocation.tokenManager],
    ["from", `${preflight.from} (owner)`],
    ["token", allocation.token],
    ["recipient", allocation.recipient],
    ["amount", `${formatTokens(allocation.amount)} tokens`],
    ...splitRows(allocation.split),
  ];
  if (preflight.call !== undefined) rows.push(["gas limit", String(preflight.call.gasLimit)]);
  return `Distributing the supplier allocation of model "${allocation.modelId}":\n${table(rows)}`;
}

export function formatDistributeDryRun(preflight: DistributePreflight): string {
  const { allocation } = preflight;
  if (preflight.status === "done") return formatAlreadyDistributed(allocation.modelId);
  return `Dry run: nothing was sent. distributeModelSupplierAllocation(${JSON.stringify(allocation.modelId)}) on ${allocation.tokenManager} would mint ${splitPhrase(allocation.split, allocation.recipient)} (gas limit ${preflight.call?.gasLimit}).`;
}

function formatAlreadyDistributed(modelId: string): string {
  return `The supplier allocation of model "${modelId}" was already distributed: nothing was sent.`;
}

/** The result, in whole sentences, for stdout. */
export function formatDistributeResult(result: DistributeResult, context: NetworkContext): string {
  const headline =
    result.status === "already-distributed"
      ? formatAlreadyDistributed(result.modelId)
      : `Distributed the supplier allocation of model "${result.modelId}" on ${context.network}: ${splitPhrase(result.split, result.recipient)}.`;
  const rows: Array<[string, string]> = [
    ["token", result.token],
    ["recipient", result.recipient],
    ["amount", `${formatTokens(result.amount)} tokens`],
    ...splitRows(result.split),
    ["recipient balance", `${formatTokens(result.recipientBalance)} tokens`],
    ...transactionRows(result.transaction === undefined ? [] : [result.transaction], context),
  ];
  return `${headline}\n${table(rows)}`;
}

/** The one document `--json` prints. */
export function distributeJson(result: DistributeResult, context: NetworkContext): Record<string, unknown> {
  return {
    version: BACKEND_JSON_VERSION,
    network: context.network,
    chainId: context.chainId,
    ...(toJsonValue(result) as Record<string, unknown>),
  };
}

export function distributeDryRunJson(
  preflight: DistributePreflight,
  context: NetworkContext,
): Record<string, unknown> {
  const { allocation } = preflight;
  return {
    version: BACKEND_JSON_VERSION,
    status: preflight.status === "done" ? "already-distributed" : "dry-run",
    network: context.network,
    chainId: context.chainId,
    ...(toJsonValue(allocation) as Record<string, unknown>),
    from: preflight.from,
    gasLimit: preflight.call?.gasLimit.toString(),
  };
}

// ---------------------------------------------------------------------------
// create-pool

function defaulted(preflight: CreatePoolPreflight): Array<keyof PoolParams> {
  return (Object.keys(preflight.params) as Array<keyof PoolParams>).filter(
    (key) => !preflight.explicit.includes(key),
  );
}

/** What will be sent, shown (on stderr) before sending. */
export function formatCreatePoolSummary(preflight: CreatePoolPreflight, context: NetworkContext): string {
  const { state } = preflight;
  const rows: Array<[string, string]> = [
    networkRow(context),
    ["AMM factory", state.ammFactory],
    ["TokenManager", state.tokenManager],
    ["from", `${preflight.from} (owner)`],
    ["token", state.token],
  ];
  if (preflight.action === "authorize") {
    rows.push(["pool", `${state.pool} (exists, may not mint yet)`]);
    rows.push(...poolParamRows(preflight.existingParams ?? {}));
  } else {
    rows.push(...poolParamRows(preflight.params, defaulted(preflight)));
  }
  rows.push(["calls", preflight.calls.map((c) => c.description).join(", then ")]);
  const what =
    preflight.action === "authorize"
      ? `Finishing the AMM pool of model "${state.modelId}" (created, not yet authorised to mint)`
      : `Creating the AMM pool of model "${state.modelId}"`;
  return `${what}:\n${table(rows)}`;
}

export function formatCreatePoolDryRun(preflight: CreatePoolPreflight): string {
  if (preflight.action === "done") return alreadyDone(preflight.state.modelId);
  return `Dry run: nothing was sent. It would call ${preflight.calls.map((c) => `${c.description} on ${c.to}`).join(", then ")}.`;
}

function alreadyDone(modelId: string): string {
  return `The AMM pool of model "${modelId}" is already created and authorised to mint: nothing was sent.`;
}

/** How the pool was created, for the result. */
export interface CreatePoolRoute {
  via: "ignition" | "direct";
  deploymentId?: string;
  /** The Ignition journal, on a network that keeps one. */
  journal?: string;
}

/** The result, in whole sentences, for stdout. */
export function formatCreatePoolResult(
  result: CreatePoolResult,
  context: NetworkContext,
  route?: CreatePoolRoute,
): string {
  const headline =
    result.status === "already-done"
      ? alreadyDone(result.modelId)
      : result.status === "authorized"
        ? `The AMM pool of model "${result.modelId}" existed on ${context.network} but could not mint; authorised it: ${result.pool}.`
        : `Created the AMM pool of model "${result.modelId}" on ${context.network} and authorised it to mint: ${result.pool}.`;
  const rows: Array<[string, string]> = [
    ["pool", result.pool],
    ["token", result.token],
    ...poolParamRows(result.params),
    ...transactionRows(result.transactions, context),
  ];
  if (route?.via === "ignition" && result.status === "created") {
    rows.push(["Ignition deployment", route.deploymentId ?? ""]);
    if (route.journal !== undefined) rows.push(["journal", route.journal]);
  }
  if (context.explorerUrl !== undefined)
    rows.push(["explorer", `${context.explorerUrl}/address/${result.pool}`]);
  return `${headline}\n${table(rows)}`;
}

/** The one document `--json` prints. */
export function createPoolJson(
  result: CreatePoolResult,
  context: NetworkContext,
  route?: CreatePoolRoute,
): Record<string, unknown> {
  return {
    version: BACKEND_JSON_VERSION,
    network: context.network,
    chainId: context.chainId,
    ...(toJsonValue(result) as Record<string, unknown>),
    ...(route === undefined ? {} : (toJsonValue(route) as Record<string, unknown>)),
  };
}

export function createPoolDryRunJson(
  preflight: CreatePoolPreflight,
  context: NetworkContext,
): Record<string, unknown> {
  return {
    version: BACKEND_JSON_VERSION,
    status: preflight.action === "done" ? "already-done" : "dry-run",
    network: context.network,
    chainId: context.chainId,
    modelId: preflight.state.modelId,
    action: preflight.action,
    ...(toJsonValue({
      tokenManager: preflight.state.tokenManager,
      ammFactory: preflight.state.ammFactory,
      token: preflight.state.token,
      pool: preflight.state.pool,
      from: preflight.from,
      params: preflight.params,
      calls: preflight.calls,
    }) as Record<string, unknown>),
    warnings: preflight.warnings,
  };
}
