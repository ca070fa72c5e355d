import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { Interface } from "ethers";
import { ethers } from "hardhat";

import { HOKUSAI_PARAMS_ABI, TOKEN_MANAGER_CORE_ABI, TOKEN_MANAGER_V1_ABI } from "../../../src/core/abi";
import {
  FIELD_ERRORS,
  GOV_ROLE,
  INVESTOR_ALLOCATION,
  SUPPLIER_ALLOCATION,
  TOKEN_NAME,
  TOKEN_SYMBOL,
  V1_SELECTOR,
  V2_SELECTOR,
  initialParams,
} from "../../helpers/contract-fixtures";
import {
  DEFAULT_ADMIN_ROLE,
  LIVE_DEPLOYMENT_FEE,
  LIVE_MODEL_ID,
  MINTER_ROLE,
  deployLive,
  feeLiveSystemFixture,
  handedOverSystemFixture,
  liveModelFixture,
  liveModelOf,
  liveSystemFixture,
  missingRole,
} from "../../helpers/live-fixtures";

function push4(selector: string): string {
  return `63${selector.slice(2)}`;
}

describe("LiveTokenManager: deployment as on the live chains (v2 ABI)", function () {
  it("dispatches the v2 selector 0xcbb1036c; the guide's v1 call reverts without data", async function () {
    const { tokenManager, governor, supplier } = await loadFixture(liveSystemFixture);
    const code = await ethers.provider.getCode(await tokenManager.getAddress());
    expect(code).to.include(push4(V2_SELECTOR));
    expect(code).not.to.include(push4(V1_SELECTOR));
    const v1 = new Interface(TOKEN_MANAGER_V1_ABI as unknown as string[]).encodeFunctionData(
      "deployTokenWithAllocations",
      [
        LIVE_MODEL_ID,
        TOKEN_NAME,
        TOKEN_SYMBOL,
        SUPPLIER_ALLOCATION,
        supplier.address,
        INVESTOR_ALLOCATION,
        initialParams(governor.address),
      ],
    );
    await expect(ethers.provider.call({ to: await tokenManager.getAddress(), data: v1 })).to.be.revertedWithoutReason();
  });

  it("is open to any caller and emits ParamsDeployed, TokenDeployed (max supply), AllocationDistributed in order", async function () {
    const system = await loadFixture(liveSystemFixture);
    const { tokenManager, other, supplier } = system;
    const receipt = await (await deployLive(system, {}, other)).wait();
    const own = await tokenManager.getAddress();
    const events = receipt!.logs
      .filter((log) => log.address === own)
      .map((log) => tokenManager.interface.parseLog(log)!);
    expect(events.map((e) => e.name)).to.deep.equal(["ParamsDeployed", "TokenDeployed", "AllocationDistributed"]);

    const token = await tokenManager.getTokenAddress(LIVE_MODEL_ID);
    const byName = (name: string) => events.find((e) => e.name === name)!;
    expect(byName("TokenDeployed").args.slice(1)).to.deep.equal([
      token,
      other.address,
      TOKEN_NAME,
      TOKEN_SYMBOL,
      SUPPLIER_ALLOCATION + INVESTOR_ALLOCATION,
    ]);
    expect(byName("AllocationDistributed").args.slice(1)).to.deep.equal([
      supplier.address,
      SUPPLIER_ALLOCATION,
      ethers.ZeroAddress,
      INVESTOR_ALLOCATION,
    ]);
    expect(await tokenManager.hasToken(LIVE_MODEL_ID)).to.be.true;
    expect(await tokenManager.modelTokens(LIVE_MODEL_ID)).to.equal(token);
    expect(await tokenManager.getModelId(token)).to.equal(LIVE_MODEL_ID);
    // Nothing is minted at deployment: both allocations are caps.
    const { token: t } = await liveModelOf(system);
    expect(await t.totalSupply()).to.equal(0n);
    expect(await t.maxSupply()).to.equal(SUPPLIER_ALLOCATION + INVESTOR_ALLOCATION);
  });

  for (const [error, context, what, args] of FIELD_ERRORS) {
    it(`reverts ${error}("${context}") for ${what}`, async function () {
      const system = await loadFixture(liveSystemFixture);
      await expect(deployLive(system, args)).to.be.revertedWithCustomError(system.tokenManager, error).withArgs(context);
    });
  }

  it('reverts "Token already deployed for this model" on a reused id, whoever the governor', async function () {
    const system = await loadFixture(liveModelFixture);
    await expect(
      deployLive(system, { params: { governor: system.buyer.address } }, system.buyer),
    ).to.be.revertedWith("Token already deployed for this model");
  });

  it('keeps the fee and refunds the excess of an overpaid deployment; less reverts "Insufficient deployment fee"', async function () {
    const system = await loadFixture(feeLiveSystemFixture);
    const { tokenManager, other } = system;
    expect(await tokenManager.deploymentFee()).to.equal(LIVE_DEPLOYMENT_FEE);
    await expect(deployLive(system, { value: LIVE_DEPLOYMENT_FEE - 1n })).to.be.revertedWith(
      "Insufficient deployment fee",
    );
    await expect(deployLive(system, { value: LIVE_DEPLOYMENT_FEE * 5n })).to.changeEtherBalances(
      [other, tokenManager],
      [-LIVE_DEPLOYMENT_FEE, LIVE_DEPLOYMENT_FEE],
    );
  });

  it("hands the model to its governor: the token's owner(), GOV_ROLE and DEFAULT_ADMIN_ROLE of the params", async function () {
    const { token, params, governor, tokenManager, tokenDeploymentFactory } = await loadFixture(liveModelFixture);
    expect(await token.owner()).to.equal(governor.address);
    expect(await token.controller()).to.equal(await tokenManager.getAddress());
    expect(await token.params()).to.equal(await params.getAddress());
    expect(await params.hasRole(GOV_ROLE, governor.address)).to.be.true;
    expect(await params.hasRole(DEFAULT_ADMIN_ROLE, governor.address)).to.be.true;
    const factory = await tokenDeploymentFactory.getAddress();
    expect(await params.hasRole(DEFAULT_ADMIN_ROLE, factory)).to.be.false;
    expect(await params.hasRole(DEFAULT_ADMIN_ROLE, await tokenManager.getAddress())).to.be.false;
  });

  it("has params without governor() and without initialOraclePricePerThousandUsd()", async function () {
    const { params } = await loadFixture(liveModelFixture);
    const guide = new ethers.Contract(await params.getAddress(), HOKUSAI_PARAMS_ABI, ethers.provider);
    await expect(guide.governor()).to.be.revertedWithoutReason();
    await expect(guide.initialOraclePricePerThousandUsd()).to.be.revertedWithoutReason();
    expect(new Interface(params.interface.fragments).getFunction("governor")).to.equal(null);
  });

  it("stores an oracle price of 2.5 USD per thousand calls, read back with oraclePricePerThousandUsd()", async function () {
    const system = await loadFixture(liveSystemFixture);
    await deployLive(system, { params: { initialOraclePricePerThousandUsd: 2_500_000n } });
    const { params } = await liveModelOf(system);
    expect(await params.oraclePricePerThousandUsd()).to.equal(2_500_000n);
  });

  it("authorises a pool with MINTER_ROLE, and has no isAuthorizedAMM()", async function () {
    const { tokenManager, buyer } = await loadFixture(liveSystemFixture);
    await tokenManager.authorizeAMM(buyer.address);
    expect(await tokenManager.hasRole(MINTER_ROLE, buyer.address)).to.be.true;
    const guide = new ethers.Contract(await tokenManager.getAddress(), TOKEN_MANAGER_CORE_ABI, ethers.provider);
    await expect(guide.isAuthorizedAMM(buyer.address)).to.be.revertedWithoutReason();
    await tokenManager.revokeAMM(buyer.address);
    expect(await tokenManager.hasRole(MINTER_ROLE, buyer.address)).to.be.false;
  });

  it("fails access with OpenZeppelin 4's strings", async function () {
    const { tokenManager, params, purchaserWhitelist, other } = await loadFixture(liveModelFixture);
    const OWNER_ONLY = "Ownable: caller is not the owner";
    await expect(tokenManager.connect(other).distributeModelSupplierAllocation(LIVE_MODEL_ID)).to.be.revertedWith(
      OWNER_ONLY,
    );
    await expect(tokenManager.connect(other).authorizeAMM(other.address)).to.be.revertedWith(OWNER_ONLY);
    await expect(tokenManager.connect(other).setDeploymentFee(1n)).to.be.revertedWith(OWNER_ONLY);
    await expect(tokenManager.connect(other).grantRole(MINTER_ROLE, other.address)).to.be.revertedWith(
      missingRole(other.address, DEFAULT_ADMIN_ROLE),
    );
    await expect(params.connect(other).setOraclePricePerThousandUsd(1n)).to.be.revertedWith(
      missingRole(other.address, GOV_ROLE),
    );
    await expect(purchaserWhitelist.connect(other).addToWhitelist(other.address)).to.be.revertedWith(
      missingRole(other.address, ethers.id("WHITELIST_ADMIN_ROLE")),
    );
  });

  it("is owned, with its admin role, by the module's owner; the vault and registry are wired", async function () {
    const { tokenManager, modelRegistry, vestingVault, tokenDeploymentFactory, owner } =
      await loadFixture(liveSystemFixture);
    expect(await tokenManager.owner()).to.equal(owner.address);
    expect(await tokenManager.hasRole(DEFAULT_ADMIN_ROLE, owner.address)).to.be.true;
    expect(await tokenManager.vestingVault()).to.equal(await vestingVault.getAddress());
    expect(await tokenManager.registry()).to.equal(await modelRegistry.getAddress());
    expect(await tokenManager.tokenDeploymentFactory()).to.equal(await tokenDeploymentFactory.getAddress());
    expect(await vestingVault.tokenManager()).to.equal(await tokenManager.getAddress());
    await expect(tokenManager.setVestingVault(owner.address)).to.be.revertedWith("Vesting vault already set");
  });

  it("is handed, with the registry and the AMM factory, to a module owner other than the deployer", async function () {
    const system = await loadFixture(handedOverSystemFixture);
    const { tokenManager, modelRegistry, ammFactory, purchaserWhitelist, verifier, owner } = system;
    for (const contract of [tokenManager, modelRegistry, ammFactory]) {
      expect(await contract.owner()).to.equal(verifier.address);
    }
    expect(await purchaserWhitelist.hasRole(ethers.id("WHITELIST_ADMIN_ROLE"), verifier.address)).to.be.true;
    await tokenManager.connect(verifier).authorizeAMM(owner.address);
    expect(await tokenManager.hasRole(MINTER_ROLE, owner.address)).to.be.true;
    await expect(modelRegistry.setPoolRegistrar(owner.address, true)).to.be.revertedWith(
      "Ownable: caller is not the owner",
    );
  });
});
