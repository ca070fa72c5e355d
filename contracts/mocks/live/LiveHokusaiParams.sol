// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IHokusaiParams} from "../../interfaces/IHokusaiParams.sol";
import {LiveAccessControl} from "./LiveAccess.sol";

/// @title A model's parameters as the live HokusaiParams exposes them.
/// @dev Unlike the guide's params there is no governor() getter and the oracle price is
///      oraclePricePerThousandUsd(): the governor is whoever holds GOV_ROLE (and the token's owner()).
///      The deployment factory moves DEFAULT_ADMIN_ROLE from itself to the governor.
contract LiveHokusaiParams is LiveAccessControl {
    bytes32 public constant GOV_ROLE = keccak256("GOV_ROLE");

    uint256 public constant MIN_TOKENS_PER_DELTA_ONE = 100 ether;
    uint256 public constant MAX_TOKENS_PER_DELTA_ONE = 10_000_000 ether;
    uint16 public constant MIN_INFRASTRUCTURE_ACCRUAL_BPS = 1000;
    uint16 public constant MAX_INFRASTRUCTURE_ACCRUAL_BPS = 10000;
    /// @dev USD with 6 decimals: one million dollars per thousand calls.
    uint256 public constant MAX_ORACLE_PRICE_PER_THOUSAND_USD = 1e12;

    bool public constant DEFAULT_VESTING_ENABLED = true;
    uint16 public constant DEFAULT_IMMEDIATE_UNLOCK_BPS = 1000;
    uint64 public constant DEFAULT_VESTING_DURATION_SECONDS = 365 days;
    uint64 public constant DEFAULT_CLIFF_SECONDS = 0;

    /// @dev Values up to this are whole tokens, above it wei: both spellings are in use.
    uint256 private constant WHOLE_TOKENS_UP_TO = 10_000_000;

    uint256 public tokensPerDeltaOne;
    uint16 public infrastructureAccrualBps;
    uint256 public oraclePricePerThousandUsd;
    bytes32 public licenseHash;
    string public licenseURI;
    IHokusaiParams.VestingConfig private _vesting;

    event TokensPerDeltaOneSet(uint256 indexed oldValue, uint256 indexed newValue, address indexed updatedBy);
    event InfrastructureAccrualBpsSet(uint16 indexed oldBps, uint16 indexed newBps, address indexed updatedBy);
    event OraclePricePerThousandUsdSet(uint256 indexed oldValue, uint256 indexed newValue, address indexed updatedBy);
    event LicenseRefSet(bytes32 indexed oldHash, bytes32 indexed newHash, string newUri, address indexed updatedBy);
    event VestingConfigSet(
        bool enabled,
        uint16 immediateUnlockBps,
        uint64 vestingDurationSeconds,
        uint64 cliffSeconds,
        address indexed updatedBy
    );

    constructor(
        uint256 initialTokensPerDeltaOne,
        uint16 initialInfrastructureAccrualBps,
        uint256 initialOraclePricePerThousandUsd,
        bytes32 initialLicenseHash,
        string memory initialLicenseURI,
        address governor,
        IHokusaiParams.VestingConfig memory initialVestingConfig
    ) {
        require(governor != address(0), "Governor cannot be zero address");
        tokensPerDeltaOne = _checkedTokensPerDeltaOne(initialTokensPerDeltaOne);
        _checkAccrualBps(initialInfrastructureAccrualBps);
        _checkOraclePrice(initialOraclePricePerThousandUsd);
        infrastructureAccrualBps = initialInfrastructureAccrualBps;
        oraclePricePerThousandUsd = initialOraclePricePerThousandUsd;
        licenseHash = initialLicenseHash;
        licenseURI = initialLicenseURI;
        // All zero is the "use the defaults" sentinel, and only here: setVestingConfig stores it as "disabled".
        IHokusaiParams.VestingConfig memory v = initialVestingConfig;
        if (!v.enabled && v.immediateUnlockBps == 0 && v.vestingDurationSeconds == 0 && v.cliffSeconds == 0) {
            v = IHokusaiParams.VestingConfig(
                DEFAULT_VESTING_ENABLED,
                DEFAULT_IMMEDIATE_UNLOCK_BPS,
                DEFAULT_VESTING_DURATION_SECONDS,
                DEFAULT_CLIFF_SECONDS
            );
        } else {
            _checkVesting(v);
        }
        _vesting = v;

        _grantRole(DEFAULT_ADMIN_ROLE, msg.sender);
        _grantRole(GOV_ROLE, governor);
    }

    // --- views -------------------------------------------------------------

    function getProfitShareBps() external view returns (uint16) {
        return MAX_INFRASTRUCTURE_ACCRUAL_BPS - infrastructureAccrualBps;
    }

    function licenseRef() external view returns (bytes32 hash, string memory uri) {
        return (licenseHash, licenseURI);
    }

    function vestingConfig() external view returns (IHokusaiParams.VestingConfig memory) {
        return _vesting;
    }

    function vestingEnabled() external view returns (bool) {
        return _vesting.enabled;
    }

    function immediateUnlockBps() external view returns (uint16) {
        return _vesting.immediateUnlockBps;
    }

    function vestingDurationSeconds() external view returns (uint64) {
        return _vesting.vestingDurationSeconds;
    }

    function cliffSeconds() external view returns (uint64) {
        return _vesting.cliffSeconds;
    }

    // --- governance --------------------------------------------------------

    function setTokensPerDeltaOne(uint256 newValue) external onlyRole(GOV_ROLE) {
        uint256 oldValue = tokensPerDeltaOne;
        tokensPerDeltaOne = _checkedTokensPerDeltaOne(newValue);
        emit TokensPerDeltaOneSet(oldValue, tokensPerDeltaOne, msg.sender);
    }

    function setInfrastructureAccrualBps(uint16 newBps) external onlyRole(GOV_ROLE) {
        _checkAccrualBps(newBps);
        emit InfrastructureAccrualBpsSet(infrastructureAccrualBps, newBps, msg.sender);
        infrastructureAccrualBps = newBps;
    }

    function setOraclePricePerThousandUsd(uint256 newValue) external onlyRole(GOV_ROLE) {
        _checkOraclePrice(newValue);
        emit OraclePricePerThousandUsdSet(oraclePricePerThousandUsd, newValue, msg.sender);
        oraclePricePerThousandUsd = newValue;
    }

    function setLicenseRef(bytes32 hash, string calldata uri) external onlyRole(GOV_ROLE) {
        emit LicenseRefSet(licenseHash, hash, uri, msg.sender);
        licenseHash = hash;
        licenseURI = uri;
    }

    function setVestingConfig(IHokusaiParams.VestingConfig calldata cfg) external onlyRole(GOV_ROLE) {
        _checkVesting(cfg);
        _vesting = cfg;
        emit VestingConfigSet(cfg.enabled, cfg.immediateUnlockBps, cfg.vestingDurationSeconds, cfg.cliffSeconds, msg.sender);
    }

    // --- checks ------------------------------------------------------------

    function _checkedTokensPerDeltaOne(uint256 value) private pure returns (uint256 normalized) {
        normalized = value <= WHOLE_TOKENS_UP_TO ? value * 1 ether : value;
        require(
            normalized >= MIN_TOKENS_PER_DELTA_ONE && normalized <= MAX_TOKENS_PER_DELTA_ONE,
            "tokensPerDeltaOne must be between 100 and 10000000 whole tokens (wei-scaled)"
        );
    }

    function _checkAccrualBps(uint16 bps) private pure {
        require(
            bps >= MIN_INFRASTRUCTURE_ACCRUAL_BPS && bps <= MAX_INFRASTRUCTURE_ACCRUAL_BPS,
            "infrastructureAccrualBps must be between 1000 and 10000"
        );
    }

    function _checkOraclePrice(uint256 value) private pure {
        require(value <= MAX_ORACLE_PRICE_PER_THOUSAND_USD, "oraclePricePerThousandUsd exceeds maximum");
    }

    function _checkVesting(IHokusaiParams.VestingConfig memory cfg) private pure {
        require(cfg.immediateUnlockBps <= 10000, "immediateUnlockBps must be <= 10000");
        if (cfg.enabled) {
            require(cfg.vestingDurationSeconds > 0, "vesting duration must be > 0");
            require(cfg.cliffSeconds <= cfg.vestingDurationSeconds, "cliff exceeds vesting duration");
        } else {
            require(cfg.cliffSeconds == 0, "disabled vesting cliff must be 0");
            require(cfg.vestingDurationSeconds == 0, "disabled vesting duration must be 0");
        }
    }
}
