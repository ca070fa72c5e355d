/** What the backend's steps read before they act: owners, pools, authorisations, allocations. */
import { Contract, getAddress, type Provider, ZeroAddress } from "ethers";

import {
  AMM_FACTORY_ABI,
  AMM_FACTORY_READ_ABI,
  AMM_POOL_READ_ABI,
  PARAMS_READ_ABI,
  TOKEN_MANAGER_READ_ABI,
  TOKEN_READ_ABI,
} from "../abi";
import { noCodeError, pendingTransactionsError } from "../errors";
import { firstGetter, optionalGetter, optionalRead, readHokusai } from "../read";
import { findModelToken } from "../token-manager";
import type { PoolParams } from "./pool-params";
import { contractFor } from "../chain/contract";

export async function requireCode(
  provider: Provider,
  what: string,
  address: string,
  where: string,
  field?: string,
) {
  if ((await provider.getCode(address)) === "0x") throw noCodeError(what, address, where, field);
}

const OWNABLE_ABI = ["function owner() view returns (address)"];

/** owner() of an Ownable contract, or undefined when it has none to read. */
export async function readOwner(provider: Provider, address: string): Promise<string | undefined> {
  const owner = await optionalRead(
    () => contractFor(address, OWNABLE_ABI, provider).owner() as Promise<string>,
  );
  return owner === undefined ? undefined : getAddress(owner);
}

/** Whether the TokenManager lets `pool` mint: isAuthorizedAMM, else hasRole(MINTER_ROLE). */
export async function isPoolAuthorized(
  provider: Provider,
  tokenManager: string,
  pool: string,
): Promise<boolean> {
  const manager = contractFor(tokenManager, TOKEN_MANAGER_READ_ABI, provider);
  const direct = await optionalGetter(() => manager.isAuthorizedAMM(pool) as Promise<boolean>);
  if (direct !== undefined) return direct;
  const role = await optionalGetter(() => manager.MINTER_ROLE() as Promise<string>);
  if (role === undefined) return false;
  return (await optionalGetter(() => manager.hasRole(role, pool) as Promise<boolean>)) === true;
}

/** Refuses to send while the account has transactions in flight, which an earlier run may have left. */
export async function checkNoPendingTransactions(provider: Provider, account: string): Promise<void> {
  const [latest, pending] = await Promise.all([
    provider.getTransactionCount(account, "latest"),
    provider.getTransactionCount(account, "pending"),
  ]);
  if (pending > latest) throw pendingTransactionsError(account, latest, pending);
}

/** How a supplier allocation is (or will be) paid out: part at once, the rest into the vesting vault. */
export interface SupplierSplit {
  /** Minted to the recipient at distribution. */
  immediate: bigint;
  /** Minted to the vesting vault, on a schedule for the recipient. */
  vested: bigint;
  /** The TokenManager's RewardVestingVault, where it has one. */
  vault?: string;
  cliffSeconds?: bigint;
  durationSeconds?: bigint;
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
  /** What the distribution pays out at once and what it vests, by the model's params. */
  split: SupplierSplit;
}

/**
 * The live TokenManager mints immediateUnlockBps of the allocation to the recipient and
 * the rest to its RewardVestingVault (RewardSplitLib: immediate = amount × bps / 10000,
 * rounded down). Without a vault or with vesting off, all of it goes to the recipient.
 */
export async function readSupplierSplit(
  provider: Provider,
  tokenManager: string,
  params: string,
  amount: bigint,
): Promise<SupplierSplit> {
  const manager = contractFor(tokenManager, TOKEN_MANAGER_READ_ABI, provider);
  const vault = await optionalGetter(() => manager.vestingVault() as Promise<string>);
  const p = contractFor(params, PARAMS_READ_ABI, provider);
  const config = await optionalGetter(
    () =>
      p.vestingConfig() as Promise<{
        enabled: boolean;
        immediateUnlockBps: bigint;
        vestingDurationSeconds: bigint;
        cliffSeconds: bigint;
      }>,
  );
  if (vault === undefined || vault === ZeroAddress || config === undefined) {
    return { immediate: amount, vested: 0n };
  }
  return splitByVesting(amount, config, getAddress(vault));
}

