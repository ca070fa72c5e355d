/**
 * hardhat-hokusai/testing on the live-like stack: each helper, with loadFixture, checked on
 * the chain (balances, reserve, supply, the vesting split) and in its errors, which are the
 * tasks' one-line HOK errors with nothing sent.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
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
  TEST_LICENSE_HASH,
  TEST_LICENSE_URI,
} from "../../src/testing";
import { expectRefused } from "./helpers";

const USDC = (dollars: string) => parseUnits(dollars, 6);
const TOKENS = (whole: string) => parseUnits(whole, 18);
const MODEL = { modelId: "101", name: "My Model", symbol: "MYM", preset: "growth" } as const;

async function signers(): Promise<HardhatEthersSigner[]> {
  return hre.ethers.getSigners();
}

async function liveSystem() {
  return deployHokusaiSystem({ stack: "live" });
}

async function feeSystem() {
  return deployHokusaiSystem({ stack: "live", deploymentFee: parseEther("0.01") });
}

async function liveModel() {
  const system = await liveSystem();
  return deployModel(system, MODEL);
}

async function gatedPool() {
  const model = await liveModel();
  await distribute(model);
  return launchPool(model, { initialReserve: "1000" });
}

async function publicPool() {
  const model = await liveModel();
  await distribute(model);
  return launchPool(model, { public: true, initialReserve: "1000" });
}

describe("hardhat-hokusai/testing on the live stack", function () {
  describe("deployHokusaiSystem", function () {
    it("deploys the live stack owned by account 0, with USDC for the owner", async function () {
      const system = await loadFixture(liveSystem);
      const [owner] = await signers();
      expect(system.stack).to.equal("live");
      expect(system.owner.address).to.equal(owner.address);
      expect(await system.tokenManager.owner()).to.equal(owner.address);
      expect(await system.ammFactory.owner()).to.equal(owner.address);
      expect(await system.modelRegistry.owner()).to.equal(owner.address);
      expect(await system.tokenManager.vestingVault()).to.equal(await system.vestingVault.getAddress());
      expect(await system.usdc.balanceOf(owner.address)).to.equal(USDC("1000000"));
      expect(await system.tokenManager.deploymentFee()).to.equal(0n);
    });

    it("charges the deployment fee it is given, and deployModel pays it", async function () {
      const system = await loadFixture(feeSystem);
      expect(await system.tokenManager.deploymentFee()).to.equal(parseEther("0.01"));
      const model = await deployModel(system, MODEL);
      expect(model.deployment.deploymentFee).to.equal(parseEther("0.01"));
      expect(await hre.ethers.provider.getBalance(await system.tokenManager.getAddress())).to.equal(
        parseEther("0.01"),
      );
    });

    it("refuses a stack it does not know, in one line", async function () {
      await expect(deployHokusaiSystem({ stack: "mainnet" as "live" })).to.be.rejectedWith(
        /^HOK207: stack "mainnet" is invalid: use "live" or "guide"$/,
      );
    });
  });

  describe("deployModel", function () {
    it("deploys with deploy-token's fields, preset and defaults", async function () {
      const model = await loadFixture(liveModel);
      const [owner] = await signers();
      expect(model.deployment.status).to.equal("deployed");
      expect(model.receipt?.status).to.equal(1);
      expect(await model.system.tokenManager.getTokenAddress("101")).to.equal(await model.token.getAddress());
      expect(await model.token.name()).to.equal("My Model");
      expect(await model.token.symbol()).to.equal("MYM");
      // The growth preset: 400,000 / 600,000, 25,000 per DeltaOne, 5000 bps.
      expect(await model.token.modelSupplierAllocation()).to.equal(TOKENS("400000"));
      expect(await model.token.investorAllocation()).to.equal(TOKENS("600000"));
      expect(await model.params.tokensPerDeltaOne()).to.equal(TOKENS("25000"));
      expect(await model.params.infrastructureAccrualBps()).to.equal(5000n);
      // deploy-token's defaults on a development chain: the signer governs and receives.
      expect(await model.token.owner()).to.equal(owner.address);
      expect(await model.token.modelSupplierRecipient()).to.equal(owner.address);
      expect(await model.params.licenseHash()).to.equal(TEST_LICENSE_HASH);
      expect(await model.params.licenseURI()).to.equal(TEST_LICENSE_URI);
    });

    it("takes fields over the preset, the recipient, the vesting and amounts as bigints", async function () {
      const system = await loadFixture(liveSystem);
      const [, , supplier] = await signers();
      const model = await deployModel(system, {
        ...MODEL,
        modelSupplierAllocation: "300000",
        investorAllocation: TOKENS("700000"),
        modelSupplierRecipient: supplier.address,
        vesting: "2000:30:0",
      });
      expect(await model.token.modelSupplierAllocation()).to.equal(TOKENS("300000"));
      expect(await model.token.investorAllocation()).to.equal(TOKENS("700000"));
      expect(await model.token.modelSupplierRecipient()).to.equal(supplier.address);
      expect(await model.params.immediateUnlockBps()).to.equal(2000n);
      expect(await model.params.vestingDurationSeconds()).to.equal(30n * 86_400n);
    });

    it("says a rerun with the same fields is deployed already and sends nothing", async function () {
      const model = await loadFixture(liveModel);
      const [owner] = await signers();
      const nonce = await hre.ethers.provider.getTransactionCount(owner.address);
      const again = await deployModel(model.system, MODEL);
      expect(again.deployment.status).to.equal("already-deployed");
      expect(await again.token.getAddress()).to.equal(await model.token.getAddress());
      expect(await hre.ethers.provider.getTransactionCount(owner.address)).to.equal(nonce);
    });

    it("fails with deploy-token's one-line errors and sends nothing", async function () {
      const system = await loadFixture(liveSystem);
      const [owner] = await signers();
      const refused = expectRefused(owner);
      await refused(
        () => deployModel(system, { modelId: "101", name: "My Model", preset: "growth" }),
        /^HOK200: symbol is required: pass a ticker/,
      );
      await refused(() => deployModel(system, { ...MODEL, symbol: "my" }), /^HOK205: symbol "my" is invalid/);
      await refused(() => deployModel(system, { ...MODEL, modelId: "sentiment-v2" }), /^HOK314: /);
      await refused(
        () => deployModel(system, { ...MODEL, infrastructureAccrualBps: 500 }),
        /^HOK207: infrastructureAccrualBps "500" is invalid/,
      );
      await deployModel(system, MODEL);
      await refused(
        () => deployModel(system, { ...MODEL, symbol: "OTHER" }),
        /^HOK303: .*symbol is MYM on chain/,
      );
    });
  });

  describe("distribute", function () {
    it("vests the supplier allocation: 10% to the recipient, the rest to the vault", async function () {
      const model = await loadFixture(liveModel);
      const [owner] = await signers();
      const result = await distribute(model);
      expect(result.status).to.equal("distributed");
      expect(result.receipt?.status).to.equal(1);
      expect(result.split.immediate).to.equal(TOKENS("40000"));
      expect(result.split.vested).to.equal(TOKENS("360000"));
      expect(await model.token.balanceOf(owner.address)).to.equal(TOKENS("40000"));
      expect(await model.token.balanceOf(await model.system.vestingVault.getAddress())).to.equal(
        TOKENS("360000"),
      );
      const again = await distribute(model);
      expect(again.status).to.equal("already-distributed");
      expect(again.receipt).to.equal(undefined);
    });
  });

  describe("launchPool", function () {
    it("registers the model, creates a gated pool, authorises it and seeds the reserve", async function () {
      const pool = await loadFixture(gatedPool);
      const { system } = pool;
      expect(pool.launch.trades).to.equal(true);
      expect(await system.modelRegistry.isStringRegistered("101")).to.equal(true);
      expect(await system.ammFactory.getPool("101")).to.equal(pool.address);
      expect(await pool.pool.purchaserWhitelist()).to.equal(await system.purchaserWhitelist.getAddress());
      expect(
        await system.tokenManager.hasRole(await system.tokenManager.MINTER_ROLE(), pool.address),
      ).to.equal(true);
      expect(await pool.pool.reserveBalance()).to.equal(USDC("1000"));
      expect(await system.usdc.balanceOf(system.owner.address)).to.equal(USDC("999000"));
      // The factory's defaults.
      expect(await pool.pool.crr()).to.equal(200_000n);
      expect(await pool.pool.tradeFee()).to.equal(30n);
    });

    it("creates a public pool with the parameters it is given", async function () {
      const model = await loadFixture(liveModel);
      const pool = await launchPool(model, {
        public: true,
        crr: 100_000,
        tradeFee: 50,
        ibrDuration: 86_400,
        flatCurveThreshold: "5000",
        flatCurvePrice: USDC("0.02"),
      });
      expect(await pool.pool.purchaserWhitelist()).to.equal(hre.ethers.ZeroAddress);
      expect(await pool.pool.crr()).to.equal(100_000n);
      expect(await pool.pool.tradeFee()).to.equal(50n);
      expect(await pool.pool.FLAT_CURVE_THRESHOLD()).to.equal(USDC("5000"));
      expect(await pool.pool.FLAT_CURVE_PRICE()).to.equal(USDC("0.02"));
      expect(await pool.pool.reserveBalance()).to.equal(0n);
      expect(pool.launch.trades).to.equal(false);
    });

    it("fails with create-pool's one-line errors", async function () {
      const model = await loadFixture(liveModel);
      const refused = expectRefused(model.system.owner);
      await refused(() => launchPool(model, { crr: 10 }), /^HOK207: crr "10" is invalid: must be from 50000/);
      await refused(
        () => launchPool(model, { public: true, whitelist: hre.ethers.ZeroAddress }),
        /^HOK530: /,
      );
      await refused(
        () => launchPool(model, { initialReserve: "2000000" }),
        /^HOK612: account 0x[0-9a-fA-F]{40} holds 1000000 USDC/,
      );
    });
  });

  describe("trading", function () {
    it("buys from a gated pool only once the buyer is whitelisted", async function () {
      const pool = await loadFixture(gatedPool);
      const [, alice] = await signers();
      await fundUsdc(pool.system, alice, "100");
      await expectRefused(alice)(() => buy(pool, alice, "100"), /^HOK610: .*NotWhitelisted/);
      expect(await pool.system.usdc.allowance(alice.address, pool.address)).to.equal(0n);
      await addToWhitelist(pool.system, alice);
      const bought = await buy(pool, alice, "100");
      expect(bought.tokensOut).to.be.greaterThan(0n);
      expect(await pool.model.token.balanceOf(alice.address)).to.equal(bought.tokensOut);
    });

    it("buys at the quote: USDC in, tokens out, the fee to the treasury, reserve and supply up", async function () {
      const pool = await loadFixture(publicPool);
      const { system, model } = pool;
      const [, alice] = await signers();
      const funded = await fundUsdc(system, alice, "100");
      expect(funded.balance).to.equal(USDC("100"));
      const supply = await model.token.totalSupply();
      const treasury = await system.usdc.balanceOf(system.treasury);
      const bought = await buy(pool, alice, "100");
      expect(bought.receipt.status).to.equal(1);
      expect(bought.reserveIn).to.equal(USDC("100"));
      expect(bought.fee).to.equal(USDC("0.3")); // 30 bps
      expect(bought.tokensOut).to.equal(bought.quote);
      expect(bought.minTokensOut).to.equal(bought.quote);
      // On the flat curve: 99.70 USDC at 0.01 USDC per token.
      expect(bought.tokensOut).to.equal(TOKENS("9970"));
      expect(await system.usdc.balanceOf(alice.address)).to.equal(0n);
      expect(await model.token.balanceOf(alice.address)).to.equal(bought.tokensOut);
      expect(await model.token.totalSupply()).to.equal(supply + bought.tokensOut);
      expect(await pool.pool.reserveBalance()).to.equal(USDC("1000") + USDC("100") - bought.fee);
      expect(await system.usdc.balanceOf(system.treasury)).to.equal(treasury + bought.fee);
    });

    it("refuses a buy below the minimum out, sending nothing", async function () {
      const pool = await loadFixture(publicPool);
      const [, alice] = await signers();
      await fundUsdc(pool.system, alice, "100");
      const quote = await pool.pool.getBuyQuote(USDC("100"));
      await expectRefused(alice)(
        () => buy(pool, alice, "100", { minTokensOut: quote + 1n }),
        /^HOK415: .*"Slippage exceeded"/,
      );
      const tolerant = await buy(pool, alice, "100", { slippageBps: 100 });
      expect(tolerant.minTokensOut).to.equal((quote * 9_900n) / 10_000n);
      expect(tolerant.tokensOut).to.equal(quote);
    });

    it("sells only after the IBR, and pays out the quote less the fee", async function () {
      const pool = await loadFixture(publicPool);
      const { system, model } = pool;
      const [, alice] = await signers();
      await fundUsdc(system, alice, "100");
      const bought = await buy(pool, alice, "100");
      const half = bought.tokensOut / 2n;
      await expectRefused(alice)(() => sell(pool, alice, half), /^HOK415: .*"Sells not enabled during IBR"/);

      const ended = await endIbr(pool);
      expect(ended.ibrEnd).to.equal(await pool.pool.buyOnlyUntil());
      expect(BigInt(ended.timestamp)).to.be.at.least(ended.ibrEnd);
      expect((await pool.pool.getTradeInfo()).sellsEnabled).to.equal(true);

      const supply = await model.token.totalSupply();
      const reserve = await pool.pool.reserveBalance();
      const sold = await sell(pool, alice, half, { slippageBps: 50 });
      expect(sold.tokensIn).to.equal(half);
      expect(sold.minReserveOut).to.equal((sold.quote * 9_950n) / 10_000n);
      // The live pool's quote is before its fee; the seller gets the rest.
      expect(sold.reserveOut).to.equal(sold.quote - sold.fee);
      expect(await system.usdc.balanceOf(alice.address)).to.equal(sold.reserveOut);
      expect(await model.token.balanceOf(alice.address)).to.equal(bought.tokensOut - half);
      expect(await model.token.totalSupply()).to.equal(supply - half);
      expect(await pool.pool.reserveBalance()).to.equal(reserve - sold.quote);
    });

    it("refuses to spend more than the trader holds, sending nothing", async function () {
      const pool = await loadFixture(publicPool);
      const [, alice, bob] = await signers();
      await expectRefused(bob)(
        () => buy(pool, bob, "100"),
        /^HOK614: account 0x[0-9a-fA-F]{40} holds 0 USDC but the call spends 100 USDC; nothing was sent: fund it first/,
      );
      await fundUsdc(pool.system, alice, "10");
      await buy(pool, alice, "10");
      await endIbr(pool);
      await expectRefused(alice)(
        () => sell(pool, alice, "1000"),
        /^HOK614: account 0x[0-9a-fA-F]{40} holds 997 tokens but the call spends 1000 tokens/,
      );
    });

    it("puts usage fees into the reserve, all of it on the live stack", async function () {
      const pool = await loadFixture(publicPool);
      const deposited = await depositUsageFees(pool, "250");
      expect(deposited.amount).to.equal(USDC("250"));
      expect(deposited.toReserve).to.equal(USDC("250"));
      expect(deposited.reserveBalance).to.equal(USDC("1250"));
      expect(await pool.pool.reserveBalance()).to.equal(USDC("1250"));
    });

    it("refuses amounts that are not amounts", async function () {
      const pool = await loadFixture(publicPool);
      const [, alice] = await signers();
      const refused = expectRefused(alice);
      await refused(() => buy(pool, alice, "-5"), /^HOK207: amount "-5" is invalid/);
      await refused(() => buy(pool, alice, 0n), /^HOK206: amount "0" is invalid/);
      await refused(() => buy(pool, alice, "1", { slippageBps: 20_000 }), /^HOK207: slippageBps "20000"/);
      await refused(() => sell(pool, alice, "lots"), /^HOK206: amount "lots" is invalid/);
      await refused(() => fundUsdc(pool.system, "0x1234", "1"), /^HOK201: account "0x1234" is invalid/);
    });
  });
});
