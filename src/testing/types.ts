/**
 * The types of `hardhat-hokusai/testing`: the mock contracts of each stack as typechain
 * types them (shipped with the package), and what each helper returns.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { TransactionReceipt } from "ethers";

import type { DistributeResult } from "../core/backend/distribute";
import type { DeployTokenResult } from "../core/deploy/deploy";
import type { DeployFieldKey } from "../core/deploy/fields";
import type { LaunchResult } from "../core/launch/types";
import type { MockHokusaiAMM } from "../../typechain-types/contracts/mocks/MockHokusaiAMM";
import type { MockHokusaiAMMFactory } from "../../typechain-types/contracts/mocks/MockHokusaiAMMFactory";
import type { MockHokusaiParams } from "../../typechain-types/contracts/mocks/MockHokusaiParams";
import type { MockHokusaiToken } from "../../typechain-types/contracts/mocks/MockHokusaiToken";
import type { MockTokenManager } from "../../typechain-types/contracts/mocks/MockTokenManager";
import type { MockUSDC } from "../../typechain-types/contracts/mocks/MockUSDC";
import type { LiveHokusaiAMM } from "../../typechain-types/contracts/mocks/live/LiveHokusaiAMM";
import type { LiveHokusaiAMMFactory } from "../../typechain-types/contracts/mocks/live/LiveHokusaiAMMFactory";
import type { LiveHokusaiParams } from "../../typechain-types/contracts/mocks/live/LiveHokusaiParams";
import type { LiveHokusaiToken } from "../../typechain-types/contracts/mocks/live/LiveHokusaiToken";
import type { LiveModelRegistry } from "../../typechain-types/contracts/mocks/live/LiveModelRegistry.sol/LiveModelRegistry";
import type { LivePurchaserWhitelist } from "../../typechain-types/contracts/mocks/live/LivePurchaserWhitelist";
import type { LiveRewardVestingVault } from "../../typechain-types/contracts/mocks/live/LiveRewardVestingVault";
import type { LiveTokenManager } from "../../typechain-types/contracts/mocks/live/LiveTokenManager";

export type {
  LiveHokusaiAMM,
  LiveHokusaiAMMFactory,
  LiveHokusaiParams,
  LiveHokusaiToken,
  LiveModelRegistry,
  LivePurchaserWhitelist,
  LiveRewardVestingVault,
  LiveTokenManager,
  MockHokusaiAMM,
  MockHokusaiAMMFactory,
  MockHokusaiParams,
  MockHokusaiToken,
  MockTokenManager,
  MockUSDC,
};

/** "live": the contracts Sepolia and mainnet run (contracts/mocks/live); "guide": the user guide's ABI. */
export type HokusaiStack = "live" | "guide";

/** The contracts of each stack. The guide's has no registry, whitelist nor vesting vault. */
export interface StackContracts {
  live: {
    tokenManager: LiveTokenManager;
    ammFactory: LiveHokusaiAMMFactory;
    modelRegistry: LiveModelRegistry;
    purchaserWhitelist: LivePurchaserWhitelist;
    vestingVault: LiveRewardVestingVault;
    token: LiveHokusaiToken;
    params: LiveHokusaiParams;
    pool: LiveHokusaiAMM;
  };
  guide: {
    tokenManager: MockTokenManager;
    ammFactory: MockHokusaiAMMFactory;
    modelRegistry: undefined;
    purchaserWhitelist: undefined;
    vestingVault: undefined;
    token: MockHokusaiToken;
    params: MockHokusaiParams;
    pool: MockHokusaiAMM;
  };
}

type Of<S extends HokusaiStack, K extends keyof StackContracts["live"]> = StackContracts[S][K];

/** A USDC amount: a string is US dollars ("100", "0.5"), a bigint the 6-decimal units. */
export type UsdcAmount = string | bigint;
/** A model token amount: a string is whole tokens ("1000", or "...wei"), a bigint wei. */
export type TokenAmount = string | bigint;

export interface DeployHokusaiSystemOptions<S extends HokusaiStack = HokusaiStack> {
  /** Which mock stack (default "live"). */
  stack?: S;
  /** Wei the TokenManager charges per deployment (default 0); deployModel pays it. */
  deploymentFee?: bigint | string;
  /** Receives the pools' trade fees and, on the guide's stack, the infrastructure share (default: account 0). */
  treasury?: string;
  /** USDC minted to the owner (account 0) at deployment, for reserves and usage fees (default 1,000,000). */
  ownerUsdc?: UsdcAmount;
}

