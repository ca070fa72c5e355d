/**
 * The Ignition modules on the in-process network (hre.ignition.deploy), with their
 * parameters passed through the same check and conversion as the CLI override.
 */
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { IgnitionModule } from "@nomicfoundation/ignition-core";
import { expect } from "chai";
import hre, { ethers } from "hardhat";

import HokusaiSystemModule from "../../ignition/modules/HokusaiSystem";
import HokusaiSystemExistingUsdcModule from "../../ignition/modules/HokusaiSystemExistingUsdc";
import HokusaiSystemV2Module from "../../ignition/modules/HokusaiSystemV2";
import LocalModelPoolModule from "../../ignition/modules/LocalModelPool";
import LocalModelTokenModule from "../../ignition/modules/LocalModelToken";
import ModelPoolModule from "../../ignition/modules/ModelPool";
import ModelTokenModule from "../../ignition/modules/ModelToken";
import ModelTokenV2Module from "../../ignition/modules/ModelTokenV2";
import { POOL_DEFAULTS } from "../../ignition/modules/builders";
import {
  validateDeploymentParameters,
  type RawDeploymentParameters,
} from "../../src/hardhat/ignition/params";

const TOKENS = 10n ** 18n;
const LICENSE_HASH = ethers.keccak256(ethers.toUtf8Bytes("# Commercial Model License\n"));
const V1_SELECTOR_PUSH = "63fb7b6428";
const V2_SELECTOR_PUSH = "63cbb1036c";

/** The guide's example in a parameter file's notation: whole tokens, as strings. */
async function guideParameters(modelId: string): Promise<Record<string, unknown>> {
  const [, governor, supplier] = await ethers.getSigners();
  return {
    modelId,
    name: "Sentiment Model",
    symbol: "SENT",
    modelSupplierAllocation: "400000",
    modelSupplierRecipient: supplier.address,
    investorAllocation: "600000",
    tokensPerDeltaOne: "100000",
    infrastructureAccrualBps: 5000,
    licenseHash: LICENSE_HASH,
    licenseURI: "ipfs://QmLicense/license.md",
    governor: governor.address,
  };
}

/** hre.ignition.deploy after the plugin's check, as `npx hardhat ignition deploy` does it. */
function deploy<M extends IgnitionModule>(module: M, parameters: RawDeploymentParameters) {
  return hre.ignition.deploy(module, { parameters: validateDeploymentParameters(module, parameters) });
}

async function systemFixture() {
  const { tokenManager, ammFactory, usdc } = await deploy(HokusaiSystemModule, {});
  return {
    tokenManager: await ethers.getContractAt("MockTokenManager", await tokenManager.getAddress()),
    ammFactory: await ethers.getContractAt("MockHokusaiAMMFactory", await ammFactory.getAddress()),
    usdc: await ethers.getContractAt("MockUSDC", await usdc.getAddress()),
  };
}

async function modelTokenFixture() {
  const system = await systemFixture();
  const deployed = await deploy(ModelTokenModule, {
    ModelTokenModule: {
      tokenManager: await system.tokenManager.getAddress(),
      ...(await guideParameters("m-1")),
    },
  });
  const token = await ethers.getContractAt("MockHokusaiToken", await deployed.token.getAddress());
  return { ...system, token };
}

