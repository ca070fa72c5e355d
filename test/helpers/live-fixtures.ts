/**
 * Fixtures for the live-like stack (contracts/mocks/live/, test/contracts/live/), deployed through
 * ignition/modules/HokusaiLiveSystem.ts as a consumer deploys it. Each `...Fixture` is for loadFixture.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import hre, { ethers } from "hardhat";

import HokusaiLegacySystemModule from "../../ignition/modules/HokusaiLegacySystem";
import HokusaiLiveSystemModule from "../../ignition/modules/HokusaiLiveSystem";
import {
  INVESTOR_ALLOCATION,
  SUPPLIER_ALLOCATION,
  TOKEN_NAME,
  TOKEN_SYMBOL,
  USDC,
  ZERO_VESTING,
  getAccounts,
  initialParamsV2,
  type Accounts,
  type DeployArgs,
} from "./contract-fixtures";

// typechain's `ethers.getContractAt("Live…")` overloads: tsconfig.json does not include typechain-types/.
import type {} from "../../typechain-types/hardhat";
import type {
  LiveHokusaiAMM,
  LiveHokusaiAMMFactory,
  LiveHokusaiAMMPoolDeployer,
  LiveHokusaiParams,
  LiveHokusaiToken,
  LiveModelRegistry,
  LivePurchaserWhitelist,
  LiveRewardVestingVault,
  LiveTokenDeploymentFactory,
  LiveTokenManager,
  MockHokusaiAMMFactory,
  MockLegacyTokenManager,
  MockUSDC,
} from "../../typechain-types";

/** A numeric id, as the platform assigns them ("27", "28", "30" are live). */
export const LIVE_MODEL_ID = "28";
export const PERFORMANCE_METRIC = "accuracy";
export const LIVE_DEPLOYMENT_FEE = ethers.parseEther("0.01");
export const WHITELIST_ADMIN_ROLE = ethers.id("WHITELIST_ADMIN_ROLE");
export const MINTER_ROLE = ethers.id("MINTER_ROLE");
export const DEFAULT_ADMIN_ROLE = ethers.ZeroHash;
/** EIP-170: the largest runtime code a network with the limit accepts. */
export const MAX_CONTRACT_SIZE = 24_576;
export const DAY = 86_400n;
export const YEAR = 365n * DAY;

/** The message of OpenZeppelin 4's AccessControl, which the live contracts revert with. */
export function missingRole(account: string, role: string): string {
  return `AccessControl: account ${account.toLowerCase()} is missing role ${role}`;
}

// --- the system -------------------------------------------------------------------

export interface LiveSystem extends Accounts {
  usdc: MockUSDC;
  modelRegistry: LiveModelRegistry;
  tokenDeploymentFactory: LiveTokenDeploymentFactory;
  tokenManager: LiveTokenManager;
  vestingVault: LiveRewardVestingVault;
  ammFactory: LiveHokusaiAMMFactory;
  poolDeployer: LiveHokusaiAMMPoolDeployer;
  purchaserWhitelist: LivePurchaserWhitelist;
}

async function deployLiveSystem(
  deploymentFee = 0n,
  owner?: (a: Accounts) => HardhatEthersSigner,
): Promise<LiveSystem> {
  const accounts = await getAccounts();
  const d = await hre.ignition.deploy(HokusaiLiveSystemModule, {
    parameters: {
      [HokusaiLiveSystemModule.id]: {
        owner: (owner?.(accounts) ?? accounts.owner).address,
        treasury: accounts.treasury.address,
        deploymentFee,
      },
    },
  });
  const at = async <T>(name: string, c: { getAddress(): Promise<string> }): Promise<T> =>
    (await ethers.getContractAt(name, await c.getAddress())) as unknown as T;
  return {
    ...accounts,
    usdc: await at<MockUSDC>("MockUSDC", d.usdc),
    modelRegistry: await at<LiveModelRegistry>("LiveModelRegistry", d.modelRegistry),
    tokenDeploymentFactory: await at<LiveTokenDeploymentFactory>(
      "LiveTokenDeploymentFactory",
      d.tokenDeploymentFactory,
    ),
    tokenManager: await at<LiveTokenManager>("LiveTokenManager", d.tokenManager),
    vestingVault: await at<LiveRewardVestingVault>("LiveRewardVestingVault", d.vestingVault),
    ammFactory: await at<LiveHokusaiAMMFactory>("LiveHokusaiAMMFactory", d.ammFactory),
    poolDeployer: await at<LiveHokusaiAMMPoolDeployer>("LiveHokusaiAMMPoolDeployer", d.poolDeployer),
    purchaserWhitelist: await at<LivePurchaserWhitelist>("LivePurchaserWhitelist", d.purchaserWhitelist),
  };
}

