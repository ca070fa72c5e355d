import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import {
  CURVE_POOL_THRESHOLD,
  DEFAULT_FLAT_CURVE_PRICE,
  MODEL_ID,
  SUPPLIER_ALLOCATION,
  TOKENS,
  USDC,
  curvePoolFixture,
  deadline,
  deployPool,
  poolFixture,
  systemFixture,
  unauthorizedPoolFixture,
  type PoolOptions,
  type PoolSystem,
} from "../helpers/contract-fixtures";

/**
 * Relative tolerance between the pool and the curve formulas computed here in floating point.
 * PRBMath's pow is exact to a few units in the 18th digit, doubles to about 1e-16, and the pool
 * keeps a margin of 1e-16 of the supply on buys; 1e-9 leaves room for all of that and still
 * fails on any wrong formula (a wrong exponent or a wrong fee moves results by far more than 1e-6).
 */
const CURVE_REL_TOLERANCE = 1e-9;

/**
 * Absolute slack in the smallest unit (token wei, USDC units), for results so small that the
 * relative tolerance is below the pool's own rounding: a fee rounded up, a mulDiv rounded up and
 * one unit kept back on each curve sale.
 */
const ROUNDING_UNITS = 3;

/**
 * How far the float formulas themselves can sit from the exact value (a few ulps of 1e-16 each in
 * Number(S), log1p and expm1): the slack when checking that the pool rounds in its own favour.
 */
const FLOAT_REL_EPSILON = 1e-15;

/** spotPrice is an integer of USDC units (6 decimals), rounded down: at most one unit below R / (w S). */
const SPOT_PRICE_TOLERANCE_UNITS = 1;

const BPS = 10_000n;
const PPM = 1_000_000;

/** The pool's fee: basis points of `amount`, rounded up (in the pool's favour). */
function feeOf(amount: bigint, tradeFeeBps: bigint): bigint {
  return (amount * tradeFeeBps + BPS - 1n) / BPS;
}

/** T = S((1 + E/R)^w - 1), with expm1/log1p so that small trades keep their precision. */
function curveBuyTokens(net: bigint, reserve: bigint, supply: bigint, crr: bigint): number {
  const w = Number(crr) / PPM;
  return Number(supply) * Math.expm1(w * Math.log1p(Number(net) / Number(reserve)));
}

/** F = R(1 - (1 - T/S)^(1/w)). */
function curveSellReserve(tokens: bigint, reserve: bigint, supply: bigint, crr: bigint): number {
  const w = Number(crr) / PPM;
  return -Number(reserve) * Math.expm1(Math.log1p(-Number(tokens) / Number(supply)) / w);
}

/** P = R / (w S), in USDC units per whole token. */
function curveSpotPrice(reserve: bigint, supply: bigint, crr: bigint): number {
  return (Number(reserve) * 1e18 * PPM) / (Number(crr) * Number(supply));
}

function expectClose(actual: bigint, expected: number, what: string): void {
  const slack = Math.max(CURVE_REL_TOLERANCE * Math.abs(expected), ROUNDING_UNITS);
  expect(Math.abs(Number(actual) - expected), `${what}: got ${actual}, formula gives ${expected}`).to.be.at.most(
    slack,
  );
}

async function stateOf(s: PoolSystem) {
  return {
    reserve: await s.pool.reserveBalance(),
    supply: await s.token.totalSupply(),
    crr: await s.pool.crr(),
    fee: await s.pool.tradeFee(),
  };
}

async function buy(s: PoolSystem, reserveIn: bigint, from: HardhatEthersSigner = s.buyer, minTokensOut = 0n) {
  return s.pool.connect(from).buy(reserveIn, minTokensOut, from.address, await deadline());
}

async function sell(s: PoolSystem, tokensIn: bigint, from: HardhatEthersSigner = s.buyer, minReserveOut = 0n) {
  return s.pool.connect(from).sell(tokensIn, minReserveOut, from.address, await deadline());
}

