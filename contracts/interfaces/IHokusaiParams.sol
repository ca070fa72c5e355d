// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title The per-model parameters contract: license reference, DeltaOne reward, fee split.
interface IHokusaiParams {
    /// @dev All-zero means "use the defaults" (enabled, 10% immediate, 365 days, no cliff).
    struct VestingConfig {
        bool enabled;
        uint16 immediateUnlockBps;
        uint64 vestingDurationSeconds;
        uint64 cliffSeconds;
    }

    event LicenseRefSet(bytes32 oldHash, bytes32 newHash, string newUri, address indexed updatedBy);
    event TokensPerDeltaOneSet(uint256 oldValue, uint256 newValue, address indexed updatedBy);
    event InfrastructureAccrualBpsSet(uint16 oldBps, uint16 newBps, address indexed updatedBy);

    function GOV_ROLE() external view returns (bytes32);
    function tokensPerDeltaOne() external view returns (uint256);
    function infrastructureAccrualBps() external view returns (uint16);
    function getProfitShareBps() external view returns (uint16);
    function initialOraclePricePerThousandUsd() external view returns (uint256);
    function licenseHash() external view returns (bytes32);
    function licenseURI() external view returns (string memory);
    function licenseRef() external view returns (bytes32 hash, string memory uri);
    function governor() external view returns (address);
    function vestingConfig() external view returns (VestingConfig memory);

    function setLicenseRef(bytes32 hash, string calldata uri) external;
    function setTokensPerDeltaOne(uint256 newValue) external;
    function setInfrastructureAccrualBps(uint16 newBps) external;
}
