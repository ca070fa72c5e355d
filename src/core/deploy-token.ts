/**
 * Deploying a model token: the preflight that catches every troubleshooting row of
 * the guide before anything is signed, and the journaled send that a rerun after a
 * crash finishes without sending twice.
 */
import {
  Contract,
  formatEther,
  formatUnits,
  id as keccakId,
  Interface,
  keccak256,
  type Provider,
  type TransactionReceipt,
  type TransactionRequest,
} from "ethers";
import debug from "debug";

import {
  ContractRevertError,
  FeeCapExceededError,
  GovernorNotMultisigError,
  InsufficientBalanceError,
  ModelAlreadyDeployedError,
  NonceTakenError,
  StaleRecordError,
  TransactionTimeoutError,
  HokusaiPluginError,
} from "../errors";
import { TOKEN_MANAGER_CORE_ABI } from "./abi";
import {
  type DeploymentRecord,
  type DeploymentResultFacts,
  moveRecordAside,
  readRecord,
  RECORD_VERSION,
  withRecordLock,
  writeRecord,
} from "./deployment-record";
import { crashPoint } from "./faults";
import { decodeRevertData, extractRevertData } from "./revert";
import {
  detectTokenManagerAbi,
  type DeployedModel,
  findModelToken,
  readDeployedModel,
  type TokenManagerAbi,
  tokenManagerContract,
} from "./token-manager";
import { BOUNDS } from "./validate";
import { optionalRead } from "./read";

const log = debug("hardhat:hokusai:deploy");

export interface VestingConfig {
  enabled: boolean;
  immediateUnlockBps: number;
  vestingDurationSeconds: bigint;
  cliffSeconds: bigint;
}

/** All-zero: the contract's defaults (enabled, 10% immediate, 365 days, no cliff). */
export const DEFAULT_VESTING: VestingConfig = {
  enabled: false,
  immediateUnlockBps: 0,
  vestingDurationSeconds: 0n,
  cliffSeconds: 0n,
};

/** The guide's parameters, checked and in on-chain units. */
export interface DeployTokenRequest {
  modelId: string;
  name: string;
  symbol: string;
  modelSupplierAllocation: bigint;
  modelSupplierRecipient: string;
  investorAllocation: bigint;
  tokensPerDeltaOne: bigint;
  infrastructureAccrualBps: number;
  initialOraclePricePerThousandUsd: bigint;
  licenseHash: string;
  licenseURI: string;
  governor: string;
  /** Used by a v2 TokenManager only. */
  vesting?: VestingConfig;
  /** Wei to pay; default: the TokenManager's deploymentFee(). */
  fee?: bigint;
}

export interface PreflightOptions {
  network: string;
  chainId: number;
  /** An EOA governor is an error rather than a warning. */
  strict?: boolean;
}

export interface PreflightResult {
  tokenManager: string;
  abi: TokenManagerAbi;
  from: string;
  /** Set when the model id already has a token with these same parameters. */
  existing?: DeployedModel;
  fee: bigint;
  transaction: { to: string; data: string; value: bigint };
  gasLimit: bigint;
  maxFeePerGas: bigint;
  maxPriorityFeePerGas?: bigint;
  /** gasLimit × maxFeePerGas + fee: the most the deployment can cost. */
  maxCost: bigint;
  balance: bigint;
  warnings: string[];
}

export const DEV_CHAIN_ID = 31337;

/** Whole tokens up to 10,000,000, wei above: what the contract stores. */
export function effectiveTokensPerDeltaOne(value: bigint): bigint {
  return value <= BOUNDS.tokensPerDeltaOneWholeTokenThreshold ? value * 10n ** 18n : value;
}

/** The call data of deployTokenWithAllocations in the TokenManager's ABI. */
export function encodeDeployCall(abi: TokenManagerAbi, request: DeployTokenRequest): string {
  const manager = tokenManagerContract("0x0000000000000000000000000000000000000001", abi, null as never);
  const common = [
    request.tokensPerDeltaOne,
    request.infrastructureAccrualBps,
    request.initialOraclePricePerThousandUsd,
    request.licenseHash,
    request.licenseURI,
    request.governor,
  ];
  const vesting = request.vesting ?? DEFAULT_VESTING;
  const initialParams =
    abi === "v2"
      ? [
          ...common,
          [vesting.enabled, vesting.immediateUnlockBps, vesting.vestingDurationSeconds, vesting.cliffSeconds],
        ]
      : common;
  return manager.interface.encodeFunctionData("deployTokenWithAllocations", [
    request.modelId,
    request.name,
    request.symbol,
    request.modelSupplierAllocation,
    request.modelSupplierRecipient,
    request.investorAllocation,
    initialParams,
  ]);
}

