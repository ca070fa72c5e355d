/**
 * The steps of a model's launch, each defined once and used twice: by the preflight,
 * which reads what stands and checks what it can, and by the run, which asks each
 * step again at its turn (the chain is the truth) before it sends it.
 */
import { getAddress, type Provider, ZeroAddress } from "ethers";

import {
  AMM_FACTORY_READ_ABI,
  AMM_POOL_READ_ABI,
  MODEL_REGISTRY_ABI,
  RESERVE_TOKEN_ABI,
  TOKEN_MANAGER_READ_ABI,
  TOKEN_READ_ABI,
} from "../abi";
import { isPoolAuthorized } from "../backend/reads";
import type { PoolParams } from "../backend/pool-params";
import type { CallToPlan } from "../chain/calls";
import { optionalGetter } from "../read";
import { readRegistration } from "../registry";
import type { LaunchStepName, LaunchTarget } from "./types";
import { contractFor, interfaceOf } from "../chain/contract";

const factoryInterface = interfaceOf(AMM_FACTORY_READ_ABI);
const managerInterface = interfaceOf(TOKEN_MANAGER_READ_ABI);
const registryInterface = interfaceOf(MODEL_REGISTRY_ABI);
const usdcInterface = interfaceOf(RESERVE_TOKEN_ABI);
const poolInterface = interfaceOf(AMM_POOL_READ_ABI);

/** What the steps read and act on. */
export interface LaunchScene {
  provider: Provider;
  from: string;
  target: LaunchTarget;
  stack: "live" | "guide";
  token: string;
  registry?: string;
  usdc: string;
  params: PoolParams;
  /** The pool: found on chain, or the address the factory's static call answered. */
  pool(): Promise<string | undefined>;
}

export interface LaunchStepDef {
  name: LaunchStepName;
  description: string;
  /** Why the step does not apply here, if it does not. */
  skip?: string;
  /** Why the step is done already, if it is. */
  done(): Promise<string | undefined>;
  /** The call to send; only asked when the step is neither skipped nor done. */
  call(): Promise<CallToPlan>;
  /** The owner this step's contract requires, for the preflight: [what, address]. */
  owner?: [string, string];
  /** Gas to count for a step that cannot be estimated before the steps ahead of it are mined. */
  gasGuess: bigint;
}

/** The pool the factory has for the model, undefined when it has none. */
export async function existingPool(
  scene: Pick<LaunchScene, "provider" | "target">,
): Promise<string | undefined> {
  const factory = contractFor(scene.target.ammFactory, AMM_FACTORY_READ_ABI, scene.provider);
  const pool = (await factory.getPool(scene.target.modelId)) as string;
  return pool === ZeroAddress ? undefined : getAddress(pool);
}

async function reserveOf(provider: Provider, pool: string | undefined): Promise<bigint> {
  if (pool === undefined) return 0n;
  const p = contractFor(pool, AMM_POOL_READ_ABI, provider);
  return (await optionalGetter(() => p.reserveBalance() as Promise<bigint>)) ?? 0n;
}

