// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title The factory through which the backend's server signer creates one AMM pool per model.
interface IHokusaiAMMFactory {
    event PoolCreated(
        string indexed modelId,
        address indexed pool,
        address indexed token,
        uint256 crr,
        uint256 tradeFee,
        uint256 ibrDuration
    );

    function tokenManager() external view returns (address);
    function reserveToken() external view returns (address);
    function treasury() external view returns (address);

    function defaultCrr() external view returns (uint256);
    function defaultTradeFee() external view returns (uint256);
    function defaultIbrDuration() external view returns (uint256);
    function defaultFlatCurveThreshold() external view returns (uint256);
    function defaultFlatCurvePrice() external view returns (uint256);

    function createPool(string calldata modelId, address token) external returns (address);
    function createPoolWithParams(
        string calldata modelId,
        address token,
        uint256 crr,
        uint256 tradeFee,
        uint256 ibrDuration,
        uint256 flatCurveThreshold,
        uint256 flatCurvePrice
    ) external returns (address);

    function getPool(string calldata modelId) external view returns (address);
    function hasPool(string calldata modelId) external view returns (bool);
    function poolCount() external view returns (uint256);
}
