/**
 * The transaction engine: every transaction the plugin sends goes through here. It is
 * written to its journal before it is broadcast (signed locally when the key is held,
 * so the hash is on disk first), waited for with progress, and replayed to explain a
 * revert. A rerun after a crash finds it again by hash and nonce, and sends it again
 * only with the same nonce, so nothing is ever sent twice.
 */
import { keccak256, type Provider, type TransactionReceipt, type TransactionRequest } from "ethers";

import { nonceTakenError, timeoutError } from "../errors";
import {
  type CallToPlan,
  findMinedByNonce,
  findTransactionByNonce,
  planCall,
  type PlannedCall,
  requireBalance,
} from "./calls";
import { compareFeeCap, feeFields, readFees, requireFeeWithinCap } from "./fees";
import type { SendQueue } from "./pipeline";
import { decodeCallError, decodeRevertData, revertError, type RevertContext } from "./revert";

export {
  type CallToPlan,
  findTransactionByNonce,
  NO_JOURNAL,
  planCall,
  type PlannedCall,
  requireBalance,
} from "./calls";

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
      type: "waiting";
      description: string;
      hash: string;
      elapsedSeconds: number;
      confirmations: number;
      wanted: number;
    }
  | { type: "mined"; description: string; hash: string; blockNumber: number };

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
  /** Shared by every engine of a pipelined batch: sends one at a time, nonces consecutive. */
  queue?: SendQueue;
  onProgress?: (event: TxProgress) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class TransactionEngine {
  constructor(
    public readonly provider: Provider,
    public readonly sender: TransactionSender,
    public readonly options: EngineOptions,
  ) {}

  private progress(event: TxProgress): void {
    this.options.onProgress?.(event);
  }

  private get pollMs(): number {
    return this.options.pollMs ?? 4000;
  }

  /** A static call and a gas estimate of `call` from the sender; a revert is decoded into its fix. */
  plan(call: CallToPlan, context: RevertContext): Promise<PlannedCall> {
    return planCall(this.provider, this.sender.address, call, context);
  }

  /** The balance covers the gas of `calls` at the current fee, plus the value they send. */
  requireBalance(calls: Array<{ gasLimit: bigint; value?: bigint }>, what: string): Promise<bigint> {
    return requireBalance(this.provider, this.sender.address, calls, what);
  }

  /**
   * Sends a planned call: fee checked against the cap, nonce taken, the transaction
   * recorded, signed and recorded again, then broadcast. Returns it as sent.
   */
  send(call: PlannedCall, journal: TxJournal, context: RevertContext, nonce?: number): Promise<JournaledTx> {
    const queue = this.options.queue;
    if (nonce !== undefined || queue === undefined) return this.sendAt(call, journal, context, nonce);
    return queue.run((next) => this.sendAt(call, journal, context, next));
  }

  private async sendAt(
    call: PlannedCall,
    journal: TxJournal,
    context: RevertContext,
    nonce?: number,
  ): Promise<JournaledTx> {
    const quote = await readFees(this.provider);
    requireFeeWithinCap(compareFeeCap(quote, this.options.maxFeePerGasGwei));
    const from = this.sender.address;
    const tx: JournaledTx = {
      description: call.description,
      from,
      to: call.to,
      data: call.data,
      value: call.value.toString(),
      gasLimit: call.gasLimit.toString(),
      chainId: this.options.chainId,
      nonce: nonce ?? (await this.provider.getTransactionCount(from, "pending")),
      status: "prepared",
    };
    journal.save(tx);
    this.progress({ type: "prepared", description: tx.description, nonce: tx.nonce });
    try {
      await this.dispatch(tx, { ...this.fields(tx), ...feeFields(quote) }, journal);
    } catch (error) {
      throw await this.explainSendFailure(error, tx, journal, context);
    }
    this.progress({ type: "sent", description: tx.description, hash: tx.hash!, nonce: tx.nonce });
    return tx;
  }

  /**
   * Signs (where the key is held here), records the signed bytes and hash, then
   * broadcasts; a sender that signs elsewhere learns the hash only from the broadcast.
   */
  private async dispatch(tx: JournaledTx, fields: TransactionRequest, journal: TxJournal): Promise<void> {
    if (this.sender.signTransaction !== undefined) {
      tx.raw = await this.sender.signTransaction(fields);
      tx.hash = keccak256(tx.raw);
      tx.status = "signed";
      journal.save(tx);
      this.progress({ type: "signed", description: tx.description, hash: tx.hash, nonce: tx.nonce });
      await this.provider.broadcastTransaction(tx.raw);
    } else {
      tx.hash = await this.sender.sendTransaction(fields);
    }
    tx.status = "sent";
    tx.sentAt = new Date().toISOString();
    journal.save(tx);
  }

  /** True when `mined` is this journaled call: same sender, nonce, target, data and value. */
  private isOurs(tx: JournaledTx, mined: { to: string | null; data: string; value: bigint }): boolean {
    return (
      (mined.to ?? "").toLowerCase() === tx.to.toLowerCase() &&
      mined.data.toLowerCase() === tx.data.toLowerCase() &&
      mined.value === BigInt(tx.value)
    );
  }

  private fields(tx: JournaledTx): TransactionRequest {
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

  private async explainSendFailure(
    error: unknown,
    tx: JournaledTx,
    journal: TxJournal,
    context: RevertContext,
  ): Promise<unknown> {
    const text = `${(error as Error)?.message ?? ""}`;
    if (/nonce too low|nonce has already been used|NONCE_EXPIRED/i.test(text)) {
      this.settle(tx, journal, "abandoned", `nonce ${tx.nonce} was taken before the transaction was sent`);
      return nonceTakenError(
        tx.nonce,
        tx.from,
        await findTransactionByNonce(this.provider, tx.from, tx.nonce),
        tx.description,
      );
    }
    const decoded = decodeCallError(error, context);
    if (decoded !== undefined && decoded.data !== undefined) {
      this.settle(tx, journal, "failed", text);
      return revertError(decoded, `sending ${tx.description}`);
    }
    // Unknown whether the node took it: the journal keeps it "prepared" or "signed", and a rerun resolves it.
    return error;
  }

  private settle(tx: JournaledTx, journal: TxJournal, status: TxStatus, failure?: string): void {
    tx.status = status;
    tx.failure = failure;
    journal.save(tx);
  }

  /**
   * A journaled transaction of an earlier run that has not been seen mined: still
   * known to the node (wait for it), dropped (the same signed bytes, or the same
   * fields with the same nonce, sent again), or its nonce used by another transaction
   * (abandoned, with an error). Returns it to wait for, or undefined when an unsigned
   * one is pending under a hash never learnt and is now mined: the caller looks at
   * the chain.
   */
  async resume(tx: JournaledTx, journal: TxJournal): Promise<JournaledTx | undefined> {
    if (tx.hash !== undefined) {
      const [known, receipt] = await Promise.all([
        this.provider.getTransaction(tx.hash),
        this.provider.getTransactionReceipt(tx.hash),
      ]);
      if (receipt !== null || known !== null) return tx;
    }
    const latestNonce = await this.provider.getTransactionCount(tx.from, "latest");
    if (latestNonce > tx.nonce) {
      const mined = await findMinedByNonce(this.provider, tx.from, tx.nonce);
      if (mined !== undefined && this.isOurs(tx, mined)) {
        // Broadcast by the earlier run before its hash could be recorded: it is this call.
        tx.hash = mined.hash;
        tx.status = "sent";
        journal.save(tx);
        return tx;
      }
      this.settle(tx, journal, "abandoned", `nonce ${tx.nonce} was used by another transaction`);
      throw nonceTakenError(tx.nonce, tx.from, mined?.hash, tx.description);
    }
    const pendingNonce = await this.provider.getTransactionCount(tx.from, "pending");
    if (pendingNonce > tx.nonce && tx.hash === undefined) {
      // Something with our nonce is pending but its hash was never learnt: wait for it to be mined.
      await this.waitForNonce(tx.from, tx.nonce);
      return undefined;
    }
    if (tx.raw !== undefined) {
      await this.provider.broadcastTransaction(tx.raw);
      this.progress({ type: "rebroadcast", description: tx.description, hash: tx.hash!, nonce: tx.nonce });
      return tx;
    }
    // Never reached the node, or dropped from its pool: send it again with the same nonce,
    // through the same path as the first time (its hash recorded before the broadcast).
    const quote = await readFees(this.provider);
    requireFeeWithinCap(compareFeeCap(quote, this.options.maxFeePerGasGwei));
    await this.dispatch(tx, { ...this.fields(tx), ...feeFields(quote) }, journal);
    this.progress({ type: "rebroadcast", description: tx.description, hash: tx.hash!, nonce: tx.nonce });
    return tx;
  }

  private async waitForNonce(from: string, nonce: number): Promise<void> {
    const started = Date.now();
    while ((await this.provider.getTransactionCount(from, "latest")) <= nonce) {
      if (Date.now() - started > this.options.timeoutSeconds * 1000) {
        throw timeoutError(`the transaction with nonce ${nonce}`, this.options.timeoutSeconds);
      }
      await sleep(this.pollMs);
    }
  }

  /**
   * Waits until the transaction has its confirmations, reporting progress; one that
   * left the node's pool is broadcast again from its signed bytes. A revert is
   * replayed to decode why, recorded, and thrown with its fix.
   */
  async wait(tx: JournaledTx, journal: TxJournal, context: RevertContext): Promise<TransactionReceipt> {
    const hash = tx.hash!;
    const started = Date.now();
    const reportEvery = (this.options.progressEverySeconds ?? 15) * 1000;
    let lastReport = Date.now();
    let missingSince: number | undefined;
    for (;;) {
      const receipt = await this.provider.getTransactionReceipt(hash);
      let confirmations = 0;
      if (receipt !== null) {
        confirmations = (await this.provider.getBlockNumber()) - receipt.blockNumber + 1;
        if (receipt.status !== 1) throw await this.reverted(tx, journal, receipt, context);
        if (confirmations >= this.options.confirmations) {
          tx.status = "mined";
          tx.blockNumber = receipt.blockNumber;
          tx.blockHash = receipt.blockHash;
          journal.save(tx);
          this.progress({
            type: "mined",
            description: tx.description,
            hash,
            blockNumber: receipt.blockNumber,
          });
          return receipt;
        }
      } else if ((await this.provider.getTransaction(hash)) === null) {
        // Dropped from the pool: send the same signed bytes again once it has been gone a while.
        missingSince ??= Date.now();
        if (tx.raw !== undefined && Date.now() - missingSince > 3 * this.pollMs) {
          await this.provider.broadcastTransaction(tx.raw).catch(() => undefined);
          this.progress({ type: "rebroadcast", description: tx.description, hash, nonce: tx.nonce });
          missingSince = undefined;
        }
      }
      const elapsed = Date.now() - started;
      if (elapsed > this.options.timeoutSeconds * 1000) {
        throw timeoutError(`transaction ${hash}`, this.options.timeoutSeconds);
      }
      if (Date.now() - lastReport >= reportEvery) {
        lastReport = Date.now();
        this.progress({
          type: "waiting",
          description: tx.description,
          hash,
          elapsedSeconds: Math.round(elapsed / 1000),
          confirmations,
          wanted: this.options.confirmations,
        });
      }
      await sleep(this.pollMs);
    }
  }

  /** Replays a reverted transaction just before its block to learn why, and records the failure. */
  private async reverted(
    tx: JournaledTx,
    journal: TxJournal,
    receipt: TransactionReceipt,
    context: RevertContext,
  ): Promise<unknown> {
    let decoded = decodeRevertData(undefined, context);
    try {
      await this.provider.call({ ...this.fields(tx), nonce: undefined, blockTag: receipt.blockNumber - 1 });
    } catch (error) {
      decoded = decodeCallError(error, context) ?? decoded;
    }
    this.settle(tx, journal, "failed", decoded.reason);
    return revertError(decoded, `transaction ${receipt.hash} reverted in block ${receipt.blockNumber}`);
  }

  /** send, then wait: one call from plan to receipt. */
  async sendAndWait(
    call: PlannedCall,
    journal: TxJournal,
    context: RevertContext,
  ): Promise<{ tx: JournaledTx; receipt: TransactionReceipt }> {
    const tx = await this.send(call, journal, context);
    return { tx, receipt: await this.wait(tx, journal, context) };
  }
}