/** HokusaiLiveSystemModule with no deployment fee, owned by account 0. */
export async function liveSystemFixture(): Promise<LiveSystem> {
  return deployLiveSystem();
}

/** The same system charging LIVE_DEPLOYMENT_FEE per deployment. */
export async function feeLiveSystemFixture(): Promise<LiveSystem> {
  return deployLiveSystem(LIVE_DEPLOYMENT_FEE);
}

/** The system handed to `verifier` (account 5) by the module, though account 0 deploys it. */
export async function handedOverSystemFixture(): Promise<LiveSystem> {
  return deployLiveSystem(0n, (a) => a.verifier);
}

// --- a model token ----------------------------------------------------------------

/**
 * deployTokenWithAllocations through the live ABI, as `from` (default: `other`, since anyone may),
 * with the guide's values under LIVE_MODEL_ID unless `o` says otherwise.
 */
export function deployLive(system: LiveSystem, o: Partial<DeployArgs> = {}, from?: HardhatEthersSigner) {
  return system.tokenManager
    .connect(from ?? system.other)
    .deployTokenWithAllocations(
      o.modelId ?? LIVE_MODEL_ID,
      o.name ?? TOKEN_NAME,
      o.symbol ?? TOKEN_SYMBOL,
      o.supplierAllocation ?? SUPPLIER_ALLOCATION,
      o.supplierRecipient ?? system.supplier.address,
      o.investorAllocation ?? INVESTOR_ALLOCATION,
      initialParamsV2(system.governor.address, o.vesting ?? ZERO_VESTING, o.params),
      { value: o.value ?? 0n },
    );
}

export interface LiveModel {
  token: LiveHokusaiToken;
  params: LiveHokusaiParams;
}

export async function liveModelOf(system: LiveSystem, modelId = LIVE_MODEL_ID): Promise<LiveModel> {
  return {
    token: await ethers.getContractAt("LiveHokusaiToken", await system.tokenManager.getTokenAddress(modelId)),
    params: await ethers.getContractAt(
      "LiveHokusaiParams",
      await system.tokenManager.getParamsAddress(modelId),
    ),
  };
}

export type LiveModelSystem = LiveSystem & LiveModel;

/** The guide's token deployed under LIVE_MODEL_ID (default vesting), not yet distributed nor registered. */
export async function liveModelFixture(): Promise<LiveModelSystem> {
  const system = await liveSystemFixture();
  await deployLive(system);
  return { ...system, ...(await liveModelOf(system)) };
}

/** The same token registered in the ModelRegistry. */
export async function registeredModelFixture(): Promise<LiveModelSystem> {
  const system = await liveModelFixture();
  await system.modelRegistry.registerStringModel(
    LIVE_MODEL_ID,
    await system.token.getAddress(),
    PERFORMANCE_METRIC,
  );
  return system;
}

// --- a pool -----------------------------------------------------------------------

export interface LivePoolOptions {
  /** Attach the system's PurchaserWhitelist (default) or leave the pool public (address(0)). */
  gated?: boolean;
  /** distributeModelSupplierAllocation before the launch ("pre-launch", default true). */
  distribute?: boolean;
  /** The TokenManager owner calls authorizeAMM(pool) (default true). */
  authorize?: boolean;
  /** USDC the platform deposits with depositFees after creating the pool (default 0). */
  seedUsdc?: bigint;
  flatCurveThreshold?: bigint;
  ibrDuration?: bigint;
}