/** Mints USDC to `who` and approves the pool for it. */
async function fund(s: PoolSystem, who: HardhatEthersSigner, amount: bigint): Promise<void> {
  await s.usdc.connect(s.owner).mint(who.address, amount);
  await s.usdc.connect(who).approve(await s.pool.getAddress(), amount);
}

async function endIbr(s: PoolSystem): Promise<void> {
  await time.increaseTo(await s.pool.ibrEndTime());
}

/** A fresh pool for the tests that need their own parameters. */
async function poolWith(options: PoolOptions): Promise<PoolSystem> {
  return deployPool(await loadFixture(systemFixture), { investorAllocation: TOKENS("100000000"), ...options });
}

describe("MockHokusaiAMM", function () {
  describe("minting rights", function () {
    it('cannot mint before authorizeAMM: "Caller is not authorized to mint"', async function () {
      const s = await loadFixture(unauthorizedPoolFixture);
      expect(await s.tokenManager.isAuthorizedAMM(await s.pool.getAddress())).to.be.false;
      await expect(buy(s, USDC("100"))).to.be.revertedWith("Caller is not authorized to mint");
      expect(await s.usdc.balanceOf(s.buyer.address)).to.equal(USDC("10000000"));
    });

    it("buys once the TokenManager owner has authorised it, and stops when revoked", async function () {
      const s = await loadFixture(unauthorizedPoolFixture);
      const pool = await s.pool.getAddress();
      await s.tokenManager.authorizeAMM(pool);
      const quote = await s.pool.getBuyQuote(USDC("100"));
      expect(quote).to.be.greaterThan(0n);
      await expect(buy(s, USDC("100"))).to.changeTokenBalance(s.token, s.buyer, quote);
      await s.tokenManager.revokeAMM(pool);
      await expect(buy(s, USDC("100"))).to.be.revertedWith("Caller is not authorized to mint");
    });

    it('cannot burn once revoked: "Caller is not authorized to burn"', async function () {
      const s = await loadFixture(poolFixture);
      await buy(s, USDC("100"));
      await endIbr(s);
      await s.tokenManager.revokeAMM(await s.pool.getAddress());
      await expect(sell(s, TOKENS("1"))).to.be.revertedWith("Caller is not authorized to burn");
    });
  });

  describe("flat phase", function () {
    it("mints reserveIn * (1 - fee) / flatPrice tokens", async function () {
      const s = await loadFixture(poolFixture);
      const reserveIn = USDC("1000");
      const fee = feeOf(reserveIn, 30n);
      const expected = ((reserveIn - fee) * 10n ** 18n) / DEFAULT_FLAT_CURVE_PRICE;
      expect(expected).to.equal(TOKENS("99700"));
      expect(await s.pool.getBuyQuote(reserveIn)).to.equal(expected);

      const tx = buy(s, reserveIn);
      await expect(tx).to.emit(s.pool, "Buy").withArgs(s.buyer.address, s.buyer.address, reserveIn, fee, expected);
      await expect(tx).to.changeTokenBalance(s.token, s.buyer, expected);
      await expect(tx).to.changeTokenBalances(s.usdc, [s.buyer, s.pool, s.treasury], [-reserveIn, reserveIn - fee, fee]);
      expect(await s.pool.reserveBalance()).to.equal(reserveIn - fee);
      expect(await s.token.investorMinted()).to.equal(expected);
    });

    it("mints to the recipient named in the call", async function () {
      const s = await loadFixture(poolFixture);
      const quote = await s.pool.getBuyQuote(USDC("10"));
      await expect(s.pool.connect(s.buyer).buy(USDC("10"), 0n, s.other.address, await deadline()))
        .to.emit(s.pool, "Buy")
        .withArgs(s.buyer.address, s.other.address, USDC("10"), feeOf(USDC("10"), 30n), quote);
      expect(await s.token.balanceOf(s.other.address)).to.equal(quote);
      expect(await s.token.balanceOf(s.buyer.address)).to.equal(0n);
    });

    it("quotes the flat price as the spot price, also before any token exists", async function () {
      const s = await loadFixture(poolFixture);
      expect(await s.pool.spotPrice()).to.equal(DEFAULT_FLAT_CURVE_PRICE);
      const empty = await poolWith({ modelId: "no-supply", distributeSupplier: false });
      expect(await empty.token.totalSupply()).to.equal(0n);
      expect(await empty.pool.spotPrice()).to.equal(DEFAULT_FLAT_CURVE_PRICE);
    });

    it("sells at the flat price below the threshold, never more than the reserve", async function () {
      const s = await loadFixture(poolFixture);
      await buy(s, USDC("1000"));
      await endIbr(s);
      const tokens = TOKENS("50000");
      const gross = (tokens * DEFAULT_FLAT_CURVE_PRICE) / 10n ** 18n;
      expect(await s.pool.getSellQuote(tokens)).to.equal(gross - feeOf(gross, 30n));
      // The supplier's 400,000 tokens are worth 4,000 USDC at the flat price; the reserve holds 997.
      const reserve = await s.pool.reserveBalance();
      expect(await s.pool.getSellQuote(SUPPLIER_ALLOCATION)).to.equal(reserve - feeOf(reserve, 30n));
    });
  });

  describe("the CRR curve", function () {
    it("crosses the threshold: the flat part to the threshold, the rest on the curve", async function () {
      const s = await loadFixture(curvePoolFixture);
      const { reserve, supply, crr, fee } = await stateOf(s);
      expect(reserve).to.equal(0n);
      const reserveIn = USDC("5000");
      const net = reserveIn - feeOf(reserveIn, fee);
      const flatTokens = (CURVE_POOL_THRESHOLD * 10n ** 18n) / DEFAULT_FLAT_CURVE_PRICE;
      const expected =
        Number(flatTokens) + curveBuyTokens(net - CURVE_POOL_THRESHOLD, CURVE_POOL_THRESHOLD, supply + flatTokens, crr);
      const quote = await s.pool.getBuyQuote(reserveIn);
      expectClose(quote, expected, "tokens for a buy across the threshold");
      await expect(buy(s, reserveIn)).to.changeTokenBalance(s.token, s.buyer, quote);
    });

    it("ends the flat phase at the threshold even before any token exists", async function () {
      const s = await poolWith({
        modelId: "no-supply",
        distributeSupplier: false,
        flatCurveThreshold: CURVE_POOL_THRESHOLD,
        tradeFee: 0n,
      });
      expect(await s.token.totalSupply()).to.equal(0n);
      const flatTokens = (CURVE_POOL_THRESHOLD * 10n ** 18n) / DEFAULT_FLAT_CURVE_PRICE;
      const reserveIn = USDC("5000");
      const expected =
        Number(flatTokens) + curveBuyTokens(reserveIn - CURVE_POOL_THRESHOLD, CURVE_POOL_THRESHOLD, flatTokens, await s.pool.crr());
      expectClose(await s.pool.getBuyQuote(reserveIn), expected, "a first buy across the threshold");
    });

    it("prices the first buy from an empty pool and hands fees deposited before any token to the treasury", async function () {
      const s = await poolWith({
        modelId: "fees-only",
        distributeSupplier: false,
        flatCurveThreshold: CURVE_POOL_THRESHOLD,
      });
      await fund(s, s.other, USDC("4000"));
      await s.pool.connect(s.other).depositFees(USDC("4000"));
      expect(await s.pool.reserveBalance()).to.equal(USDC("2000"));
      expect(await s.pool.spotPrice()).to.equal(DEFAULT_FLAT_CURVE_PRICE);
      const reserveIn = USDC("500");
      const net = reserveIn - feeOf(reserveIn, 30n);
      // Nobody holds a token, so nobody has a claim on the 2,000 USDC: the buyer gets flat-price tokens for
      // what it paid, and the unclaimed reserve goes to the treasury rather than to the first buyer.
      expect(await s.pool.getBuyQuote(reserveIn)).to.equal((net * 10n ** 18n) / DEFAULT_FLAT_CURVE_PRICE);
      await expect(buy(s, reserveIn)).to.changeTokenBalance(s.usdc, s.treasury, USDC("2000") + feeOf(reserveIn, 30n));
      expect(await s.pool.reserveBalance()).to.equal(net);
    });

    for (const reserveIn of [USDC("1"), USDC("2500"), USDC("250000"), USDC("5000000")]) {
      it(`mints T = S((1 + E/R)^w - 1) for a buy of ${ethers.formatUnits(reserveIn, 6)} USDC`, async function () {
        const s = await loadFixture(curvePoolFixture);
        await buy(s, USDC("5000"), s.buyer);
        const { reserve, supply, crr, fee } = await stateOf(s);
        expect(reserve).to.be.greaterThan(CURVE_POOL_THRESHOLD);
        const expected = curveBuyTokens(reserveIn - feeOf(reserveIn, fee), reserve, supply, crr);
        const quote = await s.pool.getBuyQuote(reserveIn);
        expectClose(quote, expected, "tokens for a buy on the curve");
        expect(Number(quote)).to.be.at.most(expected * (1 + FLOAT_REL_EPSILON), "rounding favours the pool");
        await expect(buy(s, reserveIn)).to.changeTokenBalance(s.token, s.buyer, quote);
      });
    }

    for (const crr of [50_000n, 500_000n, 1_000_000n]) {
      it(`follows the curve for crr ${crr}`, async function () {
        const s = await poolWith({ modelId: `crr-${crr}`, crr, flatCurveThreshold: CURVE_POOL_THRESHOLD });
        await buy(s, USDC("2000"));
        const { reserve, supply, fee } = await stateOf(s);
        const reserveIn = USDC("30000");
        expectClose(
          await s.pool.getBuyQuote(reserveIn),
          curveBuyTokens(reserveIn - feeOf(reserveIn, fee), reserve, supply, crr),
          `buy at crr ${crr}`,
        );
        await buy(s, reserveIn);
        await endIbr(s);
        const after = await stateOf(s);
        const tokensIn = after.supply / 10n;
        const gross = curveSellReserve(tokensIn, after.reserve, after.supply, crr);
        expectClose(await s.pool.getSellQuote(tokensIn), gross - Number(feeOf(BigInt(Math.round(gross)), fee)), `sell at crr ${crr}`);
      });
    }

    it("returns F = R(1 - (1 - T/S)^(1/w)) minus the fee on a sale after the IBR", async function () {
      const s = await loadFixture(curvePoolFixture);
      await buy(s, USDC("200000"));
      await endIbr(s);
      const { reserve, supply, crr, fee } = await stateOf(s);
      const tokensIn = (await s.token.balanceOf(s.buyer.address)) / 4n;
      const gross = curveSellReserve(tokensIn, reserve, supply, crr);
      const expectedFee = feeOf(BigInt(Math.round(gross)), fee);
      const quote = await s.pool.getSellQuote(tokensIn);
      expectClose(quote, gross - Number(expectedFee), "USDC for a sale on the curve");
      const exact = gross - Number(expectedFee);
      expect(Number(quote)).to.be.at.most(exact * (1 + FLOAT_REL_EPSILON) + 1, "rounding favours the pool");

      const tx = sell(s, tokensIn);
      await expect(tx).to.changeTokenBalances(s.usdc, [s.buyer, s.treasury], [quote, expectedFee]);
      await expect(tx).to.changeTokenBalance(s.token, s.buyer, -tokensIn);
      await expect(tx).to.emit(s.pool, "Sell").withArgs(s.buyer.address, s.buyer.address, tokensIn, expectedFee, quote);
      expect(await s.pool.reserveBalance()).to.equal(reserve - quote - expectedFee);
      expect(await s.token.totalSupply()).to.equal(supply - tokensIn);
    });

    it("sells down the curve to the threshold, then at the flat price", async function () {
      const s = await loadFixture(curvePoolFixture);
      await buy(s, USDC("5000"));
      await endIbr(s);
      const { reserve, supply, crr, fee } = await stateOf(s);
      const w = Number(crr) / PPM;
      const toThreshold = Number(supply) * (1 - Math.pow(Number(CURVE_POOL_THRESHOLD) / Number(reserve), w));
      const extra = TOKENS("1000");
      const tokensIn = BigInt(Math.floor(toThreshold)) + extra;
      const gross = Number(reserve - CURVE_POOL_THRESHOLD) + Number((extra * DEFAULT_FLAT_CURVE_PRICE) / 10n ** 18n);
      expectClose(await s.pool.getSellQuote(tokensIn), gross - Number(feeOf(BigInt(gross), fee)), "a sale across the threshold");
    });

    it("reads the spot price as R / (w S) in USDC units per whole token", async function () {
      const s = await loadFixture(curvePoolFixture);
      await buy(s, USDC("123456.789"));
      const { reserve, supply, crr } = await stateOf(s);
      const spot = await s.pool.spotPrice();
      const expected = curveSpotPrice(reserve, supply, crr);
      expect(Math.abs(Number(spot) - expected)).to.be.at.most(SPOT_PRICE_TOLERANCE_UNITS);
      expect(spot).to.equal((reserve * 10n ** 18n * 1_000_000n) / (crr * supply));
      expect(spot).to.be.greaterThan(DEFAULT_FLAT_CURVE_PRICE);
    });

    it("raises the spot price with every buy and lowers it with every sale", async function () {
      const s = await loadFixture(curvePoolFixture);
      await buy(s, USDC("5000"));
      const p0 = await s.pool.spotPrice();
      await buy(s, USDC("10000"));
      const p1 = await s.pool.spotPrice();
      expect(p1).to.be.greaterThan(p0);
      await endIbr(s);
      await sell(s, TOKENS("10000"));
      expect(await s.pool.spotPrice()).to.be.lessThan(p1);
    });
  });

  describe("IBR", function () {
    it('rejects sells during the IBR: "Sells not enabled during IBR"', async function () {
      const s = await loadFixture(poolFixture);
      await buy(s, USDC("100"));
      await expect(sell(s, TOKENS("1"))).to.be.revertedWith("Sells not enabled during IBR");
    });

    it("opens sells exactly at ibrEndTime = creation + ibrDuration", async function () {
      const s = await loadFixture(poolFixture);
      await buy(s, USDC("100"));
      const end = await s.pool.ibrEndTime();
      await time.setNextBlockTimestamp(end - 1n);
      await expect(s.pool.connect(s.buyer).sell(TOKENS("1"), 0n, s.buyer.address, end + 100n)).to.be.revertedWith(
        "Sells not enabled during IBR",
      );
      await time.setNextBlockTimestamp(end);
      await expect(s.pool.connect(s.buyer).sell(TOKENS("1"), 0n, s.buyer.address, end + 100n)).to.emit(s.pool, "Sell");
    });

    it("allows buys during the IBR", async function () {
      const s = await loadFixture(poolFixture);
      expect(await time.latest()).to.be.lessThan(await s.pool.ibrEndTime());
      await expect(buy(s, USDC("100"))).to.emit(s.pool, "Buy");
    });
  });

  describe("depositFees", function () {
    it("sends infrastructureAccrualBps to the treasury and the rest to the reserve", async function () {
      const s = await loadFixture(curvePoolFixture);
      await buy(s, USDC("5000"));
      const amount = USDC("1000.000001");
      const bps = BigInt(await s.params.infrastructureAccrualBps());
      const toInfrastructure = (amount * bps) / BPS;
      const toReserve = amount - toInfrastructure;
      await fund(s, s.other, amount);
      const reserve = await s.pool.reserveBalance();
      const tx = s.pool.connect(s.other).depositFees(amount);
      await expect(tx)
        .to.emit(s.pool, "FeesDeposited")
        .withArgs(s.other.address, amount, toReserve, toInfrastructure);
      await expect(tx).to.changeTokenBalances(s.usdc, [s.other, s.treasury, s.pool], [-amount, toInfrastructure, toReserve]);
      expect(await s.pool.reserveBalance()).to.equal(reserve + toReserve);
    });

    it("reads the split from the params contract at the time of the deposit", async function () {
      const s = await loadFixture(curvePoolFixture);
      await s.params.connect(s.governor).setInfrastructureAccrualBps(1000);
      await fund(s, s.other, USDC("100"));
      await expect(s.pool.connect(s.other).depositFees(USDC("100"))).to.changeTokenBalances(
        s.usdc,
        [s.treasury, s.pool],
        [USDC("10"), USDC("90")],
      );
      await s.params.connect(s.governor).setInfrastructureAccrualBps(10000);
      const reserve = await s.pool.reserveBalance();
      await fund(s, s.other, USDC("100"));
      await s.pool.connect(s.other).depositFees(USDC("100"));
      expect(await s.pool.reserveBalance()).to.equal(reserve);
    });

    it("raises the spot price in proportion to the reserve, without minting", async function () {
      const s = await loadFixture(curvePoolFixture);
      await buy(s, USDC("50000"));
      const before = await stateOf(s);
      const price = await s.pool.spotPrice();
      await fund(s, s.other, USDC("20000"));
      await s.pool.connect(s.other).depositFees(USDC("20000"));
      const after = await stateOf(s);
      expect(after.supply).to.equal(before.supply);
      expect(after.reserve).to.equal(before.reserve + USDC("10000"));
      const raised = await s.pool.spotPrice();
      expect(raised).to.be.greaterThan(price);
      expect(Math.abs(Number(raised) - curveSpotPrice(after.reserve, after.supply, after.crr))).to.be.at.most(
        SPOT_PRICE_TOLERANCE_UNITS,
      );
    });

    it("sends nothing to the treasury when the infrastructure share rounds to zero", async function () {
      const s = await loadFixture(curvePoolFixture);
      await fund(s, s.other, 1n);
      await expect(s.pool.connect(s.other).depositFees(1n))
        .to.emit(s.pool, "FeesDeposited")
        .withArgs(s.other.address, 1n, 1n, 0n);
    });

    it('rejects a zero deposit: InvalidAmount("fee amount")', async function () {
      const s = await loadFixture(poolFixture);
      await expect(s.pool.depositFees(0n)).to.be.revertedWithCustomError(s.pool, "InvalidAmount").withArgs("fee amount");
    });
  });

  describe("slippage and deadline", function () {
    it('rejects a buy below minTokensOut: "Slippage exceeded"', async function () {
      const s = await loadFixture(curvePoolFixture);
      const quote = await s.pool.getBuyQuote(USDC("5000"));
      await expect(buy(s, USDC("5000"), s.buyer, quote + 1n)).to.be.revertedWith("Slippage exceeded");
      await expect(buy(s, USDC("5000"), s.buyer, quote)).to.changeTokenBalance(s.token, s.buyer, quote);
    });

    it('rejects a sale below minReserveOut: "Slippage exceeded"', async function () {
      const s = await loadFixture(curvePoolFixture);
      await buy(s, USDC("5000"));
      await endIbr(s);
      const quote = await s.pool.getSellQuote(TOKENS("1000"));
      await expect(sell(s, TOKENS("1000"), s.buyer, quote + 1n)).to.be.revertedWith("Slippage exceeded");
      await expect(sell(s, TOKENS("1000"), s.buyer, quote)).to.changeTokenBalance(s.usdc, s.buyer, quote);
    });

    it('rejects a trade mined after its deadline: "Transaction expired"', async function () {
      const s = await loadFixture(poolFixture);
      await buy(s, USDC("100"));
      await endIbr(s);
      const at = (await time.latest()) + 10;
      await time.setNextBlockTimestamp(at);
      await expect(s.pool.connect(s.buyer).buy(USDC("1"), 0n, s.buyer.address, at - 1)).to.be.revertedWith(
        "Transaction expired",
      );
      await time.setNextBlockTimestamp(at + 1);
      await expect(s.pool.connect(s.buyer).sell(TOKENS("1"), 0n, s.buyer.address, at)).to.be.revertedWith(
        "Transaction expired",
      );
      await time.setNextBlockTimestamp(at + 2);
      await expect(s.pool.connect(s.buyer).buy(USDC("1"), 0n, s.buyer.address, at + 2)).to.emit(s.pool, "Buy");
    });
  });

  describe("argument checks", function () {
    it("rejects a zero buy, a zero recipient and a buy too small to mint a token wei", async function () {
      const s = await loadFixture(poolFixture);
      const asBuyer = s.pool.connect(s.buyer);
      await expect(asBuyer.buy(0n, 0n, s.buyer.address, await deadline()))
        .to.be.revertedWithCustomError(s.pool, "InvalidAmount")
        .withArgs("reserve in");
      await expect(asBuyer.buy(USDC("1"), 0n, ethers.ZeroAddress, await deadline()))
        .to.be.revertedWithCustomError(s.pool, "ZeroAddress")
        .withArgs("recipient");
      // One USDC unit pays a one-unit fee (rounded up) and leaves nothing to buy with.
      await expect(asBuyer.buy(1n, 0n, s.buyer.address, await deadline()))
        .to.be.revertedWithCustomError(s.pool, "InvalidAmount")
        .withArgs("tokens out");
    });

    it("rejects a zero sale, a zero recipient, more than the supply and more than the balance", async function () {
      const s = await loadFixture(poolFixture);
      await buy(s, USDC("100"));
      await endIbr(s);
      const asBuyer = s.pool.connect(s.buyer);
      await expect(asBuyer.sell(0n, 0n, s.buyer.address, await deadline()))
        .to.be.revertedWithCustomError(s.pool, "InvalidAmount")
        .withArgs("tokens in");
      await expect(asBuyer.sell(1n, 0n, ethers.ZeroAddress, await deadline()))
        .to.be.revertedWithCustomError(s.pool, "ZeroAddress")
        .withArgs("recipient");
      const supply = await s.token.totalSupply();
      await expect(asBuyer.sell(supply + 1n, 0n, s.buyer.address, await deadline()))
        .to.be.revertedWithCustomError(s.pool, "ValueOutOfBounds")
        .withArgs(supply + 1n, 1n, supply);
      const balance = await s.token.balanceOf(s.buyer.address);
      await expect(asBuyer.sell(balance + 1n, 0n, s.buyer.address, await deadline()))
        .to.be.revertedWithCustomError(s.token, "ERC20InsufficientBalance")
        .withArgs(s.buyer.address, balance, balance + 1n);
    });

    it("quotes zero for zero tokens", async function () {
      const s = await loadFixture(poolFixture);
      expect(await s.pool.getSellQuote(0n)).to.equal(0n);
    });

    it("pays nothing for a dust sale on the curve and mints nothing for a dust buy", async function () {
      const s = await loadFixture(curvePoolFixture);
      await buy(s, USDC("5000"));
      await endIbr(s);
      expect(await s.pool.getSellQuote(1n)).to.equal(0n);
      // A reserve of billions of USDC makes one unit worth less than the pool's rounding margin.
      const dust = await poolWith({
        modelId: "dust",
        tradeFee: 0n,
        flatCurveThreshold: CURVE_POOL_THRESHOLD,
      });
      await fund(dust, dust.other, USDC("20000000000"));
      await buy(dust, USDC("1000"));
      await dust.pool.connect(dust.other).depositFees(USDC("20000000000"));
      expect(await dust.pool.getBuyQuote(1n)).to.equal(0n);
      await expect(buy(dust, 1n)).to.be.revertedWithCustomError(dust.pool, "InvalidAmount").withArgs("tokens out");
    });
  });

  describe("a buy followed by a sale never returns more than was paid", function () {
    const ON_CURVE = { flatCurveThreshold: CURVE_POOL_THRESHOLD };
    // [case, pool, USDC paid, whether another trader buys 3,000 USDC first (moving the pool onto the curve)]
    const cases: Array<[string, PoolOptions, bigint, boolean]> = [
      ["in the flat phase (default pool)", {}, USDC("1000"), false],
      ["across the threshold", ON_CURVE, USDC("5000"), false],
      ["on the curve", ON_CURVE, USDC("250000"), true],
      ["with tradeFee 0, flat", { tradeFee: 0n }, USDC("1000"), false],
      ["with tradeFee 0, across the threshold", { ...ON_CURVE, tradeFee: 0n }, USDC("4321"), false],
      ["with tradeFee 0, on the curve", { ...ON_CURVE, tradeFee: 0n }, USDC("77777.7"), true],
      ["with tradeFee 0 and crr 50000", { ...ON_CURVE, tradeFee: 0n, crr: 50_000n }, USDC("9999"), true],
      ["with tradeFee 0 and crr 1000000", { ...ON_CURVE, tradeFee: 0n, crr: 1_000_000n }, USDC("9999"), true],
      ["with the maximum fee, 1000 bps", { ...ON_CURVE, tradeFee: 1000n }, USDC("50000"), true],
      [
        "with tradeFee 0 and no supplier tokens",
        { ...ON_CURVE, tradeFee: 0n, distributeSupplier: false },
        USDC("12345"),
        true,
      ],
    ];

    for (const [what, options, paid, seeded] of cases) {
      it(what, async function () {
        const s = await poolWith(options);
        if (seeded) {
          await fund(s, s.other, USDC("3000"));
          await buy(s, USDC("3000"), s.other);
          expect(await s.pool.reserveBalance()).to.be.at.least(CURVE_POOL_THRESHOLD);
        }

        const usdcBefore = await s.usdc.balanceOf(s.buyer.address);
        await buy(s, paid);
        const tokens = await s.token.balanceOf(s.buyer.address);
        await endIbr(s);
        await sell(s, tokens);
        const returned = (await s.usdc.balanceOf(s.buyer.address)) - (usdcBefore - paid);

        expect(await s.token.balanceOf(s.buyer.address)).to.equal(0n);
        expect(returned).to.be.at.most(paid);
        const fee = await s.pool.tradeFee();
        if (fee === 0n) {
          // Without a fee the round trip is fair, up to the pool's rounding.
          expectClose(returned, Number(paid), "a fee-free round trip");
        } else {
          // Both legs pay the fee.
          expect(returned).to.be.at.most(paid - feeOf(paid, fee));
        }
      });
    }
  });

  describe("the investor allocation caps what the pool can mint", function () {
    it('reverts "Exceeds investor allocation" past the cap, and sales give the room back', async function () {
      const s = await poolWith({ modelId: "capped", investorAllocation: TOKENS("1000"), tradeFee: 0n });
      // 10 USDC at 0.01 buys exactly the 1,000-token cap.
      await buy(s, USDC("10"));
      expect(await s.token.investorMinted()).to.equal(TOKENS("1000"));
      await expect(buy(s, 100n)).to.be.revertedWith("Exceeds investor allocation");
      await endIbr(s);
      await sell(s, TOKENS("1"));
      await expect(buy(s, USDC("0.01"))).to.changeTokenBalance(s.token, s.buyer, TOKENS("1"));
      await expect(buy(s, 100n)).to.be.revertedWith("Exceeds investor allocation");
    });

    it("stops a single large buy at the guide's 600,000-token investor cap", async function () {
      const s = await poolWith({ modelId: "guide-cap", investorAllocation: TOKENS("600000") });
      await expect(buy(s, USDC("7000"))).to.be.revertedWith("Exceeds investor allocation");
      await expect(buy(s, USDC("5000"))).not.to.be.reverted;
    });
  });

  it("belongs to the model it was created for", async function () {
    const s = await loadFixture(poolFixture);
    expect(await s.pool.modelId()).to.equal(MODEL_ID);
    expect(await s.ammFactory.getPool(MODEL_ID)).to.equal(await s.pool.getAddress());
  });
});
