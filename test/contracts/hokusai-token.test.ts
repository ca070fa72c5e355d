import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import {
  GOV_ROLE,
  INFRASTRUCTURE_ACCRUAL_BPS,
  INVESTOR_ALLOCATION,
  LICENSE_HASH,
  LICENSE_URI,
  MODEL_ID,
  SUPPLIER_ALLOCATION,
  TOKEN_NAME,
  TOKEN_SYMBOL,
  TOKENS,
  TOKENS_PER_DELTA_ONE,
  ZERO_VESTING,
  deployModelToken,
  modelTokenFixture,
  systemFixture,
} from "../helpers/contract-fixtures";

const ONLY_CONTROLLER = "Only controller can call this function";

describe("MockHokusaiToken", function () {
  it("is an 18-decimal ERC-20 with the name and symbol given at deployment", async function () {
    const { token } = await loadFixture(modelTokenFixture);
    expect(await token.decimals()).to.equal(18n);
    expect(await token.name()).to.equal(TOKEN_NAME);
    expect(await token.symbol()).to.equal(TOKEN_SYMBOL);
  });

  it("has nothing minted at deployment; its max supply is supplier + investor allocation", async function () {
    const { token, supplier } = await loadFixture(modelTokenFixture);
    expect(await token.totalSupply()).to.equal(0n);
    expect(await token.balanceOf(supplier.address)).to.equal(0n);
    expect(await token.maxSupply()).to.equal(SUPPLIER_ALLOCATION + INVESTOR_ALLOCATION);
    expect(await token.modelSupplierAllocation()).to.equal(SUPPLIER_ALLOCATION);
    expect(await token.modelSupplierRecipient()).to.equal(supplier.address);
    expect(await token.investorAllocation()).to.equal(INVESTOR_ALLOCATION);
    expect(await token.modelSupplierDistributed()).to.be.false;
    expect(await token.investorMinted()).to.equal(0n);
    expect(await token.rewardMinted()).to.equal(0n);
  });

  it("is controlled by the TokenManager and points at its params contract", async function () {
    const { token, params, tokenManager } = await loadFixture(modelTokenFixture);
    expect(await token.controller()).to.equal(await tokenManager.getAddress());
    expect(await token.params()).to.equal(await params.getAddress());
  });

  it(`lets only the controller mint or burn ("${ONLY_CONTROLLER}")`, async function () {
    const { token, owner, other } = await loadFixture(modelTokenFixture);
    for (const caller of [owner, other]) {
      const asCaller = token.connect(caller);
      await expect(asCaller.mintInvestor(caller.address, 1n)).to.be.revertedWith(ONLY_CONTROLLER);
      await expect(asCaller.burnInvestor(caller.address, 0n)).to.be.revertedWith(ONLY_CONTROLLER);
      await expect(asCaller.mintReward(caller.address, 1n)).to.be.revertedWith(ONLY_CONTROLLER);
      await expect(asCaller.distributeModelSupplierAllocation()).to.be.revertedWith(ONLY_CONTROLLER);
    }
    expect(await token.totalSupply()).to.equal(0n);
  });

  describe("investor allocation, minted through the TokenManager", function () {
    it('mints up to the cap exactly, then reverts "Exceeds investor allocation"', async function () {
      const { tokenManager, token, buyer } = await loadFixture(modelTokenFixture);
      await tokenManager.mintTokens(MODEL_ID, buyer.address, INVESTOR_ALLOCATION - 1n);
      await tokenManager.mintTokens(MODEL_ID, buyer.address, 1n);
      expect(await token.investorMinted()).to.equal(INVESTOR_ALLOCATION);
      await expect(tokenManager.mintTokens(MODEL_ID, buyer.address, 1n)).to.be.revertedWith(
        "Exceeds investor allocation",
      );
      expect(await token.balanceOf(buyer.address)).to.equal(INVESTOR_ALLOCATION);
    });

    it("rejects a single mint one wei over the cap", async function () {
      const { tokenManager, buyer } = await loadFixture(modelTokenFixture);
      await expect(tokenManager.mintTokens(MODEL_ID, buyer.address, INVESTOR_ALLOCATION + 1n)).to.be.revertedWith(
        "Exceeds investor allocation",
      );
    });

    it("reaches the max supply with both allocations, and no further", async function () {
      const { tokenManager, token, buyer } = await loadFixture(modelTokenFixture);
      await tokenManager.distributeModelSupplierAllocation(MODEL_ID);
      await tokenManager.mintTokens(MODEL_ID, buyer.address, INVESTOR_ALLOCATION);
      expect(await token.totalSupply()).to.equal(await token.maxSupply());
      await expect(tokenManager.mintTokens(MODEL_ID, buyer.address, 1n)).to.be.revertedWith(
        "Exceeds investor allocation",
      );
    });

    it("gives the headroom back when tokens are burned", async function () {
      const { tokenManager, token, buyer } = await loadFixture(modelTokenFixture);
      const burned = TOKENS("1234");
      await tokenManager.mintTokens(MODEL_ID, buyer.address, INVESTOR_ALLOCATION);
      await expect(tokenManager.burnTokens(MODEL_ID, buyer.address, burned))
        .to.emit(tokenManager, "TokensBurned")
        .withArgs(MODEL_ID, buyer.address, burned);
      expect(await token.investorMinted()).to.equal(INVESTOR_ALLOCATION - burned);
      await expect(tokenManager.mintTokens(MODEL_ID, buyer.address, burned + 1n)).to.be.revertedWith(
        "Exceeds investor allocation",
      );
      await expect(tokenManager.mintTokens(MODEL_ID, buyer.address, burned))
        .to.emit(tokenManager, "TokensMinted")
        .withArgs(MODEL_ID, buyer.address, burned);
      expect(await token.balanceOf(buyer.address)).to.equal(INVESTOR_ALLOCATION);
    });

    it("never counts below zero when more is burned than investors minted", async function () {
      const { tokenManager, token, supplier, buyer } = await loadFixture(modelTokenFixture);
      await tokenManager.distributeModelSupplierAllocation(MODEL_ID);
      await tokenManager.mintTokens(MODEL_ID, buyer.address, TOKENS("10"));
      await tokenManager.burnTokens(MODEL_ID, supplier.address, TOKENS("11"));
      expect(await token.investorMinted()).to.equal(0n);
      expect(await token.totalSupply()).to.equal(SUPPLIER_ALLOCATION - TOKENS("1"));
    });

    it("cannot burn more than the account holds", async function () {
      const { tokenManager, token, buyer } = await loadFixture(modelTokenFixture);
      await tokenManager.mintTokens(MODEL_ID, buyer.address, 10n);
      await expect(tokenManager.burnTokens(MODEL_ID, buyer.address, 11n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(buyer.address, 10n, 11n);
    });
  });

  describe("TokenManager mintTokens / burnTokens", function () {
    it('lets only an authorised AMM or the owner mint ("Caller is not authorized to mint")', async function () {
      const { tokenManager, token, other, buyer } = await loadFixture(modelTokenFixture);
      await expect(tokenManager.connect(other).mintTokens(MODEL_ID, buyer.address, 1n)).to.be.revertedWith(
        "Caller is not authorized to mint",
      );
      await tokenManager.authorizeAMM(other.address);
      await tokenManager.connect(other).mintTokens(MODEL_ID, buyer.address, 5n);
      expect(await token.balanceOf(buyer.address)).to.equal(5n);
      await tokenManager.revokeAMM(other.address);
      await expect(tokenManager.connect(other).mintTokens(MODEL_ID, buyer.address, 1n)).to.be.revertedWith(
        "Caller is not authorized to mint",
      );
    });

    it('lets only an authorised AMM or the owner burn ("Caller is not authorized to burn")', async function () {
      const { tokenManager, token, other, buyer } = await loadFixture(modelTokenFixture);
      await tokenManager.mintTokens(MODEL_ID, buyer.address, 5n);
      await expect(tokenManager.connect(other).burnTokens(MODEL_ID, buyer.address, 1n)).to.be.revertedWith(
        "Caller is not authorized to burn",
      );
      await tokenManager.authorizeAMM(other.address);
      await tokenManager.connect(other).burnTokens(MODEL_ID, buyer.address, 2n);
      expect(await token.balanceOf(buyer.address)).to.equal(3n);
    });

    it("rejects a zero recipient, a zero amount and an unknown model", async function () {
      const { tokenManager, buyer } = await loadFixture(modelTokenFixture);
      await expect(tokenManager.mintTokens(MODEL_ID, ethers.ZeroAddress, 1n))
        .to.be.revertedWithCustomError(tokenManager, "ZeroAddress")
        .withArgs("recipient");
      await expect(tokenManager.mintTokens(MODEL_ID, buyer.address, 0n))
        .to.be.revertedWithCustomError(tokenManager, "InvalidAmount")
        .withArgs("amount");
      await expect(tokenManager.burnTokens(MODEL_ID, buyer.address, 0n))
        .to.be.revertedWithCustomError(tokenManager, "InvalidAmount")
        .withArgs("amount");
      await expect(tokenManager.mintTokens("unknown", buyer.address, 1n)).to.be.revertedWith(
        "Token not deployed for this model",
      );
      await expect(tokenManager.burnTokens("unknown", buyer.address, 1n)).to.be.revertedWith(
        "Token not deployed for this model",
      );
    });
  });

  describe("DeltaOne rewards (mintDeltaOneReward)", function () {
    async function withVerifier() {
      const system = await loadFixture(modelTokenFixture);
      await system.tokenManager.setDeltaVerifier(system.verifier.address);
      return system;
    }

    it("mints tokensPerDeltaOne * deltaOnes to the recipient, counted as reward", async function () {
      const { tokenManager, token, verifier, supplier } = await withVerifier();
      const amount = TOKENS_PER_DELTA_ONE * 3n;
      await expect(tokenManager.connect(verifier).mintDeltaOneReward(MODEL_ID, supplier.address, 3n))
        .to.emit(tokenManager, "DeltaOneRewardMinted")
        .withArgs(MODEL_ID, supplier.address, 3n, amount);
      expect(await token.balanceOf(supplier.address)).to.equal(amount);
      expect(await token.rewardMinted()).to.equal(amount);
      expect(await token.investorMinted()).to.equal(0n);
    });

    it("uses the normalised value when tokensPerDeltaOne was given in whole tokens", async function () {
      const system = await loadFixture(systemFixture);
      await deployModelToken(system, { modelId: "whole", params: { tokensPerDeltaOne: 250n } });
      await system.tokenManager.setDeltaVerifier(system.verifier.address);
      await system.tokenManager.connect(system.verifier).mintDeltaOneReward("whole", system.supplier.address, 2n);
      const token = await ethers.getContractAt("MockHokusaiToken", await system.tokenManager.getTokenAddress("whole"));
      expect(await token.balanceOf(system.supplier.address)).to.equal(TOKENS("500"));
    });

    it("mints beyond the two allocation caps", async function () {
      const { tokenManager, token, verifier, supplier, buyer } = await withVerifier();
      await tokenManager.distributeModelSupplierAllocation(MODEL_ID);
      await tokenManager.mintTokens(MODEL_ID, buyer.address, INVESTOR_ALLOCATION);
      await tokenManager.connect(verifier).mintDeltaOneReward(MODEL_ID, supplier.address, 1n);
      expect(await token.totalSupply()).to.equal((await token.maxSupply()) + TOKENS_PER_DELTA_ONE);
    });

    it('reverts "Caller is not the delta verifier" for anyone else, and before a verifier is set', async function () {
      const system = await loadFixture(modelTokenFixture);
      const { tokenManager, owner, verifier, other, supplier } = system;
      for (const caller of [owner, verifier]) {
        await expect(
          tokenManager.connect(caller).mintDeltaOneReward(MODEL_ID, supplier.address, 1n),
        ).to.be.revertedWith("Caller is not the delta verifier");
      }
      await tokenManager.setDeltaVerifier(verifier.address);
      for (const caller of [owner, other]) {
        await expect(
          tokenManager.connect(caller).mintDeltaOneReward(MODEL_ID, supplier.address, 1n),
        ).to.be.revertedWith("Caller is not the delta verifier");
      }
    });

    it("rejects a zero recipient, zero deltaOnes and an unknown model", async function () {
      const { tokenManager, verifier, supplier } = await withVerifier();
      const asVerifier = tokenManager.connect(verifier);
      await expect(asVerifier.mintDeltaOneReward(MODEL_ID, ethers.ZeroAddress, 1n))
        .to.be.revertedWithCustomError(tokenManager, "ZeroAddress")
        .withArgs("recipient");
      await expect(asVerifier.mintDeltaOneReward(MODEL_ID, supplier.address, 0n))
        .to.be.revertedWithCustomError(tokenManager, "InvalidAmount")
        .withArgs("delta ones");
      await expect(asVerifier.mintDeltaOneReward("unknown", supplier.address, 1n)).to.be.revertedWith(
        "Token not deployed for this model",
      );
    });
  });
});

describe("MockHokusaiParams", function () {
  it("stores the InitialParams, tokensPerDeltaOne in wei", async function () {
    const { params, governor } = await loadFixture(modelTokenFixture);
    expect(await params.tokensPerDeltaOne()).to.equal(TOKENS_PER_DELTA_ONE);
    expect(await params.infrastructureAccrualBps()).to.equal(INFRASTRUCTURE_ACCRUAL_BPS);
    expect(await params.getProfitShareBps()).to.equal(10_000 - INFRASTRUCTURE_ACCRUAL_BPS);
    expect(await params.initialOraclePricePerThousandUsd()).to.equal(0n);
    expect(await params.licenseHash()).to.equal(LICENSE_HASH);
    expect(await params.licenseURI()).to.equal(LICENSE_URI);
    expect(await params.licenseRef()).to.deep.equal([LICENSE_HASH, LICENSE_URI]);
    expect(await params.governor()).to.equal(governor.address);
  });

  it("normalises a whole-token tokensPerDeltaOne to wei", async function () {
    const system = await loadFixture(systemFixture);
    const { params } = await deployModelToken(system, { params: { tokensPerDeltaOne: 100_000n } });
    expect(await params.tokensPerDeltaOne()).to.equal(TOKENS_PER_DELTA_ONE);
    expect(await params.normalizeTokensPerDeltaOne(10_000_000n)).to.equal(TOKENS("10000000"));
    expect(await params.normalizeTokensPerDeltaOne(10_000_001n)).to.equal(10_000_001n);
  });

  it("gives GOV_ROLE = keccak256('GOV_ROLE') to the governor alone; the TokenManager is admin", async function () {
    const { params, governor, owner, tokenManager } = await loadFixture(modelTokenFixture);
    expect(await params.GOV_ROLE()).to.equal(GOV_ROLE);
    expect(await params.hasRole(GOV_ROLE, governor.address)).to.be.true;
    expect(await params.hasRole(GOV_ROLE, owner.address)).to.be.false;
    expect(await params.hasRole(GOV_ROLE, await tokenManager.getAddress())).to.be.false;
    expect(await params.hasRole(await params.DEFAULT_ADMIN_ROLE(), await tokenManager.getAddress())).to.be.true;
  });

  it("uses the default vesting (enabled, 1000 bps, 365 days, no cliff) behind the v1 ABI", async function () {
    const { params } = await loadFixture(modelTokenFixture);
    expect(await params.vestingConfig()).to.deep.equal([true, 1000n, 365n * 24n * 3600n, 0n]);
  });

  describe("setLicenseRef", function () {
    const NEW_HASH = ethers.keccak256(ethers.toUtf8Bytes("https://hokus.ai/terms"));
    const NEW_URI = "https://hokus.ai/terms";

    it("lets the governor change the license, emitting LicenseRefSet", async function () {
      const { params, governor } = await loadFixture(modelTokenFixture);
      await expect(params.connect(governor).setLicenseRef(NEW_HASH, NEW_URI))
        .to.emit(params, "LicenseRefSet")
        .withArgs(LICENSE_HASH, NEW_HASH, NEW_URI, governor.address);
      expect(await params.licenseHash()).to.equal(NEW_HASH);
      expect(await params.licenseURI()).to.equal(NEW_URI);
    });

    it("rejects anyone else with AccessControlUnauthorizedAccount(account, GOV_ROLE)", async function () {
      const { params, owner, other } = await loadFixture(modelTokenFixture);
      for (const caller of [owner, other]) {
        await expect(params.connect(caller).setLicenseRef(NEW_HASH, NEW_URI))
          .to.be.revertedWithCustomError(params, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, GOV_ROLE);
      }
      expect(await params.licenseHash()).to.equal(LICENSE_HASH);
    });
  });

  describe("governance setters keep the deployment bounds", function () {
    it("setTokensPerDeltaOne normalises, emits and checks the range", async function () {
      const { params, governor, other } = await loadFixture(modelTokenFixture);
      await expect(params.connect(governor).setTokensPerDeltaOne(500n))
        .to.emit(params, "TokensPerDeltaOneSet")
        .withArgs(TOKENS_PER_DELTA_ONE, TOKENS("500"), governor.address);
      expect(await params.tokensPerDeltaOne()).to.equal(TOKENS("500"));
      await expect(params.connect(governor).setTokensPerDeltaOne(99n)).to.be.revertedWith(
        "tokensPerDeltaOne must be between 100 and 10000000 tokens",
      );
      await expect(params.connect(other).setTokensPerDeltaOne(500n))
        .to.be.revertedWithCustomError(params, "AccessControlUnauthorizedAccount")
        .withArgs(other.address, GOV_ROLE);
    });

    it("setInfrastructureAccrualBps emits and checks [1000, 10000]", async function () {
      const { params, governor, other } = await loadFixture(modelTokenFixture);
      await expect(params.connect(governor).setInfrastructureAccrualBps(1000))
        .to.emit(params, "InfrastructureAccrualBpsSet")
        .withArgs(INFRASTRUCTURE_ACCRUAL_BPS, 1000, governor.address);
      expect(await params.getProfitShareBps()).to.equal(9000);
      for (const bps of [999, 10001]) {
        await expect(params.connect(governor).setInfrastructureAccrualBps(bps)).to.be.revertedWith(
          "infrastructureAccrualBps must be between 1000 and 10000",
        );
      }
      await expect(params.connect(other).setInfrastructureAccrualBps(2000))
        .to.be.revertedWithCustomError(params, "AccessControlUnauthorizedAccount")
        .withArgs(other.address, GOV_ROLE);
    });
  });

  it("refuses a zero governor even when deployed directly", async function () {
    const factory = await ethers.getContractFactory("MockHokusaiParams");
    await expect(
      factory.deploy(TOKENS_PER_DELTA_ONE, 5000, 0n, LICENSE_HASH, LICENSE_URI, ethers.ZeroAddress, ZERO_VESTING),
    )
      .to.be.revertedWithCustomError(factory, "ZeroAddress")
      .withArgs("governor");
  });
});
