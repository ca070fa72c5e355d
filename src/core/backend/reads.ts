/** What the backend's steps read before they act: owners, pools, authorisations, allocations. */
import { Contract, getAddress, type Provider, ZeroAddress } from "ethers";

import { AMM_FACTORY_ABI, AMM_POOL_ABI, HOKUSAI_TOKEN_ABI, TOKEN_MANAGER_CORE_ABI } from "../abi";
import { noCodeError, pendingTransactionsError } from "../errors";
import { optionalRead, readHokusai } from "../read";
import { findModelToken } from "../token-manager";
import type { PoolParams } from "./pool-params";

export async function requireCode(
  provider: Provider,
  what: string,
  address: string,
  where: string,
  field?: string,
) {
  if ((await provider.getCode(address)) === "0x") throw noCodeError(what, address, where, field);
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

/** Refuses to send while the account has transactions in flight, which an earlier run may have left. */
export async function checkNoPendingTransactions(provider: Provider, account: string): Promise<void> {
  const [latest, pending] = await Promise.all([
    provider.getTransactionCount(account, "latest"),
    provider.getTransactionCount(account, "pending"),
  ]);
  if (pending > latest) throw pendingTransactionsError(account, latest, pending);
}

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

/** The factory's pool for the model, undefined when it has none; HOK312 when the address is no AMM factory. */
export async function findModelPool(factory: Contract, modelId: string): Promise<string | undefined> {
  const address = await readHokusai(() => factory.getPool(modelId) as Promise<string>, {
    what: "AMM factory",
    address: String(factory.target),
    field: "ammFactory",
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

/** The parameters an existing pool was created with, where it reports them. */
export type ExistingPoolParams = Partial<PoolParams>;

/** The parameters an existing pool reports (a getter it lacks is left out). */
export async function readPoolParams(provider: Provider, pool: string): Promise<ExistingPoolParams> {
  const p = new Contract(pool, AMM_POOL_ABI, provider);
  const keys = ["crr", "tradeFee", "ibrDuration", "flatCurveThreshold", "flatCurvePrice"] as const;
  const values = await Promise.all(
    keys.map((key) => optionalRead(() => p.getFunction(key)() as Promise<bigint>)),
  );
  const out: ExistingPoolParams = {};
  keys.forEach((key, i) => {
    if (values[i] !== undefined) out[key] = values[i];
  });
  return out;
}
