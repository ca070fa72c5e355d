// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {ITokenManagerCore} from "../interfaces/ITokenManager.sol";
import {IHokusaiErrors} from "../interfaces/IHokusaiErrors.sol";
import {IHokusaiParams} from "../interfaces/IHokusaiParams.sol";
import {MockHokusaiParams} from "./MockHokusaiParams.sol";
import {MockHokusaiToken} from "./MockHokusaiToken.sol";

/// @title The logic both TokenManager mocks share; they differ only in the ABI of deployment.
/// @dev Access errors are the revert strings of the live contracts (OpenZeppelin 4 style),
///      which is what the user guide's troubleshooting table quotes.
abstract contract MockTokenManagerBase is ITokenManagerCore, IHokusaiErrors, Ownable, AccessControl, ReentrancyGuard {
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    bytes32 public constant DEPLOYER_ROLE = keccak256("DEPLOYER_ROLE");

    /// @dev The fields of InitialParams that both ABIs have, in their order.
    struct CommonParams {
        uint256 tokensPerDeltaOne;
        uint16 infrastructureAccrualBps;
        uint256 initialOraclePricePerThousandUsd;
        bytes32 licenseHash;
        string licenseURI;
        address governor;
    }

    mapping(string => address) public modelTokens;
    mapping(string => address) public modelParams;
    mapping(address => string) public tokenToModel;

    uint256 public deploymentFee;
    bool public deployerRoleRequired;
    address public deltaVerifier;

    constructor(address owner_, uint256 deploymentFee_, bool deployerRoleRequired_) Ownable(owner_) {
        _grantRole(DEFAULT_ADMIN_ROLE, owner_);
        _grantRole(DEPLOYER_ROLE, owner_);
        deploymentFee = deploymentFee_;
        deployerRoleRequired = deployerRoleRequired_;
    }

    // --- views -------------------------------------------------------------

    function getTokenAddress(string calldata modelId) external view returns (address) {
        return modelTokens[modelId];
    }

    function hasToken(string calldata modelId) external view returns (bool) {
        return modelTokens[modelId] != address(0);
    }

    function getModelId(address token) external view returns (string memory) {
        return tokenToModel[token];
    }

    function getParamsAddress(string calldata modelId) external view returns (address) {
        return modelParams[modelId];
    }

    function isAuthorizedAMM(address amm) public view returns (bool) {
        return hasRole(MINTER_ROLE, amm);
    }

    // --- owner settings ----------------------------------------------------

    function setDeploymentFee(uint256 fee) external onlyOwner {
        deploymentFee = fee;
        emit DeploymentFeeUpdated(fee);
    }

    function setDeployerRoleRequired(bool required) external onlyOwner {
        deployerRoleRequired = required;
        emit DeployerRoleRequiredUpdated(required);
    }

    function setDeltaVerifier(address verifier) external onlyOwner {
        if (verifier == address(0)) revert ZeroAddress("delta verifier");
        deltaVerifier = verifier;
        emit DeltaVerifierUpdated(verifier);
    }

    function withdrawDeploymentFees(address payable to) external onlyOwner {
        if (to == address(0)) revert ZeroAddress("fee recipient");
        (bool ok, ) = to.call{value: address(this).balance}("");
        require(ok, "Fee withdrawal failed");
    }

    // --- deployment --------------------------------------------------------

    // solhint-disable-next-line function-max-lines
    function _deployToken(
        string calldata modelId,
        string calldata name,
        string calldata symbol,
        uint256 modelSupplierAllocation,
        address modelSupplierRecipient,
        uint256 investorAllocation,
        CommonParams memory p,
        IHokusaiParams.VestingConfig memory vesting
    ) internal nonReentrant returns (address tokenAddress) {
        if (deployerRoleRequired) _checkRoleWithMessage(DEPLOYER_ROLE, msg.sender);
        if (bytes(modelId).length == 0) revert EmptyString("model ID");
        if (bytes(name).length == 0) revert EmptyString("token name");
        if (bytes(symbol).length == 0) revert EmptyString("token symbol");
        if (modelSupplierAllocation == 0) revert InvalidAmount("model supplier allocation");
        if (modelSupplierRecipient == address(0)) revert ZeroAddress("model supplier recipient");
        if (investorAllocation == 0) revert InvalidAmount("investor allocation");
        if (p.governor == address(0)) revert ZeroAddress("governor");
        require(modelTokens[modelId] == address(0), "Token already deployed for this model");
        require(msg.value >= deploymentFee, "Insufficient deployment fee");

        address paramsAddress = address(
            new MockHokusaiParams(
                p.tokensPerDeltaOne,
                p.infrastructureAccrualBps,
                p.initialOraclePricePerThousandUsd,
                p.licenseHash,
                p.licenseURI,
                p.governor,
                vesting
            )
        );
        tokenAddress = address(
            new MockHokusaiToken(
                name,
                symbol,
                paramsAddress,
                modelSupplierAllocation,
                modelSupplierRecipient,
                investorAllocation
            )
        );

        modelTokens[modelId] = tokenAddress;
        modelParams[modelId] = paramsAddress;
        tokenToModel[tokenAddress] = modelId;

        emit ParamsDeployed(
            modelId,
            paramsAddress,
            msg.sender,
            p.tokensPerDeltaOne,
            p.infrastructureAccrualBps,
            p.initialOraclePricePerThousandUsd
        );
        emit TokenDeployed(
            modelId,
            tokenAddress,
            msg.sender,
            name,
            symbol,
            modelSupplierAllocation + investorAllocation
        );
        emit AllocationDistributed(
            modelId,
            modelSupplierRecipient,
            modelSupplierAllocation,
            address(0),
            investorAllocation
        );

        uint256 excess = msg.value - deploymentFee;
        if (excess > 0) {
            (bool ok, ) = payable(msg.sender).call{value: excess}("");
            require(ok, "Refund failed");
        }
    }

    // --- backend -----------------------------------------------------------

    function distributeModelSupplierAllocation(string calldata modelId) external onlyOwner {
        MockHokusaiToken token = _tokenOf(modelId);
        token.distributeModelSupplierAllocation();
        emit ModelSupplierAllocationDistributed(
            modelId,
            token.modelSupplierRecipient(),
            token.modelSupplierAllocation()
        );
    }

    function authorizeAMM(address amm) external onlyOwner {
        if (amm == address(0)) revert ZeroAddress("AMM address");
        _grantRole(MINTER_ROLE, amm);
    }

    function revokeAMM(address amm) external onlyOwner {
        _revokeRole(MINTER_ROLE, amm);
    }

    /// @notice Investor mint, for an authorised AMM pool (or the owner); capped by the investor allocation.
    function mintTokens(string calldata modelId, address recipient, uint256 amount) external {
        require(isAuthorizedAMM(msg.sender) || msg.sender == owner(), "Caller is not authorized to mint");
        if (recipient == address(0)) revert ZeroAddress("recipient");
        if (amount == 0) revert InvalidAmount("amount");
        _tokenOf(modelId).mintInvestor(recipient, amount);
        emit TokensMinted(modelId, recipient, amount);
    }

    function burnTokens(string calldata modelId, address account, uint256 amount) external {
        require(isAuthorizedAMM(msg.sender) || msg.sender == owner(), "Caller is not authorized to burn");
        if (amount == 0) revert InvalidAmount("amount");
        _tokenOf(modelId).burnInvestor(account, amount);
        emit TokensBurned(modelId, account, amount);
    }

    /// @notice Mints tokensPerDeltaOne for each 1 percentage point of verified improvement.
    function mintDeltaOneReward(string calldata modelId, address recipient, uint256 deltaOnes) external {
        require(msg.sender == deltaVerifier && deltaVerifier != address(0), "Caller is not the delta verifier");
        if (recipient == address(0)) revert ZeroAddress("recipient");
        if (deltaOnes == 0) revert InvalidAmount("delta ones");
        // The token first: an unknown model reverts with its message, not from a call to address(0).
        MockHokusaiToken token = _tokenOf(modelId);
        uint256 amount = MockHokusaiParams(modelParams[modelId]).tokensPerDeltaOne() * deltaOnes;
        token.mintReward(recipient, amount);
        emit DeltaOneRewardMinted(modelId, recipient, deltaOnes, amount);
    }

    // --- internals ---------------------------------------------------------

    function _tokenOf(string calldata modelId) private view returns (MockHokusaiToken) {
        if (bytes(modelId).length == 0) revert EmptyString("model ID");
        address token = modelTokens[modelId];
        require(token != address(0), "Token not deployed for this model");
        return MockHokusaiToken(token);
    }

    function _checkOwner() internal view override {
        require(owner() == _msgSender(), "Ownable: caller is not the owner");
    }

    function _checkRoleWithMessage(bytes32 role, address account) private view {
        if (!hasRole(role, account)) {
            revert(
                string.concat(
                    "AccessControl: account ",
                    Strings.toHexString(account),
                    " is missing role ",
                    Strings.toHexString(uint256(role), 32)
                )
            );
        }
    }
}
