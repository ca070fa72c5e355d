/**
 * The live Hokusai stack (Sepolia and mainnet: DeployableTokenManager, ModelRegistry,
 * RewardVestingVault, HokusaiAMMFactory, HokusaiAMM, PurchaserWhitelist) as human-readable
 * fragments, each written as the live contract declares it, parameter names included. Only
 * what a deployment or launch tool calls, listens to or decodes is here.
 * test/contracts/live/live-abi.test.ts holds the live-like mocks to these fragments.
 */

const VESTING_CONFIG =
  "(bool enabled, uint16 immediateUnlockBps, uint64 vestingDurationSeconds, uint64 cliffSeconds)";
const INITIAL_PARAMS = `(uint256 tokensPerDeltaOne, uint16 infrastructureAccrualBps, uint256 initialOraclePricePerThousandUsd, bytes32 licenseHash, string licenseURI, address governor, ${VESTING_CONFIG} vestingConfig)`;
const VESTING_SCHEDULE =
  "(address token, address beneficiary, string modelId, uint256 totalAmount, uint256 claimed, uint64 start, uint64 cliffSeconds, uint64 duration)";

const OWNABLE = [
  "function owner() view returns (address)",
  "function transferOwnership(address newOwner)",
  "event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)",
] as const;

const ACCESS_CONTROL = [
  "function DEFAULT_ADMIN_ROLE() view returns (bytes32)",
  "function hasRole(bytes32 role, address account) view returns (bool)",
  "function grantRole(bytes32 role, address account)",
  "function revokeRole(bytes32 role, address account)",
  "event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender)",
] as const;

/** ValidationLib's errors, which carry the name of the field that failed. */
const VALIDATION_ERRORS = [
  "error ZeroAddress(string context)",
  "error InvalidAmount(string context)",
  "error EmptyString(string context)",
] as const;

/** DeployableTokenManager. It has no isAuthorizedAMM(): a pool may mint when it has MINTER_ROLE. */
export const LIVE_TOKEN_MANAGER_ABI = [
  `function deployTokenWithAllocations(string modelId, string name, string symbol, uint256 modelSupplierAllocation, address modelSupplierRecipient, uint256 investorAllocation, ${INITIAL_PARAMS} initialParams) payable returns (address tokenAddress)`,
  "function distributeModelSupplierAllocation(string modelId)",
  "function authorizeAMM(address amm)",
  "function revokeAMM(address amm)",
  "function setDeploymentFee(uint256 _fee)",
  "function setVestingVault(address vaultAddress)",
  "function deploymentFee() view returns (uint256)",
  "function feeRecipient() view returns (address)",
  "function registry() view returns (address)",
  "function tokenDeploymentFactory() view returns (address)",
  "function vestingVault() view returns (address)",
  "function deltaVerifier() view returns (address)",
  "function modelTokens(string) view returns (address)",
  "function modelParams(string) view returns (address)",
  "function tokenToModel(address) view returns (string)",
  "function getTokenAddress(string modelId) view returns (address)",
  "function hasToken(string modelId) view returns (bool)",
  "function getParamsAddress(string modelId) view returns (address)",
  "function hasParams(string modelId) view returns (bool)",
  "function getModelId(address tokenAddress) view returns (string)",
  "function getRedeemableSupply(string modelId) view returns (uint256)",
  "function MINTER_ROLE() view returns (bytes32)",
  "function DEPLOYER_ROLE() view returns (bytes32)",
  ...OWNABLE,
  ...ACCESS_CONTROL,
  "event ParamsDeployed(string indexed modelId, address indexed paramsAddress, address indexed deployer, uint256 tokensPerDeltaOne, uint16 infrastructureAccrualBps, uint256 initialOraclePricePerThousandUsd)",
  "event TokenDeployed(string indexed modelId, address indexed tokenAddress, address indexed deployer, string name, string symbol, uint256 totalSupply)",
  "event AllocationDistributed(string indexed modelId, address indexed modelSupplierRecipient, uint256 modelSupplierAllocation, address indexed investorRecipient, uint256 investorAllocation)",
  "event ModelSupplierAllocationDistributed(string indexed modelId, address indexed recipient, uint256 amount)",
  "event SupplierAllocationVested(string indexed modelId, address indexed supplierRecipient, uint256 totalAllocation, uint256 immediateAmount, uint256 vestedAmount, uint256 vestingStart, uint256 vestingEnd)",
  "event TokensMinted(string indexed modelId, address indexed recipient, uint256 amount)",
  "event TokensBurned(string indexed modelId, address indexed account, uint256 amount)",
  "event DeploymentFeeUpdated(uint256 newFee)",
  "event VestingVaultUpdated(address indexed vestingVault)",
  ...VALIDATION_ERRORS,
] as const;

