/**
 * Deployment fixtures shared by the contract tests (test/contracts/). Each exported
 * `...Fixture` is meant for `loadFixture`, so every test starts from the same snapshot.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import hre, { ethers } from "hardhat";

import HokusaiSystemModule from "../../ignition/modules/HokusaiSystem";
import HokusaiSystemV2Module from "../../ignition/modules/HokusaiSystemV2";

// typechain's `ethers.getContractAt("Mock…")` overloads: tsconfig.json does not include typechain-types/.
import type {} from "../../typechain-types/hardhat";
import type {
  MockHokusaiAMM,
  MockHokusaiAMMFactory,
  MockHokusaiParams,
  MockHokusaiToken,
  MockTokenManager,
  MockTokenManagerV2,
  MockUSDC,
} from "../../typechain-types";

// --- the guide's example (creating-models, programmatic step 3) ------------------

export const MODEL_ID = "sentiment-v2";
export const TOKEN_NAME = "Sentiment Model";
export const TOKEN_SYMBOL = "SENT";
export const SUPPLIER_ALLOCATION = ethers.parseUnits("400000", 18);
export const INVESTOR_ALLOCATION = ethers.parseUnits("600000", 18);
export const TOKENS_PER_DELTA_ONE = ethers.parseUnits("100000", 18);
export const INFRASTRUCTURE_ACCRUAL_BPS = 5000;
export const LICENSE_TEXT = `# Commercial Model License

Replace this text with the exact license you will publish off-chain.
`;
export const LICENSE_HASH = ethers.keccak256(ethers.toUtf8Bytes(LICENSE_TEXT));
export const LICENSE_URI = "ipfs://Qm.../license.md";

// --- HOKUSAI-FACTS.md -------------------------------------------------------------

export const DEPLOYER_ROLE = ethers.id("DEPLOYER_ROLE");
export const GOV_ROLE = ethers.id("GOV_ROLE");
export const V1_SELECTOR = "0xfb7b6428";
export const V2_SELECTOR = "0xcbb1036c";

export const DEFAULT_CRR = 200_000n;
export const DEFAULT_TRADE_FEE = 30n;
export const DEFAULT_IBR_DURATION = BigInt(time.duration.days(7));
export const DEFAULT_FLAT_CURVE_THRESHOLD = 25_000n * 10n ** 6n;
export const DEFAULT_FLAT_CURVE_PRICE = 10_000n;

export const USDC = (amount: string): bigint => ethers.parseUnits(amount, 6);
export const TOKENS = (amount: string): bigint => ethers.parseUnits(amount, 18);

// --- InitialParams ----------------------------------------------------------------

export interface InitialParams {
  tokensPerDeltaOne: bigint;
  infrastructureAccrualBps: number;
  initialOraclePricePerThousandUsd: bigint;
  licenseHash: string;
  licenseURI: string;
  governor: string;
}

export interface VestingConfig {
  enabled: boolean;
  immediateUnlockBps: number;
  vestingDurationSeconds: bigint;
  cliffSeconds: bigint;
}

export interface InitialParamsV2 extends InitialParams {
  vestingConfig: VestingConfig;
}

/** All zero: the contracts read it as "use the defaults". */
export const ZERO_VESTING: VestingConfig = {
  enabled: false,
  immediateUnlockBps: 0,
  vestingDurationSeconds: 0n,
  cliffSeconds: 0n,
};

/** The guide's InitialParams, with `overrides` applied. */
export function initialParams(governor: string, overrides: Partial<InitialParams> = {}): InitialParams {
  return {
    tokensPerDeltaOne: TOKENS_PER_DELTA_ONE,
    infrastructureAccrualBps: INFRASTRUCTURE_ACCRUAL_BPS,
    initialOraclePricePerThousandUsd: 0n,
    licenseHash: LICENSE_HASH,
    licenseURI: LICENSE_URI,
    governor,
    ...overrides,
  };
}

/** The live (v2) InitialParams: the guide's six fields and a VestingConfig. */
export function initialParamsV2(
  governor: string,
  vestingConfig: VestingConfig = ZERO_VESTING,
  overrides: Partial<InitialParams> = {},
): InitialParamsV2 {
  return { ...initialParams(governor, overrides), vestingConfig };
}

// --- the system -------------------------------------------------------------------

