/**
 * The mock Hokusai systems as data: which contracts, with which arguments, and which calls
 * wire them. One description, two ways to run it: the Ignition modules build their futures
 * from it (buildPlan, below), and the in-process network deploys it with plain transactions
 * (src/hardhat/plan-runner.ts), since a chain that lives as long as its process needs no
 * journal to resume from.
 */
import type {
  AccountRuntimeValue,
  ArgumentType,
  CallableContractFuture,
  Future,
  IgnitionModuleBuilder,
} from "@nomicfoundation/ignition-core";

import type { TokenManagerAbi } from "../../src/core/token-manager";
import { contractAt, deployContract } from "./builders";

/** A parameter's default: the deployer's account (account 0). */
export const DEPLOYER = { account: 0 } as const;

/** An argument: a literal, a module parameter, the deployer, or the address of one of the plan's contracts. */
export type PlanArg = bigint | boolean | string | typeof DEPLOYER | { param: string } | { contract: string };

export interface PlanContract {
  /** The artifact's name. */
  name: string;
  /** Constructor arguments of a deployment. */
  args?: readonly PlanArg[];
  /** An existing contract at this address instead of a deployment. */
  at?: PlanArg;
  /** The Ignition future's id, where it is not the artifact's name. */
  id?: string;
}

export interface PlanCall {
  /** The key of the contract called. */
  on: string;
  fn: string;
  args: readonly PlanArg[];
  /** The Ignition future's id, where it is not `<contract>.<fn>`. */
  id?: string;
  /** Names this call for the `after` of a later one. */
  key?: string;
  /** Calls (by key) that must be mined before this one; sent in the plan's order, they are. */
  after?: readonly string[];
}

export interface SystemPlan<K extends string = string> {
  /** The parameters and their defaults; undefined: required. */
  params: Readonly<Record<string, bigint | boolean | typeof DEPLOYER | undefined>>;
  /** Deployed (or found) in this order; the module's results. */
  contracts: Readonly<Record<K, PlanContract>>;
  /** Sent in this order, after every contract. */
  calls: readonly PlanCall[];
}

const DEFAULT_ADMIN_ROLE = `0x${"00".repeat(32)}`;

/** The live module's default: 1,000,000 USDC (6 decimals), so that a pool's reserve can be seeded. */
export const OWNER_USDC = 1_000_000n * 10n ** 6n;

/** ignition/modules/HokusaiLiveSystem.ts: the live-like stack, in the order of the platform's deployment script. */
export const LIVE_SYSTEM = {
  params: { owner: DEPLOYER, treasury: DEPLOYER, deploymentFee: 0n, ownerUsdc: OWNER_USDC },
  contracts: {
    // Owned by the deployer until it has minted `ownerUsdc`, then handed to `owner`.
    usdc: { name: "MockUSDC", args: [DEPLOYER] },
    modelRegistry: { name: "LiveModelRegistry", args: [] },
    tokenDeploymentFactory: { name: "LiveTokenDeploymentFactory", args: [] },
    tokenManager: {
      name: "LiveTokenManager",
      args: [{ contract: "modelRegistry" }, { contract: "tokenDeploymentFactory" }],
    },
    vestingVault: { name: "LiveRewardVestingVault", args: [{ contract: "tokenManager" }] },
    ammFactory: {
      name: "LiveHokusaiAMMFactory",
      args: [
        { contract: "modelRegistry" },
        { contract: "tokenManager" },
        { contract: "usdc" },
        { param: "treasury" },
      ],
    },
    poolDeployer: { name: "LiveHokusaiAMMPoolDeployer", args: [{ contract: "ammFactory" }] },
    purchaserWhitelist: { name: "LivePurchaserWhitelist", args: [{ param: "owner" }] },
  },
  calls: [
    { on: "tokenManager", fn: "setVestingVault", args: [{ contract: "vestingVault" }], key: "setVault" },
    { on: "tokenManager", fn: "setDeploymentFee", args: [{ param: "deploymentFee" }], key: "setFee" },
    {
      on: "modelRegistry",
      fn: "setStringModelTokenManager",
      args: [{ contract: "tokenManager" }],
      key: "setManager",
    },
    { on: "ammFactory", fn: "setPoolDeployer", args: [{ contract: "poolDeployer" }], key: "setPoolDeployer" },
    {
      on: "modelRegistry",
      fn: "setPoolRegistrar",
      args: [{ contract: "ammFactory" }, true],
      key: "setRegistrar",
    },
    {
      on: "tokenManager",
      fn: "grantRole",
      args: [DEFAULT_ADMIN_ROLE, { param: "owner" }],
      id: "GrantTokenManagerAdmin",
    },
    {
      on: "tokenManager",
      fn: "transferOwnership",
      args: [{ param: "owner" }],
      after: ["setVault", "setFee"],
    },
    {
      on: "modelRegistry",
      fn: "transferOwnership",
      args: [{ param: "owner" }],
      after: ["setManager", "setRegistrar"],
    },
    {
      on: "ammFactory",
      fn: "transferOwnership",
      args: [{ param: "owner" }],
      key: "handOver",
      after: ["setPoolDeployer"],
    },
    // Last, so that it moves no contract's address.
    {
      on: "usdc",
      fn: "mint",
      args: [{ param: "owner" }, { param: "ownerUsdc" }],
      id: "MintOwnerUsdc",
      key: "mint",
      after: ["handOver"],
    },
    { on: "usdc", fn: "transferOwnership", args: [{ param: "owner" }], id: "HandOverUsdc", after: ["mint"] },
  ],
} as const satisfies SystemPlan;

