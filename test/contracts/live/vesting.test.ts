import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";

import { SUPPLIER_ALLOCATION, TOKENS, type VestingConfig } from "../../helpers/contract-fixtures";
import {
  DAY,
  LIVE_MODEL_ID,
  YEAR,
  deployLive,
  liveModelFixture,
  liveModelOf,
  liveSystemFixture,
} from "../../helpers/live-fixtures";

describe("supplier distribution with vesting (TokenManager, token, RewardVestingVault)", function () {
  it("splits 400,000 tokens by the default vesting: 40,000 to the recipient, 360,000 in the vault for 365 days", async function () {
    const { tokenManager, token, vestingVault, supplier } = await loadFixture(liveModelFixture);
    const vault = await vestingVault.getAddress();
    const tx = tokenManager.distributeModelSupplierAllocation(LIVE_MODEL_ID);
    await expect(tx)
      .to.emit(tokenManager, "ModelSupplierAllocationDistributed")
      .withArgs(LIVE_MODEL_ID, supplier.address, SUPPLIER_ALLOCATION);
    const start = BigInt(await time.latest());
    await expect(tx)
      .to.emit(tokenManager, "SupplierAllocationVested")
      .withArgs(LIVE_MODEL_ID, supplier.address, TOKENS("400000"), TOKENS("40000"), TOKENS("360000"), start, start + YEAR);
    await expect(tx)
      .to.emit(vestingVault, "VestingScheduleCreated")
      .withArgs(0n, LIVE_MODEL_ID, supplier.address, await token.getAddress(), TOKENS("360000"), start, 0n, YEAR);
    await expect(tx).to.emit(token, "ModelSupplierAllocationDistributed").withArgs(supplier.address, TOKENS("400000"));

    expect(await token.balanceOf(supplier.address)).to.equal(TOKENS("40000"));
    expect(await token.balanceOf(vault)).to.equal(TOKENS("360000"));
    expect(await token.modelSupplierDistributed()).to.be.true;
    expect(await vestingVault.getSchedulesByBeneficiary(supplier.address)).to.deep.equal([0n]);
    const schedule = await vestingVault.getSchedule(0n);
    expect(schedule.totalAmount).to.equal(TOKENS("360000"));
    expect(schedule.duration).to.equal(YEAR);
    expect(schedule.cliffSeconds).to.equal(0n);
    expect(schedule.modelId).to.equal(LIVE_MODEL_ID);
    expect(await tokenManager.getRedeemableSupply(LIVE_MODEL_ID)).to.equal(TOKENS("40000"));
  });

  it("grows what is claimable linearly, and the beneficiary claims it", async function () {
    const { tokenManager, token, vestingVault, supplier } = await loadFixture(liveModelFixture);
    await tokenManager.distributeModelSupplierAllocation(LIVE_MODEL_ID);
    const start = BigInt(await time.latest());
    expect(await vestingVault.claimable(0n)).to.equal(0n);

    await time.increaseTo(start + YEAR / 4n);
    const quarter = await vestingVault.claimable(0n);
    expect(quarter).to.equal(TOKENS("90000"));
    await time.increaseTo(start + YEAR / 2n);
    expect(await vestingVault.claimable(0n)).to.equal(TOKENS("180000"));

    await time.setNextBlockTimestamp(start + YEAR / 2n + 1n);
    const claimed = (TOKENS("360000") * (YEAR / 2n + 1n)) / YEAR;
    await expect(vestingVault.connect(supplier).claim(0n))
      .to.emit(vestingVault, "VestedRewardClaimed")
      .withArgs(0n, LIVE_MODEL_ID, supplier.address, claimed);
    expect(await token.balanceOf(supplier.address)).to.equal(TOKENS("40000") + claimed);
    expect(await vestingVault.claimable(0n)).to.equal(0n);

    await time.increaseTo(start + 2n * YEAR);
    await vestingVault.connect(supplier).claim(0n);
    expect(await token.balanceOf(supplier.address)).to.equal(SUPPLIER_ALLOCATION);
    expect(await token.balanceOf(await vestingVault.getAddress())).to.equal(0n);
    await expect(vestingVault.connect(supplier).claim(0n)).to.be.revertedWith("No vested rewards available");
  });

  it("releases nothing before the cliff, then what accrued since the start", async function () {
    const system = await loadFixture(liveSystemFixture);
    const vesting: VestingConfig = {
      enabled: true,
      immediateUnlockBps: 2000,
      vestingDurationSeconds: 100n * DAY,
      cliffSeconds: 30n * DAY,
    };
    await deployLive(system, { vesting });
    const { token } = await liveModelOf(system);
    await system.tokenManager.distributeModelSupplierAllocation(LIVE_MODEL_ID);
    const start = BigInt(await time.latest());
    expect(await token.balanceOf(system.supplier.address)).to.equal(TOKENS("80000"));

    await time.increaseTo(start + 30n * DAY - 2n);
    expect(await system.vestingVault.claimable(0n)).to.equal(0n);
    // Mined one second before the cliff ends.
    await expect(system.vestingVault.connect(system.supplier).claim(0n)).to.be.revertedWith(
      "No vested rewards available",
    );
    await time.increaseTo(start + 30n * DAY);
    expect(await system.vestingVault.claimable(0n)).to.equal(TOKENS("96000"));
  });

  it("mints the whole allocation to the recipient when vesting is disabled", async function () {
    const system = await loadFixture(liveSystemFixture);
    const disabled = { enabled: false, immediateUnlockBps: 10000, vestingDurationSeconds: 0n, cliffSeconds: 0n };
    await deployLive(system, { vesting: disabled });
    const { token } = await liveModelOf(system);
    await expect(system.tokenManager.distributeModelSupplierAllocation(LIVE_MODEL_ID)).not.to.emit(
      system.vestingVault,
      "VestingScheduleCreated",
    );
    expect(await token.balanceOf(system.supplier.address)).to.equal(SUPPLIER_ALLOCATION);
  });

  it("distributes once, by the TokenManager owner only; only the beneficiary claims", async function () {
    const { tokenManager, vestingVault, other } = await loadFixture(liveModelFixture);
    await expect(tokenManager.connect(other).distributeModelSupplierAllocation(LIVE_MODEL_ID)).to.be.revertedWith(
      "Ownable: caller is not the owner",
    );
    await tokenManager.distributeModelSupplierAllocation(LIVE_MODEL_ID);
    await expect(tokenManager.distributeModelSupplierAllocation(LIVE_MODEL_ID)).to.be.revertedWith(
      "Model supplier allocation already distributed",
    );
    await time.increase(YEAR);
    await expect(vestingVault.connect(other).claim(0n)).to.be.revertedWith("Only beneficiary can claim");
    await expect(vestingVault.claimable(1n)).to.be.revertedWith("Schedule does not exist");
    await expect(
      vestingVault.connect(other).createSchedule(LIVE_MODEL_ID, other.address, other.address, 1n, 0n, 1n),
    ).to.be.revertedWith("Only TokenManager can create schedules");
  });
});