export function launchSteps(scene: LaunchScene): LaunchStepDef[] {
  const { provider, from, target, stack, token } = scene;
  const id = JSON.stringify(target.modelId);
  const reserve = target.initialReserve;
  const gated = target.whitelist !== null && target.whitelist !== undefined;
  return [
    {
      name: "distribute",
      description: `distributeModelSupplierAllocation(${id})`,
      skip: target.distribute ? undefined : "not part of this launch (its timing is after verification)",
      owner: ["TokenManager", target.tokenManager],
      gasGuess: 400_000n, // the real contracts: 289k to 306k
      done: async () => {
        const t = contractFor(token, TOKEN_READ_ABI, provider);
        return ((await t.modelSupplierDistributed()) as boolean) ? "distributed already" : undefined;
      },
      call: async () => ({
        to: target.tokenManager,
        data: managerInterface.encodeFunctionData("distributeModelSupplierAllocation", [target.modelId]),
        description: `distributeModelSupplierAllocation(${id})`,
      }),
    },
    {
      name: "register",
      description: `registerStringModel(${id}, ${token}, ${JSON.stringify(target.performanceMetric ?? "")})`,
      skip: scene.registry === undefined ? "the guide's stack has no ModelRegistry" : undefined,
      owner: scene.registry === undefined ? undefined : ["ModelRegistry", scene.registry],
      gasGuess: 240_000n, // the real ModelRegistry: 179k
      done: async () => {
        const registration = await readRegistration(provider, scene.registry!, target.modelId);
        return registration.registered ? "registered already" : undefined;
      },
      call: async () => ({
        to: scene.registry!,
        data: registryInterface.encodeFunctionData("registerStringModel", [
          target.modelId,
          token,
          target.performanceMetric,
        ]),
        description: `registerStringModel(${id}, ${token}, ${JSON.stringify(target.performanceMetric)})`,
      }),
    },
    {
      name: "createPool",
      description:
        stack === "live"
          ? `createPoolWithParamsAndWhitelist(${id}, ..., ${gated ? target.whitelist : "public"})`
          : `createPoolWithParams(${id}, ...)`,
      owner: ["AMM factory", target.ammFactory],
      gasGuess: POOL_GAS_GUESS,
      done: async () => ((await existingPool(scene)) === undefined ? undefined : "the pool exists"),
      call: async () => {
        const p = scene.params;
        const args = [
          target.modelId,
          token,
          p.crr,
          p.tradeFee,
          p.ibrDuration,
          p.flatCurveThreshold,
          p.flatCurvePrice,
        ];
        const fn = stack === "live" ? "createPoolWithParamsAndWhitelist" : "createPoolWithParams";
        const data = factoryInterface.encodeFunctionData(
          fn,
          stack === "live" ? [...args, gated ? target.whitelist : ZeroAddress] : args,
        );
        return { to: target.ammFactory, data, description: `${fn}(${id}, ...)` };
      },
    },
    {
      name: "authorize",
      description: "authorizeAMM(<pool>)",
      owner: ["TokenManager", target.tokenManager],
      gasGuess: 75_000n, // the real authorizeAMM: 53k
      done: async () => {
        const pool = await existingPool(scene);
        return pool !== undefined && (await isPoolAuthorized(provider, target.tokenManager, pool))
          ? "the pool may mint"
          : undefined;
      },
      call: async () => {
        const pool = (await scene.pool())!;
        return {
          to: target.tokenManager,
          data: managerInterface.encodeFunctionData("authorizeAMM", [pool]),
          description: `authorizeAMM(${pool})`,
        };
      },
    },
    {
      name: "approveReserve",
      description: `approve(<pool>, ${reserve ?? 0n}) on the USDC ${scene.usdc}`,
      skip: reserve === undefined ? "no initial reserve was asked for" : undefined,
      gasGuess: 65_000n, // a USDC approve: 46k
      done: async () => {
        const pool = await existingPool(scene);
        if ((await reserveOf(provider, pool)) > 0n) return "the reserve is seeded";
        if (pool === undefined) return undefined;
        const usdc = contractFor(scene.usdc, RESERVE_TOKEN_ABI, provider);
        return ((await usdc.allowance(from, pool)) as bigint) >= reserve!
          ? "the pool may take the USDC"
          : undefined;
      },
      call: async () => {
        const pool = (await scene.pool())!;
        return {
          to: scene.usdc,
          data: usdcInterface.encodeFunctionData("approve", [pool, reserve]),
          description: `approve(${pool}, ${reserve}) on the USDC ${scene.usdc}`,
        };
      },
    },
    {
      name: "depositReserve",
      description: `depositFees(${reserve ?? 0n}) on the pool`,
      skip: reserve === undefined ? "no initial reserve was asked for" : undefined,
      gasGuess: 140_000n, // the real depositFees: 106k
      done: async () =>
        (await reserveOf(provider, await existingPool(scene))) > 0n ? "the reserve is seeded" : undefined,
      call: async () => {
        const pool = (await scene.pool())!;
        return {
          to: pool,
          data: poolInterface.encodeFunctionData("depositFees", [reserve]),
          description: `depositFees(${reserve}) on the pool ${pool}`,
        };
      },
    },
  ];
}

/** The gas a pool's creation is guessed to take, with a margin: the largest step of a launch. */
export const POOL_GAS_GUESS = 3_500_000n; // the real factory: 2.61 M public, 2.66 M whitelisted

/**
 * The gas of a launch whose token is not deployed yet, by the steps' own estimates: the
 * steps that apply to `target` on `stack` (distribution, registration, reserve as asked).
 */
export function guessLaunchGas(target: LaunchTarget, stack: "live" | "guide"): bigint {
  const unknown = async () => undefined;
  const scene: LaunchScene = {
    provider: undefined as unknown as Provider,
    from: ZeroAddress,
    target,
    stack,
    token: ZeroAddress,
    registry: stack === "live" ? ZeroAddress : undefined,
    usdc: ZeroAddress,
    params: undefined as unknown as PoolParams,
    pool: unknown,
  };
  return launchSteps(scene)
    .filter((step) => step.skip === undefined)
    .reduce((sum, step) => sum + step.gasGuess, 0n);
}
