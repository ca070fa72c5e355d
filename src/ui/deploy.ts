/** What deploy-token prints: pure functions of its results, tested as strings. */
import type { TxProgress } from "../core/chain/transaction";
import type { DeployProgress, DeployTokenResult } from "../core/deploy/deploy";
import { splitByVesting } from "../core/backend/reads";
import { effectiveTokensPerDeltaOne, type PreflightResult, storedVesting } from "../core/deploy/preflight";
import type { DeployTokenRequest } from "../core/deploy/request";
import type { SimulationOutput } from "../core/fork-simulation";
import { formatEth, formatGwei, formatTokens, formatUsd6, table, toJsonValue } from "./format";

export const DEPLOY_JSON_VERSION = 1;

/** The summary shown before sending (and by --dry-run). */
export function formatDeploySummary(
  request: DeployTokenRequest,
  preflight: PreflightResult,
  context: { network: string; chainId: number; rpcHost?: string; tokenManagerSource?: string },
): string {
  const rows: Array<[string, string]> = [
    [
      "network",
      `${context.network} (chain ${context.chainId}${context.rpcHost ? `, ${context.rpcHost}` : ""})`,
    ],
    [
      "TokenManager",
      `${preflight.tokenManager} (${preflight.abi === "v2" ? "live ABI v2" : "guide ABI v1"}${context.tokenManagerSource === undefined ? "" : `, from ${context.tokenManagerSource}`})`,
    ],
    ["from", preflight.from],
    ["model id", request.modelId],
    ["token", `${request.name} (${request.symbol})`],
    ["supplier allocation", supplierAllocation(request, preflight.abi)],
    ["investor allocation", `${formatTokens(request.investorAllocation)} tokens`],
    ["max supply", `${formatTokens(request.modelSupplierAllocation + request.investorAllocation)} tokens`],
    ["tokens per DeltaOne", formatTokens(effectiveTokensPerDeltaOne(request.tokensPerDeltaOne))],
    [
      "infrastructure accrual",
      `${request.infrastructureAccrualBps} bps (${request.infrastructureAccrualBps / 100}%)`,
    ],
    ["oracle price / 1000 calls", formatUsd6(request.initialOraclePricePerThousandUsd)],
    ["license", `${request.licenseURI}`],
    ["license hash", request.licenseHash],
    ["governor", request.governor],
  ];
  if (preflight.abi === "v2") {
    const v = request.vesting;
    rows.push([
      "vesting",
      v === undefined
        ? "contract defaults (10% immediate, 365 days, no cliff)"
        : v.enabled
          ? `${v.immediateUnlockBps} bps immediate, ${v.vestingDurationSeconds / 86_400n} days, cliff ${v.cliffSeconds / 86_400n} days`
          : "off",
    ]);
  }
  rows.push(
    ["deployment fee", formatEth(preflight.fee)],
    ["gas limit", `${preflight.gasLimit} at up to ${formatGwei(preflight.maxFeePerGas)}`],
    ["fee now", feeCapLine(preflight)],
    ["most it can cost", `${formatEth(preflight.maxCost)} (balance ${formatEth(preflight.balance)})`],
  );
  return `Deploying model token "${request.modelId}":\n${table(rows)}`;
}

/**
 * Where the supplier allocation goes once distributed: all to the recipient, or on the
 * live stack, whose vesting is enforced, the immediate part to it and the rest vested.
 */
function supplierAllocation(request: DeployTokenRequest, abi: PreflightResult["abi"]): string {
  const whole = `${formatTokens(request.modelSupplierAllocation)} tokens for ${request.modelSupplierRecipient}`;
  if (abi !== "v2") return whole;
  const split = splitByVesting(request.modelSupplierAllocation, storedVesting(request.vesting));
  if (split.vested === 0n) return whole;
  return `${whole}, when distributed: ${formatTokens(split.immediate)} at once, ${formatTokens(split.vested)} vested over ${(split.durationSeconds ?? 0n) / 86_400n} days`;
}

/** "fee now 1.875 gwei, cap 50 gwei". */
export function feeCapLine(preflight: PreflightResult): string {
  const check = preflight.feeCheck;
  const now = `${formatGwei(preflight.maxFeePerGas)} per gas`;
  return check?.capGwei === undefined ? `${now} (no cap)` : `${now}, cap ${check.capGwei} gwei`;
}

/** One line per event of the transaction engine, for stderr. */
export function formatTxProgress(event: TxProgress): string {
  switch (event.type) {
    case "prepared":
      return `Recorded ${event.description} with nonce ${event.nonce}; signing`;
    case "signed":
      return `Signed transaction ${event.hash} (nonce ${event.nonce}), recorded; broadcasting`;
    case "sent":
      return `Sent transaction ${event.hash} (${event.description}, nonce ${event.nonce}); waiting for it to be mined`;
    case "rebroadcast":
      return `The transaction with nonce ${event.nonce} was not in the node's pool; sent it again: ${event.hash}`;
    case "replaced":
      return `Transaction ${event.replaced} (nonce ${event.nonce}) is stuck: its max fee ${event.oldMaxFeeGwei} gwei is below the base fee ${event.baseFeeGwei} gwei; replaced it (recorded first) with ${event.hash} at a max fee of ${event.maxFeeGwei} gwei`;
    case "reorged":
      return `Block ${event.blockNumber}, which held ${event.hash}, is no longer on the chain (a reorg); waiting for the transaction to be mined again`;
    case "waiting":
      return `  still waiting for ${event.hash}: ${event.elapsedSeconds}s, ${event.confirmations}/${event.wanted} confirmations`;
    case "mined":
      return `Mined ${event.hash} in block ${event.blockNumber}`;
  }
}

