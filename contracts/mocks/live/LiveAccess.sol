// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

/// @title Ownable as the live contracts have it (OpenZeppelin 4): the deployer owns, failures are strings.
/// @dev The live stack is built on OpenZeppelin 4.x, whose access failures are revert strings; a tool
///      that decodes them must meet the same text here, not OpenZeppelin 5's custom errors.
abstract contract LiveOwnable is Ownable {
    constructor() Ownable(msg.sender) {}

    function transferOwnership(address newOwner) public virtual override onlyOwner {
        require(newOwner != address(0), "Ownable: new owner is the zero address");
        _transferOwnership(newOwner);
    }

    function _checkOwner() internal view virtual override {
        require(owner() == _msgSender(), "Ownable: caller is not the owner");
    }
}

/// @title AccessControl with OpenZeppelin 4's revert strings.
abstract contract LiveAccessControl is AccessControl {
    function renounceRole(bytes32 role, address account) public virtual override {
        require(account == _msgSender(), "AccessControl: can only renounce roles for self");
        _revokeRole(role, account);
    }

    function _checkRole(bytes32 role, address account) internal view virtual override {
        if (!hasRole(role, account)) {
            revert(
                string.concat(
                    "AccessControl: account ",
                    Strings.toHexString(account),
                    " is missing role ",
                    Strings.toHexString(uint256(role), 32)
                )
            );
        }
    }
}
