// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title A model's AMM pool: a CRR bonding curve against a USDC reserve.
/// @dev Reserve R (USDC, 6 decimals), supply S (18 decimals), ratio w = crr / 1e6:
///      spot P = R / (w S); buying with E mints S((1 + E/R)^w - 1); selling T returns R(1 - (1 - T/S)^(1/w)).
///      Until the reserve reaches flatCurveThreshold, tokens trade at flatCurvePrice.
interface IHokusaiAMM {
    event Buy(address indexed buyer, address indexed recipient, uint256 reserveIn, uint256 fee, uint256 tokensOut);
    event Sell(address indexed seller, address indexed recipient, uint256 tokensIn, uint256 fee, uint256 reserveOut);
    event FeesDeposited(address indexed depositor, uint256 amount, uint256 toReserve, uint256 toInfrastructure);

    function modelId() external view returns (string memory);
    function hokusaiToken() external view returns (address);
    function reserveToken() external view returns (address);
    function crr() external view returns (uint256);
    function tradeFee() external view returns (uint256);
    function ibrDuration() external view returns (uint256);
    function ibrEndTime() external view returns (uint256);
    function flatCurveThreshold() external view returns (uint256);
    function flatCurvePrice() external view returns (uint256);
    function reserveBalance() external view returns (uint256);

    function spotPrice() external view returns (uint256);
    function getBuyQuote(uint256 reserveIn) external view returns (uint256 tokensOut);
    function getSellQuote(uint256 tokensIn) external view returns (uint256 reserveOut);
    function buy(uint256 reserveIn, uint256 minTokensOut, address to, uint256 deadline) external returns (uint256);
    function sell(uint256 tokensIn, uint256 minReserveOut, address to, uint256 deadline) external returns (uint256);
    function depositFees(uint256 amount) external;
}
