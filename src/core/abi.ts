/**
 * The Hokusai ABIs the plugin speaks, as human-readable fragments: the plugin
 * never needs the project's compiled artifacts, so it works in any Hardhat
 * project. The guide's are here (test/core/abi.test.ts checks them against the
 * compiled interfaces), the live stack's in ./abi-live.ts (checked against the
 * live-like mocks); the *_READ ABIs below join both, for reads that try the live
 * getter first and the guide's after.
 */

import {
  LIVE_AMM_FACTORY_ABI,
  LIVE_AMM_POOL_ABI,
  LIVE_PARAMS_ABI,
  LIVE_TOKEN_ABI,
  LIVE_TOKEN_MANAGER_ABI,
} from "./abi-live";

export {
  LIVE_AMM_FACTORY_ABI,
  LIVE_AMM_POOL_ABI,
  LIVE_PARAMS_ABI,
  LIVE_TOKEN_ABI,
  LIVE_TOKEN_MANAGER_ABI,
  MODEL_REGISTRY_ABI,
  PURCHASER_WHITELIST_ABI,
  RESERVE_TOKEN_ABI,
  VESTING_VAULT_ABI,
} from "./abi-live";

/** Selectors of deployTokenWithAllocations in the two TokenManager ABIs in the wild. */
export const DEPLOY_SELECTOR_V1 = "0xfb7b6428";
export const DEPLOY_SELECTOR_V2 = "0xcbb1036c";

const INITIAL_PARAMS_V1 =
  "(uint256 tokensPerDeltaOne, uint16 infrastructureAccrualBps, uint256 initialOraclePricePerThousandUsd, bytes32 licenseHash, string licenseURI, address governor)";
const VESTING_CONFIG =
  "(bool enabled, uint16 immediateUnlockBps, uint64 vestingDurationSeconds, uint64 cliffSeconds)";
const INITIAL_PARAMS_V2 = `(uint256 tokensPerDeltaOne, uint16 infrastructureAccrualBps, uint256 initialOraclePricePerThousandUsd, bytes32 licenseHash, string licenseURI, address governor, ${VESTING_CONFIG} vestingConfig)`;

const DEPLOY_ARGS =
  "string modelId, string name, string symbol, uint256 modelSupplierAllocation, address modelSupplierRecipient, uint256 investorAllocation";

/** The TokenManager's views, events and backend calls, common to both ABIs. */
export const TOKEN_MANAGER_CORE_ABI = [
  "event ParamsDeployed(string indexed modelId, address indexed paramsAddress, address indexed deployer, uint256 tokensPerDeltaOne, uint16 infrastructureAccrualBps, uint256 initialOraclePricePerThousandUsd)",
  "event TokenDeployed(string indexed modelId, address indexed tokenAddress, address indexed deployer, string name, string symbol, uint256 totalSupply)",
  "event AllocationDistributed(string indexed modelId, address indexed modelSupplierRecipient, uint256 modelSupplierAllocation, address indexed investorRecipient, uint256 investorAllocation)",
  "event ModelSupplierAllocationDistributed(string indexed modelId, address indexed recipient, uint256 amount)",
  "function owner() view returns (address)",
  "function getTokenAddress(string modelId) view returns (address)",
  "function hasToken(string modelId) view returns (bool)",
  "function getModelId(address token) view returns (string)",
  "function getParamsAddress(string modelId) view returns (address)",
  "function deploymentFee() view returns (uint256)",
  "function deployerRoleRequired() view returns (bool)",
  "function DEPLOYER_ROLE() view returns (bytes32)",
  "function MINTER_ROLE() view returns (bytes32)",
  "function hasRole(bytes32 role, address account) view returns (bool)",
  "function distributeModelSupplierAllocation(string modelId)",
  "function authorizeAMM(address amm)",
  "function isAuthorizedAMM(address amm) view returns (bool)",
] as const;

/** v1: the guide's ABI. */
export const TOKEN_MANAGER_V1_ABI = [
  ...TOKEN_MANAGER_CORE_ABI,
  `function deployTokenWithAllocations(${DEPLOY_ARGS}, ${INITIAL_PARAMS_V1} initialParams) payable returns (address)`,
] as const;

/** v2: the live ABI, InitialParams with a trailing VestingConfig. */
export const TOKEN_MANAGER_V2_ABI = [
  ...TOKEN_MANAGER_CORE_ABI,
  `function deployTokenWithAllocations(${DEPLOY_ARGS}, ${INITIAL_PARAMS_V2} initialParams) payable returns (address)`,
] as const;

export const HOKUSAI_TOKEN_ABI = [
  "function name() view returns (string)",
  "function symbol() view returns (string)",
  "function decimals() view returns (uint8)",
  "function totalSupply() view returns (uint256)",
  "function balanceOf(address) view returns (uint256)",
  "function params() view returns (address)",
  "function maxSupply() view returns (uint256)",
  "function modelSupplierAllocation() view returns (uint256)",
  "function modelSupplierRecipient() view returns (address)",
  "function modelSupplierDistributed() view returns (bool)",
  "function investorAllocation() view returns (uint256)",
  "function investorMinted() view returns (uint256)",
] as const;

export const HOKUSAI_PARAMS_ABI = [
  "function tokensPerDeltaOne() view returns (uint256)",
  "function infrastructureAccrualBps() view returns (uint16)",
  "function initialOraclePricePerThousandUsd() view returns (uint256)",
  "function licenseHash() view returns (bytes32)",
  "function licenseURI() view returns (string)",
  "function governor() view returns (address)",
  "function GOV_ROLE() view returns (bytes32)",
  "function hasRole(bytes32 role, address account) view returns (bool)",
  "function setLicenseRef(bytes32 hash, string uri)",
] as const;

