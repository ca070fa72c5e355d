import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import {
  DEFAULT_CRR,
  DEFAULT_FLAT_CURVE_PRICE,
  DEFAULT_FLAT_CURVE_THRESHOLD,
  DEFAULT_IBR_DURATION,
  DEFAULT_TRADE_FEE,
} from "../../helpers/contract-fixtures";
import {
  DAY,
  LIVE_MODEL_ID,
  deployLive,
  liveModelFixture,
  liveModelOf,
  registeredModelFixture,
  type LiveModelSystem,
} from "../../helpers/live-fixtures";

type Params = [crr: bigint, fee: bigint, ibr: bigint, threshold: bigint, price: bigint];
const DEFAULTS: Params = [
  DEFAULT_CRR,
  DEFAULT_TRADE_FEE,
  DEFAULT_IBR_DURATION,
  DEFAULT_FLAT_CURVE_THRESHOLD,
  DEFAULT_FLAT_CURVE_PRICE,
];

async function create(system: LiveModelSystem, params: Params = DEFAULTS, token?: string) {
  return system.ammFactory.createPoolWithParams(LIVE_MODEL_ID, token ?? (await system.token.getAddress()), ...params);
}

describe("LiveHokusaiAMMFactory: pools for registered, active models", function () {
  it("has the live defaults and bounds", async function () {
    const { ammFactory, tokenManager, modelRegistry, usdc, treasury, poolDeployer, owner } =
      await loadFixture(liveModelFixture);
    expect(await ammFactory.defaultCrr()).to.equal(200_000n);
    expect(await ammFactory.defaultTradeFee()).to.equal(30n);
    expect(await ammFactory.defaultIbrDuration()).to.equal(7n * DAY);
    expect(await ammFactory.defaultFlatCurveThreshold()).to.equal(25_000n * 10n ** 6n);
    expect(await ammFactory.defaultFlatCurvePrice()).to.equal(10_000n);
    expect([await ammFactory.MIN_CRR(), await ammFactory.MAX_CRR(), await ammFactory.MAX_TRADE_FEE()]).to.deep.equal([
      50_000n,
      1_000_000n,
      1000n,
    ]);
    expect(await ammFactory.tokenManager()).to.equal(await tokenManager.getAddress());
    expect(await ammFactory.modelRegistry()).to.equal(await modelRegistry.getAddress());
    expect(await ammFactory.reserveToken()).to.equal(await usdc.getAddress());
    expect(await ammFactory.treasury()).to.equal(treasury.address);
    expect(await ammFactory.poolDeployer()).to.equal(await poolDeployer.getAddress());
    expect(await ammFactory.owner()).to.equal(owner.address);
  });

  it('refuses a model that is not registered: "Model not registered in ModelRegistry"', async function () {
    const system = await loadFixture(liveModelFixture);
    await expect(create(system)).to.be.revertedWith("Model not registered in ModelRegistry");
  });

  it('refuses a deactivated model: "Model is deactivated"', async function () {
    const system = await loadFixture(registeredModelFixture);
    await system.modelRegistry.deactivateStringModel(LIVE_MODEL_ID);
    await expect(create(system)).to.be.revertedWith("Model is deactivated");
  });

  it('refuses a token that is not the TokenManager\'s for the model: "Token address mismatch"', async function () {
    const system = await loadFixture(registeredModelFixture);
    await deployLive(system, { modelId: "30" });
    const { token: other } = await liveModelOf(system, "30");
    await expect(create(system, DEFAULTS, await other.getAddress())).to.be.revertedWith("Token address mismatch");
  });

  it('reverts "PoolDeployerNotSet" until a pool deployer is set, which can be done once', async function () {
    const system = await loadFixture(registeredModelFixture);
    const { modelRegistry, tokenManager, usdc, treasury, ammFactory } = system;
    const bare = await ethers.deployContract("LiveHokusaiAMMFactory", [
      await modelRegistry.getAddress(),
      await tokenManager.getAddress(),
      await usdc.getAddress(),
      treasury.address,
    ]);
    await expect(
      bare.createPoolWithParams(LIVE_MODEL_ID, await system.token.getAddress(), ...DEFAULTS),
    ).to.be.revertedWith("PoolDeployerNotSet");
    await expect(ammFactory.setPoolDeployer(treasury.address)).to.be.revertedWith("PoolDeployerAlreadySet");
  });

  const BOUNDS: Array<[string, Params, string, unknown[]]> = [
    ["crr below 50,000", [49_999n, 30n, 7n * DAY, 1n, 1n], "ValueOutOfBounds", [49_999n, 50_000n, 1_000_000n]],
    ["crr above 1,000,000", [1_000_001n, 30n, 7n * DAY, 1n, 1n], "ValueOutOfBounds", [1_000_001n, 50_000n, 1_000_000n]],
    ["a trade fee above 1000 bps", [200_000n, 1001n, 7n * DAY, 1n, 1n], "FeeTooHigh", [1001n, 1000n]],
    ["an IBR under a day", [200_000n, 30n, DAY - 1n, 1n, 1n], "ValueOutOfBounds", [DAY - 1n, DAY, 30n * DAY]],
    ["an IBR over 30 days", [200_000n, 30n, 30n * DAY + 1n, 1n, 1n], "ValueOutOfBounds", [30n * DAY + 1n, DAY, 30n * DAY]],
    ["a zero flat curve threshold", [200_000n, 30n, DAY, 0n, 1n], "InvalidAmount", ["flat curve threshold"]],
    ["a zero flat curve price", [200_000n, 30n, DAY, 1n, 0n], "InvalidAmount", ["flat curve price"]],
  ];
  for (const [what, params, error, args] of BOUNDS) {
    it(`reverts ${error} for ${what}`, async function () {
      const system = await loadFixture(registeredModelFixture);
      await expect(create(system, params))
        .to.be.revertedWithCustomError(system.ammFactory, error)
        .withArgs(...args);
    });
  }

  it("creates the pool (owner only), registers it in the ModelRegistry and emits PoolCreated", async function () {
    const system = await loadFixture(registeredModelFixture);
    const { ammFactory, modelRegistry, tokenManager, token, other } = system;
    await expect(
      ammFactory.connect(other).createPoolWithParams(LIVE_MODEL_ID, await token.getAddress(), ...DEFAULTS),
    ).to.be.revertedWith("Ownable: caller is not the owner");

    const tx = create(system);
    await expect(tx)
      .to.emit(ammFactory, "PoolCreated")
      .withArgs(LIVE_MODEL_ID, anyValue, await token.getAddress(), DEFAULT_CRR, DEFAULT_TRADE_FEE, DEFAULT_IBR_DURATION);
    const poolAddress = await ammFactory.getPool(LIVE_MODEL_ID);
    await expect(tx).to.emit(modelRegistry, "PoolRegistered").withArgs(LIVE_MODEL_ID, poolAddress);
    expect(await ammFactory.hasPool(LIVE_MODEL_ID)).to.be.true;
    expect(await modelRegistry.getPool(LIVE_MODEL_ID)).to.equal(poolAddress);
    expect(await ammFactory.getModelId(poolAddress)).to.equal(LIVE_MODEL_ID);
    expect(await ammFactory.poolCount()).to.equal(1n);

    const pool = await ethers.getContractAt("LiveHokusaiAMM", poolAddress);
    expect(await pool.owner()).to.equal(await ammFactory.getAddress());
    expect(await pool.tokenManager()).to.equal(await tokenManager.getAddress());
    expect(await pool.hokusaiToken()).to.equal(await token.getAddress());
    expect(await pool.crr()).to.equal(DEFAULT_CRR);
    expect(await pool.tradeFee()).to.equal(DEFAULT_TRADE_FEE);
    expect(await pool.FLAT_CURVE_THRESHOLD()).to.equal(DEFAULT_FLAT_CURVE_THRESHOLD);
    expect(await pool.FLAT_CURVE_PRICE()).to.equal(DEFAULT_FLAT_CURVE_PRICE);
    expect(await pool.buyOnlyUntil()).to.equal(BigInt(await time.latest()) + DEFAULT_IBR_DURATION);
    expect(await pool.reserveBalance()).to.equal(0n);
    expect(await pool.purchaserWhitelist()).to.equal(ethers.ZeroAddress);
    await expect(create(system)).to.be.revertedWith("Pool already exists");
  });

  it("attaches a whitelist with createPoolWithParamsAndWhitelist, and none for address(0)", async function () {
    const system = await loadFixture(registeredModelFixture);
    const { ammFactory, purchaserWhitelist, token } = system;
    const whitelist = await purchaserWhitelist.getAddress();
    await expect(
      ammFactory.createPoolWithParamsAndWhitelist(LIVE_MODEL_ID, await token.getAddress(), ...DEFAULTS, whitelist),
    )
      .to.emit(ammFactory, "PoolCreatedWithWhitelist")
      .withArgs(LIVE_MODEL_ID, anyValue, whitelist);
    const pool = await ethers.getContractAt("LiveHokusaiAMM", await ammFactory.getPool(LIVE_MODEL_ID));
    expect(await pool.purchaserWhitelist()).to.equal(whitelist);

    await deployLive(system, { modelId: "30" });
    const { token: token30 } = await liveModelOf(system, "30");
    await system.modelRegistry.registerStringModel("30", await token30.getAddress(), "f1");
    await ammFactory.createPoolWithParamsAndWhitelist("30", await token30.getAddress(), ...DEFAULTS, ethers.ZeroAddress);
    const publicPool = await ethers.getContractAt("LiveHokusaiAMM", await ammFactory.getPool("30"));
    expect(await publicPool.purchaserWhitelist()).to.equal(ethers.ZeroAddress);
  });
});