/** Where an existing deployment differs from the request, one phrase per field. */
export function compareWithDeployed(request: DeployTokenRequest, deployed: DeployedModel): string[] {
  const differences: string[] = [];
  const check = (field: string, wanted: unknown, actual: unknown) => {
    if (String(wanted).toLowerCase() !== String(actual).toLowerCase()) {
      differences.push(`${field} is ${String(actual)} on chain, not ${String(wanted)}`);
    }
  };
  check("name", request.name, deployed.name);
  check("symbol", request.symbol, deployed.symbol);
  check("modelSupplierAllocation", request.modelSupplierAllocation, deployed.modelSupplierAllocation);
  check("modelSupplierRecipient", request.modelSupplierRecipient, deployed.modelSupplierRecipient);
  check("investorAllocation", request.investorAllocation, deployed.investorAllocation);
  check(
    "tokensPerDeltaOne",
    effectiveTokensPerDeltaOne(request.tokensPerDeltaOne),
    deployed.tokensPerDeltaOne,
  );
  check("infrastructureAccrualBps", request.infrastructureAccrualBps, deployed.infrastructureAccrualBps);
  check(
    "initialOraclePricePerThousandUsd",
    request.initialOraclePricePerThousandUsd,
    deployed.initialOraclePricePerThousandUsd,
  );
  check("licenseHash", request.licenseHash, deployed.licenseHash);
  check("licenseURI", request.licenseURI, deployed.licenseURI);
  if (deployed.governor !== "0x0000000000000000000000000000000000000000") {
    check("governor", request.governor, deployed.governor);
  }
  return differences;
}

/**
 * Everything that can be known before signing, by reading the chain only: the ABI,
 * whether the model id is free, the fee, the deployer role, the governor, a static
 * call of the very transaction, its gas and whether the balance covers it.
 */
export async function preflightDeploy(
  provider: Provider,
  from: string,
  tokenManager: string,
  request: DeployTokenRequest,
  options: PreflightOptions,
): Promise<PreflightResult> {
  const abi = await detectTokenManagerAbi(provider, tokenManager, options.network);
  log("TokenManager %s speaks %s", tokenManager, abi);
  const warnings: string[] = [];
  const base = { tokenManager, abi, from, warnings };

  const deployed = await readDeployedModel(provider, tokenManager, request.modelId);
  if (deployed !== undefined) {
    const differences = compareWithDeployed(request, deployed);
    if (differences.length > 0)
      throw new ModelAlreadyDeployedError(request.modelId, deployed.token, differences);
    return {
      ...base,
      existing: deployed,
      fee: 0n,
      transaction: { to: tokenManager, data: "0x", value: 0n },
      gasLimit: 0n,
      maxFeePerGas: 0n,
      maxCost: 0n,
      balance: await provider.getBalance(from),
    };
  }

  const manager = new Contract(tokenManager, TOKEN_MANAGER_CORE_ABI, provider);
  const fee = request.fee ?? (await optionalRead(() => manager.deploymentFee() as Promise<bigint>)) ?? 0n;

  if ((await optionalRead(() => manager.deployerRoleRequired() as Promise<boolean>)) === true) {
    const role = (await manager.DEPLOYER_ROLE()) as string;
    if (!((await manager.hasRole(role, from)) as boolean)) {
      const decoded = decodeRevertData(
        new Interface([
          "error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)",
        ]).encodeErrorResult("AccessControlUnauthorizedAccount", [from, role]),
      );
      throw new ContractRevertError(decoded, "preflight");
    }
  }

  if (options.chainId !== DEV_CHAIN_ID && (await provider.getCode(request.governor)) === "0x") {
    if (options.strict) throw new GovernorNotMultisigError(request.governor);
    warnings.push(
      `governor ${request.governor} is an account without code; production deployments should hand governance to a multisig (--strict makes this an error)`,
    );
  }

  const transaction = { to: tokenManager, data: encodeDeployCall(abi, request), value: fee };
  try {
    await provider.call({ ...transaction, from });
  } catch (error) {
    throw new ContractRevertError(
      decodeRevertData(extractRevertData(error), { modelId: request.modelId, account: from }),
      "preflight (static call)",
    );
  }

  let gasLimit: bigint;
  try {
    gasLimit = ((await provider.estimateGas({ ...transaction, from })) * 12n) / 10n;
  } catch (error) {
    // Nodes estimate on the pending block: a deployment of this model waiting there
    // makes the estimate revert. deployToken waits for that one rather than send another.
    const decoded = decodeRevertData(extractRevertData(error), { modelId: request.modelId, account: from });
    if (decoded.code !== "HOK401") throw new ContractRevertError(decoded, "preflight (gas estimate)");
    warnings.push(
      `a deployment of model "${request.modelId}" is pending on the chain; this run waits for it`,
    );
    gasLimit = 0n;
  }
  const feeData = await provider.getFeeData();
  const maxFeePerGas = feeData.maxFeePerGas ?? feeData.gasPrice ?? 0n;
  const maxCost = gasLimit * maxFeePerGas + fee;
  const balance = await provider.getBalance(from);
  if (balance < maxCost) {
    throw new InsufficientBalanceError(from, formatEther(balance), formatEther(maxCost));
  }
  return {
    ...base,
    fee,
    transaction,
    gasLimit,
    maxFeePerGas,
    maxPriorityFeePerGas: feeData.maxPriorityFeePerGas ?? undefined,
    maxCost,
    balance,
  };
}

