/**
 * The backend's two steps after a developer's deployment (creating-models, part 2 and 3):
 * TokenManager.distributeModelSupplierAllocation(modelId), and
 * HokusaiAMMFactory.createPoolWithParams(...) followed by TokenManager.authorizeAMM(pool).
 * Both are signed by the owner of the contracts (the backend's server signer).
 *
 * Every function checks the chain before it acts: a preflight that finds the work done
 * says so, and nothing is sent. Reverts are decoded into the messages of deploy-token.
 */
import {
  Contract,
  formatEther,
  getAddress,
  Interface,
  isError,
  parseUnits,
  type Provider,
  type Signer,
  type TransactionReceipt,
  ZeroAddress,
} from "ethers";

import { POOL_DEFAULTS } from "../../ignition/modules/builders";
import {
  BackendInsufficientFundsError,
  BackendTransactionTimeoutError,
  ContractRevertError,
  FactoryTokenManagerMismatchError,
  InvalidParamError,
  ModelNotDeployedError,
  NoContractCodeError,
  NotContractOwnerError,
  PendingTransactionsError,
} from "../errors";
import { AMM_FACTORY_ABI, AMM_POOL_ABI, HOKUSAI_TOKEN_ABI, TOKEN_MANAGER_CORE_ABI } from "./abi";
import { decodeRevertData, extractRevertData, type RevertContext } from "./revert";
import { findModelToken } from "./token-manager";
import { BOUNDS, parseIntegerInRange, UINT256_MAX } from "./validate";
import { optionalRead, readHokusai } from "./read";

const managerInterface = new Interface(TOKEN_MANAGER_CORE_ABI as unknown as string[]);
const factoryInterface = new Interface(AMM_FACTORY_ABI as unknown as string[]);

// ---------------------------------------------------------------------------
// Pool parameters

/** createPoolWithParams' parameters, in the contract's units. */
export interface PoolParams {
  /** Reserve ratio in ppm: 50000 to 1000000. */
  crr: bigint;
  /** Basis points: at most 1000. */
  tradeFee: bigint;
  /** Seconds: 1 to 30 days. */
  ibrDuration: bigint;
  /** USDC with 6 decimals, above zero. */
  flatCurveThreshold: bigint;
  /** USDC with 6 decimals per whole token, above zero. */
  flatCurvePrice: bigint;
}

/**
 * The parameters as a person types them: crr in ppm, tradeFee in bps, ibrDuration in
 * seconds, the flat-curve threshold and price in US dollars (USDC) with up to 6
 * decimals ("25000", "0.01"). Left out, a parameter takes the factory's default.
 */
export type PoolParamsInput = { [K in keyof PoolParams]?: string | number | bigint };

export const POOL_PARAM_FLAGS: Record<keyof PoolParams, string> = {
  crr: "--crr",
  tradeFee: "--trade-fee",
  ibrDuration: "--ibr-duration",
  flatCurveThreshold: "--flat-curve-threshold",
  flatCurvePrice: "--flat-curve-price",
};

const USDC_DECIMALS = 6;

function given(value: unknown): boolean {
  return value !== undefined && value !== null && String(value).trim() !== "";
}

/** A USDC amount given in dollars ("25000", "0.01"), returned with 6 decimals; must be above zero. */
export function parseUsdcAmount(field: string, value: unknown): bigint {
  const text = String(value).trim().replace(/_/g, "");
  if (!/^\d+(\.\d{1,6})?$/.test(text)) {
    throw new InvalidParamError(
      "HOK207",
      field,
      String(value),
      "expected US dollars (USDC) with at most 6 decimals, e.g. 25000 or 0.01",
    );
  }
  const amount = parseUnits(text, USDC_DECIMALS);
  if (amount === 0n) {
    throw new InvalidParamError(
      "HOK207",
      field,
      String(value),
      "must be greater than zero (the factory reverts InvalidAmount)",
    );
  }
  if (amount > UINT256_MAX) {
    throw new InvalidParamError("HOK207", field, String(value), "does not fit in uint256");
  }
  return amount;
}

