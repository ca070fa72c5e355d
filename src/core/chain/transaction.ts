/**
 * The transaction engine: every transaction the plugin sends goes through here. It is
 * written to its journal before it is broadcast (signed locally when the key is held,
 * so the hash is on disk first), waited for with progress, and replayed to explain a
 * revert. A rerun after a crash finds it again by hash and nonce, and sends it again
 * only with the same nonce, so nothing is ever sent twice.
 *
 * While it waits it watches for what real networks do: a transaction that left the pool
 * is sent again (the same signed bytes), one stuck below a risen base fee is replaced with
 * the same nonce and a higher fee (recorded before it is broadcast), and a receipt that
 * disappears (a reorg) is waited for again until the transaction is in a block that stays.
 */
import { keccak256, type Provider, type TransactionReceipt, type TransactionRequest } from "ethers";

import { isHokusaiError, rpcGaveUpError, stuckTransactionError, timeoutError } from "../errors";
import { startRead } from "../read";
import {
  broadcastSigned,
  explainSendFailure,
  feesRecord,
  isKnownAnswer,
  isNonceTooLow,
  recordedFees,
} from "./broadcast";
import { type CallToPlan, planCall, type PlannedCall, requireBalance } from "./calls";
import { compareFeeCap, feeFields, readFees, requireFeeWithinCap } from "./fees";
import {
  callFields,
  type EngineOptions,
  type JournaledTx,
  settleTx,
  type TransactionSender,
} from "./journal";
import type { TxJournal, TxProgress } from "./journal";
import { nonceHeldByUs, pendingOfAny, receiptOfAny } from "./nonce";
import { classifyRpcError, retryOptionsOf, withRetries } from "./retry";
import { decodeCallError, decodeRevertData, revertError, type RevertContext } from "./revert";
import { stuckReplacement } from "./stuck";

