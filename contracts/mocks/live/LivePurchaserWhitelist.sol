// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {LiveAccessControl} from "./LiveAccess.sol";

/// @title The wallets allowed to buy from a gated pool (the platform's KYC'd purchasers).
/// @dev One whitelist serves every gated pool. Adding a listed wallet or removing an unlisted one
///      does nothing and emits nothing, so a batch can be replayed.
contract LivePurchaserWhitelist is LiveAccessControl {
    bytes32 public constant WHITELIST_ADMIN_ROLE = keccak256("WHITELIST_ADMIN_ROLE");
    uint256 public constant MAX_BATCH = 200;

    mapping(address => bool) private _listed;

    error ZeroAddress();
    error BatchTooLarge(uint256 length, uint256 max);

    event WalletWhitelisted(address indexed wallet);
    event WalletRemovedFromWhitelist(address indexed wallet);

    constructor(address admin) {
        require(admin != address(0), "AccessControlBase: admin cannot be zero");
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(WHITELIST_ADMIN_ROLE, admin);
    }

    function isWhitelisted(address account) external view returns (bool) {
        return _listed[account];
    }

    function addToWhitelist(address account) external onlyRole(WHITELIST_ADMIN_ROLE) {
        _add(account);
    }

    function removeFromWhitelist(address account) external onlyRole(WHITELIST_ADMIN_ROLE) {
        _remove(account);
    }

    function addBatch(address[] calldata accounts) external onlyRole(WHITELIST_ADMIN_ROLE) {
        _checkBatch(accounts.length);
        for (uint256 i = 0; i < accounts.length; i++) _add(accounts[i]);
    }

    function removeBatch(address[] calldata accounts) external onlyRole(WHITELIST_ADMIN_ROLE) {
        _checkBatch(accounts.length);
        for (uint256 i = 0; i < accounts.length; i++) _remove(accounts[i]);
    }

    function _add(address account) private {
        if (account == address(0)) revert ZeroAddress();
        if (_listed[account]) return;
        _listed[account] = true;
        emit WalletWhitelisted(account);
    }

    function _remove(address account) private {
        if (!_listed[account]) return;
        _listed[account] = false;
        emit WalletRemovedFromWhitelist(account);
    }

    function _checkBatch(uint256 length) private pure {
        if (length > MAX_BATCH) revert BatchTooLarge(length, MAX_BATCH);
    }
}
