import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import {
  DEFAULT_CRR,
  DEFAULT_FLAT_CURVE_PRICE,
  DEFAULT_FLAT_CURVE_THRESHOLD,
  DEFAULT_IBR_DURATION,
  DEFAULT_TRADE_FEE,
  MODEL_ID,
  deployModelToken,
  modelTokenFixture,
  type ModelTokenSystem,
} from "../helpers/contract-fixtures";

interface PoolParams {
  modelId: string;
  token: string;
  crr: bigint;
  tradeFee: bigint;
  ibrDuration: bigint;
  flatCurveThreshold: bigint;
  flatCurvePrice: bigint;
}

const DAY = 24n * 3600n;
const NOT_OWNER = "Ownable: caller is not the owner";

/** createPoolWithParams for the fixture's model with the factory's defaults, changed by `o`. */
async function create(system: ModelTokenSystem, o: Partial<PoolParams> = {}, from = system.owner) {
  return system.ammFactory
    .connect(from)
    .createPoolWithParams(
      o.modelId ?? MODEL_ID,
      o.token ?? (await system.token.getAddress()),
      o.crr ?? DEFAULT_CRR,
      o.tradeFee ?? DEFAULT_TRADE_FEE,
      o.ibrDuration ?? DEFAULT_IBR_DURATION,
      o.flatCurveThreshold ?? DEFAULT_FLAT_CURVE_THRESHOLD,
      o.flatCurvePrice ?? DEFAULT_FLAT_CURVE_PRICE,
    );
}

async function poolOf(system: ModelTokenSystem, modelId = MODEL_ID) {
  return ethers.getContractAt("MockHokusaiAMM", await system.ammFactory.getPool(modelId));
}

