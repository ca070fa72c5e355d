// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ITokenManagerCore} from "./ITokenManager.sol";
import {IHokusaiParams} from "./IHokusaiParams.sol";

/// @title TokenManager v2: the live ABI, InitialParams with a seventh field (selector 0xcbb1036c).
interface ITokenManagerV2 is ITokenManagerCore {
    struct InitialParams {
        uint256 tokensPerDeltaOne;
        uint16 infrastructureAccrualBps;
        uint256 initialOraclePricePerThousandUsd;
        bytes32 licenseHash;
        string licenseURI;
        address governor;
        IHokusaiParams.VestingConfig vestingConfig;
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
