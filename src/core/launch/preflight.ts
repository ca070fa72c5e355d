/**
 * Everything a model's launch checks before it sends, by reading only: the contracts
 * and their wiring, the token, the registry, the pool as it stands (and, when it
 * exists, that it is the pool asked for), the whitelist, the owners each step needs,
 * static calls of the steps that can be checked now, the USDC and the gas.
 */
import { formatUnits, getAddress, type Provider, ZeroAddress } from "ethers";

import { AMM_FACTORY_READ_ABI, AMM_POOL_READ_ABI, RESERVE_TOKEN_ABI, TOKEN_READ_ABI } from "../abi";
import { readFactoryDefaults, USDC_DECIMALS, type PoolParams } from "../backend/pool-params";
import { readOwner, readPoolParams, readSupplierSplit, requireCode } from "../backend/reads";
import { planCall, requireBalance } from "../chain/calls";
import {
  factoryRegistryMismatchError,
  factoryTokenManagerMismatchError,
  fieldRef,
  HokusaiError,
  insufficientUsdcError,
  missingInput,
  modelHeldByOtherError,
  modelIdNotDecimalError,
  modelNotDeployedError,
  msg,
  notOwnerError,
  poolMismatchError,
} from "../errors";
import { checkNamedContract, type NamedContracts } from "../named";
import { optionalGetter, readHokusai } from "../read";
import { findModelRegistry, isRegistryModelId, readRegistration } from "../registry";
import { findDeployer, findModelToken, readGovernor } from "../token-manager";
import { existingPool, launchSteps, type LaunchScene } from "./steps";
import type { LaunchPreflight, LaunchStepPlan, LaunchTarget } from "./types";
import { contractFor } from "../chain/contract";

function usdc(amount: bigint): string {
  return `${formatUnits(amount, USDC_DECIMALS).replace(/\.0$/, "")} USDC`;
}

/** Where the pool that exists differs from the one asked for. */
async function poolDifferences(
  provider: Provider,
  target: LaunchTarget,
  pool: string,
  onChain: Partial<PoolParams>,
  stack: "live" | "guide",
): Promise<string[]> {
  const differences: string[] = [];
  for (const [key, wanted] of Object.entries(target.pool) as Array<[keyof PoolParams, bigint | undefined]>) {
    const actual = onChain[key];
    if (wanted !== undefined && actual !== undefined && actual !== wanted) {
      differences.push(`${key} is ${actual} on chain, not ${wanted}`);
    }
  }
  if (stack === "live" && target.whitelist !== undefined) {
    const p = contractFor(pool, AMM_POOL_READ_ABI, provider);
    const actual = await optionalGetter(() => p.purchaserWhitelist() as Promise<string>);
    const wanted = target.whitelist === null ? ZeroAddress : getAddress(target.whitelist);
    if (actual !== undefined && getAddress(actual) !== wanted) {
      const show = (a: string) => (a === ZeroAddress ? "none (public)" : a);
      differences.push(`the whitelist is ${show(getAddress(actual))} on chain, not ${show(wanted)}`);
    }
  }
  return differences;
}

/**
 * The USDC a batch's launches may still take for their reserves: the balance when the
 * first of them was checked, less what each took. Models checked while others are in
 * flight see what is left for them, not a balance the others are about to spend.
 */
export interface ReserveBudget {
  available?: bigint;
}

/** What a launch takes from the chain's wiring, which every model of it shares. */
export interface LaunchWiring {
  /** The TokenManager's ModelRegistry (none on the guide's stack), which the factory checks too. */
  registry?: string;
  /** The pools' reserve token: the USDC the project may name. */
  reserveToken: string;
}

/**
 * The AMM factory's wiring: the TokenManager it creates pools for (HOK604), the registry it
 * checks models in, which must be the TokenManager's (HOK615), and its pools' reserve
 * token; a ModelRegistry or USDC the project names is checked against them (HOK315).
 */
