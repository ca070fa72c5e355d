// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {IHokusaiAMMFactory} from "../interfaces/IHokusaiAMMFactory.sol";
import {IHokusaiErrors} from "../interfaces/IHokusaiErrors.sol";
import {ITokenManagerCore} from "../interfaces/ITokenManager.sol";
import {MockHokusaiAMM} from "./MockHokusaiAMM.sol";

/// @title Creates one AMM pool per model; called by the backend's server signer (the owner).
/// @dev The factory does not make the pool a minter: the TokenManager owner then calls authorizeAMM(pool).
contract MockHokusaiAMMFactory is IHokusaiAMMFactory, IHokusaiErrors, Ownable {
    uint256 public constant MIN_CRR = 50_000;
    uint256 public constant MAX_CRR = 1_000_000;
    uint256 public constant MAX_TRADE_FEE = 1000;
    uint256 public constant MIN_IBR_DURATION = 1 days;
    uint256 public constant MAX_IBR_DURATION = 30 days;

    // The defaults are named as the live factory's getters.
    // solhint-disable const-name-snakecase
    uint256 public constant defaultCrr = 200_000;
    uint256 public constant defaultTradeFee = 30;
    uint256 public constant defaultIbrDuration = 7 days;
    uint256 public constant defaultFlatCurveThreshold = 25_000e6;
    uint256 public constant defaultFlatCurvePrice = 10_000;
    // solhint-enable const-name-snakecase

    address public immutable tokenManager;
    address public immutable reserveToken;
    address public immutable treasury;

    mapping(string => address) private _pools;
    uint256 public poolCount;

    constructor(address owner_, address tokenManager_, address reserveToken_, address treasury_) Ownable(owner_) {
        if (tokenManager_ == address(0)) revert ZeroAddress("token manager");
        if (reserveToken_ == address(0)) revert ZeroAddress("reserve token");
        if (treasury_ == address(0)) revert ZeroAddress("treasury");
        tokenManager = tokenManager_;
        reserveToken = reserveToken_;
        treasury = treasury_;
    }

    function createPool(string calldata modelId, address token) external onlyOwner returns (address) {
        return
            _createPool(
                modelId,
                token,
                defaultCrr,
                defaultTradeFee,
                defaultIbrDuration,
                defaultFlatCurveThreshold,
                defaultFlatCurvePrice
            );
    }

    function createPoolWithParams(
        string calldata modelId,
        address token,
        uint256 crr,
        uint256 tradeFee,
        uint256 ibrDuration,
        uint256 flatCurveThreshold,
        uint256 flatCurvePrice
    ) external onlyOwner returns (address) {
        return _createPool(modelId, token, crr, tradeFee, ibrDuration, flatCurveThreshold, flatCurvePrice);
    }

    function getPool(string calldata modelId) external view returns (address) {
        return _pools[modelId];
    }

    function hasPool(string calldata modelId) external view returns (bool) {
        return _pools[modelId] != address(0);
    }

    function _createPool(
        string calldata modelId,
        address token,
        uint256 crr,
        uint256 tradeFee,
        uint256 ibrDuration,
        uint256 flatCurveThreshold,
        uint256 flatCurvePrice
    ) private returns (address pool) {
        if (bytes(modelId).length == 0) revert EmptyString("model ID");
        if (token == address(0)) revert ZeroAddress("token");
        require(_pools[modelId] == address(0), "Pool already exists");
        ITokenManagerCore manager = ITokenManagerCore(tokenManager);
        require(manager.hasToken(modelId), "Token not registered with TokenManager");
        require(manager.getTokenAddress(modelId) == token, "Token address mismatch");
        if (crr < MIN_CRR || crr > MAX_CRR) revert ValueOutOfBounds(crr, MIN_CRR, MAX_CRR);
        if (tradeFee > MAX_TRADE_FEE) revert FeeTooHigh(tradeFee, MAX_TRADE_FEE);
        if (ibrDuration < MIN_IBR_DURATION || ibrDuration > MAX_IBR_DURATION) {
            revert ValueOutOfBounds(ibrDuration, MIN_IBR_DURATION, MAX_IBR_DURATION);
        }
        if (flatCurveThreshold == 0) revert InvalidAmount("flat curve threshold");
        if (flatCurvePrice == 0) revert InvalidAmount("flat curve price");

        pool = address(
            new MockHokusaiAMM(
                MockHokusaiAMM.PoolConfig(
                    modelId,
                    token,
                    reserveToken,
                    tokenManager,
                    treasury,
                    crr,
                    tradeFee,
                    ibrDuration,
                    flatCurveThreshold,
                    flatCurvePrice
                )
            )
        );
        _pools[modelId] = pool;
        poolCount += 1;
        emit PoolCreated(modelId, pool, token, crr, tradeFee, ibrDuration);
    }

    function _checkOwner() internal view override {
        require(owner() == _msgSender(), "Ownable: caller is not the owner");
    }
}