/** The split of `amount` under a vesting config (RewardSplitLib's rule), into `vault`. */
export function splitByVesting(
  amount: bigint,
  config: {
    enabled: boolean;
    immediateUnlockBps: bigint | number;
    vestingDurationSeconds: bigint;
    cliffSeconds: bigint;
  },
  vault?: string,
): SupplierSplit {
  if (!config.enabled) return { immediate: amount, vested: 0n };
  const immediate = (amount * BigInt(config.immediateUnlockBps)) / 10_000n;
  if (amount - immediate === 0n) return { immediate: amount, vested: 0n };
  return {
    immediate,
    vested: amount - immediate,
    vault,
    cliffSeconds: BigInt(config.cliffSeconds),
    durationSeconds: BigInt(config.vestingDurationSeconds),
  };
}

/** Reads the supplier allocation of a model; undefined when the model id has no token. */
export async function readSupplierAllocation(
  provider: Provider,
  tokenManager: string,
  modelId: string,
): Promise<SupplierAllocation | undefined> {
  const token = await findModelToken(provider, tokenManager, modelId);
  if (token === undefined) return undefined;
  const t = contractFor(token, TOKEN_READ_ABI, provider);
  const [recipient, amount, distributed, params] = await Promise.all([
    t.modelSupplierRecipient() as Promise<string>,
    t.modelSupplierAllocation() as Promise<bigint>,
    t.modelSupplierDistributed() as Promise<boolean>,
    t.params() as Promise<string>,
  ]);
  const [recipientBalance, split] = await Promise.all([
    t.balanceOf(recipient) as Promise<bigint>,
    readSupplierSplit(provider, tokenManager, params, amount),
  ]);
  return { modelId, tokenManager, token, recipient, amount, distributed, recipientBalance, split };
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
  const pool = await findModelPool(contractFor(ammFactory, AMM_FACTORY_ABI, provider), modelId);
  const authorized = pool === undefined ? false : await isPoolAuthorized(provider, tokenManager, pool);
  return { tokenManager, ammFactory, modelId, token, pool, authorized };
}

/** The parameters an existing pool was created with, where it reports them. */
export type ExistingPoolParams = Partial<PoolParams>;

/**
 * The parameters an existing pool reports, by the live getters first and the guide's
 * after (a getter it lacks is left out). The live pool keeps no IBR duration: it is
 * read from the factory's PoolCreated event.
 */
export async function readPoolParams(
  provider: Provider,
  pool: string,
  ammFactory?: string,
  modelId?: string,
): Promise<ExistingPoolParams> {
  const p = contractFor(pool, AMM_POOL_READ_ABI, provider);
  const get = (name: string) => () => p.getFunction(name)() as Promise<bigint>;
  const [crr, tradeFee, ibrDuration, flatCurveThreshold, flatCurvePrice] = await Promise.all([
    optionalGetter(get("crr")),
    optionalGetter(get("tradeFee")),
    optionalGetter(get("ibrDuration")),
    firstGetter(get("FLAT_CURVE_THRESHOLD"), get("flatCurveThreshold")),
    firstGetter(get("FLAT_CURVE_PRICE"), get("flatCurvePrice")),
  ]);
  const out: ExistingPoolParams = {};
  if (crr !== undefined) out.crr = crr;
  if (tradeFee !== undefined) out.tradeFee = tradeFee;
  const duration = ibrDuration ?? (await createdIbrDuration(provider, ammFactory, modelId, pool));
  if (duration !== undefined) out.ibrDuration = duration;
  if (flatCurveThreshold !== undefined) out.flatCurveThreshold = flatCurveThreshold;
  if (flatCurvePrice !== undefined) out.flatCurvePrice = flatCurvePrice;
  return out;
}

/** The IBR duration a pool was created with, from the factory's PoolCreated event. */
async function createdIbrDuration(
  provider: Provider,
  ammFactory: string | undefined,
  modelId: string | undefined,
  pool: string,
): Promise<bigint | undefined> {
  if (ammFactory === undefined || modelId === undefined) return undefined;
  const factory = contractFor(ammFactory, AMM_FACTORY_READ_ABI, provider);
  const logs = await optionalRead(() =>
    factory.queryFilter(factory.filters.PoolCreated(modelId, pool), 0, "latest"),
  );
  const args = (logs?.at(-1) as { args?: { ibrDuration?: bigint } } | undefined)?.args;
  return args?.ibrDuration;
}
