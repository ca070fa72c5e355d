// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title Holds the vested part of supplier allocations (and rewards) until it vests.
/// @dev Nothing is claimable before the cliff; after it, the vested amount grows linearly from the
///      schedule's start, so the cliff releases what accrued during it. The TokenManager mints the
///      tokens here first, then opens the schedule.
contract LiveRewardVestingVault is ReentrancyGuard {
    using SafeERC20 for IERC20;

    struct VestingSchedule {
        address token;
        address beneficiary;
        string modelId;
        uint256 totalAmount;
        uint256 claimed;
        uint64 start;
        uint64 cliffSeconds;
        uint64 duration;
    }

    address public immutable tokenManager;
    uint256 public nextScheduleId;
    mapping(uint256 => VestingSchedule) public schedules;
    mapping(address => uint256[]) private _byBeneficiary;

    event VestingScheduleCreated(
        uint256 indexed scheduleId,
        string indexed modelId,
        address indexed beneficiary,
        address token,
        uint256 vestedAmount,
        uint64 start,
        uint64 cliffSeconds,
        uint64 duration
    );
    event VestedRewardClaimed(
        uint256 indexed scheduleId,
        string indexed modelId,
        address indexed beneficiary,
        uint256 amount
    );

    constructor(address tokenManagerAddress) {
        require(tokenManagerAddress != address(0), "TokenManager cannot be zero address");
        tokenManager = tokenManagerAddress;
    }

    function createSchedule(
        string calldata modelId,
        address token,
        address beneficiary,
        uint256 totalAmount,
        uint64 cliffSeconds,
        uint64 duration
    ) external returns (uint256 scheduleId) {
        require(msg.sender == tokenManager, "Only TokenManager can create schedules");
        require(token != address(0), "Token cannot be zero address");
        require(beneficiary != address(0), "Beneficiary cannot be zero address");
        require(bytes(modelId).length > 0, "Model ID cannot be empty");
        require(totalAmount > 0, "Vested amount must be > 0");
        require(duration > 0, "Vesting duration must be > 0");
        require(cliffSeconds <= duration, "Cliff exceeds vesting duration");
        scheduleId = nextScheduleId++;
        uint64 start = uint64(block.timestamp);
        schedules[scheduleId] = VestingSchedule(token, beneficiary, modelId, totalAmount, 0, start, cliffSeconds, duration);
        _byBeneficiary[beneficiary].push(scheduleId);
        emit VestingScheduleCreated(scheduleId, modelId, beneficiary, token, totalAmount, start, cliffSeconds, duration);
    }

    function claim(uint256 scheduleId) external nonReentrant returns (uint256 claimedAmount) {
        VestingSchedule storage s = _existing(scheduleId);
        require(msg.sender == s.beneficiary, "Only beneficiary can claim");
        claimedAmount = _vested(s) - s.claimed;
        require(claimedAmount > 0, "No vested rewards available");
        s.claimed += claimedAmount;
        IERC20(s.token).safeTransfer(s.beneficiary, claimedAmount);
        emit VestedRewardClaimed(scheduleId, s.modelId, s.beneficiary, claimedAmount);
    }

    function claimable(uint256 scheduleId) external view returns (uint256) {
        VestingSchedule storage s = _existing(scheduleId);
        return _vested(s) - s.claimed;
    }

    function vestedAmount(uint256 scheduleId) external view returns (uint256) {
        return _vested(_existing(scheduleId));
    }

    function unvestedAmount(uint256 scheduleId) external view returns (uint256) {
        VestingSchedule storage s = _existing(scheduleId);
        return s.totalAmount - _vested(s);
    }

    function getSchedule(uint256 scheduleId) external view returns (VestingSchedule memory) {
        return _existing(scheduleId);
    }

    function getSchedulesByBeneficiary(address beneficiary) external view returns (uint256[] memory) {
        return _byBeneficiary[beneficiary];
    }

    function _existing(uint256 scheduleId) private view returns (VestingSchedule storage s) {
        s = schedules[scheduleId];
        require(s.beneficiary != address(0), "Schedule does not exist");
    }

    /// @dev Rounded down: the vault never releases a unit before it has vested.
    function _vested(VestingSchedule storage s) private view returns (uint256) {
        uint256 elapsed = block.timestamp - s.start;
        if (elapsed < s.cliffSeconds) return 0;
        if (elapsed >= s.duration) return s.totalAmount;
        return (s.totalAmount * elapsed) / s.duration;
    }
}
