// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ITokenManager} from "../interfaces/ITokenManager.sol";
import {IHokusaiParams} from "../interfaces/IHokusaiParams.sol";
import {MockTokenManagerBase} from "./MockTokenManagerBase.sol";

/// @title TokenManager with the user guide's ABI (v1, six-field InitialParams, selector 0xfb7b6428).
contract MockTokenManager is ITokenManager, MockTokenManagerBase {
    constructor(
        address owner_,
        uint256 deploymentFee_,
        bool deployerRoleRequired_
    ) MockTokenManagerBase(owner_, deploymentFee_, deployerRoleRequired_) {}

    function deployTokenWithAllocations(
        string calldata modelId,
        string calldata name,
        string calldata symbol,
        uint256 modelSupplierAllocation,
        address modelSupplierRecipient,
        uint256 investorAllocation,
        InitialParams calldata p
    ) external payable returns (address) {
        IHokusaiParams.VestingConfig memory defaults;
        return
            _deployToken(
                modelId,
                name,
                symbol,
                modelSupplierAllocation,
                modelSupplierRecipient,
                investorAllocation,
                CommonParams(
                    p.tokensPerDeltaOne,
                    p.infrastructureAccrualBps,
                    p.initialOraclePricePerThousandUsd,
                    p.licenseHash,
                    p.licenseURI,
                    p.governor
                ),
                defaults
            );
    }
}
