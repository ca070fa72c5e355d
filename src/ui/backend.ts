/** What the backend tasks print: pure functions of their results, tested as strings. */
import { formatUnits } from "ethers";

import type {
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