export type LivePoolSystem = LiveModelSystem & { pool: LiveHokusaiAMM };

/**
 * The platform's launch of a registered model: createPoolWithParamsAndWhitelist (the factory's
 * defaults otherwise), authorizeAMM, then USDC approve + depositFees. The buyer and `other` each
 * hold 1,000,000 USDC approved to the pool; neither is whitelisted.
 */
export async function launchLivePool(
  system: LiveModelSystem,
  o: LivePoolOptions = {},
): Promise<LivePoolSystem> {
  const { owner, tokenManager, ammFactory, usdc } = system;
  if (o.distribute ?? true) await tokenManager.distributeModelSupplierAllocation(LIVE_MODEL_ID);
  const whitelist = (o.gated ?? true) ? await system.purchaserWhitelist.getAddress() : ethers.ZeroAddress;
  await ammFactory.createPoolWithParamsAndWhitelist(
    LIVE_MODEL_ID,
    await system.token.getAddress(),
    await ammFactory.defaultCrr(),
    await ammFactory.defaultTradeFee(),
    o.ibrDuration ?? (await ammFactory.defaultIbrDuration()),
    o.flatCurveThreshold ?? (await ammFactory.defaultFlatCurveThreshold()),
    await ammFactory.defaultFlatCurvePrice(),
    whitelist,
  );
  const pool = await ethers.getContractAt("LiveHokusaiAMM", await ammFactory.getPool(LIVE_MODEL_ID));
  const poolAddress = await pool.getAddress();
  if (o.authorize ?? true) await tokenManager.authorizeAMM(poolAddress);
  if ((o.seedUsdc ?? 0n) > 0n) {
    await usdc.mint(owner.address, o.seedUsdc!);
    await usdc.approve(poolAddress, o.seedUsdc!);
    await pool.depositFees(o.seedUsdc!);
  }
  for (const account of [system.buyer, system.other]) {
    await usdc.mint(account.address, USDC("1000000"));
    await usdc.connect(account).approve(poolAddress, USDC("1000000"));
  }
  return { ...system, pool };
}

/** A gated pool with the factory's defaults, supplier allocation distributed, minting authorised. */
export async function gatedPoolFixture(): Promise<LivePoolSystem> {
  return launchLivePool(await registeredModelFixture());
}

/** The same pool made public (whitelist address(0)). */
export async function publicPoolFixture(): Promise<LivePoolSystem> {
  return launchLivePool(await registeredModelFixture(), { gated: false });
}

/** A public pool already on its curve: threshold 1,000 USDC, seeded with 2,000 USDC. */
export const CURVE_THRESHOLD = USDC("1000");
export async function curvePoolFixture(): Promise<LivePoolSystem> {
  return launchLivePool(await registeredModelFixture(), {
    gated: false,
    flatCurveThreshold: CURVE_THRESHOLD,
    seedUsdc: USDC("2000"),
  });
}

/** A deadline an hour after the latest block. */
export async function deadline(): Promise<number> {
  return (await time.latest()) + 3600;
}

// --- the historical v1 stack --------------------------------------------------------

export interface LegacySystem extends Accounts {
  usdc: MockUSDC;
  tokenManager: MockLegacyTokenManager;
  ammFactory: MockHokusaiAMMFactory;
}

/** HokusaiLegacySystemModule: the v1 TokenManager whose tokens lack investor accounting. */
export async function legacySystemFixture(): Promise<LegacySystem> {
  const accounts = await getAccounts();
  const d = await hre.ignition.deploy(HokusaiLegacySystemModule, {
    parameters: {
      [HokusaiLegacySystemModule.id]: { owner: accounts.owner.address, treasury: accounts.treasury.address },
    },
  });
  return {
    ...accounts,
    usdc: await ethers.getContractAt("MockUSDC", await d.usdc.getAddress()),
    tokenManager: await ethers.getContractAt("MockLegacyTokenManager", await d.tokenManager.getAddress()),
    ammFactory: await ethers.getContractAt("MockHokusaiAMMFactory", await d.ammFactory.getAddress()),
  };
}