export interface Accounts {
  /** Account 0: owns the TokenManager, the factory and USDC (the Hokusai backend). */
  owner: HardhatEthersSigner;
  governor: HardhatEthersSigner;
  supplier: HardhatEthersSigner;
  treasury: HardhatEthersSigner;
  buyer: HardhatEthersSigner;
  verifier: HardhatEthersSigner;
  other: HardhatEthersSigner;
}

export async function getAccounts(): Promise<Accounts> {
  const [owner, governor, supplier, treasury, buyer, verifier, other] = await ethers.getSigners();
  return { owner, governor, supplier, treasury, buyer, verifier, other };
}

interface System<TM> extends Accounts {
  usdc: MockUSDC;
  tokenManager: TM;
  ammFactory: MockHokusaiAMMFactory;
}

export type SystemV1 = System<MockTokenManager>;
export type SystemV2 = System<MockTokenManagerV2>;

export interface SystemOptions {
  /** Wei charged per deployment (the TokenManager's constructor argument). */
  deploymentFee?: bigint;
  /** Whether deployment needs DEPLOYER_ROLE (the TokenManager's constructor argument). */
  deployerRoleRequired?: boolean;
}

type SystemModule = typeof HokusaiSystemModule | typeof HokusaiSystemV2Module;

/** The system through the project's Ignition modules, as a consumer deploys it. */
async function deploySystem(module: SystemModule, options: SystemOptions) {
  const accounts = await getAccounts();
  const deployed = await hre.ignition.deploy(module, {
    parameters: {
      [module.id]: {
        owner: accounts.owner.address,
        treasury: accounts.treasury.address,
        deploymentFee: options.deploymentFee ?? 0n,
        deployerRoleRequired: options.deployerRoleRequired ?? false,
      },
    },
  });
  return {
    accounts,
    usdc: await ethers.getContractAt("MockUSDC", await deployed.usdc.getAddress()),
    tokenManager: await deployed.tokenManager.getAddress(),
    ammFactory: await ethers.getContractAt("MockHokusaiAMMFactory", await deployed.ammFactory.getAddress()),
  };
}

async function deploySystemV1(options: SystemOptions = {}): Promise<SystemV1> {
  const { accounts, tokenManager, ...system } = await deploySystem(HokusaiSystemModule, options);
  return {
    ...accounts,
    ...system,
    tokenManager: await ethers.getContractAt("MockTokenManager", tokenManager),
  };
}

async function deploySystemV2(options: SystemOptions = {}): Promise<SystemV2> {
  const { accounts, tokenManager, ...system } = await deploySystem(HokusaiSystemV2Module, options);
  return {
    ...accounts,
    ...system,
    tokenManager: await ethers.getContractAt("MockTokenManagerV2", tokenManager),
  };
}

/** HokusaiSystemModule: MockUSDC, the guide's TokenManager (v1) and the AMM factory, owned by account 0. */
export async function systemFixture(): Promise<SystemV1> {
  return deploySystemV1();
}

/** HokusaiSystemV2Module: the same system with the live TokenManager ABI (v2, VestingConfig). */
export async function systemV2Fixture(): Promise<SystemV2> {
  return deploySystemV2();
}

export const GATED_DEPLOYMENT_FEE = ethers.parseEther("0.01");

/** The v1 system deployed with a fee and the deployer role required, as constructor arguments. */
export async function gatedSystemFixture(): Promise<SystemV1> {
  return deploySystemV1({ deploymentFee: GATED_DEPLOYMENT_FEE, deployerRoleRequired: true });
}

/** The v2 system deployed with a fee and the deployer role required. */
export async function gatedSystemV2Fixture(): Promise<SystemV2> {
  return deploySystemV2({ deploymentFee: GATED_DEPLOYMENT_FEE, deployerRoleRequired: true });
}

// --- deployTokenWithAllocations, with the guide's values by default ----------------

export interface DeployArgs {
  modelId: string;
  name: string;
  symbol: string;
  supplierAllocation: bigint;
  supplierRecipient: string;
  investorAllocation: bigint;
  params: Partial<InitialParams>;
  vesting: VestingConfig;
  value: bigint;
}

