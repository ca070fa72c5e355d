/**
 * Where a model stands in the lifecycle, read from the chain only.
 *
 * The lifecycle is DRAFT (off-chain) -> PROPOSAL -> REGISTERED -> DEPLOYED. On-chain
 * each stage after DRAFT leaves a mark, and the stage is the furthest one whose mark is
 * present:
 *
 *   NONE        the model id has no token on this TokenManager
 *   PROPOSAL    a token is deployed (deployTokenWithAllocations)
 *   REGISTERED  on the live stack: the model is registered (and active) in the
 *               ModelRegistry; on the guide's, which has none: the supplier allocation
 *               is distributed (the model passed verification)
 *   DEPLOYED    a pool exists and may mint (and, on the live stack, its reserve is seeded)
 *
 * The next step is the first mark still missing, in the order in which the steps can
 * work: distribute, register, create the pool, authorise it, seed its reserve.
 */
import { getAddress, type Provider, ZeroAddress } from "ethers";

import { AMM_FACTORY_READ_ABI, AMM_POOL_READ_ABI } from "./abi";
import {
  type ExistingPoolParams,
  findModelPool,
  isPoolAuthorized,
  readPoolParams,
  readSupplierSplit,
  type SupplierSplit,
} from "./backend";
import { noCodeError } from "./errors";
import { firstGetter, optionalGetter } from "./read";
import { findModelRegistry, type Registration, readRegistration } from "./registry";
import { type DeployedModel, readDeployedModel } from "./token-manager";
import { contractFor } from "./chain/contract";

export const LIFECYCLE_STAGES = ["NONE", "PROPOSAL", "REGISTERED", "DEPLOYED"] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** The on-chain facts the stage is read from. */
export interface LifecycleFacts {
  tokenDeployed: boolean;
  supplierDistributed: boolean;
  /** Undefined where the TokenManager has no ModelRegistry (the guide's stack). */
  registered?: boolean;
  /** Registered and not deactivated; undefined without a registry. */
  registryActive?: boolean;
  poolCreated: boolean;
  poolAuthorized: boolean;
  /** The pool's reserve holds USDC; undefined where seeding is no step (the guide's stack). */
  reserveSeeded?: boolean;
}

/** What to do next; undefined when all is done. */
export type NextStep =
  | "deploy-token"
  | "distribute-supplier-allocation"
  | "register-model"
  | "reactivate-model"
  | "create-pool"
  | "authorize-pool"
  | "seed-reserve";

/** True where the chain has a ModelRegistry, and so the live stack's steps. */
function live(facts: LifecycleFacts): boolean {
  return facts.registered !== undefined;
}

/** The furthest stage whose on-chain mark is present. */
export function lifecycleStage(facts: LifecycleFacts): LifecycleStage {
  if (!facts.tokenDeployed) return "NONE";
  const seeded = facts.reserveSeeded ?? true;
  if (facts.poolCreated && facts.poolAuthorized && seeded) return "DEPLOYED";
  if (live(facts) ? facts.registered === true : facts.supplierDistributed) return "REGISTERED";
  return "PROPOSAL";
}

/** The first missing mark, in the order the steps can work. */
export function nextStep(facts: LifecycleFacts): NextStep | undefined {
  if (!facts.tokenDeployed) return "deploy-token";
  if (!facts.supplierDistributed) return "distribute-supplier-allocation";
  if (live(facts) && facts.registered !== true) return "register-model";
  if (live(facts) && facts.registryActive === false) return "reactivate-model";
  if (!facts.poolCreated) return "create-pool";
  if (!facts.poolAuthorized) return "authorize-pool";
  if (facts.reserveSeeded === false) return "seed-reserve";
  return undefined;
}

/** A model's pool as the chain reports it; a getter the pool lacks is left undefined. */
export interface PoolStatus extends ExistingPoolParams {
  address: string;
  authorized: boolean;
  /** USDC with 6 decimals. */
  reserveBalance?: bigint;
  /** USDC with 6 decimals per whole token. */
  spotPrice?: bigint;
  /** Unix seconds when the initial bonding round ends (sells open): buyOnlyUntil(), or the guide's ibrEndTime(). */
  ibrEndTime?: bigint;
  /** The PurchaserWhitelist that gates buys; null: a public pool; undefined: the pool has no whitelist getter. */
  purchaserWhitelist?: string | null;
  paused?: boolean;
}