export interface SystemOptions {
  /** v1: MockTokenManager (the guide's ABI); v2: MockTokenManagerV2 (the live ABI, with a VestingConfig). */
  abi: TokenManagerAbi;
  /** Deploy MockUSDC, or use the ERC-20 at the `usdc` parameter. */
  usdc: "mock" | "existing";
}

/**
 * The guide's mock system: USDC (or an existing ERC-20), a TokenManager and the AMM factory
 * wired to both, all owned by `owner`, the backend's server signer (it owns the factory,
 * which creates pools for the TokenManager's tokens).
 */
export function guideSystem(options: SystemOptions): SystemPlan<"usdc" | "tokenManager" | "ammFactory"> {
  const owner = { param: "owner" };
  const usdc: PlanContract =
    options.usdc === "mock"
      ? { name: "MockUSDC", args: [owner] }
      : { name: "IERC20Metadata", at: { param: "usdc" }, id: "USDC" };
  return {
    params: {
      owner: DEPLOYER,
      treasury: DEPLOYER,
      deploymentFee: 0n,
      deployerRoleRequired: false,
      ...(options.usdc === "existing" ? { usdc: undefined } : {}),
    },
    contracts: {
      usdc,
      tokenManager: {
        name: options.abi === "v1" ? "MockTokenManager" : "MockTokenManagerV2",
        args: [owner, { param: "deploymentFee" }, { param: "deployerRoleRequired" }],
      },
      ammFactory: {
        name: "MockHokusaiAMMFactory",
        args: [owner, { contract: "tokenManager" }, { contract: "usdc" }, { param: "treasury" }],
      },
    },
    calls: [],
  };
}

/** The plan's futures in an Ignition module: its contracts, which the module returns. */
export function buildPlan<K extends string>(
  m: IgnitionModuleBuilder,
  plan: SystemPlan<K>,
): Record<K, CallableContractFuture<string>> {
  const contracts: Record<string, CallableContractFuture<string>> = {};
  const calls: Record<string, Future> = {};
  const params = new Map<string, ArgumentType>();
  const param = (name: string): ArgumentType => {
    if (!params.has(name)) {
      if (!(name in plan.params)) throw new Error(`the plan has no parameter ${name}`);
      const fallback = plan.params[name];
      const value =
        fallback === undefined
          ? m.getParameter<string>(name)
          : m.getParameter<string | bigint | boolean | AccountRuntimeValue>(
              name,
              isDeployer(fallback) ? m.getAccount(0) : fallback,
            );
      params.set(name, value);
    }
    return params.get(name) as ArgumentType;
  };
  const arg = (value: PlanArg): ArgumentType => {
    if (isDeployer(value)) return m.getAccount(0);
    if (typeof value !== "object") return value;
    if ("param" in value) return param(value.param);
    return defined(contracts, value.contract);
  };
  for (const [key, contract] of Object.entries<PlanContract>(plan.contracts)) {
    const options = contract.id === undefined ? undefined : { id: contract.id };
    contracts[key] =
      contract.at === undefined
        ? deployContract(m, contract.name, (contract.args ?? []).map(arg), options)
        : contractAt(m, contract.name, arg(contract.at) as Parameters<typeof contractAt>[2], options);
  }
  for (const call of plan.calls) {
    const after = call.after?.map((key) => defined(calls, key));
    const options = {
      ...(call.id === undefined ? {} : { id: call.id }),
      ...(after === undefined ? {} : { after }),
    };
    const future = m.call(defined(contracts, call.on), call.fn, call.args.map(arg), options);
    if (call.key !== undefined) calls[call.key] = future;
  }
  return contracts as Record<K, CallableContractFuture<string>>;
}

export function isDeployer(value: unknown): value is typeof DEPLOYER {
  return typeof value === "object" && value !== null && "account" in value;
}

function defined<T>(futures: Record<string, T>, key: string): T {
  const future = futures[key];
  if (future === undefined) throw new Error(`the plan names ${key} before it is defined`);
  return future;
}
