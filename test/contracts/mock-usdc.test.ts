import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";

import { USDC, systemFixture } from "../helpers/contract-fixtures";

describe("MockUSDC", function () {
  it("has USDC's 6 decimals, name and symbol", async function () {
    const { usdc } = await loadFixture(systemFixture);
    expect(await usdc.decimals()).to.equal(6n);
    expect(await usdc.name()).to.equal("USD Coin");
    expect(await usdc.symbol()).to.equal("USDC");
  });

  it("is minted by its owner only (OpenZeppelin 5's OwnableUnauthorizedAccount)", async function () {
    const { usdc, owner, other } = await loadFixture(systemFixture);
    await expect(usdc.connect(owner).mint(other.address, USDC("5"))).to.changeTokenBalance(usdc, other, USDC("5"));
    await expect(usdc.connect(other).mint(other.address, USDC("5")))
      .to.be.revertedWithCustomError(usdc, "OwnableUnauthorizedAccount")
      .withArgs(other.address);
    expect(await usdc.totalSupply()).to.equal(USDC("5"));
  });
});
