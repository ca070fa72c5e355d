/**
 * What the transaction engine keeps of a transaction, and what it tells while it works:
 * the journal entry (enough to find the transaction again, or to send the very same
 * again), the sender, the progress events and the engine's options.
 */
import type { TransactionRequest } from "ethers";

import type { SendQueue } from "./pipeline";

/** What the caller's account can do: send through its node, or also sign locally. */
export interface TransactionSender {
  address: string;
  /** Signs without sending, when the key is held here: lets the hash be recorded before broadcast. */
  signTransaction?: (tx: TransactionRequest) => Promise<string>;
  /** Sends through the node (which signs), returning the hash. */
  sendTransaction: (tx: TransactionRequest) => Promise<string>;
}

export type TxStatus = "prepared" | "signed" | "sent" | "mined" | "failed" | "abandoned";

/** A transaction an earlier run sent, or began to send, and never saw settled: a rerun resumes it. */
export const isInFlight = (tx: { status: TxStatus } | undefined): boolean =>
  tx !== undefined && (tx.status === "prepared" || tx.status === "signed" || tx.status === "sent");

/** Another transaction with the same nonce and call: one replaced for a higher fee. */
export interface TxAttempt {
  hash: string;
  raw?: string;
}

/** A transaction as its journal keeps it: enough to find it again, or to send the very same again. */
export interface JournaledTx {
  description: string;
  from: string;
  to: string;
  data: string;
  /** Wei, as a decimal string. */
  value: string;
  gasLimit: string;
  chainId: number;
  nonce: number;
  status: TxStatus;
  hash?: string;
  /** The signed bytes, when signed locally: a dropped transaction is broadcast again as is. */
  raw?: string;
  /** The fees per gas it was sent with, wei as decimal strings. */
  fees?: { maxFeePerGas?: string; maxPriorityFeePerGas?: string; gasPrice?: string };
  /** Earlier attempts with the same nonce (replaced for a higher fee): any of them may be the one mined. */
  earlier?: TxAttempt[];
  sentAt?: string;
  blockNumber?: number;
  blockHash?: string;
  failure?: string;
}

/** Where a transaction's state is kept; `save` must be durable before it returns. */
export interface TxJournal {
  save(tx: JournaledTx): void;
}

export type TxProgress =
  | { type: "prepared"; description: string; nonce: number }
  | { type: "signed"; description: string; hash: string; nonce: number }
  | { type: "sent"; description: string; hash: string; nonce: number }
  | { type: "rebroadcast"; description: string; hash: string; nonce: number }
  | {
      type: "replaced";
      description: string;
      hash: string;
      replaced: string;
      nonce: number;
      /** The old transaction's max fee and the base fee it fell under, and the new max fee, in gwei. */
      oldMaxFeeGwei: string;
      baseFeeGwei: string;
      maxFeeGwei: string;
    }
  | { type: "reorged"; description: string; hash: string; nonce: number; blockNumber: number }
  | {
      type: "waiting";
      description: string;
      hash: string;
      elapsedSeconds: number;
      confirmations: number;
      wanted: number;
    }
  | { type: "mined"; description: string; hash: string; blockNumber: number };

/** How long a transaction may wait below the base fee before it is replaced, by default. */
export const DEFAULT_REPLACE_AFTER_SECONDS = 180;

export interface EngineOptions {
  chainId: number;
  /** Confirmations to wait for. */
  confirmations: number;
  timeoutSeconds: number;
  /** How often to poll for a receipt (default 250 ms on a development chain, 4 s elsewhere). */
  pollMs?: number;
  /** At most this long between two progress reports while waiting (default 15 s). */
  progressEverySeconds?: number;
  /** Refuse to send above this fee per gas. */
  maxFeePerGasGwei?: number;
  /**
   * Seconds a sent transaction may wait while its max fee is below the base fee before it is
   * replaced (same nonce, higher fee, within the cap); 0 never replaces (default 180).
   */
  replaceAfterSeconds?: number;
  /** Shared by every engine of a pipelined batch: sends one at a time, nonces consecutive. */
  queue?: SendQueue;
  onProgress?: (event: TxProgress) => void;
}

/** Every hash the transaction has had, the current first. */
export function hashesOf(tx: JournaledTx): string[] {
  const all = [tx.hash, ...(tx.earlier ?? []).map((attempt) => attempt.hash)];
  return [...new Set(all.filter((hash): hash is string => hash !== undefined))];
}

/** Makes `hash` (one of its attempts, or one found on the chain) the transaction's current hash. */
export function adoptHash(tx: JournaledTx, hash: string): void {
  if (tx.hash === hash) return;
  const earlier = (tx.earlier ?? []).filter((attempt) => attempt.hash !== hash);
  const adopted = tx.earlier?.find((attempt) => attempt.hash === hash);
  if (tx.hash !== undefined) earlier.push({ hash: tx.hash, raw: tx.raw });
  tx.earlier = earlier;
  tx.hash = hash;
  tx.raw = adopted?.raw;
}

/** True when `mined` is this journaled call: same target, data and value (the caller matched sender and nonce). */
export function isSameCall(
  tx: JournaledTx,
  mined: { to: string | null; data: string; value: bigint },
): boolean {
  return (
    (mined.to ?? "").toLowerCase() === tx.to.toLowerCase() &&
    mined.data.toLowerCase() === tx.data.toLowerCase() &&
    mined.value === BigInt(tx.value)
  );
}

/** The transaction's fields without fees, to sign or send. */
export function callFields(tx: JournaledTx): TransactionRequest {
  return {
    to: tx.to,
    from: tx.from,
    data: tx.data,
    value: BigInt(tx.value),
    gasLimit: BigInt(tx.gasLimit),
    nonce: tx.nonce,
    chainId: tx.chainId,
  };
}

/** Ends the transaction's journal entry: failed or abandoned, and why. */
export function settleTx(tx: JournaledTx, journal: TxJournal, status: TxStatus, failure?: string): void {
  tx.status = status;
  tx.failure = failure;
  journal.save(tx);
}
