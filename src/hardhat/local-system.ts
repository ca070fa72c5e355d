/**
 * The mock Hokusai system of the in-process network, deployed the first time a task
 * needs it, so that the tasks work right after `npm ci` with no set-up. It is the plan of
 * the package's Ignition module (ignition/modules/system-plans.ts), sent as plain
 * transactions: the chain ends with the process, so Ignition's journal has nothing to
 * resume. The live-like stack (what Sepolia and mainnet run) is the default;
 * `hokusai.localStack: "guide"` gives the guide's.
 */
import type { HokusaiHost } from "./host";

export type LocalStack = "live" | "guide";
export const LOCAL_STACKS: readonly LocalStack[] = ["live", "guide"];

/** The addresses of the mock system on the in-process network. */
export interface LocalSystem {
  stack: LocalStack;
  tokenManager: string;
  ammFactory: string;
  usdc: string;
  /** The live stack's ModelRegistry, PurchaserWhitelist and RewardVestingVault. */
  modelRegistry?: string;
  purchaserWhitelist?: string;
  vestingVault?: string;
}

const localSystems = new WeakMap<object, Map<LocalStack, Promise<LocalSystem>>>();

/**
 * The package carries the mocks' artifacts, so a project that uses the plugin never
 * compiles for them (its own contracts may want a compiler it cannot download). In
 * this repository they are the project's own, compiled when missing.
 */
export async function ensureArtifacts(hre: HokusaiHost, probe: string): Promise<void> {
  const { hasBundledArtifacts } = await import("../../ignition/modules/builders");
  if (hasBundledArtifacts() || (await hre.artifacts.artifactExists(probe))) return;
  await hre.run("compile", { quiet: true });
}

async function deploy(hre: HokusaiHost, stack: LocalStack): Promise<LocalSystem> {
  await ensureArtifacts(hre, stack === "guide" ? "MockTokenManager" : "LiveTokenManager");
  const { deployPlan } = await import("./plan-runner");
  const { guideSystem, LIVE_SYSTEM } = await import("../../ignition/modules/system-plans");
  if (stack === "guide") {
    const s = await deployPlan(hre.network.provider, guideSystem({ abi: "v1", usdc: "mock" }));
    return { stack, tokenManager: s.tokenManager, ammFactory: s.ammFactory, usdc: s.usdc };
  }
  const s = await deployPlan(hre.network.provider, LIVE_SYSTEM);
  return {
    stack,
    tokenManager: s.tokenManager,
    ammFactory: s.ammFactory,
    usdc: s.usdc,
    modelRegistry: s.modelRegistry,
    purchaserWhitelist: s.purchaserWhitelist,
    vestingVault: s.vestingVault,
  };
}

/** Deploys the stack once per in-process network and returns its addresses. */
export async function ensureLocalSystem(
  hre: HokusaiHost,
  stack: LocalStack = hre.config.hokusai.localStack,
): Promise<LocalSystem> {
  const key = hre.network.provider as object;
  let systems = localSystems.get(key);
  if (systems === undefined) {
    systems = new Map();
    localSystems.set(key, systems);
  }
  let pending = systems.get(stack);
  if (pending === undefined) {
    pending = deploy(hre, stack);
    systems.set(stack, pending);
  }
  return pending;
}
