// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

import {IHokusaiErrors} from "../../interfaces/IHokusaiErrors.sol";
import {ITokenManagerV2} from "../../interfaces/ITokenManagerV2.sol";
import {LiveAccessControl, LiveOwnable} from "./LiveAccess.sol";
import {LiveHokusaiParams} from "./LiveHokusaiParams.sol";
import {LiveHokusaiToken} from "./LiveHokusaiToken.sol";
import {LiveModelRegistry} from "./LiveModelRegistry.sol";
import {LiveRewardVestingVault} from "./LiveRewardVestingVault.sol";
import {LiveTokenDeploymentFactory} from "./LiveTokenDeploymentFactory.sol";

/// @title The live TokenManager (DeployableTokenManager): anyone may deploy a model token, for a fee.
/// @dev The v2 ABI (InitialParams ends with a VestingConfig, selector 0xcbb1036c). Creation is delegated
///      to the token deployment factory to stay under the size limit. There is no isAuthorizedAMM():
///      an authorised pool is one with MINTER_ROLE. DeltaOne reward minting is left out.
contract LiveTokenManager is IHokusaiErrors, LiveOwnable, LiveAccessControl, ReentrancyGuard {
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    bytes32 public constant DEPLOYER_ROLE = keccak256("DEPLOYER_ROLE");

    LiveModelRegistry public registry;
    LiveTokenDeploymentFactory public tokenDeploymentFactory;
    address public deltaVerifier;
    LiveRewardVestingVault public vestingVault;

    mapping(string => address) public modelTokens;
    mapping(address => string) public tokenToModel;
    mapping(string => address) public modelParams;

    uint256 public deploymentFee;
    address public feeRecipient;

    event TokenDeployed(
        string indexed modelId,
        address indexed tokenAddress,
        address indexed deployer,
        string name,
        string symbol,
        uint256 totalSupply
    );
    event ParamsDeployed(
        string indexed modelId,
        address indexed paramsAddress,
        address indexed deployer,
        uint256 tokensPerDeltaOne,
        uint16 infrastructureAccrualBps,
        uint256 initialOraclePricePerThousandUsd
    );
    event AllocationDistributed(
        string indexed modelId,
        address indexed modelSupplierRecipient,
        uint256 modelSupplierAllocation,
        address indexed investorRecipient,
        uint256 investorAllocation
    );
    event ModelSupplierAllocationDistributed(string indexed modelId, address indexed recipient, uint256 amount);
    event SupplierAllocationVested(
        string indexed modelId,
        address indexed supplierRecipient,
        uint256 totalAllocation,
        uint256 immediateAmount,
        uint256 vestedAmount,
        uint256 vestingStart,
        uint256 vestingEnd
    );
    event TokensMinted(string indexed modelId, address indexed recipient, uint256 amount);
    event TokensBurned(string indexed modelId, address indexed account, uint256 amount);
    event DeltaVerifierUpdated(address indexed newDeltaVerifier);
    event VestingVaultUpdated(address indexed vestingVault);
    event DeploymentFeeUpdated(uint256 newFee);
    event DeploymentFeesWithdrawn(address indexed recipient, uint256 amount);

    modifier onlyMinter(string memory failure) {
        require(hasRole(MINTER_ROLE, msg.sender) || msg.sender == owner() || msg.sender == deltaVerifier, failure);
        _;
    }

    constructor(address registryAddress, address tokenDeploymentFactoryAddress) {
        if (registryAddress == address(0)) revert ZeroAddress("registry address");
        if (tokenDeploymentFactoryAddress == address(0)) revert ZeroAddress("token deployment factory");
        registry = LiveModelRegistry(registryAddress);
        tokenDeploymentFactory = LiveTokenDeploymentFactory(tokenDeploymentFactoryAddress);
        feeRecipient = msg.sender;
        _grantRole(DEFAULT_ADMIN_ROLE, msg.sender);
        _grantRole(MINTER_ROLE, msg.sender);
        _grantRole(DEPLOYER_ROLE, msg.sender);
    }

    receive() external payable {}

    // --- deployment --------------------------------------------------------

    /// @notice Open to anyone. The fee is kept and any excess refunded; max supply = both allocations.
    /// @dev Memory, not calldata: three calldata strings take two stack slots each, one too many here.
    // solhint-disable-next-line function-max-lines, gas-calldata-parameters
    function deployTokenWithAllocations(
        string memory modelId,
        string memory name,
        string memory symbol,
        uint256 modelSupplierAllocation,
        address modelSupplierRecipient,
        uint256 investorAllocation,
        ITokenManagerV2.InitialParams memory initialParams
    ) external payable nonReentrant returns (address tokenAddress) {
        if (bytes(modelId).length == 0) revert EmptyString("model ID");
        if (bytes(name).length == 0) revert EmptyString("token name");
        if (bytes(symbol).length == 0) revert EmptyString("token symbol");
        if (modelSupplierAllocation == 0) revert InvalidAmount("model supplier allocation");
        if (modelSupplierRecipient == address(0)) revert ZeroAddress("model supplier recipient");
        if (investorAllocation == 0) revert InvalidAmount("investor allocation");
        if (initialParams.governor == address(0)) revert ZeroAddress("governor");
        require(modelTokens[modelId] == address(0), "Token already deployed for this model");
        require(msg.value >= deploymentFee, "Insufficient deployment fee");

        uint256 maxSupply = modelSupplierAllocation + investorAllocation;
        address paramsAddress;
        (tokenAddress, paramsAddress) = tokenDeploymentFactory.deployTokenAndParams(
            name,
            symbol,
            address(this),
            0,
            maxSupply,
            modelSupplierAllocation,
            investorAllocation,
            modelSupplierRecipient,
            initialParams
        );
        modelTokens[modelId] = tokenAddress;
        tokenToModel[tokenAddress] = modelId;
        modelParams[modelId] = paramsAddress;

        emit ParamsDeployed(
            modelId,
            paramsAddress,
            msg.sender,
            initialParams.tokensPerDeltaOne,
            initialParams.infrastructureAccrualBps,
            initialParams.initialOraclePricePerThousandUsd
        );
        emit TokenDeployed(modelId, tokenAddress, msg.sender, name, symbol, maxSupply);
        emit AllocationDistributed(modelId, modelSupplierRecipient, modelSupplierAllocation, address(0), investorAllocation);

        if (msg.value > deploymentFee) {
            (bool refunded, ) = msg.sender.call{value: msg.value - deploymentFee}("");
            require(refunded, "Failed to refund excess payment");
        }
    }

    /// @notice Once per model: the immediate part to the recipient, the rest vesting in the vault.
    function distributeModelSupplierAllocation(string calldata modelId) external onlyOwner nonReentrant {
        LiveHokusaiToken token = _tokenOf(modelId);
        LiveHokusaiParams params = LiveHokusaiParams(token.params());
        address recipient = token.modelSupplierRecipient();
        uint256 total = token.modelSupplierAllocation();
        uint256 immediate = params.vestingEnabled() ? (total * params.immediateUnlockBps()) / 10000 : total;
        uint256 vested = total - immediate;
        if (vested == 0) {
            token.distributeModelSupplierAllocation(address(0), 0);
            emit ModelSupplierAllocationDistributed(modelId, recipient, total);
            return;
        }
        require(address(vestingVault) != address(0), "Vesting vault not configured");
        uint64 duration = params.vestingDurationSeconds();
        token.distributeModelSupplierAllocation(address(vestingVault), vested);
        vestingVault.createSchedule(modelId, address(token), recipient, vested, params.cliffSeconds(), duration);
        emit ModelSupplierAllocationDistributed(modelId, recipient, total);
        emit SupplierAllocationVested(
            modelId,
            recipient,
            total,
            immediate,
            vested,
            block.timestamp,
            block.timestamp + duration
        );
    }

    // --- owner settings ----------------------------------------------------

    function setDeploymentFee(uint256 fee) external onlyOwner {
        deploymentFee = fee;
        emit DeploymentFeeUpdated(fee);
    }

    function setFeeRecipient(address recipient) external onlyOwner {
        if (recipient == address(0)) revert ZeroAddress("fee recipient");
        feeRecipient = recipient;
    }

    function setDeltaVerifier(address verifier) external onlyOwner {
        if (verifier == address(0)) revert ZeroAddress("delta verifier");
        deltaVerifier = verifier;
        emit DeltaVerifierUpdated(verifier);
    }

    /// @notice Set once, after the vault is deployed (the vault takes this TokenManager's address).
    function setVestingVault(address vaultAddress) external onlyOwner {
        if (vaultAddress == address(0)) revert ZeroAddress("vesting vault");
        require(address(vestingVault) == address(0), "Vesting vault already set");
        vestingVault = LiveRewardVestingVault(vaultAddress);
        emit VestingVaultUpdated(vaultAddress);
    }

    /// @dev Through the public grantRole, as live: the owner also needs DEFAULT_ADMIN_ROLE.
    function authorizeAMM(address amm) external onlyOwner {
        if (amm == address(0)) revert ZeroAddress("AMM address");
        grantRole(MINTER_ROLE, amm);
    }

    function revokeAMM(address amm) external onlyOwner {
        revokeRole(MINTER_ROLE, amm);
    }

    function withdrawDeploymentFees() external onlyOwner nonReentrant {
        uint256 balance = address(this).balance;
        require(balance > 0, "No fees to withdraw");
        (bool sent, ) = feeRecipient.call{value: balance}("");
        require(sent, "Failed to send deployment fees");
        emit DeploymentFeesWithdrawn(feeRecipient, balance);
    }

    // --- pools -------------------------------------------------------------

    /// @notice The supply a pool prices with: tokens still in the vesting vault are not redeemable.
    function getRedeemableSupply(string calldata modelId) external view returns (uint256) {
        IERC20 token = IERC20(address(_tokenOf(modelId)));
        uint256 locked = address(vestingVault) == address(0) ? 0 : token.balanceOf(address(vestingVault));
        uint256 supply = token.totalSupply();
        return supply > locked ? supply - locked : 0;
    }

    function mintTokens(
        string calldata modelId,
        address recipient,
        uint256 amount
    ) external nonReentrant onlyMinter("Caller is not authorized to mint") {
        LiveHokusaiToken token = _checkedToken(modelId, recipient, "recipient", amount);
        require(!registry.isStringModelRegistered(modelId) || registry.isStringActive(modelId), "Model is deactivated");
        token.mintInvestor(recipient, amount);
        emit TokensMinted(modelId, recipient, amount);
    }

    function burnTokens(
        string calldata modelId,
        address account,
        uint256 amount
    ) external nonReentrant onlyMinter("Caller is not authorized to burn") {
        _checkedToken(modelId, account, "account", amount).burnFrom(account, amount);
        emit TokensBurned(modelId, account, amount);
    }

    /// @notice A pool's sale: investor headroom is given back first, then reward headroom.
    function burnAMMTokens(
        string calldata modelId,
        address account,
        uint256 amount
    ) external nonReentrant onlyMinter("Caller is not authorized to burn") {
        _checkedToken(modelId, account, "account", amount).burnAMM(account, amount);
        emit TokensBurned(modelId, account, amount);
    }

    // --- views -------------------------------------------------------------

    function getTokenAddress(string calldata modelId) external view returns (address) {
        return modelTokens[modelId];
    }

    function hasToken(string calldata modelId) external view returns (bool) {
        return modelTokens[modelId] != address(0);
    }

    function getParamsAddress(string calldata modelId) external view returns (address) {
        return modelParams[modelId];
    }

    function hasParams(string calldata modelId) external view returns (bool) {
        return modelParams[modelId] != address(0);
    }

    function getModelId(address tokenAddress) external view returns (string memory) {
        if (tokenAddress == address(0)) revert ZeroAddress("token address");
        if (bytes(tokenToModel[tokenAddress]).length == 0) revert EmptyString("token");
        return tokenToModel[tokenAddress];
    }

    // --- internals ---------------------------------------------------------

    function _tokenOf(string memory modelId) private view returns (LiveHokusaiToken) {
        if (bytes(modelId).length == 0) revert EmptyString("model ID");
        address token = modelTokens[modelId];
        require(token != address(0), "Token not deployed for this model");
        return LiveHokusaiToken(token);
    }

    /// @dev The live order of the checks, so that a bad call fails with the same error.
    function _checkedToken(
        string memory modelId,
        address account,
        string memory accountContext,
        uint256 amount
    ) private view returns (LiveHokusaiToken) {
        if (bytes(modelId).length == 0) revert EmptyString("model ID");
        if (account == address(0)) revert ZeroAddress(accountContext);
        if (amount == 0) revert InvalidAmount("amount");
        return _tokenOf(modelId);
    }
}
