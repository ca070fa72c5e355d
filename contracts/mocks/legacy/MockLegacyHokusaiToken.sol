// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title A token of the historical v1 stack: supplier allocation, but no investor accounting.
/// @dev It has no investorAllocation() and no investorMinted(): tools must read those as optional.
contract MockLegacyHokusaiToken is ERC20 {
    address public immutable controller;
    address public immutable params;
    uint256 public immutable maxSupply;
    uint256 public immutable modelSupplierAllocation;
    address public immutable modelSupplierRecipient;
    bool public modelSupplierDistributed;

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
        maxSupply = modelSupplierAllocation_ + investorAllocation_;
    }

    function distributeModelSupplierAllocation() external onlyController {
        require(!modelSupplierDistributed, "Model supplier allocation already distributed");
        modelSupplierDistributed = true;
        _mint(modelSupplierRecipient, modelSupplierAllocation);
    }

    function mint(address to, uint256 amount) external onlyController {
        _mint(to, amount);
    }

    function burnFrom(address from, uint256 amount) external onlyController {
        _burn(from, amount);
    }
}
