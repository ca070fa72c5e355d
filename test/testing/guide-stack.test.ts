/**
 * hardhat-hokusai/testing on the guide's stack (no ModelRegistry, public pools, the
 * infrastructure share of usage fees to the treasury): the same helpers, the same calls.
 */
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { parseEther, parseUnits } from "ethers";
import hre from "hardhat";

import {
  addToWhitelist,
  buy,
  deployHokusaiSystem,
  deployModel,
  depositUsageFees,
  distribute,
  endIbr,
  fundUsdc,
  launchPool,
  sell,
} from "../../src/testing";
import { expectRefused } from "./helpers";

const USDC = (dollars: string) => parseUnits(dollars, 6);
const TOKENS = (whole: string) => parseUnits(whole, 18);

async function guideSystem() {
  const treasury = (await hre.ethers.getSigners())[9].address;
  return deployHokusaiSystem({
    stack: "guide",
    deploymentFee: parseEther("0.001"),
    ownerUsdc: "5000",
    treasury,
  });
}

async function guideModel() {
  const system = await guideSystem();
  // The guide's TokenManager takes any model id: there is no registry to ask for a number.
  return deployModel(system, {
    modelId: "sentiment-v2",
    name: "Sentiment Model",
    symbol: "SENT",
    preset: "experimental",
  });
}

async function guidePool() {
  const model = await guideModel();
  await distribute(model);
  return launchPool(model, { initialReserve: "1000" });
}

describe("hardhat-hokusai/testing on the guide's stack", function () {
  it("deploys the guide's system, with the fee and the owner's USDC it is given", async function () {
    const system = await loadFixture(guideSystem);
    const [owner] = await hre.ethers.getSigners();
    expect(system.stack).to.equal("guide");
    expect(system.modelRegistry).to.equal(undefined);
    expect(system.purchaserWhitelist).to.equal(undefined);
    expect(await system.tokenManager.owner()).to.equal(owner.address);
    expect(await system.tokenManager.deploymentFee()).to.equal(parseEther("0.001"));
    expect(await system.ammFactory.tokenManager()).to.equal(await system.tokenManager.getAddress());
    expect(await system.usdc.balanceOf(owner.address)).to.equal(USDC("5000"));
    expect(system.treasury).to.equal((await hre.ethers.getSigners())[9].address);
  });

  it("deploys a model by the guide's ABI, paying the fee, with the preset's figures", async function () {
    const model = await loadFixture(guideModel);
    expect(model.deployment.abi).to.equal("v1");
    expect(model.deployment.deploymentFee).to.equal(parseEther("0.001"));
    expect(await model.token.modelSupplierAllocation()).to.equal(TOKENS("500000"));
    expect(await model.token.investorAllocation()).to.equal(TOKENS("500000"));
    expect(await model.params.tokensPerDeltaOne()).to.equal(TOKENS("100000"));
    expect(await model.token.totalSupply()).to.equal(0n);
  });

  it("refuses a vesting, which the guide's ABI has not", async function () {
    const system = await loadFixture(guideSystem);
    await expectRefused(system.owner)(
      () => deployModel(system, { modelId: "m", name: "M", symbol: "MMM", preset: "growth", vesting: "off" }),
      /^HOK210: vesting .*speaks the guide's v1 ABI, which has no vesting/,
    );
  });

  it("distributes the whole allocation to the recipient", async function () {
    const model = await loadFixture(guideModel);
    const [owner] = await hre.ethers.getSigners();
    const result = await distribute(model);
    expect(result.split.immediate).to.equal(TOKENS("500000"));
    expect(result.split.vested).to.equal(0n);
    expect(await model.token.balanceOf(owner.address)).to.equal(TOKENS("500000"));
    expect(await model.token.totalSupply()).to.equal(TOKENS("500000"));
  });

  it("launches a public pool, authorised, with its reserve", async function () {
    const pool = await loadFixture(guidePool);
    const { system } = pool;
    expect(pool.launch.trades).to.equal(true);
    expect(pool.launch.registered).to.equal(undefined);
    expect(await system.ammFactory.getPool("sentiment-v2")).to.equal(pool.address);
    expect(await system.tokenManager.isAuthorizedAMM(pool.address)).to.equal(true);
    // The seed is a depositFees too: the guide's pool sends its infrastructure share (50%) to the treasury.
    expect(await pool.pool.reserveBalance()).to.equal(USDC("500"));
    expect(pool.launch.reserveBalance).to.equal(USDC("500"));
    expect(await system.usdc.balanceOf(system.owner.address)).to.equal(USDC("4000"));
    expect(await system.usdc.balanceOf(system.treasury)).to.equal(USDC("500"));
  });

  it("has no whitelist to add buyers to", async function () {
    const pool = await loadFixture(guidePool);
    const [, alice] = await hre.ethers.getSigners();
    await expectRefused(pool.system.owner)(
      () => addToWhitelist(pool.system, alice),
      /^HOK207: stack "guide" is invalid: the guide's stack has no PurchaserWhitelist/,
    );
  });

  it("buys, sells after the IBR, and moves reserve and supply by the amounts", async function () {
    const pool = await loadFixture(guidePool);
    const { system, model } = pool;
    const [, alice] = await hre.ethers.getSigners();
    await fundUsdc(system, alice, "200");
    const supply = await model.token.totalSupply();
    const bought = await buy(pool, alice, "200", { slippageBps: 10 });
    expect(bought.fee).to.equal(USDC("0.6"));
    expect(bought.tokensOut).to.equal(bought.quote);
    expect(bought.minTokensOut).to.equal((bought.quote * 9_990n) / 10_000n);
    expect(await model.token.balanceOf(alice.address)).to.equal(bought.tokensOut);
    expect(await model.token.totalSupply()).to.equal(supply + bought.tokensOut);
    expect(await pool.pool.reserveBalance()).to.equal(USDC("500") + USDC("200") - bought.fee);

    await expectRefused(alice)(
      () => sell(pool, alice, bought.tokensOut),
      /^HOK415: .*"Sells not enabled during IBR"/,
    );
    const ended = await endIbr(pool);
    expect(ended.ibrEnd).to.equal(await pool.pool.ibrEndTime());

    const reserve = await pool.pool.reserveBalance();
    const sold = await sell(pool, alice, bought.tokensOut);
    // The guide's quote is what the seller gets, its fee already taken.
    expect(sold.reserveOut).to.equal(sold.quote);
    expect(await system.usdc.balanceOf(alice.address)).to.equal(sold.reserveOut);
    expect(await model.token.balanceOf(alice.address)).to.equal(0n);
    expect(await model.token.totalSupply()).to.equal(supply);
    expect(await pool.pool.reserveBalance()).to.equal(reserve - sold.reserveOut - sold.fee);
  });

  it("sends the infrastructure share of usage fees to the treasury", async function () {
    const pool = await loadFixture(guidePool);
    const { system } = pool;
    const [, , payer] = await hre.ethers.getSigners();
    await fundUsdc(system, payer, "100");
    const treasury = await system.usdc.balanceOf(system.treasury);
    const deposited = await depositUsageFees(pool, "100", { from: payer });
    // The experimental preset's accrual is 5000 bps: half to the treasury, half to the reserve.
    expect(deposited.toReserve).to.equal(USDC("50"));
    expect(deposited.reserveBalance).to.equal(USDC("550"));
    expect(await system.usdc.balanceOf(payer.address)).to.equal(0n);
    expect(await system.usdc.balanceOf(system.treasury)).to.equal(treasury + USDC("50"));
  });
});
