/**
 * Deploying a prepared model token through the transaction engine, journaled in the
 * model's record. Rerun after any crash, it finds the transaction (by hash, by nonce
 * and through getTokenAddress) and finishes without a second deployment; the chain is
 * the truth: a token for the model id means the deployment happened.
 */
import { id as keccakId, type Provider, type TransactionReceipt } from "ethers";
import debug from "debug";

import { TOKEN_MANAGER_CORE_ABI } from "../abi";
import { adoptHash, hashesOf } from "../chain/journal";
import { isInFlight, type TransactionEngine, type TxProgress } from "../chain/transaction";
import { staleRecordError, timeoutError } from "../errors";
import { optionalRead, startRead } from "../read";
import { findModelToken, readDeployedModel, type TokenManagerAbi } from "../token-manager";
import { type DeployContext, engineFor } from "./context";
import { type PreparedDeployment, requireOwnDeployment } from "./preflight";
import {
  type DeploymentRecord,
  type DeploymentResultFacts,
  moveRecordAside,
  readRecord,
  RECORD_VERSION,
  recordJournal,
  recordPath,
  withRecordLock,
  writeRecord,
} from "./record";
import type { DeployTokenRequest } from "./request";
import { contractFor, interfaceOf } from "../chain/contract";

const log = debug("hardhat:hokusai:deploy");

export type DeployProgress =
  | TxProgress
  | { type: "resuming"; status: string; hash?: string; nonce?: number }
  /** A deployment of the model pending on the chain that the record holds no transaction for. */
  | { type: "pending-elsewhere" }
  | { type: "record-moved"; from: string; to: string; why: string };

export interface DeployTokenResult {
  status: "deployed" | "already-deployed";
  modelId: string;
  network: string;
  chainId: number;
  tokenManager: string;
  abi: TokenManagerAbi;
  token: string;
  params: string;
  txHash?: string;
  blockNumber?: number;
  gasUsed?: bigint;
  effectiveGasPrice?: bigint;
  gasCost?: bigint;
  /** The deployment fee kept by the TokenManager (what was sent less any refund). */
  deploymentFee?: bigint;
  recordFile: string;
  explorer?: DeploymentResultFacts["explorer"];
}

const DESCRIPTION = "deployTokenWithAllocations";
const managerEvents = interfaceOf(TOKEN_MANAGER_CORE_ABI);

function serialize(request: DeployTokenRequest): Record<string, unknown> {
  return JSON.parse(JSON.stringify(request, (_k, v) => (typeof v === "bigint" ? v.toString() : v))) as Record<
    string,
    unknown
  >;
}

/** The record of a model's deployment on a context's network. */
export function deploymentRecordFile(context: DeployContext, modelId: string): string {
  return recordPath(context.recordsDir, context.network, modelId);
}

/** True when the model's record holds a transaction an earlier run sent or began to send. */
export function deploymentInFlight(context: DeployContext, modelId: string): boolean {
  const found = readRecord(deploymentRecordFile(context, modelId));
  return found.kind === "ok" && isInFlight(found.record.transaction);
}

/** Deploys a prepared model (or finishes an earlier run of it), holding the model's record lock. */
export async function deployToken(
  context: DeployContext,
  prepared: PreparedDeployment,
  options: { onProgress?: (event: DeployProgress) => void } = {},
): Promise<DeployTokenResult> {
  const file = deploymentRecordFile(context, prepared.request.modelId);
  return withRecordLock(
    file,
    { activity: `deploying model "${prepared.request.modelId}"`, network: context.network },
    () => new Deployment(context, prepared, file, options.onProgress).run(),
  );
}

class Deployment {
  private readonly engine: TransactionEngine;
  private readonly provider: Provider;
  private readonly tokenManager: string;

  constructor(
    private readonly context: DeployContext,
    private readonly prepared: PreparedDeployment,
    private readonly file: string,
    private readonly onProgress: (event: DeployProgress) => void = () => undefined,
  ) {
    this.engine = engineFor(context, onProgress);
    this.provider = context.provider;
    this.tokenManager = prepared.preflight.tokenManager;
  }

  private get modelId(): string {
    return this.prepared.request.modelId;
  }

  private get revertContext() {
    return { modelId: this.modelId, account: this.context.sender.address };
  }