/**
 * The events of a deployment that a batch tells as they happen, model by model: what the
 * run did about the network (a transaction sent again, replaced, reorged) or about an
 * earlier run. The rest (recorded, signed, sent, mined) the batch's progress line sums up.
 */
export function isNotableDeployProgress(event: DeployProgress): boolean {
  return ["rebroadcast", "replaced", "reorged", "resuming", "pending-elsewhere", "record-moved"].includes(
    event.type,
  );
}

/** One line per progress event of a deployment, for stderr. */
export function formatDeployProgress(event: DeployProgress): string {
  switch (event.type) {
    case "resuming":
      return `Resuming an earlier run (${event.status}${event.nonce !== undefined ? `, nonce ${event.nonce}` : ""}${event.hash ? `, tx ${event.hash}` : ""})`;
    case "pending-elsewhere":
      return "A deployment of this model is pending on the chain, not one from this project's record: waiting for it to be mined to see whose it is";
    case "record-moved":
      return `Warning: the deployment record was ${event.why}; moved it to ${event.to}`;
    default:
      return formatTxProgress(event);
  }
}

/** The result, in whole sentences, for stdout. */
export function formatDeployResult(result: DeployTokenResult): string {
  const lines: string[] = [];
  if (result.status === "already-deployed") {
    lines.push(`Model "${result.modelId}" is already deployed on ${result.network}: nothing was sent.`);
  } else {
    lines.push(`Deployed model token "${result.modelId}" on ${result.network}.`);
  }
  const rows: Array<[string, string]> = [
    ["token", result.token],
    ["params", result.params],
  ];
  if (result.txHash) rows.push(["transaction", result.txHash]);
  if (result.blockNumber !== undefined) rows.push(["block", String(result.blockNumber)]);
  if (result.gasUsed !== undefined) rows.push(["gas used", String(result.gasUsed)]);
  if (result.gasCost !== undefined) rows.push(["gas paid", formatEth(result.gasCost)]);
  if (result.deploymentFee !== undefined) rows.push(["deployment fee", formatEth(result.deploymentFee)]);
  rows.push(["record", result.recordFile]);
  if (result.explorer?.transaction) rows.push(["explorer", result.explorer.transaction]);
  if (result.explorer?.token) rows.push(["", result.explorer.token]);
  lines.push(table(rows));
  return lines.join("\n");
}

/** The one document `--json` prints. */
export function deployResultJson(
  result: DeployTokenResult,
  warnings: string[] = [],
): Record<string, unknown> {
  return { version: DEPLOY_JSON_VERSION, ...(toJsonValue(result) as Record<string, unknown>), warnings };
}

/** What --dry-run prints after the summary. */
export function formatDryRun(preflight: PreflightResult): string {
  return `Dry run: nothing was sent. The transaction would call deployTokenWithAllocations on ${preflight.tokenManager} with ${formatEth(preflight.fee)}, gas limit ${preflight.gasLimit}, costing at most ${formatEth(preflight.maxCost)}.`;
}

/** What the transaction did on the fork. */
export function formatSimulation(simulation: SimulationOutput, network: string): string {
  if ("error" in simulation) return `The simulation on a fork of ${network} failed: ${simulation.error}`;
  if (!simulation.ok) {
    return `On a fork of ${network} the transaction reverted: ${simulation.revert.message}; ${simulation.revert.fix}`;
  }
  const lines = [
    `On a fork of ${network} (nothing reached ${network} itself) the transaction would:`,
    table([
      ["create token", simulation.token],
      ["and params", simulation.params],
      ["using gas", simulation.gasUsed],
    ]),
    "  emitting:",
    ...simulation.events.map(
      (e) =>
        `    ${e.name}(${Object.entries(e.args)
          .map(([k, v]) => `${k}=${v}`)
          .join(", ")})`,
    ),
  ];
  return lines.join("\n");
}

export function dryRunJson(
  request: DeployTokenRequest,
  preflight: PreflightResult,
  simulation?: SimulationOutput,
): Record<string, unknown> {
  return {
    version: DEPLOY_JSON_VERSION,
    status: "dry-run",
    modelId: request.modelId,
    request: toJsonValue(request),
    tokenManager: preflight.tokenManager,
    abi: preflight.abi,
    from: preflight.from,
    transaction: toJsonValue(preflight.transaction),
    gasLimit: preflight.gasLimit.toString(),
    maxFeePerGas: preflight.maxFeePerGas.toString(),
    feeCapGwei: preflight.feeCheck?.capGwei,
    maxCost: preflight.maxCost.toString(),
    warnings: preflight.warnings,
    ...(simulation === undefined ? {} : { simulation }),
  };
}
