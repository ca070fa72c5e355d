/**
 * Calls before they are sent: checked by a static call and estimated (a revert decoded
 * into its fix), the balance they need, and the transaction that took a nonce.
 */
import { formatEther, type Provider, type TransactionResponse } from "ethers";

import { insufficientBalanceError } from "../errors";
import { readFees, withGasMargin } from "./fees";
import { decodeCallError, revertError, type RevertContext } from "./revert";
import type { TxJournal } from "./journal";

/** A call checked by a static call and estimated, ready to send. */
export interface PlannedCall {
  to: string;
  data: string;
  value: bigint;
  gasLimit: bigint;
  /** e.g. `distributeModelSupplierAllocation("28")`. */
  description: string;
  /** What the static call returned. */
  answer: string;
}

export interface CallToPlan {
  to: string;
  data: string;
  value?: bigint;
  description: string;
}

/** eth_call then eth_estimateGas from `from`; a revert is decoded into its fix. Sends nothing. */
export async function planCall(
  provider: Provider,
  from: string,
  call: CallToPlan,
  context: RevertContext,
): Promise<PlannedCall> {
  const request = { to: call.to, data: call.data, value: call.value ?? 0n, from };
  let answer: string;
  let estimate: bigint;
  try {
    answer = await provider.call(request);
    estimate = await provider.estimateGas(request);
  } catch (error) {
    const decoded = decodeCallError(error, context);
    if (decoded === undefined) throw error;
    throw revertError(decoded, `preflight of ${call.description} (static call)`);
  }
  return { ...call, value: request.value, gasLimit: withGasMargin(estimate), answer };
}

/** `account` can pay the gas of `calls` at the current fee, plus the value they send; returns the sum. */
export async function requireBalance(
  provider: Provider,
  account: string,
  calls: Array<{ gasLimit: bigint; value?: bigint }>,
  what: string,
): Promise<bigint> {
  const quote = await readFees(provider);
  const needed = calls.reduce((sum, c) => sum + c.gasLimit * quote.perGas + (c.value ?? 0n), 0n);
  const balance = await provider.getBalance(account);
  if (balance < needed)
    throw insufficientBalanceError(account, formatEther(balance), formatEther(needed), what);
  return needed;
}

/** A journal that keeps nothing: for a step whose rerun reads the chain to know what is done. */
export const NO_JOURNAL: TxJournal = { save: () => undefined };

/** The hash of the mined transaction of `from` with `nonce`, searched in recent blocks. */
export async function findTransactionByNonce(
  provider: Provider,
  from: string,
  nonce: number,
  depth = 64,
): Promise<string | undefined> {
  return (await findMinedByNonce(provider, from, nonce, depth))?.hash;
}

/** The mined transaction of `from` with `nonce`, among the last `depth` blocks. */
export async function findMinedByNonce(
  provider: Provider,
  from: string,
  nonce: number,
  depth = 64,
): Promise<TransactionResponse | undefined> {
  const latest = await provider.getBlockNumber();
  for (let n = latest; n >= 0 && n > latest - depth; n--) {
    const block = await provider.getBlock(n, true);
    for (const t of block?.prefetchedTransactions ?? []) {
      if (t.from.toLowerCase() === from.toLowerCase() && t.nonce === nonce) return t;
    }
  }
  return undefined;
}

/** The transaction of `from` with `nonce` in the node's pending block, where the node shows one. */
export async function findPendingByNonce(
  provider: Provider,
  from: string,
  nonce: number,
): Promise<TransactionResponse | undefined> {
  let block;
  try {
    block = await provider.getBlock("pending", true);
  } catch {
    // Not every RPC serves the pending block.
    return undefined;
  }
  return block?.prefetchedTransactions.find(
    (t) => t.from.toLowerCase() === from.toLowerCase() && t.nonce === nonce,
  );
}