/** What the caller's account can do: send through its node, or also sign locally. */
export interface TransactionSender {
  address: string;
  /** Signs without sending, when the key is held here: lets the hash be recorded before broadcast. */
  signTransaction?: (tx: TransactionRequest) => Promise<string>;
  /** Sends through the node (which signs), returning the hash. */
  sendTransaction: (tx: TransactionRequest) => Promise<string>;
}

export type DeployProgress =
  | { type: "resuming"; status: string; hash?: string; nonce?: number }
  | { type: "signed"; hash: string; nonce: number }
  | { type: "sent"; hash: string; nonce: number }
  | { type: "rebroadcast"; hash: string; nonce: number }
  | { type: "waiting"; hash: string; elapsedSeconds: number; confirmations: number; wanted: number }
  | { type: "mined"; hash: string; blockNumber: number }
  | { type: "record-moved"; from: string; to: string; why: string };

export interface DeployOptions {
  network: string;
  chainId: number;
  recordFile: string;
  confirmations: number;
  timeoutSeconds: number;
  /** How often to poll for the receipt. */
  pollMs?: number;
  /** At most this long between two progress reports while waiting. */
  progressEverySeconds?: number;
  maxFeePerGasGwei?: number;
  explorerUrl?: string;
  metadata?: Record<string, unknown>;
  onProgress?: (event: DeployProgress) => void;
}

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
  deploymentFee?: bigint;
  recordFile: string;
  explorer?: DeploymentResultFacts["explorer"];
}

function serialize(request: DeployTokenRequest): Record<string, unknown> {
  return JSON.parse(JSON.stringify(request, (_k, v) => (typeof v === "bigint" ? v.toString() : v))) as Record<
    string,
    unknown
  >;
}

function explorerLinks(
  explorerUrl: string | undefined,
  facts: { txHash?: string; token: string; params: string },
) {
  if (explorerUrl === undefined) return undefined;
  return {
    transaction: facts.txHash ? `${explorerUrl}/tx/${facts.txHash}` : undefined,
    token: `${explorerUrl}/address/${facts.token}`,
    params: `${explorerUrl}/address/${facts.params}`,
  };
}

const tokenManagerEvents = new Interface(TOKEN_MANAGER_CORE_ABI as unknown as string[]);

