/** The DeltaOne rule: 1 percentage point in the metric's direction, whole DeltaOnes only, exact decimals. */
import { expect } from "chai";
import { parseUnits } from "ethers";

import {
  deltaOneHeadroom,
  deltaOneReward,
  deltaOnesEarned,
  effectiveTokensPerDeltaOne,
  formatMetricPercent,
  formatMetricUnits,
  metricAfterDeltaOnes,
  metricUnits,
  tokensForDeltaOnes,
} from "../../src/core/deltaone";

describe("DeltaOne arithmetic (src/core/deltaone.ts)", function () {
  describe("maximize: a rise of 1 percentage point is one DeltaOne", function () {
    it("0.884 → 0.894 is exactly 1", function () {
      expect(deltaOnesEarned(0.884, 0.894, "maximize")).to.equal(1);
    });

    it("0.81 → 0.82 is exactly 1, where floor((0.82 - 0.81) × 100) in binary floats gives 0", function () {
      expect(Math.floor((0.82 - 0.81) * 100), "the float trap this guards against").to.equal(0);
      expect(deltaOnesEarned(0.81, 0.82, "maximize")).to.equal(1);
      expect(deltaOnesEarned(0.82, 0.81, "minimize")).to.equal(1);
    });

    it("0.884 → 0.8939 is 0: improvements round down to whole DeltaOnes", function () {
      expect(deltaOnesEarned(0.884, 0.8939, "maximize")).to.equal(0);
    });

    it("counts several points and rounds down the rest", function () {
      expect(deltaOnesEarned(0.884, 0.904, "maximize")).to.equal(2);
      expect(deltaOnesEarned(0.884, 0.9139, "maximize")).to.equal(2);
      expect(deltaOnesEarned(0.5, 1, "maximize")).to.equal(50);
      expect(deltaOnesEarned(0, 1, "maximize")).to.equal(100);
    });

    it("gives 0 for no change and for a regression", function () {
      expect(deltaOnesEarned(0.884, 0.884, "maximize")).to.equal(0);
      expect(deltaOnesEarned(0.884, 0.874, "maximize")).to.equal(0);
      expect(deltaOnesEarned(0.884, 0.5, "maximize")).to.equal(0);
    });

    it("ignores float noise below 1e-9: a sum computed in floats still counts", function () {
      expect(0.1 + 0.2).to.equal(0.30000000000000004);
      expect(deltaOnesEarned(0.29, 0.1 + 0.2, "maximize")).to.equal(1);
      expect(deltaOnesEarned(0.884, 0.8939999999999999, "maximize")).to.equal(1);
      expect(deltaOnesEarned(0.884, 0.893999999, "maximize")).to.equal(0);
    });

    it("reads decimal strings exactly, like numbers", function () {
      expect(deltaOnesEarned("0.884", "0.894", "maximize")).to.equal(1);
      expect(deltaOnesEarned("0.884", "0.8939", "maximize")).to.equal(0);
    });
  });

  describe("minimize: a drop of 1 percentage point is one DeltaOne", function () {
    it("0.20 → 0.18 is 2", function () {
      expect(deltaOnesEarned(0.2, 0.18, "minimize")).to.equal(2);
      expect(deltaOnesEarned("0.20", "0.18", "minimize")).to.equal(2);
    });

    it("0.20 → 0.1901 is 0 and 0.20 → 0.19 is 1", function () {
      expect(deltaOnesEarned(0.2, 0.1901, "minimize")).to.equal(0);
      expect(deltaOnesEarned(0.2, 0.19, "minimize")).to.equal(1);
    });

    it("gives 0 for a rise (a regression when minimizing)", function () {
      expect(deltaOnesEarned(0.2, 0.21, "minimize")).to.equal(0);
      expect(deltaOnesEarned(0.2, 0.2, "minimize")).to.equal(0);
    });
  });

  describe("tokens minted", function () {
    const perDeltaOne = parseUnits("25000", 18);

    it("is deltaOnes × tokensPerDeltaOne, in wei", function () {
      expect(tokensForDeltaOnes(1, perDeltaOne)).to.equal(25_000n * 10n ** 18n);
      expect(tokensForDeltaOnes(12n, perDeltaOne)).to.equal(300_000n * 10n ** 18n);
      expect(tokensForDeltaOnes(0, perDeltaOne)).to.equal(0n);
    });

    it("reads a tokensPerDeltaOne up to 10,000,000 as whole tokens, as the contract does", function () {
      expect(effectiveTokensPerDeltaOne(25_000n)).to.equal(25_000n * 10n ** 18n);
      expect(effectiveTokensPerDeltaOne(10_000_000n)).to.equal(10_000_000n * 10n ** 18n);
      expect(effectiveTokensPerDeltaOne(10_000_001n)).to.equal(10_000_001n);
      expect(tokensForDeltaOnes(2, 25_000n)).to.equal(50_000n * 10n ** 18n);
    });

    it("stays exact beyond 2^53 wei", function () {
      const huge = parseUnits("9999999.999999999999999999", 18);
      expect(tokensForDeltaOnes(100, huge)).to.equal(huge * 100n);
    });

    it("deltaOneReward gives both figures for a new metric value", function () {
      expect(deltaOneReward(0.884, 0.894, "maximize", perDeltaOne)).to.deep.equal({
        deltaOnes: 1,
        tokens: 25_000n * 10n ** 18n,
      });
      expect(deltaOneReward(0.2, 0.18, "minimize", perDeltaOne)).to.deep.equal({
        deltaOnes: 2,
        tokens: 50_000n * 10n ** 18n,
      });
      expect(deltaOneReward(0.884, 0.87, "maximize", perDeltaOne)).to.deep.equal({
        deltaOnes: 0,
        tokens: 0n,
      });
    });
  });

  describe("metric values", function () {
    it("are held in units of 1e-9, exactly", function () {
      expect(metricUnits(0.884)).to.equal(884_000_000n);
      expect(metricUnits("0.8939")).to.equal(893_900_000n);
      expect(metricUnits(1)).to.equal(1_000_000_000n);
      expect(metricUnits(1e-7)).to.equal(100n);
      expect(metricUnits("0.0000000005")).to.equal(1n);
    });

    it("refuse values outside 0..1 and non-numbers, naming the field", function () {
      expect(() => metricUnits(1.2, "metrics.baseline")).to.throw(
        /HOK706: metrics.baseline "1.2" is invalid/,
      );
      expect(() => metricUnits(-0.1)).to.throw(/HOK706/);
      expect(() => metricUnits("88%")).to.throw(/HOK706/);
      expect(() => metricUnits(Number.NaN)).to.throw(/HOK706/);
    });

    it("after k DeltaOnes move by k points in the metric's direction", function () {
      expect(formatMetricUnits(metricAfterDeltaOnes(0.884, 1, "maximize"))).to.equal("0.894");
      expect(formatMetricUnits(metricAfterDeltaOnes(0.2, 2, "minimize"))).to.equal("0.18");
      expect(formatMetricPercent(metricAfterDeltaOnes(0.884, 12, "maximize"))).to.equal("100.4%");
    });

    it("leave headroom up to 100% (maximize) or down to 0% (minimize)", function () {
      expect(deltaOneHeadroom(0.884, "maximize")).to.equal(11);
      expect(deltaOneHeadroom(0.2, "minimize")).to.equal(20);
      expect(deltaOneHeadroom(1, "maximize")).to.equal(0);
    });
  });
});
