// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {IHokusaiErrors} from "../../interfaces/IHokusaiErrors.sol";
import {IHokusaiParams} from "../../interfaces/IHokusaiParams.sol";
import {ITokenManager, ITokenManagerCore} from "../../interfaces/ITokenManager.sol";
import {LiveAccessControl} from "../live/LiveAccess.sol";
import {MockHokusaiParams} from "../MockHokusaiParams.sol";
import {MockLegacyHokusaiToken} from "./MockLegacyHokusaiToken.sol";

/// @title The historical v1 TokenManager, for one scenario: the guide's ABI (selector 0xfb7b6428),
///        tokens without investor accounting, and no isAuthorizedAMM() (a pool's right to mint is MINTER_ROLE).
/// @dev The guide's params contract is reused as it is. The historical contract was over the size
///      limit; this one is not, so that it runs on any network.
contract MockLegacyTokenManager is IHokusaiErrors, Ownable, LiveAccessControl {
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    mapping(string => address) public modelTokens;
    mapping(string => address) public modelParams;
    uint256 public deploymentFee;

    constructor(address owner_, uint256 deploymentFee_) Ownable(owner_) {
        _grantRole(DEFAULT_ADMIN_ROLE, owner_);
        deploymentFee = deploymentFee_;
    }

    // solhint-disable-next-line function-max-lines
    function deployTokenWithAllocations(
        string calldata modelId,
        string calldata name,
        string calldata symbol,
        uint256 modelSupplierAllocation,
        address modelSupplierRecipient,
        uint256 investorAllocation,
        ITokenManager.InitialParams calldata p
    ) external payable returns (address token) {
        if (bytes(modelId).length == 0) revert EmptyString("model ID");
        require(modelTokens[modelId] == address(0), "Token already deployed for this model");
        require(msg.value >= deploymentFee, "Insufficient deployment fee");
        IHokusaiParams.VestingConfig memory noVesting;
        address params = address(
            new MockHokusaiParams(
                p.tokensPerDeltaOne,
                p.infrastructureAccrualBps,
                p.initialOraclePricePerThousandUsd,
                p.licenseHash,
                p.licenseURI,
                p.governor,
                noVesting
            )
        );
        token = address(
            new MockLegacyHokusaiToken(
                name,
                symbol,
                params,
                modelSupplierAllocation,
                modelSupplierRecipient,
                investorAllocation
            )
        );
        modelTokens[modelId] = token;
        modelParams[modelId] = params;
        emit ITokenManagerCore.ParamsDeployed(
            modelId,
            params,
            msg.sender,
            p.tokensPerDeltaOne,
            p.infrastructureAccrualBps,
            p.initialOraclePricePerThousandUsd
        );
        emit ITokenManagerCore.TokenDeployed(
            modelId,
            token,
            msg.sender,
            name,
            symbol,
            modelSupplierAllocation + investorAllocation
        );
        emit ITokenManagerCore.AllocationDistributed(
            modelId,
            modelSupplierRecipient,
            modelSupplierAllocation,
            address(0),
            investorAllocation
        );
        if (msg.value > deploymentFee) {
            (bool ok, ) = payable(msg.sender).call{value: msg.value - deploymentFee}("");
            require(ok, "Refund failed");
        }
    }

    function distributeModelSupplierAllocation(string calldata modelId) external onlyOwner {
        _tokenOf(modelId).distributeModelSupplierAllocation();
    }

    function authorizeAMM(address amm) external onlyOwner {
        if (amm == address(0)) revert ZeroAddress("AMM address");
        _grantRole(MINTER_ROLE, amm);
    }

    /// @notice For the guide's pool: buys mint, sells burn.
    function mintTokens(string calldata modelId, address recipient, uint256 amount) external {
        require(hasRole(MINTER_ROLE, msg.sender) || msg.sender == owner(), "Caller is not authorized to mint");
        _tokenOf(modelId).mint(recipient, amount);
    }

    function burnTokens(string calldata modelId, address account, uint256 amount) external {
        require(hasRole(MINTER_ROLE, msg.sender) || msg.sender == owner(), "Caller is not authorized to burn");
        _tokenOf(modelId).burnFrom(account, amount);
    }

    function getTokenAddress(string calldata modelId) external view returns (address) {
        return modelTokens[modelId];
    }

    function hasToken(string calldata modelId) external view returns (bool) {
        return modelTokens[modelId] != address(0);
    }

    function getParamsAddress(string calldata modelId) external view returns (address) {
        return modelParams[modelId];
    }

    function _tokenOf(string calldata modelId) private view returns (MockLegacyHokusaiToken) {
        address token = modelTokens[modelId];
        require(token != address(0), "Token not deployed for this model");
        return MockLegacyHokusaiToken(token);
    }

    function _checkOwner() internal view override {
        require(owner() == _msgSender(), "Ownable: caller is not the owner");
    }
}
