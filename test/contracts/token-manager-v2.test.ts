import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import {
  ACCRUAL_BPS_ACCEPTED,
  ACCRUAL_BPS_RANGE,
  ACCRUAL_BPS_REJECTED,
  DEPLOYER_ROLE,
  FIELD_ERRORS,
  GATED_DEPLOYMENT_FEE,
  INVESTOR_ALLOCATION,
  MODEL_ID,
  ORACLE_PRICE_ACCEPTED,
  ORACLE_PRICE_RANGE,
  ORACLE_PRICE_REJECTED,
  SUPPLIER_ALLOCATION,
  TOKEN_NAME,
  TOKEN_SYMBOL,
  TOKENS_PER_DELTA_ONE,
  TOKENS_PER_DELTA_ONE_ACCEPTED,
  TOKENS_PER_DELTA_ONE_RANGE,
  TOKENS_PER_DELTA_ONE_REJECTED,
  V1_SELECTOR,
  V2_SELECTOR,
  ZERO_VESTING,
  deployV2,
  gatedSystemV2Fixture,
  initialParams,
  systemFixture,
  systemV2Fixture,
  type SystemV2,
  type VestingConfig,
} from "../helpers/contract-fixtures";

const deploy = deployV2;
const DAY = 24n * 3600n;

async function paramsOf(system: SystemV2, modelId = MODEL_ID) {
  return ethers.getContractAt("MockHokusaiParams", await system.tokenManager.getParamsAddress(modelId));
}

/** `PUSH4 <selector>`: how a contract's dispatcher holds each of its selectors. */
function push4(selector: string): string {
  return `63${selector.slice(2)}`;
}

