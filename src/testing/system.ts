/**
 * deployHokusaiSystem: the mock Hokusai system of either stack, deployed through the
 * package's own Ignition modules (of the plans the tasks deploy on the in-process network),
 * returned as typed handles. Call it inside a fixture of your own and load that with
 * `loadFixture`, so that every test starts from the same snapshot.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { invalidInput } from "../core/errors";
import { parseAddress, parseTokenAmount } from "../core/validate";
import { withPluginErrors } from "../errors";
import { OWNER_USDC } from "../../ignition/modules/system-plans";
import { ensureArtifacts, LOCAL_STACKS } from "../hardhat/local-system";
import { CONTRACT_NAMES, contractAt, rememberRuntime, runtimeOf, sendCall, usdcAmount } from "./runtime";
import type { DeployHokusaiSystemOptions, HokusaiStack, HokusaiSystem, MockUSDC } from "./types";

/** The in-process chain mines each transaction at once: no need to wait Ignition's second between polls. */
const IGNITION_OPTIONS = { displayUi: false, config: { blockPollingInterval: 5 } };

function ownerUsdcOf(options: DeployHokusaiSystemOptions): bigint {
  if (options.ownerUsdc === undefined) return OWNER_USDC;
  // Zero is allowed: a system whose owner starts without USDC.
  return options.ownerUsdc === 0n || options.ownerUsdc === "0"
    ? 0n
    : usdcAmount("ownerUsdc", options.ownerUsdc);
}

type Deployed = Record<string, { getAddress(): Promise<string> }>;

function moduleParameters<S extends HokusaiStack>(stack: S, options: DeployHokusaiSystemOptions<S>) {
  const parameters: Record<string, unknown> = {};
  if (options.deploymentFee !== undefined) {
    parameters.deploymentFee = parseTokenAmount("deploymentFee", options.deploymentFee, {
      inWei: true,
      allowZero: true,
    });
  }
  if (options.treasury !== undefined) parameters.treasury = parseAddress("treasury", options.treasury);
  // The guide's module mints nothing: deployHokusaiSystem mints the same USDC after it.
  if (stack === "live" && options.ownerUsdc !== undefined) parameters.ownerUsdc = ownerUsdcOf(options);
  return parameters;
}

async function deployModule(
  hre: HardhatRuntimeEnvironment,
  stack: HokusaiStack,
  parameters: Record<string, unknown>,
): Promise<Deployed> {
  await ensureArtifacts(hre, CONTRACT_NAMES[stack].tokenManager);
  const options = (id: string) => ({
    ...IGNITION_OPTIONS,
    parameters: { [id]: parameters as Record<string, bigint | string> },
  });
  if (stack === "live") {
    const { default: module } = await import("../../ignition/modules/HokusaiLiveSystem");
    return (await hre.ignition.deploy(module, options(module.id))) as unknown as Deployed;
  }
  const { default: module } = await import("../../ignition/modules/HokusaiSystem");
  return (await hre.ignition.deploy(module, options(module.id))) as unknown as Deployed;
}

/**
 * Deploys the mock Hokusai system: `stack: "live"` (the default) is the live-like stack of
 * Sepolia and mainnet (ModelRegistry, TokenManager with its vesting vault, AMM factory,
 * PurchaserWhitelist, MockUSDC), `"guide"` the guide's (TokenManager, AMM factory,
 * MockUSDC). Account 0 owns every contract, as the tasks' backend signer does.
 */
export function deployHokusaiSystem<S extends HokusaiStack = "live">(
  options: DeployHokusaiSystemOptions<S> & { hre?: HardhatRuntimeEnvironment } = {},
): Promise<HokusaiSystem<S>> {
  return withPluginErrors(async () => {
    const hre = options.hre ?? runtimeOf();
    const stack = (options.stack ?? "live") as S;
    if (!LOCAL_STACKS.includes(stack)) {
      throw invalidInput("outOfRange", "stack", String(stack), 'use "live" or "guide"');
    }
    const deployed = await deployModule(hre, stack, moduleParameters(stack, options));
    const [first] = (await hre.network.provider.request({ method: "eth_accounts" })) as string[];
    const owner = await hre.ethers.getSigner(first);
    const names = CONTRACT_NAMES[stack] as Record<string, string>;
    const handle = async (key: string) =>
      deployed[key] === undefined
        ? undefined
        : contractAt(hre, names[key], await deployed[key].getAddress(), owner);
    const system = {
      stack,
      owner,
      treasury: parseAddress("treasury", options.treasury ?? owner.address),
      usdc: await contractAt<MockUSDC>(hre, "MockUSDC", await deployed.usdc.getAddress(), owner),
      tokenManager: await handle("tokenManager"),
      ammFactory: await handle("ammFactory"),
      modelRegistry: await handle("modelRegistry"),
      purchaserWhitelist: await handle("purchaserWhitelist"),
      vestingVault: await handle("vestingVault"),
    } as HokusaiSystem<S>;
    rememberRuntime(system, hre);
    const usdc = ownerUsdcOf(options);
    if (stack === "guide" && usdc > 0n)
      await sendCall(hre, owner, system.usdc, "mint", [owner.address, usdc]);
    return system;
  });
}
