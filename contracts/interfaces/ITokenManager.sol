// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title The TokenManager's views, events and backend calls, common to both ABIs.
interface ITokenManagerCore {
    event ParamsDeployed(
        string indexed modelId,
        address indexed paramsAddress,
        address indexed deployer,
        uint256 tokensPerDeltaOne,
        uint16 infrastructureAccrualBps,
        uint256 initialOraclePricePerThousandUsd
    );
    event TokenDeployed(
        string indexed modelId,
        address indexed tokenAddress,
        address indexed deployer,
        string name,
        string symbol,
        uint256 totalSupply
    );
    event AllocationDistributed(
        string indexed modelId,
        address indexed modelSupplierRecipient,
        uint256 modelSupplierAllocation,
        address indexed investorRecipient,
        uint256 investorAllocation
    );
    event ModelSupplierAllocationDistributed(string indexed modelId, address indexed recipient, uint256 amount);
    event DeploymentFeeUpdated(uint256 newFee);
    event DeployerRoleRequiredUpdated(bool required);
    event DeltaVerifierUpdated(address indexed newDeltaVerifier);
    event TokensMinted(string indexed modelId, address indexed recipient, uint256 amount);
    event TokensBurned(string indexed modelId, address indexed account, uint256 amount);
    event DeltaOneRewardMinted(string indexed modelId, address indexed recipient, uint256 deltaOnes, uint256 amount);

    function modelTokens(string calldata modelId) external view returns (address);
    function modelParams(string calldata modelId) external view returns (address);
    function tokenToModel(address token) external view returns (string memory);
    function getTokenAddress(string calldata modelId) external view returns (address);
    function hasToken(string calldata modelId) external view returns (bool);
    function getModelId(address token) external view returns (string memory);
    function getParamsAddress(string calldata modelId) external view returns (address);
    function deploymentFee() external view returns (uint256);
    function deployerRoleRequired() external view returns (bool);

    function distributeModelSupplierAllocation(string calldata modelId) external;
    function authorizeAMM(address amm) external;
    function revokeAMM(address amm) external;
    function isAuthorizedAMM(address amm) external view returns (bool);
    function mintTokens(string calldata modelId, address recipient, uint256 amount) external;
    function burnTokens(string calldata modelId, address account, uint256 amount) external;
    function mintDeltaOneReward(string calldata modelId, address recipient, uint256 deltaOnes) external;
}

/// @title TokenManager v1: the ABI of the user guide (selector 0xfb7b6428).
interface ITokenManager is ITokenManagerCore {
    struct InitialParams {
        uint256 tokensPerDeltaOne;
        uint16 infrastructureAccrualBps;
        uint256 initialOraclePricePerThousandUsd;
        bytes32 licenseHash;
        string licenseURI;
        address governor;
    }

    function deployTokenWithAllocations(
        string calldata modelId,
        string calldata name,
        string calldata symbol,
        uint256 modelSupplierAllocation,
        address modelSupplierRecipient,
        uint256 investorAllocation,
        InitialParams calldata initialParams
    ) external payable returns (address);
}