export const AMM_FACTORY_ABI = [
  "event PoolCreated(string indexed modelId, address indexed pool, address indexed token, uint256 crr, uint256 tradeFee, uint256 ibrDuration)",
  "function owner() view returns (address)",
  "function tokenManager() view returns (address)",
  "function createPool(string modelId, address token) returns (address)",
  "function createPoolWithParams(string modelId, address token, uint256 crr, uint256 tradeFee, uint256 ibrDuration, uint256 flatCurveThreshold, uint256 flatCurvePrice) returns (address)",
  "function getPool(string modelId) view returns (address)",
  "function hasPool(string modelId) view returns (bool)",
  "function defaultCrr() view returns (uint256)",
  "function defaultTradeFee() view returns (uint256)",
  "function defaultIbrDuration() view returns (uint256)",
  "function defaultFlatCurveThreshold() view returns (uint256)",
  "function defaultFlatCurvePrice() view returns (uint256)",
] as const;

export const AMM_POOL_ABI = [
  "function modelId() view returns (string)",
  "function hokusaiToken() view returns (address)",
  "function reserveToken() view returns (address)",
  "function reserveBalance() view returns (uint256)",
  "function spotPrice() view returns (uint256)",
  "function crr() view returns (uint256)",
  "function tradeFee() view returns (uint256)",
  "function ibrDuration() view returns (uint256)",
  "function ibrEndTime() view returns (uint256)",
  "function flatCurveThreshold() view returns (uint256)",
  "function flatCurvePrice() view returns (uint256)",
] as const;

/**
 * Every custom error a Hokusai call can raise, including those raised inside the
 * contracts the TokenManager creates, and OpenZeppelin's and PRBMath's.
 */
export const ERRORS_ABI = [
  "error ZeroAddress(string context)",
  "error InvalidAmount(string context)",
  "error EmptyString(string context)",
  "error ValueOutOfBounds(uint256 value, uint256 min, uint256 max)",
  "error FeeTooHigh(uint256 fee, uint256 maxFee)",
  "error ArrayLengthMismatch(uint256 expected, uint256 actual)",
  "error ArrayEmpty()",
  "error ArrayTooLarge(uint256 length, uint256 maxLength)",
  "error AccessControlBadConfirmation()",
  "error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)",
  "error OwnableInvalidOwner(address owner)",
  "error OwnableUnauthorizedAccount(address account)",
  "error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)",
  "error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)",
  "error ERC20InvalidApprover(address approver)",
  "error ERC20InvalidReceiver(address receiver)",
  "error ERC20InvalidSender(address sender)",
  "error ERC20InvalidSpender(address spender)",
  "error SafeERC20FailedOperation(address token)",
  "error SafeERC20FailedDecreaseAllowance(address spender, uint256 currentAllowance, uint256 requestedDecrease)",
  "error ReentrancyGuardReentrantCall()",
  "error StringsInsufficientHexLength(uint256 value, uint256 length)",
  "error StringsInvalidAddressFormat()",
  "error StringsInvalidChar()",
  "error SafeCastOverflowedIntDowncast(uint8 bits, int256 value)",
  "error SafeCastOverflowedIntToUint(int256 value)",
  "error SafeCastOverflowedUintDowncast(uint8 bits, uint256 value)",
  "error SafeCastOverflowedUintToInt(uint256 value)",
  "error PRBMath_MulDiv18_Overflow(uint256 x, uint256 y)",
  "error PRBMath_MulDiv_Overflow(uint256 x, uint256 y, uint256 denominator)",
  "error PRBMath_UD60x18_Exp2_InputTooBig(uint256 x)",
  "error PRBMath_UD60x18_Log_InputTooSmall(uint256 x)",
  // The live stack's own.
  "error ZeroAddress()",
  "error NotWhitelisted(address buyer)",
  "error BatchTooLarge(uint256 length, uint256 max)",
] as const;

/**
 * Several ABIs as one. They are joined, not parsed: ethers' Interface keeps the first
 * fragment of each signature and skips the rest, so each function, event and error is
 * there once and the first spelling wins (test/core/abi.test.ts holds ethers to that).
 * Parsing each fragment here would cost every load of the core about 20 ms.
 */
export function mergeAbis(...lists: ReadonlyArray<readonly string[]>): string[] {
  return lists.flat();
}

/** Reads of a TokenManager of either stack (the deploy call is encoded per ABI, elsewhere). */
export const TOKEN_MANAGER_READ_ABI = mergeAbis(
  TOKEN_MANAGER_CORE_ABI,
  LIVE_TOKEN_MANAGER_ABI.filter((f) => !f.startsWith("function deployTokenWithAllocations")),
);
export const TOKEN_READ_ABI = mergeAbis(HOKUSAI_TOKEN_ABI, LIVE_TOKEN_ABI);
export const PARAMS_READ_ABI = mergeAbis(HOKUSAI_PARAMS_ABI, LIVE_PARAMS_ABI);
export const AMM_FACTORY_READ_ABI = mergeAbis(AMM_FACTORY_ABI, LIVE_AMM_FACTORY_ABI);
export const AMM_POOL_READ_ABI = mergeAbis(AMM_POOL_ABI, LIVE_AMM_POOL_ABI);