export {
  type CallToPlan,
  findTransactionByNonce,
  NO_JOURNAL,
  planCall,
  type PlannedCall,
  requireBalance,
} from "./calls";
export { isInFlight } from "./journal";
export type {
  EngineOptions,
  JournaledTx,
  TransactionSender,
  TxJournal,
  TxProgress,
  TxStatus,
} from "./journal";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends through a node that signs, after a failure that may have reached it, at most this often. */
const NODE_SEND_ROUNDS = 3;

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

  private get nonceWait() {
    return { timeoutSeconds: this.options.timeoutSeconds, pollMs: this.pollMs };
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
    const from = this.sender.address;
    const nextNonce = nonce ?? startRead(() => this.provider.getTransactionCount(from, "pending"));
    const quote = await readFees(this.provider);
    requireFeeWithinCap(compareFeeCap(quote, this.options.maxFeePerGasGwei));
    const tx: JournaledTx = {
      description: call.description,
      from,
      to: call.to,
      data: call.data,
      value: call.value.toString(),
      gasLimit: call.gasLimit.toString(),
      chainId: this.options.chainId,
      nonce: await nextNonce,
      status: "prepared",
    };
    journal.save(tx);
    this.progress({ type: "prepared", description: tx.description, nonce: tx.nonce });
    try {
      await this.dispatch(tx, feeFields(quote), journal);
    } catch (error) {
      throw await explainSendFailure(this.provider, error, tx, journal, context);
    }
    this.progress({ type: "sent", description: tx.description, hash: tx.hash!, nonce: tx.nonce });
    return tx;
  }

  /**
   * Signs (where the key is held here), records the signed bytes and hash, then
   * broadcasts; a sender that signs elsewhere learns the hash only from the broadcast.
   */
  private async dispatch(tx: JournaledTx, fees: TransactionRequest, journal: TxJournal): Promise<void> {
    const fields = { ...callFields(tx), ...fees };
    tx.fees = feesRecord(fields);
    if (this.sender.signTransaction !== undefined) {
      tx.raw = await this.sender.signTransaction(fields);
      tx.hash = keccak256(tx.raw);
      tx.status = "signed";
      journal.save(tx);
      this.progress({ type: "signed", description: tx.description, hash: tx.hash, nonce: tx.nonce });
      // The same bytes have one hash: a retry of the broadcast can never make a second transaction.
      await broadcastSigned(this.provider, tx.raw);
    } else {
      tx.hash = await this.sendThroughNode(tx, fields, journal);
    }
    tx.status = "sent";
    tx.sentAt = new Date().toISOString();
    journal.save(tx);
  }

  /**
   * eth_sendTransaction: the node signs, so only its answer tells the hash. It is sent again
   * at once only after a failure that shows the node never saw it (a rate limit, a refused
   * connection). After any other failure (a reset, a timeout, a 5xx) the chain says who holds
   * the nonce: this call (its hash adopted), another transaction (HOK422), or none, and only
   * then is it sent again. The nonce is pinned, so even a request that arrives late cannot
   * make a second transaction: at most one with that nonce is ever mined.
   */
  private async sendThroughNode(tx: JournaledTx, fields: TransactionRequest, journal: TxJournal) {
    const retry = retryOptionsOf(this.provider);
    const send = () => this.sender.sendTransaction(fields);
    const started = Date.now();
    for (let round = 1; ; round++) {
      try {
        return retry === undefined
          ? await send()
          : await withRetries("eth_sendTransaction", send, retry, (fault) => !fault.mayHaveReached);
      } catch (error) {
        const fault = classifyRpcError(error);
        if (retry === undefined || fault === undefined) throw error;
        // Give a request still on its way the time to arrive before asking who holds the nonce.
        await sleep(Math.max(this.pollMs, 1000));
        if (await nonceHeldByUs(this.provider, tx, journal, this.nonceWait)) return tx.hash!;
        if (round >= NODE_SEND_ROUNDS) {
          const seconds = Math.round((Date.now() - started) / 1000);
          throw rpcGaveUpError(retry.host, "eth_sendTransaction", fault.kind, round, seconds);
        }
      }
    }
  }

  /**
   * A journaled transaction of an earlier run that has not been seen mined: still
   * known to the node (wait for it), dropped (the same signed bytes, or the same
   * fields with the same nonce, sent again), or its nonce used by another transaction
   * (abandoned, with an error). Any of its attempts (a replacement and the one it
   * replaced) may be the one the chain holds. Returns it to wait for.
   */
  async resume(tx: JournaledTx, journal: TxJournal): Promise<JournaledTx> {
    if (
      (await receiptOfAny(this.provider, tx, journal)) !== null ||
      (await pendingOfAny(this.provider, tx)) !== null
    )
      return tx;
    if (await nonceHeldByUs(this.provider, tx, journal, this.nonceWait)) return tx;
    await this.sendAgain(tx, journal, true);
    return tx;
  }

  /**
   * None of the transaction's attempts is in the pool or mined, and nobody holds its nonce:
   * the same signed bytes are broadcast again, or (signed by the node) the same fields with
   * the same nonce sent again, through the same path as the first time.
   */
  private async sendAgain(tx: JournaledTx, journal: TxJournal, freshFee = false): Promise<void> {
    if (tx.raw !== undefined) {
      await broadcastSigned(this.provider, tx.raw);
    } else {
      let fees = freshFee ? undefined : recordedFees(tx);
      if (fees === undefined) {
        const quote = await readFees(this.provider);
        requireFeeWithinCap(compareFeeCap(quote, this.options.maxFeePerGasGwei));
        fees = feeFields(quote);
      }
      const previous = tx.hash;
      try {
        await this.dispatch(tx, fees, journal);
      } catch (error) {
        // The node had it after all (an RPC behind a balancer may not have shown it): so much the better.
        if (isKnownAnswer(error)) return;
        if (isNonceTooLow(error) && (await nonceHeldByUs(this.provider, tx, journal, this.nonceWait))) return;
        throw error;
      }
      if (previous !== undefined && previous !== tx.hash) {
        tx.earlier = [...(tx.earlier ?? []), { hash: previous }];
        journal.save(tx);
      }
    }
    this.progress({ type: "rebroadcast", description: tx.description, hash: tx.hash!, nonce: tx.nonce });
  }

  /**
   * Waits until the transaction has its confirmations, reporting progress; one that
   * left the node's pool is sent again, one stuck below the base fee replaced, and one
   * whose block left the chain waited for again. A revert is replayed to decode why,
   * recorded, and thrown with its fix.
   */
  async wait(tx: JournaledTx, journal: TxJournal, context: RevertContext): Promise<TransactionReceipt> {
    const started = Date.now();
    const reportEvery = (this.options.progressEverySeconds ?? 15) * 1000;
    let lastReport = Date.now();
    let missingSince: number | undefined;
    let seen: { blockNumber: number; blockHash: string } | undefined;
    for (;;) {
      const receipt = await receiptOfAny(this.provider, tx, journal);
      let confirmations = 0;
      if (receipt !== null) {
        if (seen !== undefined && seen.blockHash !== receipt.blockHash) this.reorged(tx, seen.blockNumber);
        seen = { blockNumber: receipt.blockNumber, blockHash: receipt.blockHash };
        missingSince = undefined;
        // A receipt is one confirmation: the head is at least its block.
        confirmations =
          this.options.confirmations <= 1
            ? 1
            : (await this.provider.getBlockNumber()) - receipt.blockNumber + 1;
        if (receipt.status !== 1) throw await this.reverted(tx, journal, receipt, context);
        if (confirmations >= this.options.confirmations) {
          tx.status = "mined";
          tx.blockNumber = receipt.blockNumber;
          tx.blockHash = receipt.blockHash;
          journal.save(tx);
          this.progress({
            type: "mined",
            description: tx.description,
            hash: receipt.hash,
            blockNumber: receipt.blockNumber,
          });
          return receipt;
        }
      } else {
        if (seen !== undefined) this.reorged(tx, seen.blockNumber);
        seen = undefined;
        const pending = await pendingOfAny(this.provider, tx);
        if (pending !== null) {
          missingSince = undefined;
          await this.replaceIfStuck(tx, pending, journal, started);
        } else if (Date.now() - (missingSince ??= Date.now()) > 3 * this.pollMs) {
          // Gone from the pool a while (dropped, or its block reorged away): whoever holds the nonce decides.
          missingSince = undefined;
          if (!(await nonceHeldByUs(this.provider, tx, journal, this.nonceWait)))
            await this.sendAgain(tx, journal);
        }
      }
      const elapsed = Date.now() - started;
      if (elapsed > this.options.timeoutSeconds * 1000) {
        throw timeoutError(`transaction ${tx.hash}`, this.options.timeoutSeconds);
      }
      if (Date.now() - lastReport >= reportEvery) {
        lastReport = Date.now();
        this.progress({
          type: "waiting",
          description: tx.description,
          hash: tx.hash!,
          elapsedSeconds: Math.round(elapsed / 1000),
          confirmations,
          wanted: this.options.confirmations,
        });
      }
      await sleep(this.pollMs);
    }
  }

  private reorged(tx: JournaledTx, blockNumber: number): void {
    this.progress({
      type: "reorged",
      description: tx.description,
      hash: tx.hash!,
      nonce: tx.nonce,
      blockNumber,
    });
  }

  /**
   * A transaction stuck below the base fee (see stuck.ts) is replaced: the same call and
   * nonce at a higher fee, recorded (signed bytes and hash) before it is broadcast.
   */
  private async replaceIfStuck(
    tx: JournaledTx,
    pending: NonNullable<Awaited<ReturnType<Provider["getTransaction"]>>>,
    journal: TxJournal,
    waitStarted: number,
  ): Promise<void> {
    const replacement = await stuckReplacement(this.provider, tx, pending, this.options, waitStarted);
    if (replacement === undefined) return;
    const before = { hash: tx.hash, raw: tx.raw, earlier: tx.earlier, fees: tx.fees };
    if (tx.hash !== undefined) tx.earlier = [...(tx.earlier ?? []), { hash: tx.hash, raw: tx.raw }];
    journal.save(tx);
    try {
      await this.dispatch(tx, replacement.fees, journal);
    } catch (error) {
      if (classifyRpcError(error) !== undefined || isHokusaiError(error)) throw error;
      // Refused (e.g. as underpriced): the record goes back to the transaction the node holds.
      Object.assign(tx, before, { status: "sent" });
      journal.save(tx);
      const fees = {
        maxFeeGwei: replacement.oldMaxFeeGwei,
        baseFeeGwei: replacement.baseFeeGwei,
        neededGwei: replacement.maxFeeGwei,
        capGwei: this.options.maxFeePerGasGwei,
      };
      const refusal = `${(error as Error)?.message ?? error}`.split("\n")[0].slice(0, 200);
      throw stuckTransactionError(pending.hash, tx.nonce, fees, replacement.waitedSeconds, refusal);
    }
    this.progress({
      type: "replaced",
      description: tx.description,
      hash: tx.hash!,
      replaced: pending.hash,
      nonce: tx.nonce,
      oldMaxFeeGwei: replacement.oldMaxFeeGwei,
      baseFeeGwei: replacement.baseFeeGwei,
      maxFeeGwei: replacement.maxFeeGwei,
    });
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
      await this.provider.call({ ...callFields(tx), nonce: undefined, blockTag: receipt.blockNumber - 1 });
    } catch (error) {
      decoded = decodeCallError(error, context) ?? decoded;
    }
    settleTx(tx, journal, "failed", decoded.reason);
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
