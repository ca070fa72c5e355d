// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

contract ModelBuyer {
    address public immutable pool;

    constructor(address pool_) {
        pool = pool_;
    }
}
