// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IHokusaiErrors} from "../../interfaces/IHokusaiErrors.sol";
import {LiveHokusaiAMM} from "./LiveHokusaiAMM.sol";

/// @title Holds the pool's creation code for the AMM factory, which would exceed the size limit with it.
/// @dev Each new pool is handed to the factory, its owner from then on.
contract LiveHokusaiAMMPoolDeployer is IHokusaiErrors {
    address public immutable factory;

    event PoolDeployed(address indexed pool);

    constructor(address factory_) {
        if (factory_ == address(0)) revert ZeroAddress("factory");
        factory = factory_;
    }

    function deployPool(
        address reserveToken,
        address tokenAddress,
        address payable tokenManager,
        string calldata modelId,
        address treasury,
        uint256 crr,
        uint256 tradeFee,
        uint256 ibrDuration,
        uint256 flatCurveThreshold,
        uint256 flatCurvePrice
    ) external returns (address pool) {
        require(msg.sender == factory, "OnlyFactory");
        LiveHokusaiAMM amm = new LiveHokusaiAMM(
            reserveToken,
            tokenAddress,
            tokenManager,
            modelId,
            treasury,
            crr,
            tradeFee,
            ibrDuration,
            flatCurveThreshold,
            flatCurvePrice
        );
        amm.transferOwnership(factory);
        pool = address(amm);
        emit PoolDeployed(pool);
    }
}