/** Finds the TokenDeployed log of a model id (its indexed string is stored as keccak256). */
async function findDeploymentLog(provider: Provider, tokenManager: string, modelId: string) {
  const topic = tokenManagerEvents.getEvent("TokenDeployed")!.topicHash;
  try {
    const logs = await provider.getLogs({
      address: tokenManager,
      topics: [topic, keccakId(modelId)],
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

/**
 * Deploys the token, journaling the transaction in the record before it is
 * broadcast. Rerun after any crash, it finds the transaction (by hash, by nonce,
 * and through getTokenAddress) and finishes without a second deployment.
 */
export async function deployToken(
  provider: Provider,
  sender: TransactionSender,
  request: DeployTokenRequest,
  preflight: PreflightResult,
  options: DeployOptions,
): Promise<DeployTokenResult> {
  return withRecordLock(options.recordFile, { modelId: request.modelId, network: options.network }, () =>
    deployLocked(provider, sender, request, preflight, options),
  );
}

async function deployLocked(
  provider: Provider,
  sender: TransactionSender,
  request: DeployTokenRequest,
  preflight: PreflightResult,
  options: DeployOptions,
): Promise<DeployTokenResult> {
  const progress = options.onProgress ?? (() => undefined);
  const file = options.recordFile;
  const existing = readRecord(file);
  let record: DeploymentRecord | undefined;

  if (existing.kind === "damaged") {
    const moved = moveRecordAside(file, "damaged");
    progress({ type: "record-moved", from: file, to: moved, why: `damaged: ${existing.reason}` });
  } else if (existing.kind === "ok") {
    record = existing.record;
  }

  if (record !== undefined && record.status === "confirmed" && record.result !== undefined) {
    if ((await provider.getCode(record.result.token)) === "0x") {
      if (options.chainId !== DEV_CHAIN_ID)
        throw new StaleRecordError(file, record.result.token, options.network);
      const moved = moveRecordAside(file, "stale");
      progress({ type: "record-moved", from: file, to: moved, why: "its token has no code on this chain" });
      record = undefined;
    }
  }
  if (record !== undefined && (record.status === "failed" || record.status === "abandoned"))
    record = undefined;

  // The chain is the truth: a token for this model id means the deployment happened,
  // and one in the pending block means it is about to.
  if ((await findModelToken(provider, preflight.tokenManager, request.modelId)) !== undefined) {
    return finishFromChain(provider, request, preflight, options, record);
  }
  if ((await findModelToken(provider, preflight.tokenManager, request.modelId, "pending")) !== undefined) {
    progress({
      type: "resuming",
      status: "pending on the chain",
      hash: record?.transaction?.hash,
      nonce: record?.transaction?.nonce,
    });
    await waitForToken(provider, preflight.tokenManager, request.modelId, options);
    return finishFromChain(provider, request, preflight, options, record);
  }

  if (record?.transaction !== undefined && ["signed", "sent", "prepared"].includes(record.status)) {
    progress({
      type: "resuming",
      status: record.status,
      hash: record.transaction.hash,
      nonce: record.transaction.nonce,
    });
    const hash = await resumeTransaction(provider, sender, record, options);
    if (hash !== undefined) return waitAndFinish(provider, request, preflight, options, record, hash);
    record = undefined;
  }

  return sendFresh(provider, sender, request, preflight, options);
}

/**
 * A recorded transaction that has not produced a token: still pending, dropped
 * (sent again with the same nonce), or replaced by another with its nonce.
 * Returns the hash to wait for, or undefined to start afresh.
 */
async function resumeTransaction(
  provider: Provider,
  sender: TransactionSender,
  record: DeploymentRecord,
  options: DeployOptions,
): Promise<string | undefined> {
  const tx = record.transaction!;
  if (tx.hash !== undefined) {
    const [known, receipt] = await Promise.all([
      provider.getTransaction(tx.hash),
      provider.getTransactionReceipt(tx.hash),
    ]);
    if (receipt !== null || known !== null) return tx.hash;
  }
  const latestNonce = await provider.getTransactionCount(tx.from, "latest");
  const pendingNonce = await provider.getTransactionCount(tx.from, "pending");
  if (latestNonce > tx.nonce) {
    // The nonce was used, by a transaction that did not deploy this model.
    record.status = "abandoned";
    record.failure = `nonce ${tx.nonce} was used by another transaction`;
    writeRecord(options.recordFile, record);
    throw new NonceTakenError(tx.nonce, tx.from, await findTransactionByNonce(provider, tx.from, tx.nonce));
  }
  if (pendingNonce > tx.nonce && tx.hash === undefined) {
    // Something with our nonce is pending but we never learnt its hash: wait for it to be mined.
    await waitForNonce(provider, tx.from, tx.nonce, options);
    return undefined;
  }
  if (tx.raw !== undefined) {
    await provider.broadcastTransaction(tx.raw);
    options.onProgress?.({ type: "rebroadcast", hash: tx.hash!, nonce: tx.nonce });
    return tx.hash;
  }
  if (record.status === "prepared" || tx.hash !== undefined) {
    // Never reached the node, or dropped from its pool: send it again with the same nonce.
    const hash = await sender.sendTransaction(transactionFields(record, tx.nonce));
    record.transaction = { ...tx, hash, sentAt: new Date().toISOString() };
    record.status = "sent";
    writeRecord(options.recordFile, record);
    options.onProgress?.({ type: "rebroadcast", hash, nonce: tx.nonce });
    return hash;
  }
  return undefined;
}

function transactionFields(record: DeploymentRecord, nonce: number): TransactionRequest {
  const p = record.parameters as { __tx?: { data: string; value: string; gasLimit: string } };
  return {
    to: record.tokenManager,
    from: record.transaction!.from,
    data: p.__tx!.data,
    value: BigInt(p.__tx!.value),
    gasLimit: BigInt(p.__tx!.gasLimit),
    nonce,
    chainId: record.chainId,
  };
}

async function waitForNonce(provider: Provider, from: string, nonce: number, options: DeployOptions) {
  const started = Date.now();
  while ((await provider.getTransactionCount(from, "latest")) <= nonce) {
    if (Date.now() - started > options.timeoutSeconds * 1000) {
      throw new TransactionTimeoutError(`with nonce ${nonce}`, options.timeoutSeconds);
    }
    await sleep(options.pollMs ?? 1000);
  }
}

async function waitForToken(
  provider: Provider,
  tokenManager: string,
  modelId: string,
  options: DeployOptions,
) {
  const started = Date.now();
  while ((await findModelToken(provider, tokenManager, modelId)) === undefined) {
    if (Date.now() - started > options.timeoutSeconds * 1000) {
      throw new TransactionTimeoutError(`deploying model "${modelId}"`, options.timeoutSeconds);
    }
    await sleep(options.pollMs ?? (options.chainId === DEV_CHAIN_ID ? 250 : 4000));
  }
}

/** The hash of the mined transaction of `from` with `nonce`, searched in recent blocks. */
export async function findTransactionByNonce(
  provider: Provider,
  from: string,
  nonce: number,
  depth = 64,
): Promise<string | undefined> {
  const latest = await provider.getBlockNumber();
  for (let n = latest; n >= 0 && n > latest - depth; n--) {
    const block = await provider.getBlock(n, true);
    for (const tx of block?.prefetchedTransactions ?? []) {
      if (tx.from.toLowerCase() === from.toLowerCase() && tx.nonce === nonce) return tx.hash;
    }
  }
  return undefined;
}

async function sendFresh(
  provider: Provider,
  sender: TransactionSender,
  request: DeployTokenRequest,
  preflight: PreflightResult,
  options: DeployOptions,
): Promise<DeployTokenResult> {
  const feeData = await provider.getFeeData();
  if (options.maxFeePerGasGwei !== undefined) {
    const current = feeData.maxFeePerGas ?? feeData.gasPrice ?? 0n;
    const cap = BigInt(Math.round(options.maxFeePerGasGwei * 1e9));
    if (current > cap) throw new FeeCapExceededError(formatUnits(current, "gwei"), options.maxFeePerGasGwei);
  }
  const nonce = await provider.getTransactionCount(sender.address, "pending");
  const fields: TransactionRequest = {
    to: preflight.tokenManager,
    from: sender.address,
    data: preflight.transaction.data,
    value: preflight.fee,
    gasLimit: preflight.gasLimit,
    nonce,
    chainId: options.chainId,
    ...(feeData.maxFeePerGas !== null
      ? {
          type: 2,
          maxFeePerGas: feeData.maxFeePerGas,
          maxPriorityFeePerGas: feeData.maxPriorityFeePerGas ?? 0n,
        }
      : { gasPrice: feeData.gasPrice ?? undefined }),
  };
  const record: DeploymentRecord = {
    version: RECORD_VERSION,
    network: options.network,
    chainId: options.chainId,
    modelId: request.modelId,
    tokenManager: preflight.tokenManager,
    abi: preflight.abi,
    status: "prepared",
    parameters: {
      ...serialize(request),
      __tx: { data: fields.data, value: String(fields.value), gasLimit: String(fields.gasLimit) },
    },
    metadata: options.metadata,
    transaction: { nonce, from: sender.address, to: preflight.tokenManager },
    updatedAt: "",
  };
  writeRecord(options.recordFile, record);
  crashPoint("before-send");

  let hash: string;
  try {
    if (sender.signTransaction !== undefined) {
      const raw = await sender.signTransaction(fields);
      hash = keccak256(raw);
      record.transaction = { ...record.transaction!, hash, raw };
      record.status = "signed";
      writeRecord(options.recordFile, record);
      options.onProgress?.({ type: "signed", hash, nonce });
      await provider.broadcastTransaction(raw);
    } else {
      hash = await sender.sendTransaction(fields);
    }
  } catch (error) {
    throw await explainSendFailure(provider, error, record, options);
  }
  crashPoint("after-send");
  record.transaction = { ...record.transaction!, hash, sentAt: new Date().toISOString() };
  record.status = "sent";
  writeRecord(options.recordFile, record);
  options.onProgress?.({ type: "sent", hash, nonce });
  return waitAndFinish(provider, request, preflight, options, record, hash);
}

async function explainSendFailure(
  provider: Provider,
  error: unknown,
  record: DeploymentRecord,
  options: DeployOptions,
): Promise<Error> {
  const text = `${(error as Error)?.message ?? ""}`;
  const tx = record.transaction!;
  if (/nonce too low|nonce has already been used|NONCE_EXPIRED|Nonce too low/i.test(text)) {
    record.status = "abandoned";
    record.failure = `nonce ${tx.nonce} was taken before the transaction was sent`;
    writeRecord(options.recordFile, record);
    return new NonceTakenError(tx.nonce, tx.from, await findTransactionByNonce(provider, tx.from, tx.nonce));
  }
  const data = extractRevertData(error);
  if (data !== undefined) {
    record.status = "failed";
    record.failure = text;
    writeRecord(options.recordFile, record);
    return new ContractRevertError(
      decodeRevertData(data, { modelId: record.modelId, account: tx.from }),
      "send",
    );
  }
  if (error instanceof HokusaiPluginError) return error;
  // Unknown whether the node took it: the record stays "prepared"/"signed" and a rerun resolves it.
  return error instanceof Error ? error : new Error(String(error));
}

async function waitAndFinish(
  provider: Provider,
  request: DeployTokenRequest,
  preflight: PreflightResult,
  options: DeployOptions,
  record: DeploymentRecord,
  hash: string,
): Promise<DeployTokenResult> {
  const receipt = await waitForReceipt(provider, hash, record, options);
  crashPoint("after-receipt");
  if (receipt.status !== 1) {
    let decoded;
    try {
      const tx = await provider.getTransaction(hash);
      await provider.call({
        to: tx!.to!,
        from: tx!.from,
        data: tx!.data,
        value: tx!.value,
        blockTag: receipt.blockNumber - 1,
      });
      decoded = decodeRevertData(undefined);
    } catch (error) {
      decoded = decodeRevertData(extractRevertData(error), {
        modelId: request.modelId,
        account: record.transaction?.from,
      });
    }
    record.status = "failed";
    record.failure = decoded.reason;
    writeRecord(options.recordFile, record);
    throw new ContractRevertError(decoded, `transaction ${hash} reverted in block ${receipt.blockNumber}`);
  }
  return finish(provider, request, preflight, options, record, receipt);
}

async function waitForReceipt(
  provider: Provider,
  hash: string,
  record: DeploymentRecord,
  options: DeployOptions,
): Promise<TransactionReceipt> {
  const started = Date.now();
  const pollMs = options.pollMs ?? (options.chainId === DEV_CHAIN_ID ? 250 : 4000);
  const reportEvery = (options.progressEverySeconds ?? 15) * 1000;
  let lastReport = Date.now();
  let missingSince: number | undefined;
  for (;;) {
    const receipt = await provider.getTransactionReceipt(hash);
    let confirmations = 0;
    if (receipt !== null) {
      confirmations = (await provider.getBlockNumber()) - receipt.blockNumber + 1;
      if (confirmations >= options.confirmations || receipt.status !== 1) {
        options.onProgress?.({ type: "mined", hash, blockNumber: receipt.blockNumber });
        return receipt;
      }
    } else if ((await provider.getTransaction(hash)) === null) {
      // Dropped from the pool: send the same signed bytes again once it has been gone a while.
      missingSince ??= Date.now();
      if (record.transaction?.raw !== undefined && Date.now() - missingSince > 3 * pollMs) {
        await provider.broadcastTransaction(record.transaction.raw).catch(() => undefined);
        options.onProgress?.({ type: "rebroadcast", hash, nonce: record.transaction.nonce });
        missingSince = undefined;
      }
    }
    const elapsed = Date.now() - started;
    if (elapsed > options.timeoutSeconds * 1000)
      throw new TransactionTimeoutError(hash, options.timeoutSeconds);
    if (Date.now() - lastReport >= reportEvery) {
      lastReport = Date.now();
      options.onProgress?.({
        type: "waiting",
        hash,
        elapsedSeconds: Math.round(elapsed / 1000),
        confirmations,
        wanted: options.confirmations,
      });
    }
    await sleep(pollMs);
  }
}

/** The model already has a token: complete the record from the chain, sending nothing. */
async function finishFromChain(
  provider: Provider,
  request: DeployTokenRequest,
  preflight: PreflightResult,
  options: DeployOptions,
  record: DeploymentRecord | undefined,
): Promise<DeployTokenResult> {
  let receipt: TransactionReceipt | null = null;
  if (record?.transaction?.hash !== undefined)
    receipt = await provider.getTransactionReceipt(record.transaction.hash);
  if (receipt === null || receipt.status !== 1) {
    const entry = await findDeploymentLog(provider, preflight.tokenManager, request.modelId);
    if (entry !== undefined) receipt = await provider.getTransactionReceipt(entry.transactionHash);
  }
  const resumed = record !== undefined && record.status !== "confirmed";
  const base: DeploymentRecord = record ?? {
    version: RECORD_VERSION,
    network: options.network,
    chainId: options.chainId,
    modelId: request.modelId,
    tokenManager: preflight.tokenManager,
    abi: preflight.abi,
    status: "sent",
    parameters: serialize(request),
    metadata: options.metadata,
    updatedAt: "",
  };
  const result = await finish(provider, request, preflight, options, base, receipt);
  return { ...result, status: resumed ? "deployed" : "already-deployed" };
}

async function finish(
  provider: Provider,
  request: DeployTokenRequest,
  preflight: PreflightResult,
  options: DeployOptions,
  record: DeploymentRecord,
  receipt: TransactionReceipt | null,
): Promise<DeployTokenResult> {
  let token: string | undefined;
  let params: string | undefined;
  for (const entry of receipt?.logs ?? []) {
    if (entry.address.toLowerCase() !== preflight.tokenManager.toLowerCase()) continue;
    const parsed = tokenManagerEvents.parseLog(entry);
    if (parsed?.name === "TokenDeployed") token = parsed.args.tokenAddress as string;
    if (parsed?.name === "ParamsDeployed") params = parsed.args.paramsAddress as string;
  }
  const manager = new Contract(preflight.tokenManager, TOKEN_MANAGER_CORE_ABI, provider);
  token ??= (await manager.getTokenAddress(request.modelId)) as string;
  params ??= (await manager.getParamsAddress(request.modelId)) as string;
  const tx = receipt === null ? null : await provider.getTransaction(receipt.hash);
  const effectiveGasPrice = receipt?.gasPrice;
  const gasCost = receipt === null ? undefined : receipt.gasUsed * receipt.gasPrice;
  const deploymentFee = tx?.value;
  const facts: DeploymentResultFacts = {
    token,
    params,
    txHash: receipt?.hash,
    blockNumber: receipt?.blockNumber,
    blockHash: receipt?.blockHash,
    gasUsed: receipt?.gasUsed.toString(),
    effectiveGasPrice: effectiveGasPrice?.toString(),
    gasCost: gasCost?.toString(),
    deploymentFee: deploymentFee?.toString(),
    confirmedAt: new Date().toISOString(),
    explorer: explorerLinks(options.explorerUrl, { txHash: receipt?.hash, token, params }),
  };
  const wasConfirmed = record.status === "confirmed";
  record.status = "confirmed";
  record.result = facts;
  record.failure = undefined;
  writeRecord(options.recordFile, record);
  return {
    status: wasConfirmed ? "already-deployed" : "deployed",
    modelId: request.modelId,
    network: options.network,
    chainId: options.chainId,
    tokenManager: preflight.tokenManager,
    abi: preflight.abi,
    token,
    params,
    txHash: receipt?.hash,
    blockNumber: receipt?.blockNumber,
    gasUsed: receipt?.gasUsed,
    effectiveGasPrice,
    gasCost,
    deploymentFee,
    recordFile: options.recordFile,
    explorer: facts.explorer,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