describe("MockTokenManagerV2: the live ABI (InitialParams + VestingConfig)", function () {
  describe("the same validation through the seven-field tuple", function () {
    for (const [error, context, what, args] of FIELD_ERRORS) {
      it(`reverts ${error}("${context}") for ${what}`, async function () {
        const system = await loadFixture(systemV2Fixture);
        await expect(deploy(system, args))
          .to.be.revertedWithCustomError(system.tokenManager, error)
          .withArgs(context);
      });
    }

    for (const [what, raw, stored] of TOKENS_PER_DELTA_ONE_ACCEPTED) {
      it(`accepts tokensPerDeltaOne ${what}`, async function () {
        const system = await loadFixture(systemV2Fixture);
        await deploy(system, { params: { tokensPerDeltaOne: raw } });
        expect(await (await paramsOf(system)).tokensPerDeltaOne()).to.equal(stored);
      });
    }

    for (const [what, raw] of TOKENS_PER_DELTA_ONE_REJECTED) {
      it(`rejects tokensPerDeltaOne ${what}`, async function () {
        const system = await loadFixture(systemV2Fixture);
        await expect(deploy(system, { params: { tokensPerDeltaOne: raw } })).to.be.revertedWith(
          TOKENS_PER_DELTA_ONE_RANGE,
        );
      });
    }

    it(`accepts infrastructureAccrualBps ${ACCRUAL_BPS_ACCEPTED.join(" and ")}, rejects ${ACCRUAL_BPS_REJECTED.join(", ")}`, async function () {
      const system = await loadFixture(systemV2Fixture);
      for (const [i, bps] of ACCRUAL_BPS_ACCEPTED.entries()) {
        await deploy(system, { modelId: `ok-${i}`, params: { infrastructureAccrualBps: bps } });
        expect(await (await paramsOf(system, `ok-${i}`)).infrastructureAccrualBps()).to.equal(bps);
      }
      for (const bps of ACCRUAL_BPS_REJECTED) {
        await expect(deploy(system, { params: { infrastructureAccrualBps: bps } })).to.be.revertedWith(
          ACCRUAL_BPS_RANGE,
        );
      }
    });

    it("accepts an oracle price up to 1e12, rejects 1e12 + 1", async function () {
      const system = await loadFixture(systemV2Fixture);
      for (const [i, price] of ORACLE_PRICE_ACCEPTED.entries()) {
        await deploy(system, { modelId: `ok-${i}`, params: { initialOraclePricePerThousandUsd: price } });
        expect(await (await paramsOf(system, `ok-${i}`)).initialOraclePricePerThousandUsd()).to.equal(price);
      }
      await expect(
        deploy(system, { params: { initialOraclePricePerThousandUsd: ORACLE_PRICE_REJECTED } }),
      ).to.be.revertedWith(ORACLE_PRICE_RANGE);
    });

    it('reverts "Token already deployed for this model" on a reused modelId', async function () {
      const system = await loadFixture(systemV2Fixture);
      await deploy(system);
      await expect(deploy(system)).to.be.revertedWith("Token already deployed for this model");
    });

    it("emits the same three events", async function () {
      const system = await loadFixture(systemV2Fixture);
      const tx = await deploy(system);
      const { tokenManager, owner, supplier } = system;
      const token = await tokenManager.getTokenAddress(MODEL_ID);
      await expect(tx)
        .to.emit(tokenManager, "ParamsDeployed")
        .withArgs(MODEL_ID, await tokenManager.getParamsAddress(MODEL_ID), owner.address, TOKENS_PER_DELTA_ONE, 5000, 0n);
      await expect(tx)
        .to.emit(tokenManager, "TokenDeployed")
        .withArgs(MODEL_ID, token, owner.address, TOKEN_NAME, TOKEN_SYMBOL, SUPPLIER_ALLOCATION + INVESTOR_ALLOCATION);
      await expect(tx)
        .to.emit(tokenManager, "AllocationDistributed")
        .withArgs(MODEL_ID, supplier.address, SUPPLIER_ALLOCATION, ethers.ZeroAddress, INVESTOR_ALLOCATION);
    });

    it("takes the fee and checks the role the same way (constructor arguments)", async function () {
      const system = await loadFixture(gatedSystemV2Fixture);
      const { other, tokenManager } = system;
      await expect(deploy(system, { value: GATED_DEPLOYMENT_FEE }, other)).to.be.revertedWith(
        `AccessControl: account ${other.address.toLowerCase()} is missing role ${DEPLOYER_ROLE}`,
      );
      await expect(deploy(system, { value: GATED_DEPLOYMENT_FEE - 1n })).to.be.revertedWith(
        "Insufficient deployment fee",
      );
      await expect(deploy(system, { value: GATED_DEPLOYMENT_FEE * 2n })).to.changeEtherBalances(
        [system.owner, tokenManager],
        [-GATED_DEPLOYMENT_FEE, GATED_DEPLOYMENT_FEE],
      );
    });
  });

  describe("vestingConfig", function () {
    const accepted: Array<[string, VestingConfig, VestingConfig]> = [
      [
        "all zero means the defaults: enabled, 1000 bps, 365 days, no cliff",
        ZERO_VESTING,
        { enabled: true, immediateUnlockBps: 1000, vestingDurationSeconds: 365n * DAY, cliffSeconds: 0n },
      ],
      [
        "{false, 10000, 0, 0} switches vesting off",
        { enabled: false, immediateUnlockBps: 10000, vestingDurationSeconds: 0n, cliffSeconds: 0n },
        { enabled: false, immediateUnlockBps: 10000, vestingDurationSeconds: 0n, cliffSeconds: 0n },
      ],
      [
        "a custom schedule is kept as given",
        { enabled: true, immediateUnlockBps: 2500, vestingDurationSeconds: 180n * DAY, cliffSeconds: 30n * DAY },
        { enabled: true, immediateUnlockBps: 2500, vestingDurationSeconds: 180n * DAY, cliffSeconds: 30n * DAY },
      ],
      [
        "a cliff as long as the duration is allowed",
        { enabled: true, immediateUnlockBps: 0, vestingDurationSeconds: 90n * DAY, cliffSeconds: 90n * DAY },
        { enabled: true, immediateUnlockBps: 0, vestingDurationSeconds: 90n * DAY, cliffSeconds: 90n * DAY },
      ],
    ];

    for (const [what, given, stored] of accepted) {
      it(what, async function () {
        const system = await loadFixture(systemV2Fixture);
        await deploy(system, { vesting: given });
        expect(await (await paramsOf(system)).vestingConfig()).to.deep.equal([
          stored.enabled,
          BigInt(stored.immediateUnlockBps),
          stored.vestingDurationSeconds,
          stored.cliffSeconds,
        ]);
      });
    }

    it("rejects an immediate unlock above 10000 bps: ValueOutOfBounds(bps, 0, 10000)", async function () {
      const system = await loadFixture(systemV2Fixture);
      for (const enabled of [true, false]) {
        const vesting = { enabled, immediateUnlockBps: 10001, vestingDurationSeconds: DAY, cliffSeconds: 0n };
        await expect(deploy(system, { vesting }))
          .to.be.revertedWithCustomError(system.tokenManager, "ValueOutOfBounds")
          .withArgs(10001n, 0n, 10000n);
      }
    });

    it('rejects enabled vesting with no duration: InvalidAmount("vesting duration")', async function () {
      const system = await loadFixture(systemV2Fixture);
      const vesting = { enabled: true, immediateUnlockBps: 1000, vestingDurationSeconds: 0n, cliffSeconds: 0n };
      await expect(deploy(system, { vesting }))
        .to.be.revertedWithCustomError(system.tokenManager, "InvalidAmount")
        .withArgs("vesting duration");
    });

    it("rejects a cliff longer than the duration: ValueOutOfBounds(cliff, 0, duration)", async function () {
      const system = await loadFixture(systemV2Fixture);
      const vesting = {
        enabled: true,
        immediateUnlockBps: 1000,
        vestingDurationSeconds: 30n * DAY,
        cliffSeconds: 30n * DAY + 1n,
      };
      await expect(deploy(system, { vesting }))
        .to.be.revertedWithCustomError(system.tokenManager, "ValueOutOfBounds")
        .withArgs(30n * DAY + 1n, 0n, 30n * DAY);
    });
  });

  describe("telling the two ABIs apart", function () {
    it("has the selectors of HOKUSAI-FACTS.md in the compiled ABIs", async function () {
      const v1 = await loadFixture(systemFixture);
      const v2 = await loadFixture(systemV2Fixture);
      expect(v1.tokenManager.interface.getFunction("deployTokenWithAllocations").selector).to.equal(V1_SELECTOR);
      expect(v2.tokenManager.interface.getFunction("deployTokenWithAllocations").selector).to.equal(V2_SELECTOR);
    });

    it(`MockTokenManager's runtime code holds PUSH4 ${V1_SELECTOR} and not ${V2_SELECTOR}`, async function () {
      const { tokenManager } = await loadFixture(systemFixture);
      const code = (await ethers.provider.getCode(tokenManager)).toLowerCase();
      expect(code).to.include(push4(V1_SELECTOR));
      expect(code).not.to.include(push4(V2_SELECTOR));
    });

    it(`MockTokenManagerV2's runtime code holds PUSH4 ${V2_SELECTOR} and not ${V1_SELECTOR}`, async function () {
      const { tokenManager } = await loadFixture(systemV2Fixture);
      const code = (await ethers.provider.getCode(tokenManager)).toLowerCase();
      expect(code).to.include(push4(V2_SELECTOR));
      expect(code).not.to.include(push4(V1_SELECTOR));
    });

    it("reverts with no data when the v1 call reaches the v2 contract", async function () {
      const system = await loadFixture(systemV2Fixture);
      const v1 = await ethers.getContractAt("MockTokenManager", await system.tokenManager.getAddress());
      await expect(
        v1.deployTokenWithAllocations(
          MODEL_ID,
          TOKEN_NAME,
          TOKEN_SYMBOL,
          SUPPLIER_ALLOCATION,
          system.supplier.address,
          INVESTOR_ALLOCATION,
          initialParams(system.governor.address),
        ),
      ).to.be.revertedWithoutReason();
      expect(await system.tokenManager.hasToken(MODEL_ID)).to.be.false;
    });
  });
});