/** Checks the pool parameters that were given against the factory's bounds; the others stay out. */
export function parsePoolParams(input: PoolParamsInput): Partial<PoolParams> {
  const out: Partial<PoolParams> = {};
  if (given(input.crr)) {
    out.crr = parseIntegerInRange(
      POOL_PARAM_FLAGS.crr,
      input.crr,
      BOUNDS.crrMin,
      BOUNDS.crrMax,
      " ppm (5% to 100% reserve ratio)",
    );
  }
  if (given(input.tradeFee)) {
    out.tradeFee = parseIntegerInRange(
      POOL_PARAM_FLAGS.tradeFee,
      input.tradeFee,
      0n,
      BOUNDS.tradeFeeMax,
      " basis points (0% to 10%)",
    );
  }
  if (given(input.ibrDuration)) {
    out.ibrDuration = parseIntegerInRange(
      POOL_PARAM_FLAGS.ibrDuration,
      input.ibrDuration,
      BOUNDS.ibrDurationMin,
      BOUNDS.ibrDurationMax,
      " seconds (1 to 30 days)",
    );
  }
  if (given(input.flatCurveThreshold)) {
    out.flatCurveThreshold = parseUsdcAmount(POOL_PARAM_FLAGS.flatCurveThreshold, input.flatCurveThreshold);
  }
  if (given(input.flatCurvePrice)) {
    out.flatCurvePrice = parseUsdcAmount(POOL_PARAM_FLAGS.flatCurvePrice, input.flatCurvePrice);
  }
  return out;
}

/**
 * The factory's defaults as its getters report them; a getter the factory lacks
 * takes the documented default (HOKUSAI-FACTS.md).
 */
export async function readFactoryDefaults(provider: Provider, ammFactory: string): Promise<PoolParams> {
  const factory = new Contract(ammFactory, AMM_FACTORY_ABI, provider);
  const read = async (getter: string, fallback: bigint) =>
    (await optionalRead(() => factory.getFunction(getter)() as Promise<bigint>)) ?? fallback;
  const [crr, tradeFee, ibrDuration, flatCurveThreshold, flatCurvePrice] = await Promise.all([
    read("defaultCrr", POOL_DEFAULTS.crr),
    read("defaultTradeFee", POOL_DEFAULTS.tradeFee),
    read("defaultIbrDuration", POOL_DEFAULTS.ibrDuration),
    read("defaultFlatCurveThreshold", POOL_DEFAULTS.flatCurveThreshold),
    read("defaultFlatCurvePrice", POOL_DEFAULTS.flatCurvePrice),
  ]);
  return { crr, tradeFee, ibrDuration, flatCurveThreshold, flatCurvePrice };
}

// ---------------------------------------------------------------------------
// Shared reads and sends

async function requireCode(provider: Provider, what: string, address: string, network: string) {
  if ((await provider.getCode(address)) === "0x") throw new NoContractCodeError(what, address, network);
}

/** owner() of an Ownable contract, or undefined when it has none to read. */
export async function readOwner(provider: Provider, address: string): Promise<string | undefined> {
  const owner = await optionalRead(
    () =>
      new Contract(address, ["function owner() view returns (address)"], provider).owner() as Promise<string>,
  );
  return owner === undefined ? undefined : getAddress(owner);
}

/** Whether the TokenManager lets `pool` mint: isAuthorizedAMM, else hasRole(MINTER_ROLE). */
export async function isPoolAuthorized(
  provider: Provider,
  tokenManager: string,
  pool: string,
): Promise<boolean> {
  const manager = new Contract(tokenManager, TOKEN_MANAGER_CORE_ABI, provider);
  const direct = await optionalRead(() => manager.isAuthorizedAMM(pool) as Promise<boolean>);
  if (direct !== undefined) return direct;
  const role = await optionalRead(() => manager.MINTER_ROLE() as Promise<string>);
  if (role === undefined) return false;
  return ((await optionalRead(() => manager.hasRole(role, pool) as Promise<boolean>)) ?? false) === true;
}

/** A call that is about to be sent: where, what, and the gas it was estimated at. */
export interface PlannedCall {
  to: string;
  data: string;
  /** e.g. `distributeModelSupplierAllocation("sentiment-v2")`. */
  description: string;
  gasLimit: bigint;
}

