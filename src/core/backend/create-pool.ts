/**
 * The backend's pool step (creating-models, part 3): HokusaiAMMFactory.createPoolWithParams
 * then TokenManager.authorizeAMM(pool), both signed by the owner of the contracts. The
 * preflight reads what stands: a pool that exists and may mint sends nothing, one that
 * exists without the right to mint gets authorizeAMM alone.
 */
import { Contract, getAddress, Interface, type Provider } from "ethers";

import { AMM_FACTORY_ABI, TOKEN_MANAGER_CORE_ABI } from "../abi";
import {
  NO_JOURNAL,
  planCall,
  requireBalance,
  type PlannedCall,
  type TransactionEngine,
} from "../chain/transaction";
import { factoryTokenManagerMismatchError, modelNotDeployedError, notOwnerError } from "../errors";
import { optionalRead } from "../read";
import { type SentCall, sentCall } from "./distribute";
import { type PoolParams, readFactoryDefaults } from "./pool-params";
import {
  checkNoPendingTransactions,
  type ExistingPoolParams,
  type PoolAddresses,
  type PoolState,
  readOwner,
  readPoolParams,
  readPoolState,
  requireCode,
} from "./reads";

const managerInterface = new Interface(TOKEN_MANAGER_CORE_ABI as unknown as string[]);
const factoryInterface = new Interface(AMM_FACTORY_ABI as unknown as string[]);

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
  /** `{field}` names an input. */
  warnings: string[];
}

export interface CreatePoolResult extends PoolState {
  status: "created" | "authorized" | "already-done";
  pool: string;
  params: PoolParams;
  transactions: SentCall[];
  warnings: string[];
}

function authorizeCall(tokenManager: string, pool: string) {
  return {
    to: tokenManager,
    data: managerInterface.encodeFunctionData("authorizeAMM", [pool]),
    description: `authorizeAMM(${pool})`,
  };
}

async function requireOwner(provider: Provider, what: string, address: string, from: string, action: string) {
  const owner = await readOwner(provider, address);
  if (owner !== undefined && owner !== getAddress(from))
    throw notOwnerError(what, address, from, owner, action);
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
  const where = `network "${options.network}"`;
  await requireCode(provider, "TokenManager", addresses.tokenManager, where, "tokenManager");
  await requireCode(provider, "AMM factory", addresses.ammFactory, where, "ammFactory");
  const factoryManager = await optionalRead(async () =>
    getAddress(
      (await new Contract(addresses.ammFactory, AMM_FACTORY_ABI, provider).tokenManager()) as string,
    ),
  );
  if (factoryManager !== undefined && factoryManager !== getAddress(addresses.tokenManager)) {
    throw factoryTokenManagerMismatchError(addresses.ammFactory, factoryManager, addresses.tokenManager);
  }
  const state = await readPoolState(provider, addresses, modelId);
  if (state === undefined) throw modelNotDeployedError(modelId, addresses.tokenManager, where);

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
          `{${key}} ${params[key]} differs from the existing pool's ${key} ${actual}; a pool's parameters are fixed when it is created`,
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
  if (pool === undefined)
    await requireOwner(provider, "AMM factory", addresses.ammFactory, from, "create pools");
  await requireOwner(
    provider,
    "TokenManager",
    addresses.tokenManager,
    from,
    "authorise a pool to mint (authorizeAMM)",
  );
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
      {
        to: addresses.ammFactory,
        data,
        description: `createPoolWithParams(${JSON.stringify(modelId)}, ...)`,
      },
      context,
    );
    calls.push(create);
    // The static call answers with the address the pool will have.
    pool = getAddress(
      factoryInterface.decodeFunctionResult("createPoolWithParams", create.answer)[0] as string,
    );
  }
  // Granting the role does not depend on the pool existing, so it is checked and estimated now.
  calls.push(await planCall(provider, from, authorizeCall(addresses.tokenManager, pool), context));
  await requireBalance(provider, from, calls, "the calls");
  return { ...base, action: state.pool === undefined ? "create" : "authorize", existingParams, calls };
}

/**
 * Sends what a preflight planned, each call checked against the chain right before:
 * createPoolWithParams unless the pool exists, then authorizeAMM unless it may mint.
 */
export async function sendCreatePool(
  engine: TransactionEngine,
  preflight: CreatePoolPreflight,
): Promise<CreatePoolResult> {
  const provider = engine.provider;
  const { state } = preflight;
  const context = { modelId: state.modelId, account: preflight.from };
  const transactions: SentCall[] = [];
  if (preflight.action !== "done") await checkNoPendingTransactions(provider, preflight.from);

  let current = (await readPoolState(provider, state, state.modelId)) ?? state;
  if (current.pool === undefined) {
    const create = preflight.calls.find((c) => c.to === state.ammFactory)!;
    const { receipt } = await engine.sendAndWait(create, NO_JOURNAL, context);
    transactions.push(sentCall(create.description, receipt));
    current = (await readPoolState(provider, state, state.modelId)) ?? state;
  }
  const pool = current.pool!;
  if (!current.authorized) {
    const authorize = await engine.plan(authorizeCall(state.tokenManager, pool), context);
    const { receipt } = await engine.sendAndWait(authorize, NO_JOURNAL, context);
    transactions.push(sentCall(authorize.description, receipt));
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
    if (receipt !== null) calls.push(sentCall(description, receipt));
  }
  return calls.sort((a, b) => a.blockNumber - b.blockNumber);
}
