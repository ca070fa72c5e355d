// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";

/// @title A model token: an 18-decimal ERC-20 whose supply is capped by its two allocations.
interface IHokusaiToken is IERC20Metadata {
    event ModelSupplierAllocationMinted(address indexed recipient, uint256 amount);

    function controller() external view returns (address);
    function params() external view returns (address);
    function maxSupply() external view returns (uint256);
    function modelSupplierAllocation() external view returns (uint256);
    function modelSupplierRecipient() external view returns (address);
    function modelSupplierDistributed() external view returns (bool);
    function investorAllocation() external view returns (uint256);
    function investorMinted() external view returns (uint256);
    function rewardMinted() external view returns (uint256);

    function distributeModelSupplierAllocation() external;
    function mintInvestor(address to, uint256 amount) external;
    function burnInvestor(address from, uint256 amount) external;
    function mintReward(address to, uint256 amount) external;
}