/**
 * eth_call then eth_estimateGas from `from`; a revert becomes the decoded message of
 * deploy-token. Returns the call with its gas limit, and what the static call answered.
 */
async function planCall(
  provider: Provider,
  from: string,
  to: string,
  data: string,
  description: string,
  context: RevertContext,
): Promise<PlannedCall & { answer: string }> {
  let answer: string;
  let estimated: bigint;
  try {
    answer = await provider.call({ to, data, from });
    estimated = await provider.estimateGas({ to, data, from });
  } catch (error) {
    throw revertError(error, context, `preflight of ${description} (static call)`);
  }
  return { to, data, description, gasLimit: (estimated * 12n) / 10n, answer };
}

function planned({ to, data, description, gasLimit }: PlannedCall): PlannedCall {
  return { to, data, description, gasLimit };
}

function revertError(error: unknown, context: RevertContext, when: string): Error {
  const data = extractRevertData(error);
  if (data === undefined && !isError(error, "CALL_EXCEPTION") && !/revert/i.test(String(error))) {
    return error instanceof Error ? error : new Error(String(error));
  }
  return new ContractRevertError(decodeRevertData(data, context), when);
}

/** Refuses to send while the account has transactions in flight, which an earlier run may have left. */
export async function checkNoPendingTransactions(provider: Provider, account: string): Promise<void> {
  const [latest, pending] = await Promise.all([
    provider.getTransactionCount(account, "latest"),
    provider.getTransactionCount(account, "pending"),
  ]);
  if (pending > latest) throw new PendingTransactionsError(account, latest, pending);
}

async function checkBalance(provider: Provider, account: string, calls: PlannedCall[]): Promise<void> {
  const gas = calls.reduce((sum, call) => sum + call.gasLimit, 0n);
  const feeData = await provider.getFeeData();
  const needed = gas * (feeData.maxFeePerGas ?? feeData.gasPrice ?? 0n);
  const balance = await provider.getBalance(account);
  if (balance < needed)
    throw new BackendInsufficientFundsError(account, formatEther(balance), formatEther(needed));
}

export type BackendProgress =
  | { type: "sent"; description: string; hash: string }
  | { type: "mined"; description: string; hash: string; blockNumber: number };

export interface SendOptions {
  /** Confirmations to wait for (1 on a development chain). */
  confirmations: number;
  timeoutSeconds: number;
  pollMs?: number;
  onProgress?: (event: BackendProgress) => void;
}

/** What a sent call came to. */
export interface SentCall {
  description: string;
  hash: string;
  blockNumber: number;
  gasUsed: bigint;
}

async function sendPlanned(
  signer: Signer,
  call: PlannedCall,
  context: RevertContext,
  options: SendOptions,
): Promise<{ sent: SentCall; receipt: TransactionReceipt }> {
  const provider = signer.provider!;
  let hash: string;
  try {
    hash = (await signer.sendTransaction({ to: call.to, data: call.data, gasLimit: call.gasLimit })).hash;
  } catch (error) {
    throw revertError(error, context, `sending ${call.description}`);
  }
  options.onProgress?.({ type: "sent", description: call.description, hash });
  const receipt = await waitForReceipt(provider, hash, options);
  if (receipt.status !== 1) {
    // Replay it just before its block to learn why it reverted.
    let decoded = decodeRevertData(undefined, context);
    try {
      await provider.call({
        to: call.to,
        data: call.data,
        from: await signer.getAddress(),
        blockTag: receipt.blockNumber - 1,
      });
    } catch (error) {
      decoded = decodeRevertData(extractRevertData(error), context);
    }
    throw new ContractRevertError(decoded, `transaction ${hash} reverted in block ${receipt.blockNumber}`);
  }
  options.onProgress?.({
    type: "mined",
    description: call.description,
    hash,
    blockNumber: receipt.blockNumber,
  });
  return {
    sent: { description: call.description, hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed },
    receipt,
  };
}

