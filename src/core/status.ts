/**
 * Where a model stands in the lifecycle, read from the chain only.
 *
 * The guide's lifecycle is DRAFT (off-chain) -> PROPOSAL -> REGISTERED -> DEPLOYED.
 * On-chain each stage after DRAFT leaves a mark, and the stage is the furthest one
 * whose mark is present:
 *
 *   NONE        the model id has no token on this TokenManager
 *   PROPOSAL    a token is deployed (deployTokenWithAllocations)
 *   REGISTERED  the supplier allocation is distributed: the model passed verification
 *   DEPLOYED    a pool exists for the model and the TokenManager lets it mint
 *
 * The next step is the first mark still missing, in the guide's order: distribute
 * the supplier allocation, then create the pool and authorise it.
 */
import { Contract, getAddress, type Provider } from "ethers";

import { noCodeError } from "./errors";
import { AMM_FACTORY_ABI, AMM_POOL_ABI } from "./abi";
import { findModelPool, isPoolAuthorized, readPoolParams, type ExistingPoolParams } from "./backend";
import { type DeployedModel, readDeployedModel } from "./token-manager";
import { optionalRead } from "./read";

export const LIFECYCLE_STAGES = ["NONE", "PROPOSAL", "REGISTERED", "DEPLOYED"] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** The on-chain facts the stage is read from. */
export interface LifecycleFacts {
  tokenDeployed: boolean;
  supplierDistributed: boolean;
  poolCreated: boolean;
  poolAuthorized: boolean;
}

/**
 * What to do next: deploy the token, distribute the supplier allocation, create the
 * pool (and authorise it), or authorise a pool that exists; undefined when all is done.
 */
export type NextStep = "deploy-token" | "distribute-supplier-allocation" | "create-pool" | "authorize-pool";

/** The furthest stage whose on-chain mark is present. */
export function lifecycleStage(facts: LifecycleFacts): LifecycleStage {
  if (!facts.tokenDeployed) return "NONE";
  if (facts.poolCreated && facts.poolAuthorized) return "DEPLOYED";
  if (facts.supplierDistributed) return "REGISTERED";
  return "PROPOSAL";
}

/** The first missing mark, in the guide's order. */
export function nextStep(facts: LifecycleFacts): NextStep | undefined {
  if (!facts.tokenDeployed) return "deploy-token";
  if (!facts.supplierDistributed) return "distribute-supplier-allocation";
  if (!facts.poolCreated) return "create-pool";
  if (!facts.poolAuthorized) return "authorize-pool";
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
  /** Unix seconds when the initial bonding round ends (sells open). */
  ibrEndTime?: bigint;
}

export interface ModelStatus {
  modelId: string;
  tokenManager: string;
  ammFactory: string;
  /** Undefined when the model id has no token. */
  model?: DeployedModel;
  /** Undefined when the factory has no pool for the model. */
  pool?: PoolStatus;
  facts: LifecycleFacts;
  stage: LifecycleStage;
  next?: NextStep;
  warnings: string[];
}

/** Reads everything the chain holds for a model: token, params, supplier allocation, pool. Sends nothing. */
export async function readModelStatus(
  provider: Provider,
  addresses: { tokenManager: string; ammFactory: string },
  modelId: string,
  options: { network: string },
): Promise<ModelStatus> {
  const { tokenManager, ammFactory } = addresses;
  for (const [what, address] of [
    ["TokenManager", tokenManager],
    ["AMM factory", ammFactory],
  ] as const) {
    if ((await provider.getCode(address)) === "0x") {
      throw noCodeError(
        what,
        address,
        `network "${options.network}"`,
        what === "TokenManager" ? "tokenManager" : "ammFactory",
      );
    }
  }
  const warnings: string[] = [];
  const factory = new Contract(ammFactory, AMM_FACTORY_ABI, provider);
  const factoryManager = await optionalRead(async () => getAddress((await factory.tokenManager()) as string));
  if (factoryManager !== undefined && factoryManager !== getAddress(tokenManager)) {
    warnings.push(
      `the AMM factory ${ammFactory} serves the TokenManager ${factoryManager}, not ${tokenManager}: its pool for "${modelId}" (if any) belongs to another token`,
    );
  }

  const model = await readDeployedModel(provider, tokenManager, modelId);
  let pool: PoolStatus | undefined;
  if (model !== undefined) {
    const address = await findModelPool(factory, modelId);
    if (address !== undefined) pool = await readPoolStatus(provider, tokenManager, address);
  }
  const facts: LifecycleFacts = {
    tokenDeployed: model !== undefined,
    supplierDistributed: model?.modelSupplierDistributed ?? false,
    poolCreated: pool !== undefined,
    poolAuthorized: pool?.authorized ?? false,
  };
  return {
    modelId,
    tokenManager,
    ammFactory,
    model,
    pool,
    facts,
    stage: lifecycleStage(facts),
    next: nextStep(facts),
    warnings,
  };
}

async function readPoolStatus(
  provider: Provider,
  tokenManager: string,
  address: string,
): Promise<PoolStatus> {
  const p = new Contract(address, AMM_POOL_ABI, provider);
  const [params, authorized, reserveBalance, spotPrice, ibrEndTime] = await Promise.all([
    readPoolParams(provider, address),
    isPoolAuthorized(provider, tokenManager, address),
    optionalRead(() => p.reserveBalance() as Promise<bigint>),
    optionalRead(() => p.spotPrice() as Promise<bigint>),
    optionalRead(() => p.ibrEndTime() as Promise<bigint>),
  ]);
  return { address, authorized, reserveBalance, spotPrice, ibrEndTime, ...params };
}