describe("MockHokusaiAMMFactory", function () {
  it("knows its TokenManager, reserve token and treasury, and is owned by account 0", async function () {
    const { ammFactory, tokenManager, usdc, treasury, owner } = await loadFixture(modelTokenFixture);
    expect(await ammFactory.tokenManager()).to.equal(await tokenManager.getAddress());
    expect(await ammFactory.reserveToken()).to.equal(await usdc.getAddress());
    expect(await ammFactory.treasury()).to.equal(treasury.address);
    expect(await ammFactory.owner()).to.equal(owner.address);
  });

  it("refuses a zero token manager, reserve token or treasury", async function () {
    const { owner, tokenManager, usdc, treasury } = await loadFixture(modelTokenFixture);
    const factory = await ethers.getContractFactory("MockHokusaiAMMFactory");
    const [tm, reserve, zero] = [await tokenManager.getAddress(), await usdc.getAddress(), ethers.ZeroAddress];
    const cases: Array<[string, string, string, string]> = [
      ["token manager", zero, reserve, treasury.address],
      ["reserve token", tm, zero, treasury.address],
      ["treasury", tm, reserve, zero],
    ];
    for (const [context, ...args] of cases) {
      await expect(factory.deploy(owner.address, ...args))
        .to.be.revertedWithCustomError(factory, "ZeroAddress")
        .withArgs(context);
    }
  });

  it("has the live defaults: crr 200000, fee 30 bps, IBR 7 days, flat phase to 25,000 USDC at 0.01", async function () {
    const { ammFactory } = await loadFixture(modelTokenFixture);
    expect(await ammFactory.defaultCrr()).to.equal(200_000n);
    expect(await ammFactory.defaultTradeFee()).to.equal(30n);
    expect(await ammFactory.defaultIbrDuration()).to.equal(7n * DAY);
    expect(await ammFactory.defaultFlatCurveThreshold()).to.equal(25_000n * 10n ** 6n);
    expect(await ammFactory.defaultFlatCurvePrice()).to.equal(10_000n);
  });

  describe("createPoolWithParams", function () {
    it("creates the pool with the given parameters and emits PoolCreated", async function () {
      const system = await loadFixture(modelTokenFixture);
      const { ammFactory, token, tokenManager, usdc } = system;
      const params = {
        crr: 300_000n,
        tradeFee: 50n,
        ibrDuration: 3n * DAY,
        flatCurveThreshold: 5_000n * 10n ** 6n,
        flatCurvePrice: 20_000n,
      };
      const tx = await create(system, params);
      const pool = await poolOf(system);
      await expect(tx)
        .to.emit(ammFactory, "PoolCreated")
        .withArgs(MODEL_ID, await pool.getAddress(), await token.getAddress(), 300_000n, 50n, 3n * DAY);
      expect(await pool.modelId()).to.equal(MODEL_ID);
      expect(await pool.hokusaiToken()).to.equal(await token.getAddress());
      expect(await pool.reserveToken()).to.equal(await usdc.getAddress());
      expect(await pool.crr()).to.equal(params.crr);
      expect(await pool.tradeFee()).to.equal(params.tradeFee);
      expect(await pool.ibrDuration()).to.equal(params.ibrDuration);
      expect(await pool.ibrEndTime()).to.equal(BigInt(await time.latest()) + params.ibrDuration);
      expect(await pool.flatCurveThreshold()).to.equal(params.flatCurveThreshold);
      expect(await pool.flatCurvePrice()).to.equal(params.flatCurvePrice);
      expect(await pool.reserveBalance()).to.equal(0n);
      // The factory does not make the pool a minter: the TokenManager owner does, later.
      expect(await tokenManager.isAuthorizedAMM(await pool.getAddress())).to.be.false;
    });

    it("returns the address it registers", async function () {
      const system = await loadFixture(modelTokenFixture);
      const { ammFactory, token } = system;
      const predicted = await ammFactory.createPoolWithParams.staticCall(
        MODEL_ID,
        await token.getAddress(),
        DEFAULT_CRR,
        DEFAULT_TRADE_FEE,
        DEFAULT_IBR_DURATION,
        DEFAULT_FLAT_CURVE_THRESHOLD,
        DEFAULT_FLAT_CURVE_PRICE,
      );
      await create(system);
      expect(await ammFactory.getPool(MODEL_ID)).to.equal(predicted);
    });

    it(`is owner only ("${NOT_OWNER}")`, async function () {
      const system = await loadFixture(modelTokenFixture);
      await expect(create(system, {}, system.other)).to.be.revertedWith(NOT_OWNER);
      await expect(
        system.ammFactory.connect(system.other).createPool(MODEL_ID, await system.token.getAddress()),
      ).to.be.revertedWith(NOT_OWNER);
      expect(await system.ammFactory.hasPool(MODEL_ID)).to.be.false;
    });

    describe("crr in [50000, 1000000] ppm", function () {
      for (const crr of [50_000n, 1_000_000n]) {
        it(`accepts ${crr}`, async function () {
          const system = await loadFixture(modelTokenFixture);
          await create(system, { crr });
          expect(await (await poolOf(system)).crr()).to.equal(crr);
        });
      }
      for (const crr of [0n, 49_999n, 1_000_001n]) {
        it(`rejects ${crr} with ValueOutOfBounds(${crr}, 50000, 1000000)`, async function () {
          const system = await loadFixture(modelTokenFixture);
          await expect(create(system, { crr }))
            .to.be.revertedWithCustomError(system.ammFactory, "ValueOutOfBounds")
            .withArgs(crr, 50_000n, 1_000_000n);
        });
      }
    });

    describe("tradeFee at most 1000 bps", function () {
      for (const tradeFee of [0n, 1000n]) {
        it(`accepts ${tradeFee}`, async function () {
          const system = await loadFixture(modelTokenFixture);
          await create(system, { tradeFee });
          expect(await (await poolOf(system)).tradeFee()).to.equal(tradeFee);
        });
      }
      it("rejects 1001 with FeeTooHigh(1001, 1000)", async function () {
        const system = await loadFixture(modelTokenFixture);
        await expect(create(system, { tradeFee: 1001n }))
          .to.be.revertedWithCustomError(system.ammFactory, "FeeTooHigh")
          .withArgs(1001n, 1000n);
      });
    });

    describe("ibrDuration in [1 day, 30 days]", function () {
      for (const ibrDuration of [DAY, 30n * DAY]) {
        it(`accepts ${ibrDuration / DAY} day(s)`, async function () {
          const system = await loadFixture(modelTokenFixture);
          await create(system, { ibrDuration });
          expect(await (await poolOf(system)).ibrDuration()).to.equal(ibrDuration);
        });
      }
      for (const ibrDuration of [0n, DAY - 1n, 30n * DAY + 1n]) {
        it(`rejects ${ibrDuration} s with ValueOutOfBounds(${ibrDuration}, 86400, 2592000)`, async function () {
          const system = await loadFixture(modelTokenFixture);
          await expect(create(system, { ibrDuration }))
            .to.be.revertedWithCustomError(system.ammFactory, "ValueOutOfBounds")
            .withArgs(ibrDuration, DAY, 30n * DAY);
        });
      }
    });

    it('rejects a zero flat curve threshold: InvalidAmount("flat curve threshold")', async function () {
      const system = await loadFixture(modelTokenFixture);
      await expect(create(system, { flatCurveThreshold: 0n }))
        .to.be.revertedWithCustomError(system.ammFactory, "InvalidAmount")
        .withArgs("flat curve threshold");
      await create(system, { flatCurveThreshold: 1n });
      expect(await (await poolOf(system)).flatCurveThreshold()).to.equal(1n);
    });

    it('rejects a zero flat curve price: InvalidAmount("flat curve price")', async function () {
      const system = await loadFixture(modelTokenFixture);
      await expect(create(system, { flatCurvePrice: 0n }))
        .to.be.revertedWithCustomError(system.ammFactory, "InvalidAmount")
        .withArgs("flat curve price");
      await create(system, { flatCurvePrice: 1n });
      expect(await (await poolOf(system)).flatCurvePrice()).to.equal(1n);
    });

    it('rejects an empty model ID: EmptyString("model ID"), and a zero token: ZeroAddress("token")', async function () {
      const system = await loadFixture(modelTokenFixture);
      await expect(create(system, { modelId: "" }))
        .to.be.revertedWithCustomError(system.ammFactory, "EmptyString")
        .withArgs("model ID");
      await expect(create(system, { token: ethers.ZeroAddress }))
        .to.be.revertedWithCustomError(system.ammFactory, "ZeroAddress")
        .withArgs("token");
    });

    it('reverts "Pool already exists" for a second pool of the same model', async function () {
      const system = await loadFixture(modelTokenFixture);
      await create(system);
      await expect(create(system, { crr: 100_000n })).to.be.revertedWith("Pool already exists");
      await expect(system.ammFactory.createPool(MODEL_ID, await system.token.getAddress())).to.be.revertedWith(
        "Pool already exists",
      );
      expect(await system.ammFactory.poolCount()).to.equal(1n);
    });

    it('reverts "Token not registered with TokenManager" for a model without a token', async function () {
      const system = await loadFixture(modelTokenFixture);
      await expect(create(system, { modelId: "unknown-model" })).to.be.revertedWith(
        "Token not registered with TokenManager",
      );
    });

    it('reverts "Token address mismatch" when the token belongs to another model', async function () {
      const system = await loadFixture(modelTokenFixture);
      const other = await deployModelToken(system, { modelId: "other-model" });
      await expect(create(system, { token: await other.token.getAddress() })).to.be.revertedWith(
        "Token address mismatch",
      );
      await expect(create(system, { token: system.other.address })).to.be.revertedWith("Token address mismatch");
    });
  });

  describe("createPool", function () {
    it("uses the defaults (200000, 30, 7 days, 25,000e6, 10,000)", async function () {
      const system = await loadFixture(modelTokenFixture);
      const { ammFactory, token } = system;
      const tx = await ammFactory.createPool(MODEL_ID, await token.getAddress());
      const pool = await poolOf(system);
      await expect(tx)
        .to.emit(ammFactory, "PoolCreated")
        .withArgs(MODEL_ID, await pool.getAddress(), await token.getAddress(), 200_000n, 30n, 7n * DAY);
      expect(await pool.crr()).to.equal(200_000n);
      expect(await pool.tradeFee()).to.equal(30n);
      expect(await pool.ibrDuration()).to.equal(7n * DAY);
      expect(await pool.flatCurveThreshold()).to.equal(25_000n * 10n ** 6n);
      expect(await pool.flatCurvePrice()).to.equal(10_000n);
    });

    it("checks the model the same way", async function () {
      const system = await loadFixture(modelTokenFixture);
      await expect(system.ammFactory.createPool("unknown-model", await system.token.getAddress())).to.be.revertedWith(
        "Token not registered with TokenManager",
      );
    });
  });

  describe("lookups", function () {
    it("getPool, hasPool and poolCount follow the pools created", async function () {
      const system = await loadFixture(modelTokenFixture);
      const { ammFactory } = system;
      expect(await ammFactory.getPool(MODEL_ID)).to.equal(ethers.ZeroAddress);
      expect(await ammFactory.hasPool(MODEL_ID)).to.be.false;
      expect(await ammFactory.poolCount()).to.equal(0n);

      await create(system);
      const first = await ammFactory.getPool(MODEL_ID);
      expect(first).not.to.equal(ethers.ZeroAddress);
      expect(await ammFactory.hasPool(MODEL_ID)).to.be.true;
      expect(await ammFactory.poolCount()).to.equal(1n);

      const second = await deployModelToken(system, { modelId: "second-model" });
      await ammFactory.createPool("second-model", await second.token.getAddress());
      expect(await ammFactory.poolCount()).to.equal(2n);
      expect(await ammFactory.getPool("second-model")).not.to.equal(first);
      expect(await ammFactory.getPool(MODEL_ID)).to.equal(first);
      expect(await ammFactory.hasPool("third-model")).to.be.false;
    });
  });
});
