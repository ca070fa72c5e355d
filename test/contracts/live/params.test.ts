import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import { GOV_ROLE, TOKENS, type VestingConfig } from "../../helpers/contract-fixtures";
import { DAY, YEAR, deployLive, liveModelFixture, liveSystemFixture, missingRole } from "../../helpers/live-fixtures";

const TOKENS_PER_DELTA_ONE_RANGE = "tokensPerDeltaOne must be between 100 and 10000000 whole tokens (wei-scaled)";
const ACCRUAL_RANGE = "infrastructureAccrualBps must be between 1000 and 10000";
const ORACLE_MAX = "oraclePricePerThousandUsd exceeds maximum";

function vesting(enabled: boolean, bps: number, duration: bigint, cliff: bigint): VestingConfig {
  return { enabled, immediateUnlockBps: bps, vestingDurationSeconds: duration, cliffSeconds: cliff };
}

describe("LiveHokusaiParams: the live getters and GOV_ROLE setters", function () {
  it("reads an all-zero VestingConfig at deployment as the defaults: enabled, 10% immediate, 365 days, no cliff", async function () {
    const { params } = await loadFixture(liveModelFixture);
    expect(await params.vestingConfig()).to.deep.equal([true, 1000n, YEAR, 0n]);
    expect(await params.vestingEnabled()).to.be.true;
    expect(await params.immediateUnlockBps()).to.equal(1000n);
    expect(await params.vestingDurationSeconds()).to.equal(YEAR);
    expect(await params.cliffSeconds()).to.equal(0n);
  });

  it("keeps the deployed values: whole tokensPerDeltaOne in wei, the license reference", async function () {
    const system = await loadFixture(liveSystemFixture);
    const licenseHash = ethers.id("https://hokus.ai/terms");
    await deployLive(system, {
      params: { tokensPerDeltaOne: 250_000n, licenseHash, licenseURI: "https://hokus.ai/terms" },
    });
    const params = await ethers.getContractAt(
      "LiveHokusaiParams",
      await system.tokenManager.getParamsAddress("28"),
    );
    expect(await params.tokensPerDeltaOne()).to.equal(TOKENS("250000"));
    expect(await params.licenseRef()).to.deep.equal([licenseHash, "https://hokus.ai/terms"]);
    expect(await params.infrastructureAccrualBps()).to.equal(5000n);
    expect(await params.getProfitShareBps()).to.equal(5000n);
  });

  it("refuses out-of-bounds values at deployment with the live revert strings", async function () {
    const system = await loadFixture(liveSystemFixture);
    await expect(deployLive(system, { params: { tokensPerDeltaOne: 99n } })).to.be.revertedWith(
      TOKENS_PER_DELTA_ONE_RANGE,
    );
    await expect(deployLive(system, { params: { infrastructureAccrualBps: 999 } })).to.be.revertedWith(ACCRUAL_RANGE);
    await expect(
      deployLive(system, { params: { initialOraclePricePerThousandUsd: 10n ** 12n + 1n } }),
    ).to.be.revertedWith(ORACLE_MAX);
    await expect(deployLive(system, { vesting: vesting(true, 1000, 0n, 0n) })).to.be.revertedWith(
      "vesting duration must be > 0",
    );
  });

  it("lets the governor (GOV_ROLE) set the oracle price, up to 1e12, and no one else", async function () {
    const { params, governor, other } = await loadFixture(liveModelFixture);
    await expect(params.connect(governor).setOraclePricePerThousandUsd(2_500_000n))
      .to.emit(params, "OraclePricePerThousandUsdSet")
      .withArgs(0n, 2_500_000n, governor.address);
    expect(await params.oraclePricePerThousandUsd()).to.equal(2_500_000n);
    await expect(params.connect(governor).setOraclePricePerThousandUsd(10n ** 12n + 1n)).to.be.revertedWith(
      ORACLE_MAX,
    );
    await expect(params.connect(other).setOraclePricePerThousandUsd(1n)).to.be.revertedWith(
      missingRole(other.address, GOV_ROLE),
    );
  });

  it("checks the other setters' bounds and the caller's GOV_ROLE", async function () {
    const { params, governor, other } = await loadFixture(liveModelFixture);
    const gov = params.connect(governor);
    await gov.setTokensPerDeltaOne(100n);
    expect(await params.tokensPerDeltaOne()).to.equal(TOKENS("100"));
    await expect(gov.setTokensPerDeltaOne(99n)).to.be.revertedWith(TOKENS_PER_DELTA_ONE_RANGE);
    await gov.setInfrastructureAccrualBps(10000);
    await expect(gov.setInfrastructureAccrualBps(999)).to.be.revertedWith(ACCRUAL_RANGE);
    const hash = ethers.id("v2");
    // Read before sending: read inside withArgs, it could see the new hash.
    const before = await params.licenseHash();
    await expect(gov.setLicenseRef(hash, "ipfs://v2"))
      .to.emit(params, "LicenseRefSet")
      .withArgs(before, hash, "ipfs://v2", governor.address);
    const outsider = params.connect(other);
    for (const call of [
      () => outsider.setTokensPerDeltaOne(100n),
      () => outsider.setInfrastructureAccrualBps(5000),
      () => outsider.setLicenseRef(hash, "x"),
      () => outsider.setVestingConfig(vesting(true, 1000, YEAR, 0n)),
    ]) {
      await expect(call()).to.be.revertedWith(missingRole(other.address, GOV_ROLE));
    }
  });

  it("validates setVestingConfig, where all zero means disabled (the defaults only apply at deployment)", async function () {
    const { params, governor } = await loadFixture(liveModelFixture);
    const gov = params.connect(governor);
    const rejected: Array<[VestingConfig, string]> = [
      [vesting(true, 10001, YEAR, 0n), "immediateUnlockBps must be <= 10000"],
      [vesting(true, 1000, 0n, 0n), "vesting duration must be > 0"],
      [vesting(true, 1000, 10n * DAY, 11n * DAY), "cliff exceeds vesting duration"],
      [vesting(false, 0, 0n, DAY), "disabled vesting cliff must be 0"],
      [vesting(false, 0, DAY, 0n), "disabled vesting duration must be 0"],
    ];
    for (const [config, reason] of rejected) await expect(gov.setVestingConfig(config)).to.be.revertedWith(reason);

    await expect(gov.setVestingConfig(vesting(true, 2500, 90n * DAY, 30n * DAY)))
      .to.emit(params, "VestingConfigSet")
      .withArgs(true, 2500n, 90n * DAY, 30n * DAY, governor.address);
    expect(await params.cliffSeconds()).to.equal(30n * DAY);
    await gov.setVestingConfig(vesting(false, 0, 0n, 0n));
    expect(await params.vestingEnabled()).to.be.false;
  });
});
