// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IHokusaiToken} from "../interfaces/IHokusaiToken.sol";

/// @title A model token: nothing minted at deployment, supply capped by the two allocations.
/// @dev Only the TokenManager (the controller) mints and burns. DeltaOne rewards are the one
///      mint beyond the caps, counted in rewardMinted.
contract MockHokusaiToken is ERC20, IHokusaiToken {
    address public immutable controller;
    address public immutable params;
    uint256 public immutable maxSupply;
    uint256 public immutable modelSupplierAllocation;
    address public immutable modelSupplierRecipient;
    uint256 public immutable investorAllocation;

    bool public modelSupplierDistributed;
    uint256 public investorMinted;
    uint256 public rewardMinted;

    modifier onlyController() {
        require(msg.sender == controller, "Only controller can call this function");
        _;
    }

    constructor(
        string memory name_,
        string memory symbol_,
        address params_,
        uint256 modelSupplierAllocation_,
        address modelSupplierRecipient_,
        uint256 investorAllocation_
    ) ERC20(name_, symbol_) {
        controller = msg.sender;
        params = params_;
        modelSupplierAllocation = modelSupplierAllocation_;
        modelSupplierRecipient = modelSupplierRecipient_;
        investorAllocation = investorAllocation_;
        maxSupply = modelSupplierAllocation_ + investorAllocation_;
    }

    function distributeModelSupplierAllocation() external onlyController {
        require(!modelSupplierDistributed, "Model supplier allocation already distributed");
        modelSupplierDistributed = true;
        _mint(modelSupplierRecipient, modelSupplierAllocation);
        emit ModelSupplierAllocationMinted(modelSupplierRecipient, modelSupplierAllocation);
    }

    function mintInvestor(address to, uint256 amount) external onlyController {
        require(investorMinted + amount <= investorAllocation, "Exceeds investor allocation");
        investorMinted += amount;
        _mint(to, amount);
    }

    /// @dev A sell gives its tokens' headroom back to the investor cap.
    function burnInvestor(address from, uint256 amount) external onlyController {
        _burn(from, amount);
        investorMinted = amount >= investorMinted ? 0 : investorMinted - amount;
    }

    function mintReward(address to, uint256 amount) external onlyController {
        rewardMinted += amount;
        _mint(to, amount);
    }
}