/** The Hokusai system on the test network, every contract connected to its owner. */
export interface HokusaiSystem<S extends HokusaiStack = HokusaiStack> {
  stack: S;
  /** Account 0: owns every contract and signs the backend's steps, as `hokusai:create-pool` does. */
  owner: HardhatEthersSigner;
  treasury: string;
  usdc: MockUSDC;
  tokenManager: Of<S, "tokenManager">;
  ammFactory: Of<S, "ammFactory">;
  modelRegistry: Of<S, "modelRegistry">;
  purchaserWhitelist: Of<S, "purchaserWhitelist">;
  vestingVault: Of<S, "vestingVault">;
}

/**
 * deploy-token's fields, named as `hre.hokusai.deployToken` names them (modelId, name,
 * symbol, preset, modelSupplierAllocation, ..., vesting, fee), read by the same rules.
 */
export type DeployModelFields = { [K in DeployFieldKey]?: string | number | bigint } & {
  /** Read the allocations and tokensPerDeltaOne as wei rather than whole tokens. */
  wei?: boolean;
};

export interface HokusaiModel<S extends HokusaiStack = HokusaiStack> {
  system: HokusaiSystem<S>;
  modelId: string;
  token: Of<S, "token">;
  params: Of<S, "params">;
  /** What deploy-token reports: status, addresses, gas used, the deployment fee kept. */
  deployment: DeployTokenResult;
  receipt?: TransactionReceipt;
}

export type DistributeOutcome = DistributeResult & { receipt?: TransactionReceipt };

export interface LaunchPoolOptions {
  /** The ModelRegistry's performance metric (live stack; default "accuracy"). */
  performanceMetric?: string;
  /** A pool anyone can buy from. Left out, a live pool is gated by the system's PurchaserWhitelist. */
  public?: boolean;
  /** Another PurchaserWhitelist to gate the pool with. */
  whitelist?: string;
  /** USDC to seed the reserve with, from the owner's USDC; left out, the reserve is not seeded. */
  initialReserve?: UsdcAmount;
  /** ppm, 50000 to 1000000 (default 200000). */
  crr?: bigint | number | string;
  /** bps, 0 to 1000 (default 30). */
  tradeFee?: bigint | number | string;
  /** Seconds, 1 to 30 days (default 7 days). */
  ibrDuration?: bigint | number | string;
  /** USDC: the reserve up to which tokens sell at the flat price (default 25000). */
  flatCurveThreshold?: UsdcAmount;
  /** USDC per token (default 0.01). */
  flatCurvePrice?: UsdcAmount;
}

export interface HokusaiPool<S extends HokusaiStack = HokusaiStack> {
  system: HokusaiSystem<S>;
  model: HokusaiModel<S>;
  pool: Of<S, "pool">;
  address: string;
  /** What create-pool reports: the steps, whether the pool may mint, the reserve. */
  launch: LaunchResult;
}

export interface TradeOptions {
  /** Receives the tokens (buy) or the USDC (sell); default: the trader. */
  to?: string;
  /** Unix seconds; default an hour after the latest block. */
  deadline?: bigint | number;
  /** Tolerance below the pool's quote, in bps, for the minimum out (default 0: exactly the quote). */
  slippageBps?: number;
}

export interface BuyOptions extends TradeOptions {
  /** The minimum tokens out (wei), instead of the quote less `slippageBps`. */
  minTokensOut?: bigint;
}

export interface SellOptions extends TradeOptions {
  /** The minimum out as the pool checks it (the live pool: before its trade fee), instead of the quote. */
  minReserveOut?: bigint;
}

export interface BuyResult {
  receipt: TransactionReceipt;
  /** USDC paid, the trade fee included (6 decimals). */
  reserveIn: bigint;
  tokensOut: bigint;
  /** The trade fee, USDC. */
  fee: bigint;
  /** getBuyQuote(reserveIn) before the trade, and the minimum that was asked for. */
  quote: bigint;
  minTokensOut: bigint;
}

export interface SellResult {
  receipt: TransactionReceipt;
  tokensIn: bigint;
  /** USDC the recipient received, after the trade fee. */
  reserveOut: bigint;
  fee: bigint;
  /** getSellQuote(tokensIn) before the trade, and the minimum that was asked for. */
  quote: bigint;
  minReserveOut: bigint;
}

export interface FundResult {
  receipt: TransactionReceipt;
  /** The account's USDC after the mint. */
  balance: bigint;
}

export interface DepositResult {
  receipt: TransactionReceipt;
  amount: bigint;
  /** What the reserve grew by: all of it on the live stack, less the infrastructure share on the guide's. */
  toReserve: bigint;
  reserveBalance: bigint;
}

export interface IbrEnd {
  /** buyOnlyUntil() (live) or ibrEndTime() (guide). */
  ibrEnd: bigint;
  /** The latest block's timestamp after the jump. */
  timestamp: number;
}
