import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";

import { TOKENS, USDC } from "../../helpers/contract-fixtures";
import {
  LIVE_MODEL_ID,
  YEAR,
  curvePoolFixture,
  deadline,
  gatedPoolFixture,
  launchLivePool,
  publicPoolFixture,
  registeredModelFixture,
  type LivePoolSystem,
} from "../../helpers/live-fixtures";

const PPM = 1_000_000n;

/** P = R / (w S), in USDC units per whole token: the live pool's spot price on its curve. */
function curveSpot(reserve: bigint, supply: bigint, crr: bigint): bigint {
  return (reserve * PPM * 10n ** 18n) / (crr * supply);
}

async function buy(system: LivePoolSystem, usdc: bigint, from = system.buyer) {
  return system.pool.connect(from).buy(usdc, 0n, from.address, await deadline());
}

async function unauthorizedPoolFixture(): Promise<LivePoolSystem> {
  return launchLivePool(await registeredModelFixture(), { gated: false, authorize: false });
}

describe("LiveHokusaiAMM: a launched pool", function () {
  it("with a whitelist, refuses a buyer not on it (NotWhitelisted) and serves one on it", async function () {
    const system = await loadFixture(gatedPoolFixture);
    const { pool, purchaserWhitelist, token, buyer, other } = system;
    expect(await pool.purchaserWhitelist()).to.equal(await purchaserWhitelist.getAddress());
    await expect(buy(system, USDC("100")))
      .to.be.revertedWithCustomError(pool, "NotWhitelisted")
      .withArgs(buyer.address);

    await expect(purchaserWhitelist.addToWhitelist(buyer.address))
      .to.emit(purchaserWhitelist, "WalletWhitelisted")
      .withArgs(buyer.address);
    const expected = await pool.getBuyQuote(USDC("100"));
    await expect(buy(system, USDC("100"))).to.emit(pool, "Buy");
    expect(await token.balanceOf(buyer.address)).to.equal(expected);
    expect(await token.investorMinted()).to.equal(expected);
    await expect(buy(system, USDC("100"), other)).to.be.revertedWithCustomError(pool, "NotWhitelisted");

    await purchaserWhitelist.removeBatch([buyer.address]);
    await expect(buy(system, USDC("100"))).to.be.revertedWithCustomError(pool, "NotWhitelisted");
  });

  it("without one (address(0)), serves anyone", async function () {
    const system = await loadFixture(publicPoolFixture);
    const { pool, token, other } = system;
    // 100 USDC less the 0.3% fee, at the flat price of 0.01 USDC.
    await expect(buy(system, USDC("100"), other))
      .to.emit(pool, "Buy")
      .withArgs(other.address, USDC("100"), TOKENS("9970"), USDC("0.3"), 10_000n);
    expect(await token.balanceOf(other.address)).to.equal(TOKENS("9970"));
    expect(await pool.reserveBalance()).to.equal(USDC("99.7"));
  });

  it('refuses sells before buyOnlyUntil ("Sells not enabled during IBR") and serves them after', async function () {
    const system = await loadFixture(publicPoolFixture);
    const { pool, token, usdc, buyer, treasury } = system;
    await buy(system, USDC("1000"));
    const end = await pool.buyOnlyUntil();
    expect(await pool.getTradeInfo()).to.deep.equal([false, end, false]);
    await token.connect(buyer).approve(await pool.getAddress(), TOKENS("1000"));
    await expect(pool.connect(buyer).sell(TOKENS("1000"), 0n, buyer.address, await deadline())).to.be.revertedWith(
      "Sells not enabled during IBR",
    );

    await time.increaseTo(end);
    expect((await pool.getTradeInfo()).sellsEnabled).to.be.true;
    const gross = await pool.getSellQuote(TOKENS("1000"));
    expect(gross).to.equal(USDC("10"));
    const usdcBefore = await usdc.balanceOf(buyer.address);
    const fee = USDC("0.03");
    await expect(pool.connect(buyer).sell(TOKENS("1000"), gross, buyer.address, await deadline()))
      .to.emit(pool, "Sell")
      .withArgs(buyer.address, TOKENS("1000"), gross, fee, 10_000n);
    expect((await usdc.balanceOf(buyer.address)) - usdcBefore).to.equal(gross - fee);
    expect(await usdc.balanceOf(treasury.address)).to.equal(USDC("3") + fee);
    expect(await token.investorMinted()).to.equal(TOKENS("99700") - TOKENS("1000"));
  });

  it("depositFees puts the whole amount in the reserve and emits FeesDeposited", async function () {
    const system = await loadFixture(gatedPoolFixture);
    const { pool, usdc, owner, treasury } = system;
    const poolAddress = await pool.getAddress();
    await usdc.mint(owner.address, USDC("500"));
    await usdc.approve(poolAddress, USDC("500"));
    await expect(pool.depositFees(USDC("500")))
      .to.emit(pool, "FeesDeposited")
      .withArgs(owner.address, USDC("500"), USDC("500"), 10_000n);
    expect(await pool.reserveBalance()).to.equal(USDC("500"));
    expect(await usdc.balanceOf(poolAddress)).to.equal(USDC("500"));
    expect(await usdc.balanceOf(treasury.address)).to.equal(0n);
    await expect(pool.depositFees(0n)).to.be.revertedWith("Amount must be > 0");
  });

  it("prices with the redeemable supply: the vesting vault's tokens are left out", async function () {
    const system = await loadFixture(curvePoolFixture);
    const { pool, token, tokenManager, vestingVault, supplier } = system;
    const crr = await pool.crr();
    const reserve = await pool.reserveBalance();
    expect(reserve).to.equal(USDC("2000"));
    expect(await token.totalSupply()).to.equal(TOKENS("400000"));
    expect(await tokenManager.getRedeemableSupply(LIVE_MODEL_ID)).to.equal(TOKENS("40000"));
    expect(await pool.getReserves()).to.deep.equal([reserve, TOKENS("40000")]);
    expect(await pool.spotPrice()).to.equal(curveSpot(reserve, TOKENS("40000"), crr));
    expect(await pool.spotPrice()).not.to.equal(curveSpot(reserve, TOKENS("400000"), crr));

    // Claimed tokens become redeemable and dilute the price.
    await time.increase(YEAR / 2n);
    await vestingVault.connect(supplier).claim(0n);
    const redeemable = await tokenManager.getRedeemableSupply(LIVE_MODEL_ID);
    expect(redeemable).to.equal((await token.totalSupply()) - (await token.balanceOf(await vestingVault.getAddress())));
    expect(redeemable > TOKENS("220000")).to.be.true;
    expect(await pool.spotPrice()).to.equal(curveSpot(reserve, redeemable, crr));
  });

  it("follows the CRR curve on the redeemable supply, a little below the exact values", async function () {
    const system = await loadFixture(curvePoolFixture);
    const { pool } = system;
    const [reserve, supply] = await pool.getReserves();
    const w = Number(await pool.crr()) / 1e6;
    const net = USDC("300") - USDC("0.9");
    const exactBuy = Number(supply) * Math.expm1(w * Math.log1p(Number(net) / Number(reserve)));
    const quotedBuy = Number(await pool.getBuyQuote(USDC("300")));
    expect(quotedBuy).to.be.lessThan(exactBuy);
    expect(quotedBuy).to.be.closeTo(exactBuy, exactBuy * 1e-9);

    const tokensIn = TOKENS("4000");
    const exactSell = Number(reserve) * -Math.expm1(Math.log1p(-Number(tokensIn) / Number(supply)) / w);
    const quotedSell = Number(await pool.getSellQuote(tokensIn));
    expect(quotedSell).to.be.lessThan(exactSell);
    expect(quotedSell).to.be.closeTo(exactSell, exactSell * 1e-9 + 2);
  });

  it("rounds for the pool: buying on the curve, then selling the same tokens, returns less than was paid", async function () {
    const system = await loadFixture(curvePoolFixture);
    const { pool, token, usdc, buyer } = system;
    await time.increaseTo(await pool.buyOnlyUntil());
    const paid = USDC("300");
    await buy(system, paid);
    const tokens = await token.balanceOf(buyer.address);
    expect(tokens > 0n).to.be.true;
    const before = await usdc.balanceOf(buyer.address);
    await token.connect(buyer).approve(await pool.getAddress(), tokens);
    await pool.connect(buyer).sell(tokens, 0n, buyer.address, await deadline());
    const back = (await usdc.balanceOf(buyer.address)) - before;
    expect(back < paid).to.be.true;
    // Without the two fees the round trip would be about even: the curve itself is not what costs.
    expect(back > (paid * 99n) / 100n).to.be.true;
  });

  it('limits a trade on the curve to maxTradeBps of the reserve: "Trade exceeds max size limit"', async function () {
    const system = await loadFixture(curvePoolFixture);
    expect(await system.pool.maxTradeBps()).to.equal(2000n);
    await expect(buy(system, USDC("400") + 1n)).to.be.revertedWith("Trade exceeds max size limit");
    await expect(buy(system, USDC("400"))).to.emit(system.pool, "Buy");
  });

  it('mints only once authorised: "Caller is not authorized to mint"', async function () {
    const system = await loadFixture(unauthorizedPoolFixture);
    await expect(buy(system, USDC("100"))).to.be.revertedWith("Caller is not authorized to mint");
  });

  it('stops buys when the model is deactivated in the registry: "Model is deactivated"', async function () {
    const system = await loadFixture(publicPoolFixture);
    await system.modelRegistry.deactivateStringModel(LIVE_MODEL_ID);
    await expect(buy(system, USDC("100"))).to.be.revertedWith("Model is deactivated");
  });

  it('pauses through the factory: "Pausable: paused"', async function () {
    const system = await loadFixture(publicPoolFixture);
    const { ammFactory, pool } = system;
    await expect(pool.pause()).to.be.revertedWith("Ownable: caller is not the owner");
    await ammFactory.pausePool(LIVE_MODEL_ID);
    expect((await pool.getTradeInfo()).isPaused).to.be.true;
    await expect(buy(system, USDC("100"))).to.be.revertedWith("Pausable: paused");
    await ammFactory.unpausePool(LIVE_MODEL_ID);
    await expect(buy(system, USDC("100"))).to.emit(pool, "Buy");
  });
});
