import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import hre, { ethers } from "hardhat";

import { MAX_CONTRACT_SIZE, gatedPoolFixture, legacySystemFixture } from "../../helpers/live-fixtures";

/** Every contract of the live-like and legacy stacks, which must run where EIP-170 holds. */
const CONTRACTS = [
  "LiveModelRegistry",
  "LiveRewardVestingVault",
  "LiveTokenDeploymentFactory",
  "LiveTokenManager",
  "LiveHokusaiParams",
  "LiveHokusaiToken",
  "LiveHokusaiAMMFactory",
  "LiveHokusaiAMMPoolDeployer",
  "LiveHokusaiAMM",
  "LivePurchaserWhitelist",
  "MockLegacyTokenManager",
  "MockLegacyHokusaiToken",
];

function runtimeSize(code: string): number {
  return (code.length - 2) / 2;
}

describe("contract sizes of the live-like and legacy stacks", function () {
  for (const name of CONTRACTS) {
    it(`${name} compiles to less than ${MAX_CONTRACT_SIZE} bytes of runtime code`, async function () {
      const artifact = await hre.artifacts.readArtifact(name);
      const size = runtimeSize(artifact.deployedBytecode);
      expect(size).to.be.greaterThan(0);
      expect(size).to.be.lessThan(MAX_CONTRACT_SIZE);
    });
  }

  it("deploys every contract of a launched model on a network that enforces the limit", async function () {
    expect(hre.config.networks.hardhat.allowUnlimitedContractSize).to.equal(false);
    const system = await loadFixture(gatedPoolFixture);
    const legacy = await legacySystemFixture();
    const deployed = [
      system.modelRegistry,
      system.vestingVault,
      system.tokenDeploymentFactory,
      system.tokenManager,
      system.params,
      system.token,
      system.ammFactory,
      system.poolDeployer,
      system.pool,
      system.purchaserWhitelist,
      legacy.tokenManager,
    ];
    for (const contract of deployed) {
      const size = runtimeSize(await ethers.provider.getCode(await contract.getAddress()));
      expect(size).to.be.greaterThan(0).and.lessThan(MAX_CONTRACT_SIZE);
    }
  });
});
