/**
 * A rerun after the node was restarted: a new, empty chain behind the same chain id and
 * URL, while ignition/deployments still records the old chain's addresses.
 *
 * Observed with hardhat-ignition 0.15.16: on chain 31337 the CLI compares the node's
 * hardhat_metadata instanceId with the one it noted for the deployment id
 * (cache/.hardhat-network-instances.json), wipes the record and deploys afresh. On any
 * other chain id it does no such check and would report "Nothing new to deploy" with
 * addresses that hold no code; the plugin's override stops that run instead (HOK430).
 */
import { expect } from "chai";

import { startHardhatNode, type RunningNode } from "../helpers/node";
import {
  blockNumber,
  codeAt,
  guideTokenParameters,
  ignitionDeploy,
  MODULES,
  nonce,
  plain,
  tokenOf,
  Workspace,
} from "./ignition-support";

const SEPOLIA_CHAIN_ID = 11155111;

describe("Ignition CLI after a node restart (e2e)", function () {
  this.timeout(240_000);

  const workspace = new Workspace("restart");
  let node: RunningNode | undefined;

  afterEach(async function () {
    await node?.stop();
    node = undefined;
  });

  after(function () {
    workspace.cleanup();
  });

  async function deployThenRestart(chainId: number, name: string) {
    node = await startHardhatNode({ chainId });
    const modelId = `e2e-${name}`;
    const deploymentId = workspace.deploymentId(name);
    const parametersFile = workspace.parametersFile({ LocalModelTokenModule: guideTokenParameters(modelId) });
    const first = await ignitionDeploy(node, MODULES.localModelToken, { parametersFile, deploymentId });
    expect(first.code, plain(first)).to.equal(0);
    const recorded = workspace.addresses(deploymentId);

    const pidBefore = node.pid;
    await node.restart();
    expect(node.pid).not.to.equal(pidBefore);
    expect(await blockNumber(node)).to.equal(0);
    for (const address of Object.values(recorded)) expect(await codeAt(node, address)).to.equal("0x");
    return { node, modelId, deploymentId, parametersFile, recorded };
  }

  it("on chain 31337 notices the new chain (hardhat_metadata instanceId) and deploys afresh", async function () {
    const { node, modelId, deploymentId, parametersFile } = await deployThenRestart(31337, "dev");

    const rerun = await ignitionDeploy(node, MODULES.localModelToken, { parametersFile, deploymentId });

    expect(rerun.code, plain(rerun)).to.equal(0);
    expect(plain(rerun)).to.match(/\[ LocalModelTokenModule \] successfully deployed/);
    expect(plain(rerun)).not.to.match(/Nothing new to deploy/);
    expect(await nonce(node)).to.equal(4);
    const addresses = workspace.addresses(deploymentId);
    for (const address of Object.values(addresses)) expect(await codeAt(node, address)).not.to.equal("0x");
    const tokenManager = addresses["HokusaiSystemModule#MockTokenManager"];
    expect(await tokenOf(node, tokenManager, modelId)).to.equal(
      addresses["LocalModelTokenModule#ModelToken"],
    );
  });

  it("on another chain id stops with what to do, sends nothing, and deploys afresh with --reset", async function () {
    const { node, modelId, deploymentId, parametersFile } = await deployThenRestart(
      SEPOLIA_CHAIN_ID,
      "other",
    );

    const rerun = await ignitionDeploy(node, MODULES.localModelToken, { parametersFile, deploymentId });

    expect(rerun.code).to.equal(1);
    const output = plain(rerun);
    expect(output).not.to.match(/Nothing new to deploy/);
    expect(output).to.match(
      new RegExp(
        `HOK430: the Ignition deployment ignition/deployments/${deploymentId} records \\S+ at 0x[0-9a-fA-F]{40}, but chain ${SEPOLIA_CHAIN_ID} \\(network "localhost"\\) has no code there.*--reset`,
      ),
    );
    expect(await nonce(node)).to.equal(0);
    expect(await blockNumber(node)).to.equal(0);

    const reset = await ignitionDeploy(node, MODULES.localModelToken, {
      parametersFile,
      deploymentId,
      extraArgs: ["--reset"],
      env: { HARDHAT_IGNITION_CONFIRM_RESET: "false" },
    });
    expect(reset.code, plain(reset)).to.equal(0);
    expect(plain(reset)).to.match(/successfully deployed/);
    const addresses = workspace.addresses(deploymentId);
    const tokenManager = addresses["HokusaiSystemModule#MockTokenManager"];
    expect(await tokenOf(node, tokenManager, modelId)).to.equal(
      addresses["LocalModelTokenModule#ModelToken"],
    );
  });
});
