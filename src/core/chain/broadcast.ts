/**
 * Broadcasting signed bytes, and what a refused send means. In a broadcast a second broadcast of the same bytes is normal: after a
 * connection reset the retry finds the node holding them already, and a dropped transaction
 * sent again may have come back. The node's answer that it knows them is success.
 */
import { keccak256, type Provider, type TransactionRequest } from "ethers";

import { nonceTakenError } from "../errors";
import { findTransactionByNonce } from "./calls";
import { type JournaledTx, settleTx, type TxJournal } from "./journal";
import { decodeCallError, revertError, type RevertContext } from "./revert";

function textOf(error: unknown): string {
  const e = error as {
    message?: unknown;
    error?: { message?: unknown };
    info?: { error?: { message?: unknown } };
  };
  return [e?.message, e?.error?.message, e?.info?.error?.message]
    .filter((m) => typeof m === "string")
    .join(" ");
}

/** The node already holds these bytes (geth "already known", Hardhat "Known transaction", Nethermind "AlreadyKnown"). */
export function isKnownAnswer(error: unknown): boolean {
  return /already known|known transaction|alreadyknown|already imported/i.test(textOf(error));
}

/** The nonce was used by a mined transaction. */
export function isNonceTooLow(error: unknown): boolean {
  return /nonce too low|nonce has already been used|NONCE_EXPIRED/i.test(textOf(error));
}

/**
 * Broadcasts signed bytes. "Already known" is success, and so is "nonce too low" when these
 * very bytes are what was mined; anything else is thrown.
 */
export async function broadcastSigned(provider: Provider, raw: string): Promise<void> {
  try {
    await provider.broadcastTransaction(raw);
  } catch (error) {
    if (isKnownAnswer(error)) return;
    if (isNonceTooLow(error) && (await provider.getTransactionReceipt(keccak256(raw))) !== null) return;
    throw error;
  }
}

/** The fee fields of a request, as the journal keeps them. */
export function feesRecord(fields: TransactionRequest): NonNullable<JournaledTx["fees"]> {
  const text = (value: unknown) => (value === undefined || value === null ? undefined : String(value));
  return {
    maxFeePerGas: text(fields.maxFeePerGas),
    maxPriorityFeePerGas: text(fields.maxPriorityFeePerGas),
    gasPrice: text(fields.gasPrice),
  };
}

/** The fee fields a journal kept, to send the same transaction again; undefined when it kept none. */
export function recordedFees(tx: JournaledTx): TransactionRequest | undefined {
  const fees = tx.fees;
  if (fees?.maxFeePerGas !== undefined)
    return {
      type: 2,
      maxFeePerGas: BigInt(fees.maxFeePerGas),
      maxPriorityFeePerGas: BigInt(fees.maxPriorityFeePerGas ?? "0"),
    };
  if (fees?.gasPrice !== undefined) return { type: 0, gasPrice: BigInt(fees.gasPrice) };
  return undefined;
}

/**
 * What a failed first send means: its nonce taken by another transaction (the record
 * abandoned, HOK422), a revert (decoded, the record failed), or not known (the error as it
 * is; the journal keeps the transaction "prepared" or "signed" and a rerun resolves it).
 */
export async function explainSendFailure(
  provider: Provider,
  error: unknown,
  tx: JournaledTx,
  journal: TxJournal,
  context: RevertContext,
): Promise<unknown> {
  if (isNonceTooLow(error)) {
    settleTx(tx, journal, "abandoned", `nonce ${tx.nonce} was taken before the transaction was sent`);
    const other = await findTransactionByNonce(provider, tx.from, tx.nonce);
    return nonceTakenError(tx.nonce, tx.from, other, tx.description);
  }
  const decoded = decodeCallError(error, context);
  if (decoded !== undefined && decoded.data !== undefined) {
    settleTx(tx, journal, "failed", `${(error as Error)?.message ?? ""}`);
    return revertError(decoded, `sending ${tx.description}`);
  }
  return error;
}