/** HokusaiParams: no governor() (the governor holds GOV_ROLE) and no initialOraclePricePerThousandUsd(). */
export const LIVE_PARAMS_ABI = [
  "function tokensPerDeltaOne() view returns (uint256)",
  "function infrastructureAccrualBps() view returns (uint16)",
  "function getProfitShareBps() view returns (uint16)",
  "function oraclePricePerThousandUsd() view returns (uint256)",
  "function licenseHash() view returns (bytes32)",
  "function licenseURI() view returns (string)",
  "function licenseRef() view returns (bytes32 hash, string uri)",
  "function vestingEnabled() view returns (bool)",
  "function immediateUnlockBps() view returns (uint16)",
  "function vestingDurationSeconds() view returns (uint64)",
  "function cliffSeconds() view returns (uint64)",
  `function vestingConfig() view returns (${VESTING_CONFIG})`,
  "function GOV_ROLE() view returns (bytes32)",
  ...ACCESS_CONTROL,
  "function setLicenseRef(bytes32 hash, string uri)",
  "function setOraclePricePerThousandUsd(uint256 newValue)",
  `function setVestingConfig(${VESTING_CONFIG} cfg)`,
  "function setTokensPerDeltaOne(uint256 newValue)",
  "function setInfrastructureAccrualBps(uint16 newBps)",
  "event LicenseRefSet(bytes32 indexed oldHash, bytes32 indexed newHash, string newUri, address indexed updatedBy)",
  "event OraclePricePerThousandUsdSet(uint256 indexed oldValue, uint256 indexed newValue, address indexed updatedBy)",
  "event VestingConfigSet(bool enabled, uint16 immediateUnlockBps, uint64 vestingDurationSeconds, uint64 cliffSeconds, address indexed updatedBy)",
  "event TokensPerDeltaOneSet(uint256 indexed oldValue, uint256 indexed newValue, address indexed updatedBy)",
  "event InfrastructureAccrualBpsSet(uint16 indexed oldBps, uint16 indexed newBps, address indexed updatedBy)",
] as const;

/** HokusaiToken: owner() is the model's governor, controller() the TokenManager. */
export const LIVE_TOKEN_ABI = [
  "function name() view returns (string)",
  "function symbol() view returns (string)",
  "function decimals() view returns (uint8)",
  "function totalSupply() view returns (uint256)",
  "function balanceOf(address account) view returns (uint256)",
  "function allowance(address owner, address spender) view returns (uint256)",
  "function approve(address spender, uint256 amount) returns (bool)",
  "function transfer(address to, uint256 amount) returns (bool)",
  "function controller() view returns (address)",
  "function params() view returns (address)",
  "function maxSupply() view returns (uint256)",
  "function modelSupplierAllocation() view returns (uint256)",
  "function modelSupplierRecipient() view returns (address)",
  "function modelSupplierDistributed() view returns (bool)",
  "function investorAllocation() view returns (uint256)",
  "function investorMinted() view returns (uint256)",
  "function rewardMinted() view returns (uint256)",
  "function getRemainingInvestorAllocation() view returns (uint256)",
  "function getRewardMintingCap() view returns (uint256)",
  "function distributeModelSupplierAllocation(address vault, uint256 vestedAmount)",
  ...OWNABLE,
  "event Transfer(address indexed from, address indexed to, uint256 value)",
  "event ModelSupplierAllocationDistributed(address indexed recipient, uint256 amount)",
] as const;