async function waitForReceipt(
  provider: Provider,
  hash: string,
  options: SendOptions,
): Promise<TransactionReceipt> {
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  const pollMs = options.pollMs ?? 250;
  for (;;) {
    const receipt = await provider.getTransactionReceipt(hash);
    if (receipt !== null) {
      const confirmations = (await provider.getBlockNumber()) - receipt.blockNumber + 1;
      if (receipt.status !== 1 || confirmations >= options.confirmations) return receipt;
    }
    if (Date.now() >= deadline) throw new BackendTransactionTimeoutError(hash, options.timeoutSeconds);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

// ---------------------------------------------------------------------------
// distributeModelSupplierAllocation

/** A model's supplier allocation as the token holds it. */
export interface SupplierAllocation {
  modelId: string;
  tokenManager: string;
  token: string;
  recipient: string;
  /** Wei of the 18-decimal token. */
  amount: bigint;
  distributed: boolean;
  recipientBalance: bigint;
}

export interface DistributePreflight {
  /** "done": distributed already, nothing to send. */
  status: "ready" | "done";
  from: string;
  allocation: SupplierAllocation;
  call?: PlannedCall;
}

export interface DistributeResult {
  status: "distributed" | "already-distributed";
  modelId: string;
  tokenManager: string;
  token: string;
  recipient: string;
  amount: bigint;
  recipientBalance: bigint;
  transaction?: SentCall;
}

/** Reads the supplier allocation of a model; undefined when the model id has no token. */
export async function readSupplierAllocation(
  provider: Provider,
  tokenManager: string,
  modelId: string,
): Promise<SupplierAllocation | undefined> {
  const token = await findModelToken(provider, tokenManager, modelId);
  if (token === undefined) return undefined;
  const t = new Contract(token, HOKUSAI_TOKEN_ABI, provider);
  const [recipient, amount, distributed] = await Promise.all([
    t.modelSupplierRecipient() as Promise<string>,
    t.modelSupplierAllocation() as Promise<bigint>,
    t.modelSupplierDistributed() as Promise<boolean>,
  ]);
  const recipientBalance = (await t.balanceOf(recipient)) as bigint;
  return { modelId, tokenManager, token, recipient, amount, distributed, recipientBalance };
}

/**
 * Everything distribute checks before it sends, by reading only: the TokenManager is
 * there, the model has a token, it was not distributed yet, `from` is owner(), and a
 * static call of the distribution succeeds.
 */
export async function preflightDistribute(
  provider: Provider,
  from: string,
  tokenManager: string,
  modelId: string,
  options: { network: string },
): Promise<DistributePreflight> {
  await requireCode(provider, "TokenManager", tokenManager, options.network);
  const allocation = await readSupplierAllocation(provider, tokenManager, modelId);
  if (allocation === undefined) throw new ModelNotDeployedError(modelId, tokenManager, options.network);
  if (allocation.distributed) return { status: "done", from, allocation };
  // A transaction in flight (perhaps this task's, from a run that timed out) may be the distribution itself.
  await checkNoPendingTransactions(provider, from);
  const owner = await readOwner(provider, tokenManager);
  if (owner !== undefined && owner !== getAddress(from)) {
    throw new NotContractOwnerError(
      "TokenManager",
      tokenManager,
      from,
      owner,
      "distribute the supplier allocation",
    );
  }
  const call = planned(
    await planCall(
      provider,
      from,
      tokenManager,
      managerInterface.encodeFunctionData("distributeModelSupplierAllocation", [modelId]),
      `distributeModelSupplierAllocation(${JSON.stringify(modelId)})`,
      { modelId, account: from },
    ),
  );
  await checkBalance(provider, from, [call]);
  return { status: "ready", from, allocation, call };
}

/** Sends the distribution a preflight planned (or reports it done), and reads the event back. */
export async function distributeSupplierAllocation(
  signer: Signer,
  preflight: DistributePreflight,
  options: SendOptions,
): Promise<DistributeResult> {
  const { allocation } = preflight;
  const base = {
    modelId: allocation.modelId,
    tokenManager: allocation.tokenManager,
    token: allocation.token,
  };
  if (preflight.status === "done" || preflight.call === undefined) {
    return {
      status: "already-distributed",
      ...base,
      recipient: allocation.recipient,
      amount: allocation.amount,
      recipientBalance: allocation.recipientBalance,
    };
  }
  const provider = signer.provider!;
  await checkNoPendingTransactions(provider, preflight.from);
  const { sent, receipt } = await sendPlanned(
    signer,
    preflight.call,
    { modelId: allocation.modelId, account: preflight.from },
    options,
  );
  let recipient = allocation.recipient;
  let amount = allocation.amount;
  for (const log of receipt.logs) {
    if (getAddress(log.address) !== getAddress(allocation.tokenManager)) continue;
    const parsed = optionalSync(() => managerInterface.parseLog(log));
    if (parsed?.name === "ModelSupplierAllocationDistributed") {
      recipient = getAddress(parsed.args.recipient as string);
      amount = parsed.args.amount as bigint;
    }
  }
  const token = new Contract(allocation.token, HOKUSAI_TOKEN_ABI, provider);
  return {
    status: "distributed",
    ...base,
    recipient,
    amount,
    recipientBalance: (await token.balanceOf(recipient)) as bigint,
    transaction: sent,
  };
}

function optionalSync<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// createPoolWithParams + authorizeAMM

export interface PoolAddresses {
  tokenManager: string;
  ammFactory: string;
}

/** Where a model's pool stands. */
export interface PoolState extends PoolAddresses {
  modelId: string;
  token: string;
  /** Undefined while the factory has no pool for the model. */
  pool?: string;
  authorized: boolean;
}

/** The parameters an existing pool was created with, where it reports them. */
export type ExistingPoolParams = Partial<PoolParams>;

export interface CreatePoolPreflight {
  /**
   * "done": the pool exists and may mint; "create": create it, then authorise it;
   * "authorize": the pool exists (a half-done pair) and only needs authorizeAMM.
   */
  action: "done" | "create" | "authorize";
  from: string;
  state: PoolState;
  /** The parameters to create with: the given ones over the factory's defaults. */
  params: PoolParams;
  /** Which of `params` were given rather than defaulted. */
  explicit: Array<keyof PoolParams>;
  /** The pool's own parameters when it exists. */
  existingParams?: ExistingPoolParams;
  /** The calls that will be sent, in order. For "create", the pool address is the static call's answer. */
  calls: PlannedCall[];
  warnings: string[];
}

export interface CreatePoolResult extends PoolState {
  status: "created" | "authorized" | "already-done";
  pool: string;
  params: PoolParams;
  transactions: SentCall[];
  warnings: string[];
}

/** The factory's pool for the model, undefined when it has none; HOK312 when the address is no AMM factory. */
export async function findModelPool(factory: Contract, modelId: string): Promise<string | undefined> {
  const address = await readHokusai(() => factory.getPool(modelId) as Promise<string>, {
    what: "AMM factory",
    address: String(factory.target),
    flag: "--amm-factory",
  });
  return address === ZeroAddress ? undefined : getAddress(address);
}

/** Reads the token, the pool and whether the pool may mint. Undefined when the model has no token. */
export async function readPoolState(
  provider: Provider,
  { tokenManager, ammFactory }: PoolAddresses,
  modelId: string,
): Promise<PoolState | undefined> {
  const token = await findModelToken(provider, tokenManager, modelId);
  if (token === undefined) return undefined;
  const pool = await findModelPool(new Contract(ammFactory, AMM_FACTORY_ABI, provider), modelId);
  const authorized = pool === undefined ? false : await isPoolAuthorized(provider, tokenManager, pool);
  return { tokenManager, ammFactory, modelId, token, pool, authorized };
}

/** The parameters an existing pool reports (a getter it lacks is left out). */
export async function readPoolParams(provider: Provider, pool: string): Promise<ExistingPoolParams> {
  const p = new Contract(pool, AMM_POOL_ABI, provider);
  const read = (getter: keyof PoolParams) => optionalRead(() => p.getFunction(getter)() as Promise<bigint>);
  const [crr, tradeFee, ibrDuration, flatCurveThreshold, flatCurvePrice] = await Promise.all([
    read("crr"),
    read("tradeFee"),
    read("ibrDuration"),
    read("flatCurveThreshold"),
    read("flatCurvePrice"),
  ]);
  const out: ExistingPoolParams = {};
  if (crr !== undefined) out.crr = crr;
  if (tradeFee !== undefined) out.tradeFee = tradeFee;
  if (ibrDuration !== undefined) out.ibrDuration = ibrDuration;
  if (flatCurveThreshold !== undefined) out.flatCurveThreshold = flatCurveThreshold;
  if (flatCurvePrice !== undefined) out.flatCurvePrice = flatCurvePrice;
  return out;
}

/**
 * Everything create-pool checks before it sends, by reading only: both contracts are
 * there and wired to each other, the model has a token, the pool and its
 * authorisation as they stand, `from` owns the factory (to create) and the TokenManager
 * (to authorise), and static calls of what remains succeed.
 */
export async function preflightCreatePool(
  provider: Provider,
  from: string,
  addresses: PoolAddresses,
  modelId: string,
  given: Partial<PoolParams>,
  options: { network: string },
): Promise<CreatePoolPreflight> {
  await requireCode(provider, "TokenManager", addresses.tokenManager, options.network);
  await requireCode(provider, "AMM factory", addresses.ammFactory, options.network);
  const factoryManager = await optionalRead(async () =>
    getAddress(
      (await new Contract(addresses.ammFactory, AMM_FACTORY_ABI, provider).tokenManager()) as string,
    ),
  );
  if (factoryManager !== undefined && factoryManager !== getAddress(addresses.tokenManager)) {
    throw new FactoryTokenManagerMismatchError(addresses.ammFactory, factoryManager, addresses.tokenManager);
  }
  const state = await readPoolState(provider, addresses, modelId);
  if (state === undefined) throw new ModelNotDeployedError(modelId, addresses.tokenManager, options.network);

  const explicit = (Object.keys(given) as Array<keyof PoolParams>).filter((k) => given[k] !== undefined);
  const params = { ...(await readFactoryDefaults(provider, addresses.ammFactory)), ...given };
  const warnings: string[] = [];
  const base = { from, state, params, explicit, warnings };
  let existingParams: ExistingPoolParams | undefined;
  if (state.pool !== undefined) {
    existingParams = await readPoolParams(provider, state.pool);
    for (const key of explicit) {
      const actual = existingParams[key];
      if (actual !== undefined && actual !== params[key]) {
        warnings.push(
          `${POOL_PARAM_FLAGS[key]} ${params[key]} differs from the existing pool's ${key} ${actual}; a pool's parameters are fixed when it is created`,
        );
      }
    }
    if (state.authorized) return { ...base, action: "done", existingParams, calls: [] };
  }

  // A transaction in flight (perhaps from a run that timed out) may be one of these calls.
  await checkNoPendingTransactions(provider, from);
  const context = { modelId, account: from };
  const calls: PlannedCall[] = [];
  let pool = state.pool;
  if (pool === undefined) {
    const factoryOwner = await readOwner(provider, addresses.ammFactory);
    if (factoryOwner !== undefined && factoryOwner !== getAddress(from)) {
      throw new NotContractOwnerError(
        "AMM factory",
        addresses.ammFactory,
        from,
        factoryOwner,
        "create pools",
      );
    }
  }
  const managerOwner = await readOwner(provider, addresses.tokenManager);
  if (managerOwner !== undefined && managerOwner !== getAddress(from)) {
    throw new NotContractOwnerError(
      "TokenManager",
      addresses.tokenManager,
      from,
      managerOwner,
      "authorise a pool to mint (authorizeAMM)",
    );
  }
  if (pool === undefined) {
    const data = factoryInterface.encodeFunctionData("createPoolWithParams", [
      modelId,
      state.token,
      params.crr,
      params.tradeFee,
      params.ibrDuration,
      params.flatCurveThreshold,
      params.flatCurvePrice,
    ]);
    const create = await planCall(
      provider,
      from,
      addresses.ammFactory,
      data,
      `createPoolWithParams(${JSON.stringify(modelId)}, ...)`,
      context,
    );
    calls.push(planned(create));
    // The static call answers with the address the pool will have.
    pool = getAddress(
      factoryInterface.decodeFunctionResult("createPoolWithParams", create.answer)[0] as string,
    );
  }
  // Granting the role does not depend on the pool existing, so it is checked and estimated now.
  const authorizeData = managerInterface.encodeFunctionData("authorizeAMM", [pool]);
  calls.push(
    planned(
      await planCall(provider, from, addresses.tokenManager, authorizeData, `authorizeAMM(${pool})`, context),
    ),
  );
  await checkBalance(provider, from, calls);
  return {
    ...base,
    action: state.pool === undefined ? "create" : "authorize",
    existingParams,
    calls,
  };
}

/**
 * Sends what a preflight planned, each call checked against the chain right before:
 * createPoolWithParams unless the pool exists, then authorizeAMM unless it may mint.
 * The plugin normally creates through the ModelPool Ignition module (journaled);
 * this is the route without Ignition, and the one that finishes a half-done pair.
 */
export async function sendCreatePool(
  signer: Signer,
  preflight: CreatePoolPreflight,
  options: SendOptions,
): Promise<CreatePoolResult> {
  const provider = signer.provider!;
  const { state } = preflight;
  const context = { modelId: state.modelId, account: preflight.from };
  const transactions: SentCall[] = [];
  if (preflight.action !== "done") await checkNoPendingTransactions(provider, preflight.from);

  let current = (await readPoolState(provider, state, state.modelId)) ?? state;
  if (current.pool === undefined) {
    const create = preflight.calls.find((c) => c.to === state.ammFactory)!;
    transactions.push((await sendPlanned(signer, create, context, options)).sent);
    current = (await readPoolState(provider, state, state.modelId)) ?? state;
  }
  const pool = current.pool!;
  if (!current.authorized) {
    const data = managerInterface.encodeFunctionData("authorizeAMM", [pool]);
    const authorize = await planCall(
      provider,
      preflight.from,
      state.tokenManager,
      data,
      `authorizeAMM(${pool})`,
      context,
    );
    transactions.push((await sendPlanned(signer, authorize, context, options)).sent);
  }
  const final = await readPoolState(provider, state, state.modelId);
  return poolResult(final ?? current, preflight, transactions);
}

/** The result for a pool state read after the work (or found done). */
export function poolResult(
  state: PoolState,
  preflight: CreatePoolPreflight,
  transactions: SentCall[],
): CreatePoolResult {
  if (state.pool === undefined) {
    // Only a factory that forgets its pools gets here: a bug, not a user's mistake.
    throw new Error(`the factory reports no pool for model "${state.modelId}" after creating it`);
  }
  const status =
    preflight.action === "done"
      ? "already-done"
      : preflight.action === "authorize"
        ? "authorized"
        : "created";
  return {
    ...state,
    pool: state.pool,
    status,
    params: { ...preflight.params, ...preflight.existingParams },
    transactions,
    warnings: preflight.warnings,
  };
}

const ROLE_GRANTED =
  "event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender)";

/**
 * The transactions that created `pool` and authorised it, found by their events from
 * `fromBlock` on: how the Ignition route reports its hashes. Best effort: a contract
 * without these events yields fewer entries.
 */
export async function findPoolTransactions(
  provider: Provider,
  addresses: PoolAddresses,
  modelId: string,
  pool: string,
  fromBlock: number,
): Promise<SentCall[]> {
  const factory = new Contract(addresses.ammFactory, AMM_FACTORY_ABI, provider);
  const manager = new Contract(addresses.tokenManager, [ROLE_GRANTED], provider);
  const [created, granted] = await Promise.all([
    optionalRead(() => factory.queryFilter(factory.filters.PoolCreated(modelId, pool), fromBlock, "latest")),
    optionalRead(() => manager.queryFilter(manager.filters.RoleGranted(null, pool), fromBlock, "latest")),
  ]);
  const found: Array<[string, string]> = [
    ...(created ?? []).map((log): [string, string] => [
      `createPoolWithParams(${JSON.stringify(modelId)}, ...)`,
      log.transactionHash,
    ]),
    ...(granted ?? []).map((log): [string, string] => [`authorizeAMM(${pool})`, log.transactionHash]),
  ];
  const calls: SentCall[] = [];
  for (const [description, hash] of found) {
    const receipt = await provider.getTransactionReceipt(hash);
    if (receipt === null) continue;
    calls.push({ description, hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed });
  }
  return calls.sort((a, b) => a.blockNumber - b.blockNumber);
}
