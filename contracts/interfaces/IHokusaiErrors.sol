// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title The custom errors of the Hokusai contracts (ValidationLib), shared by every mock.
/// @dev Each `context` names the field that failed, e.g. InvalidAmount("investor allocation").
interface IHokusaiErrors {
    error ZeroAddress(string context);
    error InvalidAmount(string context);
    error EmptyString(string context);
    error ValueOutOfBounds(uint256 value, uint256 min, uint256 max);
    error FeeTooHigh(uint256 fee, uint256 maxFee);
}
