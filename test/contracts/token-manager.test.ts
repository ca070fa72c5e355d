import { impersonateAccount, loadFixture, setBalance } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import {
  ACCRUAL_BPS_ACCEPTED,
  ACCRUAL_BPS_RANGE,
  ACCRUAL_BPS_REJECTED,
  DEPLOYER_ROLE,
  FIELD_ERRORS,
  GATED_DEPLOYMENT_FEE,
  INFRASTRUCTURE_ACCRUAL_BPS,
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
  deployV1,
  gatedSystemFixture,
  initialParams,
  modelTokenFixture,
  systemFixture,
  type SystemV1,
} from "../helpers/contract-fixtures";

async function paramsOf(system: SystemV1, modelId = MODEL_ID) {
  return ethers.getContractAt("MockHokusaiParams", await system.tokenManager.getParamsAddress(modelId));
}

const deploy = deployV1;

describe("MockTokenManager (v1): deployTokenWithAllocations", function () {
  describe("custom errors name the field", function () {
    for (const [error, context, what, args] of FIELD_ERRORS) {
      it(`reverts ${error}("${context}") for ${what}`, async function () {
        const system = await loadFixture(systemFixture);
        await expect(deploy(system, args))
          .to.be.revertedWithCustomError(system.tokenManager, error)
          .withArgs(context);
      });
    }

    it("checks the fields in the guide's order (model ID first)", async function () {
      const system = await loadFixture(systemFixture);
      await expect(deploy(system, { modelId: "", supplierAllocation: 0n, params: { governor: ethers.ZeroAddress } }))
        .to.be.revertedWithCustomError(system.tokenManager, "EmptyString")
        .withArgs("model ID");
    });
  });

  it('reverts "Token already deployed for this model" on a reused modelId', async function () {
    const system = await loadFixture(modelTokenFixture);
    await expect(deploy(system, { name: "Other", symbol: "OTH" })).to.be.revertedWith(
      "Token already deployed for this model",
    );
    await expect(deploy(system, { modelId: `${MODEL_ID}-b` })).not.to.be.reverted;
  });

  describe("tokensPerDeltaOne: whole tokens up to 10,000,000, wei above, within [100e18, 10,000,000e18]", function () {
    for (const [what, raw, stored] of TOKENS_PER_DELTA_ONE_ACCEPTED) {
      it(`accepts ${what} and stores ${stored} wei`, async function () {
        const system = await loadFixture(systemFixture);
        await deploy(system, { params: { tokensPerDeltaOne: raw } });
        expect(await (await paramsOf(system)).tokensPerDeltaOne()).to.equal(stored);
      });
    }

    for (const [what, raw] of TOKENS_PER_DELTA_ONE_REJECTED) {
      it(`rejects ${what}`, async function () {
        const system = await loadFixture(systemFixture);
        await expect(deploy(system, { params: { tokensPerDeltaOne: raw } })).to.be.revertedWith(
          TOKENS_PER_DELTA_ONE_RANGE,
        );
      });
    }
  });

  describe("infrastructureAccrualBps in [1000, 10000]", function () {
    for (const bps of ACCRUAL_BPS_ACCEPTED) {
      it(`accepts ${bps}`, async function () {
        const system = await loadFixture(systemFixture);
        await deploy(system, { params: { infrastructureAccrualBps: bps } });
        expect(await (await paramsOf(system)).infrastructureAccrualBps()).to.equal(bps);
      });
    }
    for (const bps of ACCRUAL_BPS_REJECTED) {
      it(`rejects ${bps}`, async function () {
        const system = await loadFixture(systemFixture);
        await expect(deploy(system, { params: { infrastructureAccrualBps: bps } })).to.be.revertedWith(
          ACCRUAL_BPS_RANGE,
        );
      });
    }
  });

  describe("initialOraclePricePerThousandUsd at most 1e12 (0 = unset)", function () {
    for (const price of ORACLE_PRICE_ACCEPTED) {
      it(`accepts ${price}`, async function () {
        const system = await loadFixture(systemFixture);
        await deploy(system, { params: { initialOraclePricePerThousandUsd: price } });
        expect(await (await paramsOf(system)).initialOraclePricePerThousandUsd()).to.equal(price);
      });
    }
    it("rejects 1e12 + 1", async function () {
      const system = await loadFixture(systemFixture);
      await expect(
        deploy(system, { params: { initialOraclePricePerThousandUsd: ORACLE_PRICE_REJECTED } }),
      ).to.be.revertedWith(ORACLE_PRICE_RANGE);
    });
  });

  it("does not check the license reference on-chain", async function () {
    const system = await loadFixture(systemFixture);
    await deploy(system, { params: { licenseHash: ethers.ZeroHash, licenseURI: "" } });
    const params = await paramsOf(system);
    expect(await params.licenseHash()).to.equal(ethers.ZeroHash);
    expect(await params.licenseURI()).to.equal("");
  });

  describe("events", function () {
    async function deployed() {
      const system = await loadFixture(systemFixture);
      const tx = await deploy(system, { params: { initialOraclePricePerThousandUsd: 2_500_000n } });
      const token = await system.tokenManager.getTokenAddress(MODEL_ID);
      const params = await system.tokenManager.getParamsAddress(MODEL_ID);
      return { ...system, tx, token, params };
    }

    it("emits ParamsDeployed with the params contract, the deployer and the raw values", async function () {
      const { tx, tokenManager, params, owner } = await deployed();
      await expect(tx)
        .to.emit(tokenManager, "ParamsDeployed")
        .withArgs(MODEL_ID, params, owner.address, TOKENS_PER_DELTA_ONE, INFRASTRUCTURE_ACCRUAL_BPS, 2_500_000n);
    });

    it("emits TokenDeployed whose totalSupply is the max supply", async function () {
      const { tx, tokenManager, token, owner } = await deployed();
      await expect(tx)
        .to.emit(tokenManager, "TokenDeployed")
        .withArgs(
          MODEL_ID,
          token,
          owner.address,
          TOKEN_NAME,
          TOKEN_SYMBOL,
          SUPPLIER_ALLOCATION + INVESTOR_ALLOCATION,
        );
    });

    it("emits AllocationDistributed with both caps (no investor recipient yet)", async function () {
      const { tx, tokenManager, supplier } = await deployed();
      await expect(tx)
        .to.emit(tokenManager, "AllocationDistributed")
        .withArgs(MODEL_ID, supplier.address, SUPPLIER_ALLOCATION, ethers.ZeroAddress, INVESTOR_ALLOCATION);
    });

    it("indexes the model ID as its keccak256, in the order ParamsDeployed, TokenDeployed, AllocationDistributed", async function () {
      const { tx, tokenManager } = await deployed();
      const receipt = await tx.wait();
      const managerLogs = receipt!.logs.filter((log) => log.address === tokenManager.target);
      expect(managerLogs.map((log) => tokenManager.interface.parseLog(log)?.name)).to.deep.equal([
        "ParamsDeployed",
        "TokenDeployed",
        "AllocationDistributed",
      ]);
      for (const log of managerLogs) expect(log.topics[1]).to.equal(ethers.id(MODEL_ID));
    });

    it("names the caller as the deployer", async function () {
      const system = await loadFixture(systemFixture);
      const tx = await deploy(system, {}, system.other);
      const token = await system.tokenManager.getTokenAddress(MODEL_ID);
      const params = await system.tokenManager.getParamsAddress(MODEL_ID);
      const maxSupply = SUPPLIER_ALLOCATION + INVESTOR_ALLOCATION;
      await expect(tx)
        .to.emit(system.tokenManager, "TokenDeployed")
        .withArgs(MODEL_ID, token, system.other.address, TOKEN_NAME, TOKEN_SYMBOL, maxSupply);
      await expect(tx)
        .to.emit(system.tokenManager, "ParamsDeployed")
        .withArgs(MODEL_ID, params, system.other.address, TOKENS_PER_DELTA_ONE, INFRASTRUCTURE_ACCRUAL_BPS, 0n);
    });
  });

  describe("getters", function () {
    it("returns the address deployTokenWithAllocations returns, by model ID and by token", async function () {
      const system = await loadFixture(systemFixture);
      const { tokenManager } = system;
      const predicted = await tokenManager.deployTokenWithAllocations.staticCall(
        MODEL_ID,
        TOKEN_NAME,
        TOKEN_SYMBOL,
        SUPPLIER_ALLOCATION,
        system.supplier.address,
        INVESTOR_ALLOCATION,
        initialParams(system.governor.address),
      );
      expect(await tokenManager.hasToken(MODEL_ID)).to.be.false;
      expect(await tokenManager.getTokenAddress(MODEL_ID)).to.equal(ethers.ZeroAddress);
      await deploy(system);

      expect(await tokenManager.getTokenAddress(MODEL_ID)).to.equal(predicted);
      expect(await tokenManager.modelTokens(MODEL_ID)).to.equal(predicted);
      expect(await tokenManager.hasToken(MODEL_ID)).to.be.true;
      expect(await tokenManager.getModelId(predicted)).to.equal(MODEL_ID);
      expect(await tokenManager.tokenToModel(predicted)).to.equal(MODEL_ID);
      const token = await ethers.getContractAt("MockHokusaiToken", predicted);
      expect(await tokenManager.getParamsAddress(MODEL_ID)).to.equal(await token.params());
      expect(await tokenManager.modelParams(MODEL_ID)).to.equal(await token.params());
      expect(await token.controller()).to.equal(tokenManager.target);
    });

    it("answers empty for an unknown model or token", async function () {
      const { tokenManager, other } = await loadFixture(modelTokenFixture);
      expect(await tokenManager.hasToken("unknown")).to.be.false;
      expect(await tokenManager.getTokenAddress("unknown")).to.equal(ethers.ZeroAddress);
      expect(await tokenManager.getParamsAddress("unknown")).to.equal(ethers.ZeroAddress);
      expect(await tokenManager.getModelId(other.address)).to.equal("");
    });

    it("gives each model its own token and params", async function () {
      const system = await loadFixture(modelTokenFixture);
      await deploy(system, { modelId: "second-model" });
      const { tokenManager } = system;
      expect(await tokenManager.getTokenAddress("second-model")).not.to.equal(await system.token.getAddress());
      expect(await tokenManager.getParamsAddress("second-model")).not.to.equal(await system.params.getAddress());
      expect(await tokenManager.getModelId(await tokenManager.getTokenAddress("second-model"))).to.equal(
        "second-model",
      );
    });
  });

  describe("deployment fee", function () {
    const FEE = ethers.parseEther("0.01");

    async function withFee() {
      const system = await loadFixture(systemFixture);
      await expect(system.tokenManager.setDeploymentFee(FEE))
        .to.emit(system.tokenManager, "DeploymentFeeUpdated")
        .withArgs(FEE);
      return system;
    }

    it("is 0 by default", async function () {
      const system = await loadFixture(systemFixture);
      expect(await system.tokenManager.deploymentFee()).to.equal(0n);
      await expect(deploy(system, {}, system.other)).to.changeEtherBalance(system.other, 0n);
    });

    it("takes the exact fee", async function () {
      const system = await withFee();
      await expect(deploy(system, { value: FEE }, system.other)).to.changeEtherBalances(
        [system.other, system.tokenManager],
        [-FEE, FEE],
      );
    });

    it("refunds any excess: the caller pays the fee and gas, nothing more", async function () {
      const system = await withFee();
      const tx = await deploy(system, { value: FEE * 5n }, system.other);
      const receipt = await tx.wait();
      const gas = receipt!.gasUsed * receipt!.gasPrice;
      await expect(tx).to.changeEtherBalance(system.other, -(FEE + gas), { includeFee: true });
      await expect(tx).to.changeEtherBalance(system.tokenManager, FEE);
    });

    it('reverts "Insufficient deployment fee" one wei short', async function () {
      const system = await withFee();
      await expect(deploy(system, { value: FEE - 1n })).to.be.revertedWith("Insufficient deployment fee");
      await expect(deploy(system)).to.be.revertedWith("Insufficient deployment fee");
    });

    it('reverts "Refund failed" when the caller cannot take the excess back', async function () {
      const system = await withFee();
      // A contract without receive() as the caller: MockUSDC.
      const usdcAddress = await system.usdc.getAddress();
      await impersonateAccount(usdcAddress);
      await setBalance(usdcAddress, ethers.parseEther("10"));
      const caller = await ethers.getSigner(usdcAddress);
      await expect(deploy(system, { value: FEE + 1n }, caller)).to.be.revertedWith("Refund failed");
      await expect(deploy(system, { value: FEE }, caller)).not.to.be.reverted;
    });

    it("lets the owner withdraw the fees collected", async function () {
      const system = await withFee();
      await deploy(system, { value: FEE });
      await expect(system.tokenManager.withdrawDeploymentFees(system.treasury.address)).to.changeEtherBalances(
        [system.tokenManager, system.treasury],
        [-FEE, FEE],
      );
    });

    it("rejects a withdrawal to the zero address or to a contract that refuses ether", async function () {
      const system = await withFee();
      await deploy(system, { value: FEE });
      await expect(system.tokenManager.withdrawDeploymentFees(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(system.tokenManager, "ZeroAddress")
        .withArgs("fee recipient");
      await expect(system.tokenManager.withdrawDeploymentFees(await system.usdc.getAddress())).to.be.revertedWith(
        "Fee withdrawal failed",
      );
    });
  });

  describe("deployer role", function () {
    it("is not required by default: any account deploys", async function () {
      const system = await loadFixture(systemFixture);
      expect(await system.tokenManager.deployerRoleRequired()).to.be.false;
      expect(await system.tokenManager.hasRole(DEPLOYER_ROLE, system.other.address)).to.be.false;
      await expect(deploy(system, {}, system.other)).to.emit(system.tokenManager, "TokenDeployed");
    });

    it("is DEPLOYER_ROLE = keccak256('DEPLOYER_ROLE'), held by the owner from the start", async function () {
      const { tokenManager, owner } = await loadFixture(systemFixture);
      expect(await tokenManager.DEPLOYER_ROLE()).to.equal(DEPLOYER_ROLE);
      expect(await tokenManager.hasRole(DEPLOYER_ROLE, owner.address)).to.be.true;
      expect(await tokenManager.owner()).to.equal(owner.address);
    });

    describe("when the owner requires it", function () {
      async function required() {
        const system = await loadFixture(systemFixture);
        await expect(system.tokenManager.setDeployerRoleRequired(true))
          .to.emit(system.tokenManager, "DeployerRoleRequiredUpdated")
          .withArgs(true);
        return system;
      }

      it('reverts for a non-holder with the OZ4 string "AccessControl: account 0x… is missing role 0x…"', async function () {
        const system = await required();
        const expected = `AccessControl: account ${system.other.address.toLowerCase()} is missing role ${DEPLOYER_ROLE}`;
        expect(expected).to.match(/^AccessControl: account 0x[0-9a-f]{40} is missing role 0x[0-9a-f]{64}$/);
        await expect(deploy(system, {}, system.other)).to.be.revertedWith(expected);
      });

      it("checks the role before any field", async function () {
        const system = await required();
        await expect(deploy(system, { modelId: "" }, system.other)).to.be.revertedWith(
          /^AccessControl: account 0x[0-9a-f]{40} is missing role/,
        );
      });

      it("lets a holder deploy: the owner, and an account granted the role", async function () {
        const system = await required();
        await expect(deploy(system)).to.emit(system.tokenManager, "TokenDeployed");
        await system.tokenManager.grantRole(DEPLOYER_ROLE, system.other.address);
        await expect(deploy(system, { modelId: "second" }, system.other)).to.emit(
          system.tokenManager,
          "TokenDeployed",
        );
      });

      it("lets everyone deploy again once switched off", async function () {
        const system = await required();
        await system.tokenManager.setDeployerRoleRequired(false);
        await expect(deploy(system, {}, system.other)).not.to.be.reverted;
      });
    });
  });

  describe("constructor arguments", function () {
    it("set the fee and the role switch at deployment (HokusaiSystemModule parameters)", async function () {
      const system = await loadFixture(gatedSystemFixture);
      expect(await system.tokenManager.deploymentFee()).to.equal(GATED_DEPLOYMENT_FEE);
      expect(await system.tokenManager.deployerRoleRequired()).to.be.true;
      await expect(deploy(system, { value: GATED_DEPLOYMENT_FEE }, system.other)).to.be.revertedWith(
        /is missing role/,
      );
      await expect(deploy(system, { value: GATED_DEPLOYMENT_FEE - 1n })).to.be.revertedWith(
        "Insufficient deployment fee",
      );
      await expect(deploy(system, { value: GATED_DEPLOYMENT_FEE })).to.changeEtherBalance(
        system.tokenManager,
        GATED_DEPLOYMENT_FEE,
      );
    });
  });

  describe("owner-only settings", function () {
    const NOT_OWNER = "Ownable: caller is not the owner";

    it(`reject a non-owner with "${NOT_OWNER}"`, async function () {
      const { tokenManager, other } = await loadFixture(modelTokenFixture);
      const asOther = tokenManager.connect(other);
      await expect(asOther.setDeploymentFee(1n)).to.be.revertedWith(NOT_OWNER);
      await expect(asOther.setDeployerRoleRequired(true)).to.be.revertedWith(NOT_OWNER);
      await expect(asOther.setDeltaVerifier(other.address)).to.be.revertedWith(NOT_OWNER);
      await expect(asOther.withdrawDeploymentFees(other.address)).to.be.revertedWith(NOT_OWNER);
      await expect(asOther.authorizeAMM(other.address)).to.be.revertedWith(NOT_OWNER);
      await expect(asOther.revokeAMM(other.address)).to.be.revertedWith(NOT_OWNER);
      await expect(asOther.distributeModelSupplierAllocation(MODEL_ID)).to.be.revertedWith(NOT_OWNER);
    });

    it("leave the state unchanged after a rejected call", async function () {
      const { tokenManager, other } = await loadFixture(systemFixture);
      await expect(tokenManager.connect(other).setDeploymentFee(1n)).to.be.reverted;
      await expect(tokenManager.connect(other).setDeployerRoleRequired(true)).to.be.reverted;
      expect(await tokenManager.deploymentFee()).to.equal(0n);
      expect(await tokenManager.deployerRoleRequired()).to.be.false;
    });

    it("set the delta verifier, never to the zero address", async function () {
      const { tokenManager, verifier } = await loadFixture(systemFixture);
      await expect(tokenManager.setDeltaVerifier(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(tokenManager, "ZeroAddress")
        .withArgs("delta verifier");
      await expect(tokenManager.setDeltaVerifier(verifier.address))
        .to.emit(tokenManager, "DeltaVerifierUpdated")
        .withArgs(verifier.address);
      expect(await tokenManager.deltaVerifier()).to.equal(verifier.address);
    });

    it("authorise and revoke an AMM, never the zero address", async function () {
      const { tokenManager, other } = await loadFixture(systemFixture);
      await expect(tokenManager.authorizeAMM(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(tokenManager, "ZeroAddress")
        .withArgs("AMM address");
      expect(await tokenManager.isAuthorizedAMM(other.address)).to.be.false;
      await tokenManager.authorizeAMM(other.address);
      expect(await tokenManager.isAuthorizedAMM(other.address)).to.be.true;
      await tokenManager.revokeAMM(other.address);
      expect(await tokenManager.isAuthorizedAMM(other.address)).to.be.false;
    });
  });
});

describe("MockTokenManager: distributeModelSupplierAllocation", function () {
  it("mints exactly the supplier allocation to the recipient and emits ModelSupplierAllocationDistributed", async function () {
    const { tokenManager, token, supplier } = await loadFixture(modelTokenFixture);
    const tx = tokenManager.distributeModelSupplierAllocation(MODEL_ID);
    await expect(tx)
      .to.emit(tokenManager, "ModelSupplierAllocationDistributed")
      .withArgs(MODEL_ID, supplier.address, SUPPLIER_ALLOCATION);
    await expect(tx).to.changeTokenBalance(token, supplier, SUPPLIER_ALLOCATION);
    await expect(tx).to.emit(token, "ModelSupplierAllocationMinted").withArgs(supplier.address, SUPPLIER_ALLOCATION);
    expect(await token.totalSupply()).to.equal(SUPPLIER_ALLOCATION);
    expect(await token.modelSupplierDistributed()).to.be.true;
  });

  it("is owner only", async function () {
    const { tokenManager, token, other } = await loadFixture(modelTokenFixture);
    await expect(tokenManager.connect(other).distributeModelSupplierAllocation(MODEL_ID)).to.be.revertedWith(
      "Ownable: caller is not the owner",
    );
    expect(await token.totalSupply()).to.equal(0n);
  });

  it('happens once: a second call reverts "Model supplier allocation already distributed"', async function () {
    const { tokenManager, token } = await loadFixture(modelTokenFixture);
    await tokenManager.distributeModelSupplierAllocation(MODEL_ID);
    await expect(tokenManager.distributeModelSupplierAllocation(MODEL_ID)).to.be.revertedWith(
      "Model supplier allocation already distributed",
    );
    expect(await token.totalSupply()).to.equal(SUPPLIER_ALLOCATION);
  });

  it('reverts "Token not deployed for this model" for an unknown model, EmptyString for ""', async function () {
    const { tokenManager } = await loadFixture(modelTokenFixture);
    await expect(tokenManager.distributeModelSupplierAllocation("unknown")).to.be.revertedWith(
      "Token not deployed for this model",
    );
    await expect(tokenManager.distributeModelSupplierAllocation(""))
      .to.be.revertedWithCustomError(tokenManager, "EmptyString")
      .withArgs("model ID");
  });
});