/** ModelRegistry: string ids must be decimal; the factory registers pools as a pool registrar. */
export const MODEL_REGISTRY_ABI = [
  "function registerStringModel(string modelId, address token, string performanceMetric)",
  "function isStringRegistered(string modelId) view returns (bool)",
  "function isStringModelRegistered(string modelId) view returns (bool)",
  "function isStringActive(string modelId) view returns (bool)",
  "function modelsByString(string modelId) view returns (address tokenAddress, string performanceMetric, bool active)",
  "function getStringToken(string modelId) view returns (address)",
  "function deactivateStringModel(string modelId)",
  "function reactivateStringModel(string modelId)",
  "function stringModelTokenManager() view returns (address)",
  "function setStringModelTokenManager(address tokenManager)",
  "function poolRegistrars(address) view returns (bool)",
  "function setPoolRegistrar(address registrar, bool authorized)",
  "function registerPool(string modelId, address pool)",
  "function getPool(string modelId) view returns (address)",
  "function hasPool(string modelId) view returns (bool)",
  "function modelPools(string) view returns (address)",
  "function poolToStringModel(address) view returns (string)",
  ...OWNABLE,
  "event ModelRegistered(uint256 indexed modelId, address indexed tokenAddress, string performanceMetric)",
  "event StringModelRegistered(string indexed modelId, address indexed tokenAddress, string performanceMetric)",
  "event StringModelDeactivated(string indexed modelId)",
  "event StringModelReactivated(string indexed modelId)",
  "event PoolRegistered(string indexed modelId, address indexed poolAddress)",
] as const;

/** RewardVestingVault: linear vesting from the schedule's start, nothing before the cliff. */
export const VESTING_VAULT_ABI = [
  "function tokenManager() view returns (address)",
  "function createSchedule(string modelId, address token, address beneficiary, uint256 totalAmount, uint64 cliffSeconds, uint64 duration) returns (uint256 scheduleId)",
  "function getSchedulesByBeneficiary(address beneficiary) view returns (uint256[] scheduleIds)",
  `function getSchedule(uint256 scheduleId) view returns (${VESTING_SCHEDULE} schedule)`,
  "function claimable(uint256 scheduleId) view returns (uint256 amount)",
  "function vestedAmount(uint256 scheduleId) view returns (uint256 amount)",
  "function unvestedAmount(uint256 scheduleId) view returns (uint256 amount)",
  "function claim(uint256 scheduleId) returns (uint256 claimedAmount)",
  "function nextScheduleId() view returns (uint256)",
  "event VestingScheduleCreated(uint256 indexed scheduleId, string indexed modelId, address indexed beneficiary, address token, uint256 vestedAmount, uint64 start, uint64 cliffSeconds, uint64 duration)",
  "event VestedRewardClaimed(uint256 indexed scheduleId, string indexed modelId, address indexed beneficiary, uint256 amount)",
] as const;

/** HokusaiAMMFactory: pools for registered, active models only; the owner (the backend) creates them. */
export const LIVE_AMM_FACTORY_ABI = [
  "function createPoolWithParams(string modelId, address tokenAddress, uint256 crr, uint256 tradeFee, uint256 ibrDuration, uint256 flatCurveThreshold, uint256 flatCurvePrice) returns (address poolAddress)",
  "function createPoolWithParamsAndWhitelist(string modelId, address tokenAddress, uint256 crr, uint256 tradeFee, uint256 ibrDuration, uint256 flatCurveThreshold, uint256 flatCurvePrice, address purchaserWhitelist) returns (address poolAddress)",
  "function createPool(string modelId, address tokenAddress) returns (address poolAddress)",
  "function createPoolWithWhitelist(string modelId, address tokenAddress, address purchaserWhitelist) returns (address poolAddress)",
  "function getPool(string modelId) view returns (address)",
  "function hasPool(string modelId) view returns (bool)",
  "function pools(string) view returns (address)",
  "function getModelId(address poolAddress) view returns (string)",
  "function poolCount() view returns (uint256)",
  "function modelRegistry() view returns (address)",
  "function tokenManager() view returns (address)",
  "function reserveToken() view returns (address)",
  "function treasury() view returns (address)",
  "function poolDeployer() view returns (address)",
  "function defaultCrr() view returns (uint256)",
  "function defaultTradeFee() view returns (uint256)",
  "function defaultIbrDuration() view returns (uint256)",
  "function defaultFlatCurveThreshold() view returns (uint256)",
  "function defaultFlatCurvePrice() view returns (uint256)",
  "function MIN_CRR() view returns (uint256)",
  "function MAX_CRR() view returns (uint256)",
  "function MAX_TRADE_FEE() view returns (uint256)",
  "function MIN_IBR_DURATION() view returns (uint256)",
  "function MAX_IBR_DURATION() view returns (uint256)",
  ...OWNABLE,
  "event PoolCreated(string indexed modelId, address indexed poolAddress, address indexed tokenAddress, uint256 crr, uint256 tradeFee, uint256 ibrDuration)",
  "event PoolCreatedWithWhitelist(string indexed modelId, address indexed poolAddress, address indexed whitelistAddress)",
  ...VALIDATION_ERRORS,
  "error ValueOutOfBounds(uint256 value, uint256 min, uint256 max)",
  "error FeeTooHigh(uint256 feeBps, uint256 maxBps)",
] as const;

