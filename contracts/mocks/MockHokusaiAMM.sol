// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {UD60x18, ud} from "@prb/math/src/UD60x18.sol";

import {IHokusaiAMM} from "../interfaces/IHokusaiAMM.sol";
import {IHokusaiErrors} from "../interfaces/IHokusaiErrors.sol";
import {IHokusaiParams} from "../interfaces/IHokusaiParams.sol";
import {IHokusaiToken} from "../interfaces/IHokusaiToken.sol";
import {ITokenManagerCore} from "../interfaces/ITokenManager.sol";

/// @title A model's AMM pool on a constant-reserve-ratio (CRR) bonding curve.
/// @dev Every rounding favours the pool, so a buy followed by a sell never returns more than was paid.
contract MockHokusaiAMM is IHokusaiAMM, IHokusaiErrors, ReentrancyGuard {
    using SafeERC20 for IERC20;

    uint256 public constant PPM = 1_000_000;
    uint256 public constant BPS = 10_000;

    string public modelId;
    address public immutable hokusaiToken;
    address public immutable reserveToken;
    address public immutable tokenManager;
    address public immutable treasury;
    uint256 public immutable crr;
    uint256 public immutable tradeFee;
    uint256 public immutable ibrDuration;
    uint256 public immutable ibrEndTime;
    uint256 public immutable flatCurveThreshold;
    uint256 public immutable flatCurvePrice;

    uint256 public reserveBalance;

    struct PoolConfig {
        string modelId;
        address token;
        address reserveToken;
        address tokenManager;
        address treasury;
        uint256 crr;
        uint256 tradeFee;
        uint256 ibrDuration;
        uint256 flatCurveThreshold;
        uint256 flatCurvePrice;
    }

    constructor(PoolConfig memory c) {
        modelId = c.modelId;
        hokusaiToken = c.token;
        reserveToken = c.reserveToken;
        tokenManager = c.tokenManager;
        treasury = c.treasury;
        crr = c.crr;
        tradeFee = c.tradeFee;
        ibrDuration = c.ibrDuration;
        ibrEndTime = block.timestamp + c.ibrDuration;
        flatCurveThreshold = c.flatCurveThreshold;
        flatCurvePrice = c.flatCurvePrice;
    }

    modifier beforeDeadline(uint256 deadline) {
        require(block.timestamp <= deadline, "Transaction expired");
        _;
    }

    // --- quotes ------------------------------------------------------------

    /// @notice USDC (6 decimals) per whole token: the flat price, then P = R / (w S).
    function spotPrice() external view returns (uint256) {
        uint256 supply = _supply();
        if (reserveBalance < flatCurveThreshold || supply == 0) return flatCurvePrice;
        return Math.mulDiv(reserveBalance, 1e18 * PPM, crr * supply);
    }

    function getBuyQuote(uint256 reserveIn) public view returns (uint256) {
        uint256 supply = _supply();
        return _tokensForReserve(reserveIn - _fee(reserveIn), _claimedReserve(supply), supply);
    }

    function getSellQuote(uint256 tokensIn) public view returns (uint256) {
        uint256 gross = _reserveForTokens(tokensIn, reserveBalance, _supply());
        return gross - _fee(gross);
    }

    // --- trades ------------------------------------------------------------

    function buy(
        uint256 reserveIn,
        uint256 minTokensOut,
        address to,
        uint256 deadline
    ) external nonReentrant beforeDeadline(deadline) returns (uint256 tokensOut) {
        if (reserveIn == 0) revert InvalidAmount("reserve in");
        if (to == address(0)) revert ZeroAddress("recipient");
        uint256 fee = _fee(reserveIn);
        uint256 supply = _supply();
        uint256 claimed = _claimedReserve(supply);
        tokensOut = _tokensForReserve(reserveIn - fee, claimed, supply);
        if (tokensOut == 0) revert InvalidAmount("tokens out");
        require(tokensOut >= minTokensOut, "Slippage exceeded");

        IERC20(reserveToken).safeTransferFrom(msg.sender, address(this), reserveIn);
        if (fee > 0) IERC20(reserveToken).safeTransfer(treasury, fee);
        // A reserve without supply (fees deposited before the first buy, or what rounding left after the
        // last sale) is nobody's: it goes to the treasury rather than to the buyer of the whole new supply.
        if (claimed < reserveBalance) IERC20(reserveToken).safeTransfer(treasury, reserveBalance - claimed);
        reserveBalance = claimed + reserveIn - fee;
        ITokenManagerCore(tokenManager).mintTokens(modelId, to, tokensOut);
        emit Buy(msg.sender, to, reserveIn, fee, tokensOut);
    }

    function sell(
        uint256 tokensIn,
        uint256 minReserveOut,
        address to,
        uint256 deadline
    ) external nonReentrant beforeDeadline(deadline) returns (uint256 reserveOut) {
        require(block.timestamp >= ibrEndTime, "Sells not enabled during IBR");
        if (tokensIn == 0) revert InvalidAmount("tokens in");
        if (to == address(0)) revert ZeroAddress("recipient");
        uint256 gross = _reserveForTokens(tokensIn, reserveBalance, _supply());
        uint256 fee = _fee(gross);
        reserveOut = gross - fee;
        require(reserveOut >= minReserveOut, "Slippage exceeded");

        ITokenManagerCore(tokenManager).burnTokens(modelId, msg.sender, tokensIn);
        reserveBalance -= gross;
        if (fee > 0) IERC20(reserveToken).safeTransfer(treasury, fee);
        IERC20(reserveToken).safeTransfer(to, reserveOut);
        emit Sell(msg.sender, to, tokensIn, fee, reserveOut);
    }

    /// @notice API usage fees: the infrastructure share goes to the treasury, the rest raises the reserve.
    function depositFees(uint256 amount) external nonReentrant {
        if (amount == 0) revert InvalidAmount("fee amount");
        uint16 accrualBps = IHokusaiParams(IHokusaiToken(hokusaiToken).params()).infrastructureAccrualBps();
        uint256 toInfrastructure = (amount * accrualBps) / BPS;
        uint256 toReserve = amount - toInfrastructure;
        IERC20(reserveToken).safeTransferFrom(msg.sender, address(this), amount);
        if (toInfrastructure > 0) IERC20(reserveToken).safeTransfer(treasury, toInfrastructure);
        reserveBalance += toReserve;
        emit FeesDeposited(msg.sender, amount, toReserve, toInfrastructure);
    }

    // --- curve -------------------------------------------------------------

    function _supply() private view returns (uint256) {
        return IERC20(hokusaiToken).totalSupply();
    }

    /// @dev The part of the reserve that token holders have a claim on: all of it, unless no token exists.
    function _claimedReserve(uint256 supply) private view returns (uint256) {
        return supply == 0 ? 0 : reserveBalance;
    }

    function _fee(uint256 amount) private view returns (uint256) {
        return Math.mulDiv(amount, tradeFee, BPS, Math.Rounding.Ceil);
    }

    /// @dev Tokens minted for `amount` of reserve: at the flat price up to the threshold,
    ///      then T = S((1 + E/R)^w - 1).
    function _tokensForReserve(uint256 amount, uint256 reserve, uint256 supply) private view returns (uint256 tokens) {
        if (reserve < flatCurveThreshold || supply == 0) {
            // The flat phase ends at the threshold even when no token exists yet (then buy and
            // getBuyQuote pass a reserve of 0: see _claimedReserve, so there is always a curve to continue on).
            uint256 flatPart = reserve < flatCurveThreshold ? Math.min(amount, flatCurveThreshold - reserve) : amount;
            tokens = (flatPart * 1e18) / flatCurvePrice;
            amount -= flatPart;
            reserve += flatPart;
            supply += tokens;
        }
        if (amount == 0) return tokens;
        UD60x18 growth = ud(Math.mulDiv(reserve + amount, 1e18, reserve)).pow(ud(crr * 1e12));
        uint256 curveTokens = Math.mulDiv(supply, growth.unwrap() - 1e18, 1e18);
        // pow is exact to a few units in the 18th digit: give those to the pool.
        uint256 margin = supply / 1e16 + 1;
        tokens += curveTokens > margin ? curveTokens - margin : 0;
    }

    /// @dev Reserve returned for `tokens`: F = R(1 - (1 - T/S)^(1/w)) down to the threshold,
    ///      at the flat price below it.
    function _reserveForTokens(uint256 tokens, uint256 reserve, uint256 supply) private view returns (uint256 out) {
        if (tokens == 0) return 0;
        if (tokens > supply) revert ValueOutOfBounds(tokens, 1, supply);
        if (reserve > flatCurveThreshold) {
            // Tokens that take the reserve down to the threshold: S(1 - (threshold/R)^(1/w)).
            uint256 toThreshold = supply -
                Math.mulDiv(supply, ud(Math.mulDiv(flatCurveThreshold, 1e18, reserve)).pow(ud(crr * 1e12)).unwrap(), 1e18);
            uint256 curveTokens = Math.min(tokens, toThreshold);
            uint256 remaining = UD60x18.unwrap(
                ud(Math.mulDiv(supply - curveTokens, 1e18, supply)).pow(ud((1e18 * PPM) / crr))
            );
            uint256 curveOut = reserve - Math.mulDiv(reserve, remaining, 1e18, Math.Rounding.Ceil);
            out = curveOut > 1 ? curveOut - 1 : 0;
            tokens -= curveTokens;
            reserve -= out;
            supply -= curveTokens;
        }
        if (tokens > 0) out += Math.min((tokens * flatCurvePrice) / 1e18, reserve);
    }
}