  async run(): Promise<DeployTokenResult> {
    const record = await this.readUsableRecord();
    const mined = startRead(() => findModelToken(this.provider, this.tokenManager, this.modelId));
    const pending = startRead(() =>
      findModelToken(this.provider, this.tokenManager, this.modelId, "pending"),
    );
    if ((await mined) !== undefined) {
      await this.requireOwn();
      return this.finishFromChain(record);
    }
    // A deployment of this model waiting in the pending block: wait for it rather than send
    // another. The record tells whether it is this record's; requireOwn then tells whose it is.
    const tx = record?.transaction;
    if ((await pending) !== undefined) {
      this.onProgress(
        tx === undefined
          ? { type: "pending-elsewhere" }
          : { type: "resuming", status: "pending on the chain", hash: tx.hash, nonce: tx.nonce },
      );
      await this.waitForToken();
      await this.requireOwn();
      return this.finishFromChain(record);
    }
    if (record !== undefined && tx !== undefined && isInFlight(tx)) {
      this.onProgress({ type: "resuming", status: tx.status, hash: tx.hash, nonce: tx.nonce });
      return this.waitAndFinish(record, await this.engine.resume(tx, recordJournal(this.file, record)));
    }
    return this.sendFresh();
  }

  /**
   * A token that came after the preflight found none is checked as the preflight checks a
   * deployed model: ours passes (same governor, same parameters); another's is never taken
   * for ours, whether or not the record holds a transaction of this model.
   */
  private async requireOwn(): Promise<void> {
    const { preflight, request } = this.prepared;
    if (preflight.existing !== undefined) return;
    const deployed = await readDeployedModel(this.provider, this.tokenManager, this.modelId);
    if (deployed !== undefined)
      await requireOwnDeployment(this.provider, this.tokenManager, request, deployed, preflight.abi);
  }

  /** The record, unless it is damaged, stale (its token gone from a dev chain) or of an attempt that ended. */
  private async readUsableRecord(): Promise<DeploymentRecord | undefined> {
    const existing = readRecord(this.file);
    if (existing.kind === "damaged") {
      const moved = moveRecordAside(this.file, "damaged");
      this.onProgress({
        type: "record-moved",
        from: this.file,
        to: moved,
        why: `damaged: ${existing.reason}`,
      });
      return undefined;
    }
    if (existing.kind !== "ok") return undefined;
    const record = existing.record;
    if (record.status === "confirmed" && record.result !== undefined) {
      if ((await this.provider.getCode(record.result.token)) === "0x") {
        if (!this.context.dev)
          throw staleRecordError(this.file, record.result.token, `network "${this.context.network}"`);
        const moved = moveRecordAside(this.file, "stale");
        this.onProgress({
          type: "record-moved",
          from: this.file,
          to: moved,
          why: "stale: its token has no code on this chain",
        });
        return undefined;
      }
    }
    if (record.status === "failed" || record.status === "abandoned") return undefined;
    return record;
  }

  private newRecord(): DeploymentRecord {
    return {
      version: RECORD_VERSION,
      network: this.context.network,
      chainId: this.context.chainId,
      modelId: this.modelId,
      tokenManager: this.tokenManager,
      abi: this.prepared.preflight.abi,
      status: "prepared",
      parameters: serialize(this.prepared.request),
      metadata: this.prepared.metadata,
      updatedAt: "",
    };
  }

  private async sendFresh(): Promise<DeployTokenResult> {
    const { preflight } = this.prepared;
    const record = this.newRecord();
    const journal = recordJournal(this.file, record);
    const call = {
      to: this.tokenManager,
      data: preflight.transaction.data,
      value: preflight.fee,
      gasLimit: preflight.gasLimit,
      description: DESCRIPTION,
      answer: "0x",
    };
    const tx = await this.engine.send(call, journal, this.revertContext);
    return this.waitAndFinish(record, tx);
  }

  private async waitAndFinish(record: DeploymentRecord, tx: NonNullable<DeploymentRecord["transaction"]>) {
    const receipt = await this.engine.wait(tx, recordJournal(this.file, record), this.revertContext);
    return this.finish(record, receipt);
  }

  private async waitForToken(): Promise<void> {
    const started = Date.now();
    while ((await findModelToken(this.provider, this.tokenManager, this.modelId)) === undefined) {
      if (Date.now() - started > this.context.timeoutSeconds * 1000) {
        throw timeoutError(`the deployment of model "${this.modelId}"`, this.context.timeoutSeconds);
      }
      await new Promise((resolve) =>
        setTimeout(resolve, this.context.pollMs ?? (this.context.dev ? 250 : 4000)),
      );
    }
  }

  /** The model already has a token: complete the record from the chain, sending nothing. */
  private async finishFromChain(record: DeploymentRecord | undefined): Promise<DeployTokenResult> {
    let receipt: TransactionReceipt | null = null;
    if (record?.transaction?.hash !== undefined)
      receipt = await this.provider.getTransactionReceipt(record.transaction.hash);
    if (receipt === null || receipt.status !== 1) {
      const entry = await this.findDeploymentLog();
      if (entry !== undefined) receipt = await this.provider.getTransactionReceipt(entry.transactionHash);
    }
    const resumed = record !== undefined && record.status !== "confirmed";
    const result = await this.finish(record ?? { ...this.newRecord(), status: "sent" }, receipt);
    return { ...result, status: resumed ? "deployed" : "already-deployed" };
  }