export async function readFactoryWiring(
  provider: Provider,
  tokenManager: string,
  ammFactory: string,
  named?: NamedContracts,
): Promise<LaunchWiring> {
  const factory = contractFor(ammFactory, AMM_FACTORY_READ_ABI, provider);
  const [factoryManager, factoryRegistry, registry] = await Promise.all([
    optionalGetter(async () => getAddress((await factory.tokenManager()) as string)),
    optionalGetter(async () => getAddress((await factory.modelRegistry()) as string)),
    findModelRegistry(provider, tokenManager),
  ]);
  if (factoryManager !== undefined && factoryManager !== getAddress(tokenManager)) {
    throw factoryTokenManagerMismatchError(ammFactory, factoryManager, tokenManager);
  }
  checkNamedContract(named, "modelRegistry", tokenManager, registry);
  if (registry !== undefined && factoryRegistry !== undefined && factoryRegistry !== registry) {
    throw factoryRegistryMismatchError(ammFactory, factoryRegistry, tokenManager, registry);
  }
  const reserveToken = getAddress(
    await readHokusai(() => factory.reserveToken() as Promise<string>, {
      what: "AMM factory",
      address: ammFactory,
      field: "ammFactory",
    }),
  );
  checkNamedContract(named, "usdc", ammFactory, reserveToken);
  return { registry, reserveToken };
}

