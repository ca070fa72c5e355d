import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import { HOKUSAI_TOKEN_ABI } from "../../../src/core/abi";
import {
  DEFAULT_CRR,
  DEFAULT_FLAT_CURVE_PRICE,
  DEFAULT_FLAT_CURVE_THRESHOLD,
  DEFAULT_IBR_DURATION,
  DEFAULT_TRADE_FEE,
  INVESTOR_ALLOCATION,
  MODEL_ID,
  SUPPLIER_ALLOCATION,
  TOKEN_NAME,
  TOKEN_SYMBOL,
  USDC,
  V1_SELECTOR,
  initialParams,
} from "../../helpers/contract-fixtures";
import { MINTER_ROLE, legacySystemFixture, type LegacySystem } from "../../helpers/live-fixtures";

async function deployLegacyToken(system: LegacySystem) {
  await system.tokenManager.deployTokenWithAllocations(
    MODEL_ID,
    TOKEN_NAME,
    TOKEN_SYMBOL,
    SUPPLIER_ALLOCATION,
    system.supplier.address,
    INVESTOR_ALLOCATION,
    initialParams(system.governor.address),
  );
  const address = await system.tokenManager.getTokenAddress(MODEL_ID);
  return new ethers.Contract(address, HOKUSAI_TOKEN_ABI, ethers.provider);
}

async function legacyTokenFixture() {
  const system = await legacySystemFixture();
  return { ...system, token: await deployLegacyToken(system) };
}

describe("MockLegacyTokenManager: the historical v1 stack", function () {
  it("speaks the guide's ABI (selector 0xfb7b6428)", async function () {
    const { tokenManager } = await loadFixture(legacySystemFixture);
    expect(tokenManager.interface.getFunction("deployTokenWithAllocations").selector).to.equal(V1_SELECTOR);
    expect(await ethers.provider.getCode(await tokenManager.getAddress())).to.include(`63${V1_SELECTOR.slice(2)}`);
  });

  it("deploys tokens that lack investorAllocation() and investorMinted(): a call reverts", async function () {
    const { token } = await loadFixture(legacyTokenFixture);
    expect(await token.maxSupply()).to.equal(SUPPLIER_ALLOCATION + INVESTOR_ALLOCATION);
    expect(await token.modelSupplierAllocation()).to.equal(SUPPLIER_ALLOCATION);
    await expect(token.investorAllocation()).to.be.revertedWithoutReason();
    await expect(token.investorMinted()).to.be.revertedWithoutReason();
  });

  it("distributes the whole supplier allocation and serves the guide's pool once the pool has MINTER_ROLE", async function () {
    const system = await loadFixture(legacyTokenFixture);
    const { tokenManager, ammFactory, usdc, token, supplier, buyer } = system;
    await tokenManager.distributeModelSupplierAllocation(MODEL_ID);
    expect(await token.balanceOf(supplier.address)).to.equal(SUPPLIER_ALLOCATION);
    await ammFactory.createPoolWithParams(
      MODEL_ID,
      await token.getAddress(),
      DEFAULT_CRR,
      DEFAULT_TRADE_FEE,
      DEFAULT_IBR_DURATION,
      DEFAULT_FLAT_CURVE_THRESHOLD,
      DEFAULT_FLAT_CURVE_PRICE,
    );
    const pool = await ethers.getContractAt("MockHokusaiAMM", await ammFactory.getPool(MODEL_ID));
    await tokenManager.authorizeAMM(await pool.getAddress());
    expect(await tokenManager.hasRole(MINTER_ROLE, await pool.getAddress())).to.be.true;
    await usdc.mint(buyer.address, USDC("100"));
    await usdc.connect(buyer).approve(await pool.getAddress(), USDC("100"));
    await pool.connect(buyer).buy(USDC("100"), 1n, buyer.address, (await time.latest()) + 60);
    expect(await token.balanceOf(buyer.address)).to.be.greaterThan(0n);
  });
});