  /** The TokenDeployed log of the model id (its indexed string is stored as keccak256). */
  private async findDeploymentLog() {
    try {
      const logs = await this.provider.getLogs({
        address: this.tokenManager,
        topics: [managerEvents.getEvent("TokenDeployed")!.topicHash, keccakId(this.modelId)],
        fromBlock: 0,
        toBlock: "latest",
      });
      return logs.at(-1);
    } catch (error) {
      // Public RPCs limit log ranges: the token's getters still tell the addresses.
      log("log search failed: %s", (error as Error).message);
      return undefined;
    }
  }

  private async finish(
    record: DeploymentRecord,
    receipt: TransactionReceipt | null,
  ): Promise<DeployTokenResult> {
    let token: string | undefined;
    let params: string | undefined;
    for (const entry of receipt?.logs ?? []) {
      if (entry.address.toLowerCase() !== this.tokenManager.toLowerCase()) continue;
      const parsed = managerEvents.parseLog(entry);
      if (parsed?.name === "TokenDeployed") token = parsed.args.tokenAddress as string;
      if (parsed?.name === "ParamsDeployed") params = parsed.args.paramsAddress as string;
    }
    const manager = contractFor(this.tokenManager, TOKEN_MANAGER_CORE_ABI, this.provider);
    token ??= (await manager.getTokenAddress(this.modelId)) as string;
    params ??= (await manager.getParamsAddress(this.modelId)) as string;
    const deploymentFee = receipt === null ? undefined : await this.feeKept(receipt);
    const gasCost = receipt === null ? undefined : receipt.gasUsed * receipt.gasPrice;
    const explorerUrl = this.context.explorerUrl;
    const explorer =
      explorerUrl === undefined
        ? undefined
        : {
            transaction: receipt ? `${explorerUrl}/tx/${receipt.hash}` : undefined,
            token: `${explorerUrl}/address/${token}`,
            params: `${explorerUrl}/address/${params}`,
          };
    const facts: DeploymentResultFacts = {
      token,
      params,
      txHash: receipt?.hash,
      blockNumber: receipt?.blockNumber,
      blockHash: receipt?.blockHash,
      gasUsed: receipt?.gasUsed.toString(),
      effectiveGasPrice: receipt?.gasPrice.toString(),
      gasCost: gasCost?.toString(),
      deploymentFee: deploymentFee?.toString(),
      confirmedAt: new Date().toISOString(),
      explorer,
    };
    const wasConfirmed = record.status === "confirmed";
    const tx = record.transaction;
    if (tx !== undefined && receipt !== null && hashesOf(tx).includes(receipt.hash)) {
      // Completed from the chain (a rerun): the journaled transaction ends in the block that holds it too.
      adoptHash(tx, receipt.hash);
      Object.assign(tx, { status: "mined", blockNumber: receipt.blockNumber, blockHash: receipt.blockHash });
    }
    record.status = "confirmed";
    record.result = facts;
    record.failure = undefined;
    writeRecord(this.file, record);
    return {
      status: wasConfirmed ? "already-deployed" : "deployed",
      modelId: this.modelId,
      network: this.context.network,
      chainId: this.context.chainId,
      tokenManager: this.tokenManager,
      abi: this.prepared.preflight.abi,
      token,
      params,
      txHash: receipt?.hash,
      blockNumber: receipt?.blockNumber,
      gasUsed: receipt?.gasUsed,
      effectiveGasPrice: receipt?.gasPrice,
      gasCost,
      deploymentFee,
      recordFile: this.file,
      explorer,
    };
  }

  /**
   * The fee the TokenManager kept: it keeps deploymentFee() as it stood in the block
   * and refunds any excess, so that is what was paid (at most what was sent).
   */
  private async feeKept(receipt: TransactionReceipt): Promise<bigint | undefined> {
    const manager = contractFor(this.tokenManager, TOKEN_MANAGER_CORE_ABI, this.provider);
    const [tx, fee] = await Promise.all([
      this.provider.getTransaction(receipt.hash),
      optionalRead(() => manager.deploymentFee({ blockTag: receipt.blockNumber - 1 }) as Promise<bigint>),
    ]);
    if (tx === null) return undefined;
    return fee === undefined || fee > tx.value ? tx.value : fee;
  }
}