describe("Ignition modules (in-process)", function () {
  it("hre.ignition.deploy reads a parameter file's notation as `ignition deploy` does: whole tokens become wei", async function () {
    const system = await loadFixture(systemFixture);
    const deployed = await hre.ignition.deploy(ModelTokenModule, {
      parameters: {
        ModelTokenModule: {
          tokenManager: await system.tokenManager.getAddress(),
          ...(await guideParameters("m-raw")),
        },
      } as never,
    });
    const token = await ethers.getContractAt("MockHokusaiToken", await deployed.token.getAddress());
    expect(await token.modelSupplierAllocation()).to.equal(400_000n * TOKENS);
    expect(await token.investorAllocation()).to.equal(600_000n * TOKENS);
    await expect(
      hre.ignition.deploy(ModelTokenModule, {
        parameters: {
          ModelTokenModule: {
            tokenManager: await system.tokenManager.getAddress(),
            ...(await guideParameters("m-bad")),
            symbol: "sent",
          },
        } as never,
      }),
    ).to.be.rejectedWith(/^HOK205: ModelTokenModule\.symbol "sent" is invalid/);
  });

  describe("HokusaiSystemModule and its variants", function () {
    it("wires USDC, the guide's TokenManager and the factory, owned by the owner parameter", async function () {
      const [, backend, treasury] = await ethers.getSigners();
      const deployed = await deploy(HokusaiSystemModule, {
        HokusaiSystemModule: {
          owner: backend.address,
          treasury: treasury.address,
          deploymentFee: "10000000000000000",
          deployerRoleRequired: "true",
        },
      });
      const tokenManager = await ethers.getContractAt(
        "MockTokenManager",
        await deployed.tokenManager.getAddress(),
      );
      const ammFactory = await ethers.getContractAt(
        "MockHokusaiAMMFactory",
        await deployed.ammFactory.getAddress(),
      );

      expect(await tokenManager.owner()).to.equal(backend.address);
      expect(await tokenManager.deploymentFee()).to.equal(ethers.parseEther("0.01"));
      expect(await tokenManager.deployerRoleRequired()).to.equal(true);
      expect(await ammFactory.owner()).to.equal(backend.address);
      expect(await ammFactory.tokenManager()).to.equal(await tokenManager.getAddress());
      expect(await ammFactory.reserveToken()).to.equal(await deployed.usdc.getAddress());
      expect(await ammFactory.treasury()).to.equal(treasury.address);
      const code = await ethers.provider.getCode(await tokenManager.getAddress());
      expect(code).to.contain(V1_SELECTOR_PUSH).and.not.to.contain(V2_SELECTOR_PUSH);
    });

    it("HokusaiSystemV2Module deploys the TokenManager with the live ABI", async function () {
      const deployed = await deploy(HokusaiSystemV2Module, {});
      const code = await ethers.provider.getCode(await deployed.tokenManager.getAddress());
      expect(code).to.contain(V2_SELECTOR_PUSH).and.not.to.contain(V1_SELECTOR_PUSH);
      const ammFactory = await ethers.getContractAt(
        "MockHokusaiAMMFactory",
        await deployed.ammFactory.getAddress(),
      );
      expect(await ammFactory.tokenManager()).to.equal(await deployed.tokenManager.getAddress());
    });

    it("HokusaiSystemExistingUsdcModule uses the USDC at the usdc parameter", async function () {
      const [owner] = await ethers.getSigners();
      const existing = await ethers.deployContract("MockUSDC", [owner.address]);
      const deployed = await deploy(HokusaiSystemExistingUsdcModule, {
        HokusaiSystemExistingUsdcModule: { usdc: await existing.getAddress() },
      });
      const ammFactory = await ethers.getContractAt(
        "MockHokusaiAMMFactory",
        await deployed.ammFactory.getAddress(),
      );
      expect(await deployed.usdc.getAddress()).to.equal(await existing.getAddress());
      expect(await ammFactory.reserveToken()).to.equal(await existing.getAddress());
    });
  });

  describe("ModelTokenModule and its variants", function () {
    it("deploys the guide's token on an existing TokenManager, whole tokens reaching it as wei", async function () {
      const { tokenManager, token } = await loadFixture(modelTokenFixture);
      const [, governor, supplier] = await ethers.getSigners();

      expect(await tokenManager.getTokenAddress("m-1")).to.equal(await token.getAddress());
      expect(await token.name()).to.equal("Sentiment Model");
      expect(await token.symbol()).to.equal("SENT");
      expect(await token.modelSupplierAllocation()).to.equal(400_000n * TOKENS);
      expect(await token.investorAllocation()).to.equal(600_000n * TOKENS);
      expect(await token.maxSupply()).to.equal(1_000_000n * TOKENS);
      expect(await token.modelSupplierRecipient()).to.equal(supplier.address);
      expect(await token.totalSupply()).to.equal(0n);

      const params = await ethers.getContractAt("MockHokusaiParams", await token.params());
      expect(await params.tokensPerDeltaOne()).to.equal(100_000n * TOKENS);
      expect(await params.infrastructureAccrualBps()).to.equal(5000n);
      expect(await params.initialOraclePricePerThousandUsd()).to.equal(0n);
      expect(await params.licenseHash()).to.equal(LICENSE_HASH);
      expect(await params.licenseURI()).to.equal("ipfs://QmLicense/license.md");
      expect(await params.governor()).to.equal(governor.address);
    });

    it("takes allocations in wei too, and the oracle price in US dollars", async function () {
      const { tokenManager } = await loadFixture(systemFixture);
      const deployed = await deploy(ModelTokenModule, {
        ModelTokenModule: {
          ...(await guideParameters("m-wei")),
          tokenManager: await tokenManager.getAddress(),
          modelSupplierAllocation: "1500wei",
          investorAllocation: 2500n,
          initialOraclePricePerThousandUsd: "2.5",
        },
      });
      const token = await ethers.getContractAt("MockHokusaiToken", await deployed.token.getAddress());
      expect(await token.modelSupplierAllocation()).to.equal(1500n);
      expect(await token.investorAllocation()).to.equal(2500n);
      const params = await ethers.getContractAt("MockHokusaiParams", await token.params());
      expect(await params.initialOraclePricePerThousandUsd()).to.equal(2_500_000n);
    });

    it("pays the TokenManager's fee from the deploymentFee parameter", async function () {
      const fee = ethers.parseEther("0.01");
      const system = await deploy(HokusaiSystemModule, { HokusaiSystemModule: { deploymentFee: fee } });
      const tokenManager = await system.tokenManager.getAddress();
      const parameters = { tokenManager, ...(await guideParameters("m-fee")) };

      await expect(deploy(ModelTokenModule, { ModelTokenModule: parameters })).to.be.rejectedWith(
        /Insufficient deployment fee/,
      );
      const deployed = await deploy(ModelTokenModule, {
        ModelTokenModule: { ...parameters, deploymentFee: `${fee}wei` },
      });
      expect(await ethers.provider.getBalance(tokenManager)).to.equal(fee);
      expect(await deployed.token.getAddress()).to.be.properAddress;
    });

    it("ModelTokenV2Module passes the vestingConfig to a live-ABI TokenManager", async function () {
      const system = await deploy(HokusaiSystemV2Module, {});
      const vestingConfig = {
        enabled: true,
        immediateUnlockBps: 2500,
        vestingDurationSeconds: 30 * 86_400,
        cliffSeconds: 86_400,
      };
      const deployed = await deploy(ModelTokenV2Module, {
        ModelTokenV2Module: {
          tokenManager: await system.tokenManager.getAddress(),
          ...(await guideParameters("m-v2")),
          vestingConfig,
        },
      });
      const token = await ethers.getContractAt("MockHokusaiToken", await deployed.token.getAddress());
      const params = await ethers.getContractAt("MockHokusaiParams", await token.params());
      const stored = await params.vestingConfig();
      expect([
        stored.enabled,
        stored.immediateUnlockBps,
        stored.vestingDurationSeconds,
        stored.cliffSeconds,
      ]).to.deep.equal([true, 2500n, 2_592_000n, 86_400n]);
    });

    it("ModelTokenV2Module leaves the contract's vesting defaults when vestingConfig is left out", async function () {
      const system = await deploy(HokusaiSystemV2Module, {});
      const deployed = await deploy(ModelTokenV2Module, {
        ModelTokenV2Module: {
          tokenManager: await system.tokenManager.getAddress(),
          ...(await guideParameters("m-v2d")),
        },
      });
      const token = await ethers.getContractAt("MockHokusaiToken", await deployed.token.getAddress());
      const params = await ethers.getContractAt("MockHokusaiParams", await token.params());
      const stored = await params.vestingConfig();
      expect([stored.enabled, stored.immediateUnlockBps, stored.vestingDurationSeconds]).to.deep.equal([
        true,
        1000n,
        365n * 86_400n,
      ]);
    });

    it("LocalModelTokenModule deploys the system and the token in one deployment", async function () {
      const deployed = await deploy(LocalModelTokenModule, {
        LocalModelTokenModule: await guideParameters("m-local"),
      });
      const tokenManager = await ethers.getContractAt(
        "MockTokenManager",
        await deployed.tokenManager.getAddress(),
      );
      expect(await tokenManager.getTokenAddress("m-local")).to.equal(await deployed.token.getAddress());
      const ammFactory = await ethers.getContractAt(
        "MockHokusaiAMMFactory",
        await deployed.ammFactory.getAddress(),
      );
      expect(await ammFactory.tokenManager()).to.equal(await tokenManager.getAddress());
    });

    it("reads the token with getTokenAddress, because readEventArgument fails on TokenDeployed", async function () {
      // TokenDeployed indexes the modelId string; Ignition decodes every argument of the log
      // and cannot decode an indexed string (it is only its hash), whichever argument is asked.
      const { tokenManager } = await loadFixture(systemFixture);
      const p = validateDeploymentParameters(ModelTokenModule, {
        ModelTokenModule: {
          tokenManager: await tokenManager.getAddress(),
          ...(await guideParameters("m-event")),
        },
      }).ModelTokenModule;
      const probe = buildModule("ReadEventArgumentProbe", (m) => {
        const manager = m.contractAt("ITokenManager", p.tokenManager as string);
        const initialParams = {
          tokensPerDeltaOne: p.tokensPerDeltaOne,
          infrastructureAccrualBps: p.infrastructureAccrualBps,
          initialOraclePricePerThousandUsd: 0n,
          licenseHash: p.licenseHash,
          licenseURI: p.licenseURI,
          governor: p.governor,
        };
        const args = [p.modelId, p.name, p.symbol, p.modelSupplierAllocation, p.modelSupplierRecipient];
        const call = m.call(manager, "deployTokenWithAllocations", [
          ...args,
          p.investorAllocation,
          initialParams,
        ]);
        const address = m.readEventArgument(call, "TokenDeployed", "tokenAddress", { emitter: manager });
        return { token: m.contractAt("IHokusaiToken", address) };
      });

      await expect(hre.ignition.deploy(probe)).to.be.rejectedWith(/IGN2: .*can't decode ethers\.js value/);
      // The deploy call itself went through; the getter finds the token.
      expect(await tokenManager.getTokenAddress("m-event")).not.to.equal(ethers.ZeroAddress);
    });
  });

  describe("ModelPoolModule and LocalModelPoolModule", function () {
    it("creates the pool with the factory's defaults and authorises it to mint", async function () {
      const { tokenManager, ammFactory, token } = await loadFixture(modelTokenFixture);
      const deployed = await deploy(ModelPoolModule, {
        ModelPoolModule: {
          tokenManager: await tokenManager.getAddress(),
          ammFactory: await ammFactory.getAddress(),
          modelId: "m-1",
        },
      });
      const pool = await ethers.getContractAt("MockHokusaiAMM", await deployed.pool.getAddress());

      expect(await ammFactory.getPool("m-1")).to.equal(await pool.getAddress());
      expect(await pool.hokusaiToken()).to.equal(await token.getAddress());
      expect(await pool.crr()).to.equal(POOL_DEFAULTS.crr);
      expect(await pool.tradeFee()).to.equal(POOL_DEFAULTS.tradeFee);
      expect(await pool.ibrDuration()).to.equal(POOL_DEFAULTS.ibrDuration);
      expect(await pool.flatCurveThreshold()).to.equal(POOL_DEFAULTS.flatCurveThreshold);
      expect(await pool.flatCurvePrice()).to.equal(POOL_DEFAULTS.flatCurvePrice);
      expect(await pool.crr()).to.equal(await ammFactory.defaultCrr());
      expect(await tokenManager.isAuthorizedAMM(await pool.getAddress())).to.equal(true);
    });

    it("takes the pool parameters that are given", async function () {
      const { tokenManager, ammFactory } = await loadFixture(modelTokenFixture);
      const deployed = await deploy(ModelPoolModule, {
        ModelPoolModule: {
          tokenManager: await tokenManager.getAddress(),
          ammFactory: await ammFactory.getAddress(),
          modelId: "m-1",
          crr: 500000,
          tradeFee: "100",
          ibrDuration: 86400,
          flatCurveThreshold: "1000000000",
          flatCurvePrice: 20000,
        },
      });
      const pool = await ethers.getContractAt("MockHokusaiAMM", await deployed.pool.getAddress());
      expect([
        await pool.crr(),
        await pool.tradeFee(),
        await pool.ibrDuration(),
        await pool.flatCurveThreshold(),
        await pool.flatCurvePrice(),
      ]).to.deep.equal([500_000n, 100n, 86_400n, 1_000_000_000n, 20_000n]);
    });

    it("LocalModelPoolModule deploys the whole lifecycle, and a buy mints tokens", async function () {
      const [owner, , , buyer] = await ethers.getSigners();
      const deployed = await deploy(LocalModelPoolModule, {
        $global: await guideParameters("m-pool"),
        LocalModelPoolModule: { crr: 300000 },
      });
      const pool = await ethers.getContractAt("MockHokusaiAMM", await deployed.pool.getAddress());
      const usdc = await ethers.getContractAt("MockUSDC", await deployed.usdc.getAddress());
      const token = await ethers.getContractAt("MockHokusaiToken", await deployed.token.getAddress());
      expect(await pool.crr()).to.equal(300_000n);
      expect(await pool.hokusaiToken()).to.equal(await token.getAddress());

      const usdcIn = 1_000n * 10n ** 6n;
      await usdc.connect(owner).mint(buyer.address, usdcIn);
      await usdc.connect(buyer).approve(await pool.getAddress(), usdcIn);
      const deadline = (await ethers.provider.getBlock("latest"))!.timestamp + 3600;
      await pool.connect(buyer).buy(usdcIn, 1n, buyer.address, deadline);
      expect(await token.balanceOf(buyer.address)).to.be.greaterThan(0n);
    });
  });
});
