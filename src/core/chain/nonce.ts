/**
 * Where a journaled transaction is on the chain: any of its attempts (a replacement and the
 * one it replaced) mined or pending, and, when none of its recorded hashes is seen, who holds
 * its nonce. The chain, not the journal, is the truth: a transaction mined or pending with the
 * nonce and the same call is ours (sent by an attempt whose answer was lost); any other is not.
 */
import type { Provider, TransactionReceipt } from "ethers";

import { nonceTakenError, timeoutError } from "../errors";
import { findMinedByNonce, findPendingByNonce } from "./calls";
import { adoptHash, hashesOf, isSameCall, type JournaledTx, settleTx, type TxJournal } from "./journal";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface NonceWait {
  timeoutSeconds: number;
  pollMs: number;
}

/** Waits until a transaction of `from` with `nonce` is mined; HOK421 after the timeout. */
export async function waitForNonce(provider: Provider, from: string, nonce: number, wait: NonceWait) {
  const started = Date.now();
  while ((await provider.getTransactionCount(from, "latest")) <= nonce) {
    if (Date.now() - started > wait.timeoutSeconds * 1000) {
      throw timeoutError(`the transaction with nonce ${nonce}`, wait.timeoutSeconds);
    }
    await sleep(wait.pollMs);
  }
}

/**
 * True when this call holds the nonce, mined or pending, under a hash now adopted; false
 * when nobody does (it never reached the node, or left its pool). Another transaction with
 * the nonce abandons the record and throws HOK422.
 */
export async function nonceHeldByUs(
  provider: Provider,
  tx: JournaledTx,
  journal: TxJournal,
  wait: NonceWait,
): Promise<boolean> {
  if ((await provider.getTransactionCount(tx.from, "latest")) <= tx.nonce) {
    if ((await provider.getTransactionCount(tx.from, "pending")) <= tx.nonce) return false;
    const pending = await findPendingByNonce(provider, tx.from, tx.nonce);
    if (pending !== undefined && isSameCall(tx, pending)) {
      adoptHash(tx, pending.hash);
      journal.save(tx);
      return true;
    }
    // Held in the pool by something this node does not show, or by another transaction: wait until it is mined.
    await waitForNonce(provider, tx.from, tx.nonce, wait);
  }
  const mined = await findMinedByNonce(provider, tx.from, tx.nonce);
  if (mined !== undefined && isSameCall(tx, mined)) {
    // Broadcast by an earlier attempt whose hash was never learnt: it is this call.
    adoptHash(tx, mined.hash);
    if (tx.status === "prepared" || tx.status === "signed") tx.status = "sent";
    journal.save(tx);
    return true;
  }
  settleTx(tx, journal, "abandoned", `nonce ${tx.nonce} was used by another transaction`);
  throw nonceTakenError(tx.nonce, tx.from, mined?.hash, tx.description);
}

/** The receipt of any of the transaction's attempts (that one becomes its hash), or null. */
export async function receiptOfAny(
  provider: Provider,
  tx: JournaledTx,
  journal: TxJournal,
): Promise<TransactionReceipt | null> {
  for (const hash of hashesOf(tx)) {
    const receipt = await provider.getTransactionReceipt(hash);
    if (receipt === null) continue;
    if (hash !== tx.hash) {
      adoptHash(tx, hash);
      journal.save(tx);
    }
    return receipt;
  }
  return null;
}

/** The first of the transaction's attempts that the node holds in its pool, or null. */
export async function pendingOfAny(provider: Provider, tx: JournaledTx) {
  for (const hash of hashesOf(tx)) {
    const pending = await provider.getTransaction(hash);
    if (pending !== null) return pending;
  }
  return null;
}
