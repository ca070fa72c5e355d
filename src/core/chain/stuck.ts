/**
 * A transaction stuck below the base fee: the network's base fee rose above the max fee it
 * was sent with, so no block takes it. It is replaced by the same call with the same nonce
 * and higher fees: at least 12.5% more on both the max fee and the priority fee (nodes refuse
 * a replacement below +10%), and enough for the base fee now, within the fee cap.
 */
import { formatUnits, type Provider, type TransactionRequest } from "ethers";

import { stuckTransactionError } from "../errors";
import { type FeeQuote, readFees } from "./fees";
import { DEFAULT_REPLACE_AFTER_SECONDS, type JournaledTx } from "./journal";

/** The fees of a transaction in the pool, as a node reports them. */
export interface PendingFees {
  type: number | null;
  maxFeePerGas: bigint | null;
  maxPriorityFeePerGas: bigint | null;
  gasPrice: bigint;
}

export type StuckCheck =
  /** The max fee covers the base fee: the transaction is only waiting its turn. */
  | { kind: "not-stuck" }
  | {
      kind: "replace";
      fees: TransactionRequest;
      maxFeeGwei: string;
      oldMaxFeeGwei: string;
      baseFeeGwei: string;
    }
  /** No replacement within the cap could be mined now. */
  | { kind: "over-cap"; neededGwei: string; oldMaxFeeGwei: string; baseFeeGwei: string };

/** +12.5%, rounded up, and at least 1 wei more. */
export function bumpFee(fee: bigint): bigint {
  const bumped = fee + (fee + 7n) / 8n;
  return bumped > fee ? bumped : fee + 1n;
}

const max = (...values: bigint[]) => values.reduce((a, b) => (b > a ? b : a));
const min = (a: bigint, b: bigint) => (a < b ? a : b);
const gwei = (wei: bigint) => formatUnits(wei, "gwei");

/** The most a unit of gas of `pending` may cost: its max fee, or its gas price. */
function maxFeeOf(pending: PendingFees): bigint {
  return pending.type === 2 && pending.maxFeePerGas !== null ? pending.maxFeePerGas : pending.gasPrice;
}

/** True when no block with this base fee can take `pending`. */
export function isBelowBaseFee(pending: PendingFees, baseFee: bigint | null | undefined): boolean {
  return baseFee !== null && baseFee !== undefined && maxFeeOf(pending) < baseFee;
}

/**
 * Whether `pending` is stuck below `baseFee`, and the fees of its replacement: the bumped
 * old fees, raised to what the network asks now (`quote`), lowered to the cap if need be as
 * long as they stay above both the bumped fees and the base fee.
 */
export function replacementFor(
  pending: PendingFees,
  baseFee: bigint | null | undefined,
  quote: FeeQuote,
  capGwei: number | undefined,
): StuckCheck {
  if (baseFee === null || baseFee === undefined || !isBelowBaseFee(pending, baseFee))
    return { kind: "not-stuck" };
  const eip1559 = pending.type === 2 && pending.maxFeePerGas !== null;
  const oldMax = maxFeeOf(pending);
  const cap = capGwei === undefined ? undefined : BigInt(Math.round(capGwei * 1e9));
  const facts = { oldMaxFeeGwei: gwei(oldMax), baseFeeGwei: gwei(baseFee) };
  const priority = eip1559
    ? max(bumpFee(pending.maxPriorityFeePerGas ?? 0n), quote.maxPriorityFeePerGas ?? 0n)
    : 0n;
  const needed = max(bumpFee(oldMax), baseFee + priority);
  const wanted = max(needed, quote.perGas);
  const maxFee = cap === undefined ? wanted : min(wanted, cap);
  if (maxFee < needed) return { kind: "over-cap", neededGwei: gwei(needed), ...facts };
  const fees: TransactionRequest = eip1559
    ? { type: 2, maxFeePerGas: maxFee, maxPriorityFeePerGas: priority }
    : { type: 0, gasPrice: maxFee };
  return { kind: "replace", fees, maxFeeGwei: gwei(maxFee), ...facts };
}

export type Replacement = Extract<StuckCheck, { kind: "replace" }> & { waitedSeconds: number };

/**
 * The replacement of `pending` (the transaction's attempt in the pool) when it has waited
 * `replaceAfterSeconds` since it was sent and the latest block's base fee is above its max
 * fee; undefined while it is not stuck. HOK427 (exit 3) when no replacement within the cap
 * could be mined now: the record is kept, and a rerun with a higher cap replaces it.
 */
export async function stuckReplacement(
  provider: Provider,
  tx: JournaledTx,
  pending: PendingFees & { hash: string },
  options: { replaceAfterSeconds?: number; maxFeePerGasGwei?: number },
  waitStarted: number,
): Promise<Replacement | undefined> {
  const after = (options.replaceAfterSeconds ?? DEFAULT_REPLACE_AFTER_SECONDS) * 1000;
  const since = Date.parse(tx.sentAt ?? "") || waitStarted;
  if (after <= 0 || Date.now() - since < after) return undefined;
  const baseFee = (await provider.getBlock("latest"))?.baseFeePerGas;
  if (!isBelowBaseFee(pending, baseFee)) return undefined;
  const cap = options.maxFeePerGasGwei;
  const check = replacementFor(pending, baseFee, await readFees(provider), cap);
  const waitedSeconds = Math.round((Date.now() - since) / 1000);
  if (check.kind === "not-stuck") return undefined;
  if (check.kind === "over-cap") {
    const fees = { maxFeeGwei: check.oldMaxFeeGwei, baseFeeGwei: check.baseFeeGwei, capGwei: cap };
    throw stuckTransactionError(
      pending.hash,
      tx.nonce,
      { ...fees, neededGwei: check.neededGwei },
      waitedSeconds,
    );
  }
  return { ...check, waitedSeconds };
}
