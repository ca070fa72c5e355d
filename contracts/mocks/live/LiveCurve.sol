// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {UD60x18, ud} from "@prb/math/src/UD60x18.sol";

/// @title The live pool's two-phase price: a flat price until the reserve reaches a threshold, then
///        a constant-reserve-ratio curve. Reserve R (6 decimals), supply S (18), ratio w = crr / 1e6.
/// @dev The same approach as MockHokusaiAMM. Every rounding goes against the trader: fractions are
///      taken towards the pool, and PRBMath's pow (exact to a few units in the 18th digit) is given
///      a margin of 1e-16 of the supply or the reserve.
library LiveCurve {
    uint256 internal constant PPM = 1_000_000;

    struct Shape {
        uint256 crr;
        uint256 threshold;
        uint256 flatPrice;
    }

    /// @dev USDC units per whole token: the flat price, then P = R / (w S).
    function spotPrice(Shape memory c, uint256 reserve, uint256 supply) internal pure returns (uint256) {
        if (reserve < c.threshold || supply == 0) return c.flatPrice;
        return Math.mulDiv(reserve, 1e18 * PPM, c.crr * supply);
    }

    /// @dev Tokens for `amount` of reserve (after the fee): flat up to the threshold, then
    ///      T = S((1 + E/R)^w - 1). Without supply the curve has nothing to scale, so it is all flat.
    function tokensFor(
        Shape memory c,
        uint256 amount,
        uint256 reserve,
        uint256 supply
    ) internal pure returns (uint256 tokens) {
        if (reserve < c.threshold || supply == 0) {
            uint256 flatPart = reserve < c.threshold ? Math.min(amount, c.threshold - reserve) : amount;
            tokens = (flatPart * 1e18) / c.flatPrice;
            amount -= flatPart;
            reserve += flatPart;
            supply += tokens;
        }
        if (amount == 0) return tokens;
        uint256 growth = ud(Math.mulDiv(reserve + amount, 1e18, reserve)).pow(ud(c.crr * 1e12)).unwrap();
        uint256 curveTokens = Math.mulDiv(supply, growth - 1e18, 1e18);
        uint256 margin = supply / 1e16 + 1;
        tokens += curveTokens > margin ? curveTokens - margin : 0;
    }

    /// @dev Reserve (before the fee) for `tokens`: F = R(1 - (1 - T/S)^(1/w)) down to the threshold,
    ///      the flat price below it. Nothing for more than the supply, as live.
    function reserveFor(
        Shape memory c,
        uint256 tokens,
        uint256 reserve,
        uint256 supply
    ) internal pure returns (uint256 out) {
        if (tokens == 0 || tokens > supply || reserve == 0) return 0;
        if (reserve > c.threshold) {
            // The tokens that take the reserve down to the threshold: S(1 - (threshold / R)^w).
            UD60x18 ratio = ud(Math.mulDiv(c.threshold, 1e18, reserve, Math.Rounding.Ceil)).pow(ud(c.crr * 1e12));
            uint256 kept = Math.mulDiv(supply, ratio.unwrap(), 1e18, Math.Rounding.Ceil);
            uint256 curveTokens = Math.min(tokens, supply > kept ? supply - kept : 0);
            uint256 left = Math.mulDiv(supply - curveTokens, 1e18, supply, Math.Rounding.Ceil);
            UD60x18 remaining = ud(left).pow(ud((1e18 * PPM) / c.crr));
            uint256 curveOut = reserve - Math.min(reserve, Math.mulDiv(reserve, remaining.unwrap(), 1e18, Math.Rounding.Ceil));
            uint256 margin = reserve / 1e16 + 1;
            out = curveOut > margin ? curveOut - margin : 0;
            tokens -= curveTokens;
            reserve -= out;
        }
        if (tokens > 0) out += Math.min((tokens * c.flatPrice) / 1e18, reserve);
    }
}
