// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IHokusaiParams} from "../interfaces/IHokusaiParams.sol";
import {IHokusaiErrors} from "../interfaces/IHokusaiErrors.sol";

/// @title Per-model parameters, deployed by the TokenManager for each model token.
/// @dev The bounds are checked here, as in the live system, so a bad value reverts from
///      inside the TokenManager's deployment with one of these revert strings.
contract MockHokusaiParams is IHokusaiParams, IHokusaiErrors, AccessControl {
    bytes32 public constant GOV_ROLE = keccak256("GOV_ROLE");

    /// @dev A tokensPerDeltaOne at or below this is read as whole tokens, above it as wei.
    uint256 public constant WHOLE_TOKEN_THRESHOLD = 10_000_000;
    uint256 public constant MIN_TOKENS_PER_DELTA_ONE = 100e18;
    uint256 public constant MAX_TOKENS_PER_DELTA_ONE = 10_000_000e18;
    uint16 public constant MIN_INFRASTRUCTURE_ACCRUAL_BPS = 1000;
    uint16 public constant MAX_INFRASTRUCTURE_ACCRUAL_BPS = 10000;
    /// @dev USD with 6 decimals: one million dollars per thousand calls.
    uint256 public constant MAX_ORACLE_PRICE_PER_THOUSAND_USD = 1e12;

    uint16 public constant DEFAULT_IMMEDIATE_UNLOCK_BPS = 1000;
    uint64 public constant DEFAULT_VESTING_DURATION = 365 days;

    uint256 public tokensPerDeltaOne;
    uint16 public infrastructureAccrualBps;
    uint256 public immutable initialOraclePricePerThousandUsd;
    bytes32 public licenseHash;
    string public licenseURI;
    address public immutable governor;
    VestingConfig private _vestingConfig;

    constructor(
        uint256 tokensPerDeltaOne_,
        uint16 infrastructureAccrualBps_,
        uint256 initialOraclePricePerThousandUsd_,
        bytes32 licenseHash_,
        string memory licenseURI_,
        address governor_,
        VestingConfig memory vestingConfig_
    ) {
        if (governor_ == address(0)) revert ZeroAddress("governor");
        tokensPerDeltaOne = _checkedTokensPerDeltaOne(tokensPerDeltaOne_);
        _checkAccrualBps(infrastructureAccrualBps_);
        require(
            initialOraclePricePerThousandUsd_ <= MAX_ORACLE_PRICE_PER_THOUSAND_USD,
            "initialOraclePricePerThousandUsd must be at most 1e12"
        );
        infrastructureAccrualBps = infrastructureAccrualBps_;
        initialOraclePricePerThousandUsd = initialOraclePricePerThousandUsd_;
        licenseHash = licenseHash_;
        licenseURI = licenseURI_;
        governor = governor_;
        _vestingConfig = _checkedVesting(vestingConfig_);

        _grantRole(DEFAULT_ADMIN_ROLE, msg.sender);
        _grantRole(GOV_ROLE, governor_);
    }

    /// @notice The wei amount a raw tokensPerDeltaOne stands for (whole tokens up to 10,000,000).
    function normalizeTokensPerDeltaOne(uint256 value) public pure returns (uint256) {
        return value <= WHOLE_TOKEN_THRESHOLD ? value * 1e18 : value;
    }

    function getProfitShareBps() external view returns (uint16) {
        return MAX_INFRASTRUCTURE_ACCRUAL_BPS - infrastructureAccrualBps;
    }

    function licenseRef() external view returns (bytes32 hash, string memory uri) {
        return (licenseHash, licenseURI);
    }

    function vestingConfig() external view returns (VestingConfig memory) {
        return _vestingConfig;
    }

    function setLicenseRef(bytes32 hash, string calldata uri) external onlyRole(GOV_ROLE) {
        bytes32 oldHash = licenseHash;
        licenseHash = hash;
        licenseURI = uri;
        emit LicenseRefSet(oldHash, hash, uri, msg.sender);
    }

    function setTokensPerDeltaOne(uint256 newValue) external onlyRole(GOV_ROLE) {
        uint256 oldValue = tokensPerDeltaOne;
        tokensPerDeltaOne = _checkedTokensPerDeltaOne(newValue);
        emit TokensPerDeltaOneSet(oldValue, tokensPerDeltaOne, msg.sender);
    }

    function setInfrastructureAccrualBps(uint16 newBps) external onlyRole(GOV_ROLE) {
        _checkAccrualBps(newBps);
        uint16 oldBps = infrastructureAccrualBps;
        infrastructureAccrualBps = newBps;
        emit InfrastructureAccrualBpsSet(oldBps, newBps, msg.sender);
    }

    function _checkedTokensPerDeltaOne(uint256 value) private pure returns (uint256 normalized) {
        normalized = normalizeTokensPerDeltaOne(value);
        require(
            normalized >= MIN_TOKENS_PER_DELTA_ONE && normalized <= MAX_TOKENS_PER_DELTA_ONE,
            "tokensPerDeltaOne must be between 100 and 10000000 tokens"
        );
    }

    function _checkAccrualBps(uint16 bps) private pure {
        require(
            bps >= MIN_INFRASTRUCTURE_ACCRUAL_BPS && bps <= MAX_INFRASTRUCTURE_ACCRUAL_BPS,
            "infrastructureAccrualBps must be between 1000 and 10000"
        );
    }

    function _checkedVesting(VestingConfig memory config) private pure returns (VestingConfig memory) {
        if (
            !config.enabled &&
            config.immediateUnlockBps == 0 &&
            config.vestingDurationSeconds == 0 &&
            config.cliffSeconds == 0
        ) {
            return VestingConfig(true, DEFAULT_IMMEDIATE_UNLOCK_BPS, DEFAULT_VESTING_DURATION, 0);
        }
        if (config.immediateUnlockBps > 10000) revert ValueOutOfBounds(config.immediateUnlockBps, 0, 10000);
        if (config.enabled) {
            if (config.vestingDurationSeconds == 0) revert InvalidAmount("vesting duration");
            if (config.cliffSeconds > config.vestingDurationSeconds) {
                revert ValueOutOfBounds(config.cliffSeconds, 0, config.vestingDurationSeconds);
            }
        }
        return config;
    }
}