/** HokusaiAMM: buy-only until buyOnlyUntil(); depositFees puts all of the amount in the reserve. */
export const LIVE_AMM_POOL_ABI = [
  "function buy(uint256 reserveIn, uint256 minTokensOut, address to, uint256 deadline) returns (uint256 tokensOut)",
  "function sell(uint256 tokensIn, uint256 minReserveOut, address to, uint256 deadline) returns (uint256 reserveOut)",
  "function depositFees(uint256 amount)",
  "function getBuyQuote(uint256 reserveIn) view returns (uint256 tokensOut)",
  "function getSellQuote(uint256 tokensIn) view returns (uint256 reserveOut)",
  "function spotPrice() view returns (uint256)",
  "function reserveBalance() view returns (uint256)",
  "function getReserves() view returns (uint256 reserve, uint256 supply)",
  "function getTradeInfo() view returns (bool sellsEnabled, uint256 ibrEndTime, bool isPaused)",
  "function isSellEnabled() view returns (bool)",
  "function crr() view returns (uint256)",
  "function tradeFee() view returns (uint256)",
  "function buyOnlyUntil() view returns (uint256)",
  "function maxTradeBps() view returns (uint256)",
  "function FLAT_CURVE_THRESHOLD() view returns (uint256)",
  "function FLAT_CURVE_PRICE() view returns (uint256)",
  "function purchaserWhitelist() view returns (address)",
  "function paused() view returns (bool)",
  "function modelId() view returns (string)",
  "function hokusaiToken() view returns (address)",
  "function reserveToken() view returns (address)",
  "function tokenManager() view returns (address)",
  "function treasury() view returns (address)",
  "function owner() view returns (address)",
  "event Buy(address indexed buyer, uint256 reserveIn, uint256 tokensOut, uint256 fee, uint256 spotPrice)",
  "event Sell(address indexed seller, uint256 tokensIn, uint256 reserveOut, uint256 fee, uint256 spotPrice)",
  "event FeesDeposited(address indexed depositor, uint256 amount, uint256 newReserveBalance, uint256 newSpotPrice)",
  "error NotWhitelisted(address buyer)",
] as const;

/** PurchaserWhitelist: one list for every gated pool. Its ZeroAddress() has no context, unlike ValidationLib's. */
export const PURCHASER_WHITELIST_ABI = [
  "function isWhitelisted(address account) view returns (bool)",
  "function addToWhitelist(address account)",
  "function removeFromWhitelist(address account)",
  "function addBatch(address[] accounts)",
  "function removeBatch(address[] accounts)",
  "function MAX_BATCH() view returns (uint256)",
  "function WHITELIST_ADMIN_ROLE() view returns (bytes32)",
  ...ACCESS_CONTROL,
  "event WalletWhitelisted(address indexed wallet)",
  "event WalletRemovedFromWhitelist(address indexed wallet)",
  "error ZeroAddress()",
  "error BatchTooLarge(uint256 length, uint256 max)",
] as const;

/** The pools' reserve token (USDC, 6 decimals): the platform approves a pool, then calls depositFees. */
export const RESERVE_TOKEN_ABI = [
  "function decimals() view returns (uint8)",
  "function balanceOf(address account) view returns (uint256)",
  "function allowance(address owner, address spender) view returns (uint256)",
  "function approve(address spender, uint256 amount) returns (bool)",
] as const;

