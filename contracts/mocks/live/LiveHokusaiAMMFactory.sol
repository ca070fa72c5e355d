// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IHokusaiErrors} from "../../interfaces/IHokusaiErrors.sol";
import {LiveOwnable} from "./LiveAccess.sol";
import {LiveHokusaiAMM} from "./LiveHokusaiAMM.sol";
import {LiveHokusaiAMMPoolDeployer} from "./LiveHokusaiAMMPoolDeployer.sol";
import {LiveModelRegistry} from "./LiveModelRegistry.sol";
import {LiveTokenManager} from "./LiveTokenManager.sol";

/// @title The live AMM factory: one pool per registered, active model, created by the backend (the owner).
/// @dev The pool is registered in the ModelRegistry in the same transaction, so this factory must be
///      one of its pool registrars. Minting is not granted here: the TokenManager owner then calls
///      authorizeAMM(pool).
contract LiveHokusaiAMMFactory is IHokusaiErrors, LiveOwnable {
    uint256 public constant MIN_CRR = 50_000;
    uint256 public constant MAX_CRR = 1_000_000;
    uint256 public constant MAX_TRADE_FEE = 1000;
    uint256 public constant MIN_IBR_DURATION = 1 days;
    uint256 public constant MAX_IBR_DURATION = 30 days;

    LiveModelRegistry public immutable modelRegistry;
    LiveTokenManager public immutable tokenManager;
    address public immutable reserveToken;
    address public treasury;
    address public poolDeployer;

    uint256 public defaultCrr = 200_000;
    uint256 public defaultTradeFee = 30;
    uint256 public defaultIbrDuration = 7 days;
    uint256 public defaultFlatCurveThreshold = 25_000e6;
    uint256 public defaultFlatCurvePrice = 10_000;

    mapping(string => address) public pools;
    mapping(address => string) public poolToModel;
    mapping(address => bool) public isPool;
    address[] public allPools;

    event PoolCreated(
        string indexed modelId,
        address indexed poolAddress,
        address indexed tokenAddress,
        uint256 crr,
        uint256 tradeFee,
        uint256 ibrDuration
    );
    event PoolCreatedWithWhitelist(string indexed modelId, address indexed poolAddress, address indexed whitelistAddress);
    event DefaultsUpdated(uint256 newCrr, uint256 newTradeFee, uint256 newIbrDuration);
    event TreasuryUpdated(address indexed newTreasury);
    event PoolDeployerUpdated(address indexed poolDeployer);
    event PoolPaused(string modelId, address indexed pool, address indexed caller);
    event PoolUnpaused(string modelId, address indexed pool, address indexed caller);

    constructor(address modelRegistry_, address payable tokenManager_, address reserveToken_, address treasury_) {
        if (modelRegistry_ == address(0)) revert ZeroAddress("registry");
        if (tokenManager_ == address(0)) revert ZeroAddress("token manager");
        if (reserveToken_ == address(0)) revert ZeroAddress("reserve token");
        if (treasury_ == address(0)) revert ZeroAddress("treasury");
        modelRegistry = LiveModelRegistry(modelRegistry_);
        tokenManager = LiveTokenManager(tokenManager_);
        reserveToken = reserveToken_;
        treasury = treasury_;
    }

    // --- pool creation -----------------------------------------------------

    function createPool(string calldata modelId, address tokenAddress) external onlyOwner returns (address) {
        return _createDefault(modelId, tokenAddress);
    }

    // solhint-disable-next-line function-max-lines
    function createPoolWithParams(
        string memory modelId,
        address tokenAddress,
        uint256 crr,
        uint256 tradeFee,
        uint256 ibrDuration,
        uint256 flatCurveThreshold,
        uint256 flatCurvePrice
    ) public onlyOwner returns (address poolAddress) {
        if (bytes(modelId).length == 0) revert EmptyString("model ID");
        if (tokenAddress == address(0)) revert ZeroAddress("token address");
        require(pools[modelId] == address(0), "Pool already exists");
        if (crr < MIN_CRR || crr > MAX_CRR) revert ValueOutOfBounds(crr, MIN_CRR, MAX_CRR);
        if (tradeFee > MAX_TRADE_FEE) revert FeeTooHigh(tradeFee, MAX_TRADE_FEE);
        if (ibrDuration < MIN_IBR_DURATION || ibrDuration > MAX_IBR_DURATION) {
            revert ValueOutOfBounds(ibrDuration, MIN_IBR_DURATION, MAX_IBR_DURATION);
        }
        if (flatCurveThreshold == 0) revert InvalidAmount("flat curve threshold");
        if (flatCurvePrice == 0) revert InvalidAmount("flat curve price");
        require(poolDeployer != address(0), "PoolDeployerNotSet");
        require(modelRegistry.isStringRegistered(modelId), "Model not registered in ModelRegistry");
        require(modelRegistry.isStringActive(modelId), "Model is deactivated");
        require(tokenManager.hasToken(modelId), "Token not registered with TokenManager");
        require(tokenManager.getTokenAddress(modelId) == tokenAddress, "Token address mismatch");

        poolAddress = LiveHokusaiAMMPoolDeployer(poolDeployer).deployPool(
            reserveToken,
            tokenAddress,
            payable(address(tokenManager)),
            modelId,
            treasury,
            crr,
            tradeFee,
            ibrDuration,
            flatCurveThreshold,
            flatCurvePrice
        );
        pools[modelId] = poolAddress;
        poolToModel[poolAddress] = modelId;
        isPool[poolAddress] = true;
        allPools.push(poolAddress);
        modelRegistry.registerPool(modelId, poolAddress);
        emit PoolCreated(modelId, poolAddress, tokenAddress, crr, tradeFee, ibrDuration);
    }

    /// @param purchaserWhitelist address(0) leaves the pool public.
    function createPoolWithWhitelist(
        string calldata modelId,
        address tokenAddress,
        address purchaserWhitelist
    ) external onlyOwner returns (address poolAddress) {
        poolAddress = _createDefault(modelId, tokenAddress);
        _attachWhitelist(modelId, poolAddress, purchaserWhitelist);
    }

    /// @param purchaserWhitelist address(0) leaves the pool public.
    function createPoolWithParamsAndWhitelist(
        string calldata modelId,
        address tokenAddress,
        uint256 crr,
        uint256 tradeFee,
        uint256 ibrDuration,
        uint256 flatCurveThreshold,
        uint256 flatCurvePrice,
        address purchaserWhitelist
    ) external onlyOwner returns (address poolAddress) {
        poolAddress = createPoolWithParams(
            modelId,
            tokenAddress,
            crr,
            tradeFee,
            ibrDuration,
            flatCurveThreshold,
            flatCurvePrice
        );
        _attachWhitelist(modelId, poolAddress, purchaserWhitelist);
    }

    // --- lookup ------------------------------------------------------------

    function getPool(string calldata modelId) external view returns (address) {
        return pools[modelId];
    }

    function hasPool(string calldata modelId) external view returns (bool) {
        return pools[modelId] != address(0);
    }

    function getModelId(address poolAddress) external view returns (string memory) {
        require(isPool[poolAddress], "Not a valid pool");
        return poolToModel[poolAddress];
    }

    function poolCount() external view returns (uint256) {
        return allPools.length;
    }

    function getAllPools() external view returns (address[] memory) {
        return allPools;
    }

    // --- configuration -----------------------------------------------------

    /// @notice Set once: the deployer is created with this factory's address.
    function setPoolDeployer(address poolDeployer_) external onlyOwner {
        require(poolDeployer == address(0), "PoolDeployerAlreadySet");
        if (poolDeployer_ == address(0)) revert ZeroAddress("pool deployer");
        poolDeployer = poolDeployer_;
        emit PoolDeployerUpdated(poolDeployer_);
    }

    function setDefaults(uint256 newCrr, uint256 newTradeFee, uint256 newIbrDuration) external onlyOwner {
        if (newCrr < MIN_CRR || newCrr > MAX_CRR) revert ValueOutOfBounds(newCrr, MIN_CRR, MAX_CRR);
        if (newTradeFee > MAX_TRADE_FEE) revert FeeTooHigh(newTradeFee, MAX_TRADE_FEE);
        if (newIbrDuration < MIN_IBR_DURATION || newIbrDuration > MAX_IBR_DURATION) {
            revert ValueOutOfBounds(newIbrDuration, MIN_IBR_DURATION, MAX_IBR_DURATION);
        }
        defaultCrr = newCrr;
        defaultTradeFee = newTradeFee;
        defaultIbrDuration = newIbrDuration;
        emit DefaultsUpdated(newCrr, newTradeFee, newIbrDuration);
    }

    function setTreasury(address newTreasury) external onlyOwner {
        if (newTreasury == address(0)) revert ZeroAddress("treasury");
        treasury = newTreasury;
        emit TreasuryUpdated(newTreasury);
    }

    function pausePool(string calldata modelId) external onlyOwner {
        address pool = _existingPool(modelId);
        LiveHokusaiAMM(pool).pause();
        emit PoolPaused(modelId, pool, msg.sender);
    }

    function unpausePool(string calldata modelId) external onlyOwner {
        address pool = _existingPool(modelId);
        LiveHokusaiAMM(pool).unpause();
        emit PoolUnpaused(modelId, pool, msg.sender);
    }

    // --- internals ---------------------------------------------------------

    function _createDefault(string memory modelId, address tokenAddress) private returns (address) {
        return
            createPoolWithParams(
                modelId,
                tokenAddress,
                defaultCrr,
                defaultTradeFee,
                defaultIbrDuration,
                defaultFlatCurveThreshold,
                defaultFlatCurvePrice
            );
    }

    function _attachWhitelist(string memory modelId, address pool, address whitelist) private {
        if (whitelist != address(0)) LiveHokusaiAMM(pool).setPurchaserWhitelist(whitelist);
        emit PoolCreatedWithWhitelist(modelId, pool, whitelist);
    }

    function _existingPool(string calldata modelId) private view returns (address pool) {
        pool = pools[modelId];
        require(pool != address(0), "Pool not found");
    }
}
