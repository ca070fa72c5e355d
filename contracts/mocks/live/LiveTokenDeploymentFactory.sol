// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IHokusaiErrors} from "../../interfaces/IHokusaiErrors.sol";
import {ITokenManagerV2} from "../../interfaces/ITokenManagerV2.sol";
import {LiveHokusaiParams} from "./LiveHokusaiParams.sol";
import {LiveHokusaiToken} from "./LiveHokusaiToken.sol";

/// @title Creates a model's params and token for the live TokenManager.
/// @dev The creation code of both lives here so that the TokenManager stays under the 24,576-byte
///      limit, as on the live chains. Whoever names the governor gets the model: it receives the token's
///      ownership and the params' admin role, and this factory keeps nothing.
contract LiveTokenDeploymentFactory is IHokusaiErrors {
    event TokenAndParamsDeployed(address indexed tokenAddress, address indexed paramsAddress, address indexed controller);

    function deployTokenAndParams(
        string calldata name,
        string calldata symbol,
        address controller,
        uint256 initialSupply,
        uint256 maxSupply,
        uint256 modelSupplierAllocation,
        uint256 investorAllocation,
        address modelSupplierRecipient,
        ITokenManagerV2.InitialParams calldata initialParams
    ) external returns (address tokenAddress, address paramsAddress) {
        if (controller == address(0)) revert ZeroAddress("controller");
        LiveHokusaiParams params = new LiveHokusaiParams(
            initialParams.tokensPerDeltaOne,
            initialParams.infrastructureAccrualBps,
            initialParams.initialOraclePricePerThousandUsd,
            initialParams.licenseHash,
            initialParams.licenseURI,
            initialParams.governor,
            initialParams.vestingConfig
        );
        LiveHokusaiToken token = new LiveHokusaiToken(
            name,
            symbol,
            controller,
            address(params),
            initialSupply,
            maxSupply,
            modelSupplierAllocation,
            investorAllocation,
            modelSupplierRecipient
        );
        bytes32 admin = params.DEFAULT_ADMIN_ROLE();
        params.grantRole(admin, initialParams.governor);
        params.renounceRole(admin, address(this));
        token.transferOwnership(initialParams.governor);
        tokenAddress = address(token);
        paramsAddress = address(params);
        emit TokenAndParamsDeployed(tokenAddress, paramsAddress, controller);
    }
}