export async function preflightLaunch(
  provider: Provider,
  from: string,
  target: LaunchTarget,
  options: {
    network: string;
    budget?: ReserveBudget;
    named?: NamedContracts;
    /** The factory's wiring, when a launch of many models has read it once already. */
    wiring?: LaunchWiring;
  },
): Promise<LaunchPreflight> {
  const where = `network "${options.network}"`;
  await requireCode(provider, "TokenManager", target.tokenManager, where, "tokenManager");
  await requireCode(provider, "AMM factory", target.ammFactory, where, "ammFactory");
  const { registry, reserveToken } =
    options.wiring ??
    (await readFactoryWiring(provider, target.tokenManager, target.ammFactory, options.named));
  const stack = registry === undefined ? "guide" : "live";
  if (registry !== undefined && !isRegistryModelId(target.modelId)) {
    throw modelIdNotDecimalError(target.modelId, target.tokenManager, registry);
  }
  const token = await findModelToken(provider, target.tokenManager, target.modelId);
  if (token === undefined) throw modelNotDeployedError(target.modelId, target.tokenManager, where);
  const warnings: string[] = [];

  const pool = await existingPool({ provider, target });
  let params: PoolParams;
  if (pool !== undefined) {
    const onChain = await readPoolParams(provider, pool, target.ammFactory, target.modelId);
    const differences = await poolDifferences(provider, target, pool, onChain, stack);
    if (differences.length > 0) throw poolMismatchError(target.modelId, pool, differences);
    params = { ...(await readFactoryDefaults(provider, target.ammFactory)), ...onChain };
  } else {
    params = { ...(await readFactoryDefaults(provider, target.ammFactory)), ...target.pool };
    if (stack === "live" && target.whitelist === undefined) {
      throw missingInput(
        "whitelist",
        msg`a live pool is gated by the platform's PurchaserWhitelist unless it is public; pass ${fieldRef("whitelist")} 0x... (or set hokusai.networks.<network>.purchaserWhitelist), or ${fieldRef("public")} for a pool anyone can buy from`,
      );
    }
    if (stack === "guide" && typeof target.whitelist === "string") {
      warnings.push("the guide's AMM factory attaches no purchaser whitelist: this pool will be public");
    }
  }
  if (registry !== undefined) {
    const registration = await readRegistration(provider, registry, target.modelId);
    if (registration.token !== undefined && registration.token !== getAddress(token)) {
      throw new HokusaiError(
        "poolTokenMismatch",
        `the ModelRegistry ${registry} holds ${registration.token} for model "${target.modelId}", not its token ${token}; nothing was sent: check the model id and the TokenManager`,
      );
    }
    if (!registration.registered && (target.performanceMetric ?? "") === "") {
      throw missingInput(
        "performanceMetric",
        msg`registering model "${target.modelId}" needs its performance metric (the benchmark it is scored on); pass ${fieldRef("performanceMetric")} <metric>, e.g. accuracy`,
      );
    }
  }
  const t = contractFor(token, TOKEN_READ_ABI, provider);
  const [tokenParams, allocation] = await Promise.all([
    t.params() as Promise<string>,
    t.modelSupplierAllocation() as Promise<bigint>,
  ]);
  const split = await readSupplierSplit(provider, target.tokenManager, tokenParams, allocation);
  const governed = await readGovernor(provider, token, tokenParams);
  if (
    target.governor !== undefined &&
    governed !== undefined &&
    governed.governor !== getAddress(target.governor)
  ) {
    const deployer = await findDeployer(provider, target.tokenManager, target.modelId);
    throw modelHeldByOtherError(target.modelId, token, governed.governor, target.governor, deployer);
  }

  let predictedPool: string | undefined;
  const scene: LaunchScene = {
    provider,
    from,
    target,
    stack,
    token: getAddress(token),
    registry,
    usdc: reserveToken,
    params,
    pool: async () => (await existingPool({ provider, target })) ?? predictedPool,
  };
  const factory = contractFor(target.ammFactory, AMM_FACTORY_READ_ABI, provider);
  const steps: LaunchStepPlan[] = [];
  let blocked = false;
  const context = { modelId: target.modelId, account: from };
  for (const step of launchSteps(scene)) {
    if (step.skip !== undefined) {
      steps.push({
        name: step.name,
        description: step.description,
        state: "skipped",
        why: step.skip,
        gasLimit: 0n,
      });
      continue;
    }
    const done = await step.done();
    if (done !== undefined) {
      steps.push({ name: step.name, description: step.description, state: "done", why: done, gasLimit: 0n });
      continue;
    }
    if (step.owner !== undefined) {
      const [what, address] = step.owner;
      const owner = await readOwner(provider, address);
      if (owner !== undefined && owner !== getAddress(from))
        throw notOwnerError(what, address, from, owner, `send ${step.description}`);
    }
    if (blocked) {
      steps.push({
        name: step.name,
        description: step.description,
        state: "to-send",
        why: "checked at its turn, after the steps before it",
        gasLimit: step.gasGuess,
      });
      continue;
    }
    const call = await planCall(provider, from, await step.call(), context);
    if (step.name === "createPool") {
      // The static call answers with the address the pool will have.
      const fn = factory.interface.parseTransaction({ data: call.data })!.name;
      predictedPool = getAddress(factory.interface.decodeFunctionResult(fn, call.answer)[0] as string);
    }
    steps.push({
      name: step.name,
      description: call.description,
      state: "to-send",
      call,
      gasLimit: call.gasLimit,
    });
    // What comes after a step that is still to be sent depends on it: checked at its own turn.
    blocked = step.name !== "distribute";
  }
  if (
    target.initialReserve !== undefined &&
    steps.some((s) => s.name === "depositReserve" && s.state === "to-send")
  ) {
    const balance = (await contractFor(reserveToken, RESERVE_TOKEN_ABI, provider).balanceOf(from)) as bigint;
    const budget = options.budget;
    const left = budget === undefined ? balance : (budget.available ??= balance);
    if (left < target.initialReserve) {
      throw insufficientUsdcError(from, reserveToken, usdc(left), usdc(target.initialReserve));
    }
    if (budget !== undefined) budget.available = left - target.initialReserve;
  }
  await requireBalance(
    provider,
    from,
    steps.filter((s) => s.state === "to-send"),
    "the launch's calls",
  );
  if (target.initialReserve !== undefined && pool !== undefined) {
    const p = contractFor(pool, AMM_POOL_READ_ABI, provider);
    const reserve = await optionalGetter(() => p.reserveBalance() as Promise<bigint>);
    if (reserve !== undefined && reserve > 0n && reserve !== target.initialReserve) {
      warnings.push(
        `the pool's reserve holds ${usdc(reserve)}, not the ${usdc(target.initialReserve)} of {initialReserve}: a reserve is seeded once, so nothing is sent for it`,
      );
    }
  }
  return {
    target,
    from,
    stack,
    token: getAddress(token),
    governor: governed === undefined ? undefined : { address: governed.governor, source: governed.source },
    registry,
    usdc: reserveToken,
    pool: pool ?? predictedPool,
    poolExists: pool !== undefined,
    params,
    split,
    steps,
    warnings,
  };
}