export interface ModelStatus {
  modelId: string;
  tokenManager: string;
  ammFactory: string;
  /** Undefined when the model id has no token. */
  model?: DeployedModel;
  /** What the supplier allocation pays at once and vests, by the model's params. */
  supplierSplit?: SupplierSplit;
  /** The model in the TokenManager's ModelRegistry; undefined on the guide's stack. */
  registration?: Registration;
  /** Undefined when the factory has no pool for the model. */
  pool?: PoolStatus;
  facts: LifecycleFacts;
  stage: LifecycleStage;
  next?: NextStep;
  warnings: string[];
}

/** Reads everything the chain holds for a model: token, params, vesting, registry, pool. Sends nothing. */
export async function readModelStatus(
  provider: Provider,
  addresses: { tokenManager: string; ammFactory: string },
  modelId: string,
  options: { network: string },
): Promise<ModelStatus> {
  const { tokenManager, ammFactory } = addresses;
  for (const [what, address, field] of [
    ["TokenManager", tokenManager, "tokenManager"],
    ["AMM factory", ammFactory, "ammFactory"],
  ] as const) {
    if ((await provider.getCode(address)) === "0x") {
      throw noCodeError(what, address, `network "${options.network}"`, field);
    }
  }
  const warnings: string[] = [];
  const factory = contractFor(ammFactory, AMM_FACTORY_READ_ABI, provider);
  const factoryManager = await optionalGetter(async () =>
    getAddress((await factory.tokenManager()) as string),
  );
  if (factoryManager !== undefined && factoryManager !== getAddress(tokenManager)) {
    warnings.push(
      `the AMM factory ${ammFactory} serves the TokenManager ${factoryManager}, not ${tokenManager}: its pool for "${modelId}" (if any) belongs to another token`,
    );
  }

  const [model, registry] = await Promise.all([
    readDeployedModel(provider, tokenManager, modelId),
    findModelRegistry(provider, tokenManager),
  ]);
  const registration =
    registry === undefined ? undefined : await readRegistration(provider, registry, modelId);
  let pool: PoolStatus | undefined;
  let supplierSplit: SupplierSplit | undefined;
  if (model !== undefined) {
    supplierSplit = await readSupplierSplit(
      provider,
      tokenManager,
      model.params,
      model.modelSupplierAllocation,
    );
    const address = await findModelPool(factory, modelId);
    if (address !== undefined)
      pool = await readPoolStatus(provider, { tokenManager, ammFactory }, modelId, address);
  }
  const facts: LifecycleFacts = {
    tokenDeployed: model !== undefined,
    supplierDistributed: model?.modelSupplierDistributed ?? false,
    registered: registration?.registered,
    registryActive: registration === undefined ? undefined : registration.registered && registration.active,
    poolCreated: pool !== undefined,
    poolAuthorized: pool?.authorized ?? false,
    reserveSeeded: registration === undefined ? undefined : (pool?.reserveBalance ?? 0n) > 0n,
  };
  return {
    modelId,
    tokenManager,
    ammFactory,
    model,
    supplierSplit,
    registration,
    pool,
    facts,
    stage: lifecycleStage(facts),
    next: nextStep(facts),
    warnings,
  };
}

async function readPoolStatus(
  provider: Provider,
  addresses: { tokenManager: string; ammFactory: string },
  modelId: string,
  address: string,
): Promise<PoolStatus> {
  const p = contractFor(address, AMM_POOL_READ_ABI, provider);
  const [params, authorized, reserveBalance, spotPrice, ibrEndTime, whitelist, paused] = await Promise.all([
    readPoolParams(provider, address, addresses.ammFactory, modelId),
    isPoolAuthorized(provider, addresses.tokenManager, address),
    optionalGetter(() => p.reserveBalance() as Promise<bigint>),
    optionalGetter(() => p.spotPrice() as Promise<bigint>),
    firstGetter(
      () => p.buyOnlyUntil() as Promise<bigint>,
      () => p.ibrEndTime() as Promise<bigint>,
    ),
    optionalGetter(() => p.purchaserWhitelist() as Promise<string>),
    optionalGetter(() => p.paused() as Promise<boolean>),
  ]);
  return {
    address,
    authorized,
    reserveBalance,
    spotPrice,
    ibrEndTime,
    purchaserWhitelist:
      whitelist === undefined ? undefined : whitelist === ZeroAddress ? null : getAddress(whitelist),
    paused,
    ...params,
  };
}
