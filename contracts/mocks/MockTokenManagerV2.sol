// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ITokenManagerV2} from "../interfaces/ITokenManagerV2.sol";
import {MockTokenManagerBase} from "./MockTokenManagerBase.sol";

/// @title TokenManager with the live ABI (v2: InitialParams ends with a VestingConfig, selector 0xcbb1036c).
contract MockTokenManagerV2 is ITokenManagerV2, MockTokenManagerBase {
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
                p.vestingConfig
            );
    }
}