/** The v1 (guide) call as `from` (default: the owner), with the guide's values changed by `o`. */
export function deployV1(
  system: SystemV1,
  o: Partial<DeployArgs> = {},
  from: HardhatEthersSigner = system.owner,
) {
  return system.tokenManager
    .connect(from)
    .deployTokenWithAllocations(
      o.modelId ?? MODEL_ID,
      o.name ?? TOKEN_NAME,
      o.symbol ?? TOKEN_SYMBOL,
      o.supplierAllocation ?? SUPPLIER_ALLOCATION,
      o.supplierRecipient ?? system.supplier.address,
      o.investorAllocation ?? INVESTOR_ALLOCATION,
      initialParams(system.governor.address, o.params),
      { value: o.value ?? 0n },
    );
}

/** The same call through the live (v2) ABI; `o.vesting` defaults to all zero. */
export function deployV2(
  system: SystemV2,
  o: Partial<DeployArgs> = {},
  from: HardhatEthersSigner = system.owner,
) {
  return system.tokenManager
    .connect(from)
    .deployTokenWithAllocations(
      o.modelId ?? MODEL_ID,
      o.name ?? TOKEN_NAME,
      o.symbol ?? TOKEN_SYMBOL,
      o.supplierAllocation ?? SUPPLIER_ALLOCATION,
      o.supplierRecipient ?? system.supplier.address,
      o.investorAllocation ?? INVESTOR_ALLOCATION,
      initialParamsV2(system.governor.address, o.vesting, o.params),
      { value: o.value ?? 0n },
    );
}

// --- the rules both ABIs enforce (HOKUSAI-FACTS.md) --------------------------------

const WEI = 10n ** 18n;

/** [custom error, its context argument, the change that triggers it] */
export const FIELD_ERRORS: Array<[error: string, context: string, what: string, args: Partial<DeployArgs>]> =
  [
    ["EmptyString", "model ID", "an empty modelId", { modelId: "" }],
    ["EmptyString", "token name", "an empty name", { name: "" }],
    ["EmptyString", "token symbol", "an empty symbol", { symbol: "" }],
    ["InvalidAmount", "model supplier allocation", "a zero supplier allocation", { supplierAllocation: 0n }],
    ["InvalidAmount", "investor allocation", "a zero investor allocation", { investorAllocation: 0n }],
    [
      "ZeroAddress",
      "model supplier recipient",
      "a zero supplier recipient",
      { supplierRecipient: ethers.ZeroAddress },
    ],
    ["ZeroAddress", "governor", "a zero governor", { params: { governor: ethers.ZeroAddress } }],
  ];

export const TOKENS_PER_DELTA_ONE_RANGE = "tokensPerDeltaOne must be between 100 and 10000000 tokens";
export const ACCRUAL_BPS_RANGE = "infrastructureAccrualBps must be between 1000 and 10000";
export const ORACLE_PRICE_RANGE = "initialOraclePricePerThousandUsd must be at most 1e12";

/** [what, raw tokensPerDeltaOne, the wei value stored] */
export const TOKENS_PER_DELTA_ONE_ACCEPTED: Array<[string, bigint, bigint]> = [
  ["100 (whole tokens, the minimum)", 100n, 100n * WEI],
  ["10,000,000 (whole tokens, the maximum)", 10_000_000n, 10_000_000n * WEI],
  ["100e18 wei (the minimum)", 100n * WEI, 100n * WEI],
  ["10,000,000e18 wei (the maximum)", 10_000_000n * WEI, 10_000_000n * WEI],
];

export const TOKENS_PER_DELTA_ONE_REJECTED: Array<[string, bigint]> = [
  ["0", 0n],
  ["99 (whole tokens, below the minimum)", 99n],
  ["10,000,001 (read as wei: far too small)", 10_000_001n],
  ["100e18 - 1 wei", 100n * WEI - 1n],
  ["10,000,000e18 + 1 wei", 10_000_000n * WEI + 1n],
];

export const ACCRUAL_BPS_ACCEPTED = [1000, 10000];
export const ACCRUAL_BPS_REJECTED = [0, 999, 10001];
export const ORACLE_PRICE_ACCEPTED = [0n, 1n, 10n ** 12n];
export const ORACLE_PRICE_REJECTED = 10n ** 12n + 1n;

// --- a model token ----------------------------------------------------------------

export interface ModelTokenOptions {
  modelId?: string;
  supplierAllocation?: bigint;
  investorAllocation?: bigint;
  params?: Partial<InitialParams>;
}

export interface ModelToken {
  token: MockHokusaiToken;
  params: MockHokusaiParams;
}