// --- revert strings ---------------------------------------------------------

/** Which live contract reverts: TokenManager, HokusaiParams, HokusaiToken, ModelRegistry, AMM factory,
 *  its pool deployer, a pool, the RewardVestingVault, the PurchaserWhitelist, or OpenZeppelin 4 itself. */
export type LiveRevertWhere =
  | "tokenManager"
  | "params"
  | "token"
  | "registry"
  | "factory"
  | "poolDeployer"
  | "pool"
  | "vault"
  | "whitelist"
  | "oz4";

export interface LiveRevertString {
  /** The exact reason string; "{account}" and "{role}" stand for the values of OZ4_MISSING_ROLE. */
  readonly text: string;
  readonly where: LiveRevertWhere;
  /** What it means for a deployment or launch, and the fix. */
  readonly meaning: string;
}

/** The one templated string: OpenZeppelin 4's AccessControl failure, lowercase hex. */
export const OZ4_MISSING_ROLE = /^AccessControl: account (0x[0-9a-f]{40}) is missing role (0x[0-9a-f]{64})$/;

function reverts(where: LiveRevertWhere, table: Readonly<Record<string, string>>): LiveRevertString[] {
  return Object.entries(table).map(([text, meaning]) => ({ text, where, meaning }));
}

/** Every reason string of the live stack that deploying, distributing, registering, launching a pool or trading can hit. */
export const LIVE_REVERT_STRINGS: readonly LiveRevertString[] = [
  ...reverts("tokenManager", {
    "Insufficient deployment fee": "less ETH than deploymentFee(); send the fee (any excess is refunded)",
    "Token already deployed for this model": "the modelId is taken, whoever deployed it and governs it",
    "Failed to refund excess payment": "the caller cannot receive the ETH sent above the fee",
    "Token not deployed for this model": "no token for this modelId (distribution, minting, burning)",
    "Vesting vault not configured": "vested distribution before setVestingVault(vault)",
    "Vesting vault already set": "setVestingVault can be called once",
    "Caller is not authorized to mint": "a buy from a pool without MINTER_ROLE: authorizeAMM(pool) first",
    "Caller is not authorized to burn": "a sell from a pool without MINTER_ROLE: authorizeAMM(pool) first",
    "Model is deactivated": "minting for a model that is deactivated in the ModelRegistry",
    "No fees to withdraw": "withdrawDeploymentFees with no ETH collected",
    "Failed to send deployment fees": "feeRecipient() cannot receive ETH",
  }),
  ...reverts("params", {
    "Governor cannot be zero address": "a zero governor (the TokenManager reverts ZeroAddress first)",
    "tokensPerDeltaOne must be between 100 and 10000000 whole tokens (wei-scaled)":
      "tokensPerDeltaOne outside [100, 10,000,000] tokens (whole tokens up to 10,000,000, else wei)",
    "infrastructureAccrualBps must be between 1000 and 10000":
      "infrastructureAccrualBps outside [1000, 10000]",
    "oraclePricePerThousandUsd exceeds maximum": "the oracle price is above 1e12 (USD with 6 decimals)",
    "immediateUnlockBps must be <= 10000": "the immediate share of the vesting config is above 100%",
    "vesting duration must be > 0": "vesting enabled with a zero duration",
    "cliff exceeds vesting duration": "cliffSeconds above vestingDurationSeconds",
    "disabled vesting cliff must be 0": "vesting disabled with a non-zero cliff",
    "disabled vesting duration must be 0": "vesting disabled with a non-zero duration",
  }),
  ...reverts("token", {
    "Model supplier allocation already distributed": "distributeModelSupplierAllocation runs once per model",
    "Exceeds investor allocation": "a buy would mint past investorAllocation()",
    "Only controller can call this function": "a mint or burn that does not come from the TokenManager",
  }),
  ...reverts("registry", {
    "Model ID must be decimal string":
      'registry ids are numbers: digits only ("28"), so "sentiment-v2" never registers',
    "Model ID cannot be empty": "an empty modelId",
    "Token address cannot be zero": "registering the zero address as the token",
    "Performance metric cannot be empty": "registerStringModel needs a performance metric",
    "Model already registered": 'the number is taken ("028" and "28" are the same model)',
    "Token already registered": "the token is registered under another model",
    "Token not registered in TokenManager": "the TokenManager has no token for this modelId",
    "Token address mismatch with TokenManager": "not the token the TokenManager holds for this modelId",
    "Model not registered": "deactivating, reactivating or registering a pool for an unregistered model",
    "Model already deactivated": "deactivateStringModel on an inactive model",
    "Model already active": "reactivateStringModel on an active model",
    "Caller is not authorized to register pools": "the factory needs setPoolRegistrar(factory, true)",
    "Pool already registered to another model": "the pool address is registered under another model",
    "TokenManager cannot be zero": "setStringModelTokenManager(address(0))",
    "Registrar cannot be zero": "setPoolRegistrar(address(0), ...)",
  }),
  ...reverts("factory", {
    "Pool already exists": "the model has a pool",
    PoolDeployerNotSet: "setPoolDeployer(deployer) was never called",
    PoolDeployerAlreadySet: "setPoolDeployer can be called once",
    "Model not registered in ModelRegistry": "registerStringModel(modelId, token, metric) first",
    "Model is deactivated": "the model is deactivated in the ModelRegistry: reactivateStringModel first",
    "Token not registered with TokenManager": "the TokenManager has no token for this modelId",
    "Token address mismatch": "the token is not the TokenManager's for this modelId",
    "Pool not found": "pausing or unpausing a model without a pool",
  }),
  ...reverts("poolDeployer", { OnlyFactory: "deployPool called by anyone but the factory" }),
  ...reverts("pool", {
    "Transaction expired": "the deadline has passed",
    "Reserve amount must be > 0": "buy(0, ...)",
    "Invalid recipient": "a buy or sell to address(0)",
    "Trade exceeds max size limit": "over maxTradeBps() of the reserve (buys only once past the threshold)",
    "Slippage exceeded": "below minTokensOut, or minReserveOut (checked before the trade fee)",
    "Insufficient output": "the buy would mint no token",
    "Reserve transfer failed": "the reserve token refused a transfer",
    "Fee transfer failed": "the reserve token refused the fee transfer to the treasury",
    "Sells not enabled during IBR": "a sell before buyOnlyUntil()",
    "Token amount must be > 0": "sell(0, ...)",
    "Token transfer failed": "the model token refused the seller's transfer to the pool",
    "Amount must be > 0": "depositFees(0)",
    "Fee deposit failed": "the reserve token refused depositFees' transfer",
  }),
  ...reverts("vault", {
    "Only TokenManager can create schedules": "createSchedule not called by the TokenManager",
    "Schedule does not exist": "no schedule with this id",
    "Only beneficiary can claim": "claim from anyone but the schedule's beneficiary",
    "No vested rewards available": "nothing claimable yet (before the cliff) or all claimed",
    "Vested amount must be > 0": "a schedule of zero tokens",
    "Vesting duration must be > 0": "a schedule of zero duration",
    "Cliff exceeds vesting duration": "a schedule whose cliff is longer than its duration",
  }),
  ...reverts("whitelist", {
    "AccessControlBase: admin cannot be zero": "PurchaserWhitelist deployed with a zero admin",
  }),
  ...reverts("oz4", {
    "Ownable: caller is not the owner": "an owner-only call from another account",
    "Ownable: new owner is the zero address": "transferOwnership(address(0))",
    "AccessControl: account {account} is missing role {role}": "the caller lacks the role (OZ4_MISSING_ROLE)",
    "AccessControl: can only renounce roles for self": "renounceRole for another account",
    "Pausable: paused": "a trade on a paused pool",
    "Pausable: not paused": "unpausing a pool that is not paused",
    "ReentrancyGuard: reentrant call": "a reentrant call",
    "ERC20: insufficient allowance": "approve the pool first: USDC for buy and depositFees, tokens for sell",
    "ERC20: transfer amount exceeds balance": "the sender holds less than the amount",
    "ERC20: burn amount exceeds balance": "burning more than the account holds",
  }),
];