/** Deploys a model token through the v1 TokenManager, as the guide's step 3 does. */
export async function deployModelToken(
  system: SystemV1,
  options: ModelTokenOptions = {},
): Promise<ModelToken> {
  const modelId = options.modelId ?? MODEL_ID;
  const { tokenManager } = system;
  await deployV1(system, {
    modelId,
    supplierAllocation: options.supplierAllocation,
    investorAllocation: options.investorAllocation,
    params: options.params,
  });
  return {
    token: await ethers.getContractAt("MockHokusaiToken", await tokenManager.getTokenAddress(modelId)),
    params: await ethers.getContractAt("MockHokusaiParams", await tokenManager.getParamsAddress(modelId)),
  };
}

export type ModelTokenSystem = SystemV1 & ModelToken;

/** The v1 system with the guide's token deployed (supplier allocation not yet distributed). */
export async function modelTokenFixture(): Promise<ModelTokenSystem> {
  const system = await systemFixture();
  return { ...system, ...(await deployModelToken(system)) };
}

// --- an AMM pool ------------------------------------------------------------------

export interface PoolOptions extends ModelTokenOptions {
  crr?: bigint;
  tradeFee?: bigint;
  ibrDuration?: bigint;
  flatCurveThreshold?: bigint;
  flatCurvePrice?: bigint;
  /** The backend mints the supplier allocation first (default true). */
  distributeSupplier?: boolean;
  /** The TokenManager owner authorises the pool to mint (default true). */
  authorize?: boolean;
  /** USDC minted to the buyer, who approves the pool for all of it. */
  buyerUsdc?: bigint;
}

export type PoolSystem = ModelTokenSystem & { pool: MockHokusaiAMM };

/**
 * A model token with its pool, created as the backend does: createPoolWithParams, then
 * distributeModelSupplierAllocation and authorizeAMM; the buyer holds USDC approved to the pool.
 */
export async function deployPool(system: SystemV1, options: PoolOptions = {}): Promise<PoolSystem> {
  const modelId = options.modelId ?? MODEL_ID;
  const model = await deployModelToken(system, options);
  const { tokenManager, ammFactory, usdc, owner, buyer } = system;
  await ammFactory.createPoolWithParams(
    modelId,
    await model.token.getAddress(),
    options.crr ?? DEFAULT_CRR,
    options.tradeFee ?? DEFAULT_TRADE_FEE,
    options.ibrDuration ?? DEFAULT_IBR_DURATION,
    options.flatCurveThreshold ?? DEFAULT_FLAT_CURVE_THRESHOLD,
    options.flatCurvePrice ?? DEFAULT_FLAT_CURVE_PRICE,
  );
  const pool = await ethers.getContractAt("MockHokusaiAMM", await ammFactory.getPool(modelId));
  if (options.distributeSupplier ?? true)
    await tokenManager.connect(owner).distributeModelSupplierAllocation(modelId);
  if (options.authorize ?? true) await tokenManager.connect(owner).authorizeAMM(await pool.getAddress());
  const buyerUsdc = options.buyerUsdc ?? USDC("10000000");
  await usdc.connect(owner).mint(buyer.address, buyerUsdc);
  await usdc.connect(buyer).approve(await pool.getAddress(), buyerUsdc);
  return { ...system, ...model, pool };
}

/** A pool with the factory's defaults, the supplier allocation distributed, minting authorised. */
export async function poolFixture(): Promise<PoolSystem> {
  return deployPool(await systemFixture(), { investorAllocation: TOKENS("100000000") });
}

/** The same pool before the TokenManager owner has called authorizeAMM. */
export async function unauthorizedPoolFixture(): Promise<PoolSystem> {
  return deployPool(await systemFixture(), { investorAllocation: TOKENS("100000000"), authorize: false });
}

/** A deadline an hour after the latest block. */
export async function deadline(): Promise<number> {
  return (await time.latest()) + 3600;
}

/** The curve starts after 1,000 USDC: small enough that tests reach it with one buy. */
export const CURVE_POOL_THRESHOLD = USDC("1000");

/** A pool whose flat phase ends at CURVE_POOL_THRESHOLD; otherwise the factory's defaults. */
export async function curvePoolFixture(): Promise<PoolSystem> {
  return deployPool(await systemFixture(), {
    investorAllocation: TOKENS("100000000"),
    flatCurveThreshold: CURVE_POOL_THRESHOLD,
  });
}
