/**
 * The Ignition CLI against a real `hardhat node` process: a first deploy, a no-op
 * rerun, a run killed while its transaction waits for a block, bad parameters, and a
 * fork of the node. One node serves the whole file; each test has its own deployment
 * id (and so its own contracts on that node).
 */
import { expect } from "chai";

import { CliSessions } from "../helpers/cli-session";
import { E2E_CONFIG, jsonRpc, startHardhatNode, type RunningNode } from "../helpers/node";
import {
  blockNumber,
  codeAt,
  DEPLOYER,
  guideTokenParameters,
  ignitionDeploy,
  ignitionDeployInSession,
  MODULES,
  nonce,
  plain,
  read,
  send,
  spawnIgnitionDeploy,
  tokenDeployedLogs,
  tokenOf,
  waitUntil,
  Workspace,
  ZeroAddress,
} from "./ignition-support";

const TOKENS = 10n ** 18n;

describe("Ignition CLI on a hardhat node (e2e)", function () {
  this.timeout(240_000);

  let node: RunningNode;
  const workspace = new Workspace("deploy");

  before(async function () {
    node = await startHardhatNode();
  });

  after(async function () {
    await node?.stop();
    workspace.cleanup();
  });

  /** Deploys the system and the guide's token for `modelId`; returns the addresses Ignition recorded. */
  async function deployLocalToken(modelId: string, name: string): Promise<Record<string, string>> {
    const deploymentId = workspace.deploymentId(name);
    const parametersFile = workspace.parametersFile({ LocalModelTokenModule: guideTokenParameters(modelId) });
    const result = await ignitionDeploy(node, MODULES.localModelToken, { parametersFile, deploymentId });
    expect(result.code, plain(result)).to.equal(0);
    return workspace.addresses(deploymentId);
  }

  it("deploys the system and a model token, and an identical rerun sends nothing and says so", async function () {
    const deploymentId = workspace.deploymentId("first");
    const modelId = "e2e-first";
    const parametersFile = workspace.parametersFile({ LocalModelTokenModule: guideTokenParameters(modelId) });
    const nonceBefore = await nonce(node);

    const first = await ignitionDeploy(node, MODULES.localModelToken, { parametersFile, deploymentId });
    expect(first.code, plain(first)).to.equal(0);
    expect(plain(first)).to.match(/\[ LocalModelTokenModule \] successfully deployed/);
    // USDC, TokenManager, factory, deployTokenWithAllocations.
    expect(await nonce(node)).to.equal(nonceBefore + 4);

    const addresses = workspace.addresses(deploymentId);
    const tokenManager = addresses["HokusaiSystemModule#MockTokenManager"];
    const token = addresses["LocalModelTokenModule#ModelToken"];
    expect(await tokenOf(node, tokenManager, modelId)).to.equal(token);
    // Whole tokens in the parameter file reached the contract as wei: 400,000 + 600,000 tokens.
    expect(await read(node, token, "maxSupply")).to.equal(1_000_000n * TOKENS);
    expect(await read(node, token, "symbol")).to.equal("SENT");

    const block = await blockNumber(node);
    const second = await ignitionDeploy(node, MODULES.localModelToken, { parametersFile, deploymentId });
    expect(second.code, plain(second)).to.equal(0);
    expect(plain(second)).to.match(
      /\[ LocalModelTokenModule \] Nothing new to deploy based on previous execution/,
    );
    expect(await blockNumber(node)).to.equal(block);
    expect(await nonce(node)).to.equal(nonceBefore + 4);
  });

  it("finishes a run killed while its transaction waits for a block, with exactly one token", async function () {
    const system = await deployLocalToken("e2e-kill-system", "kill-system");
    const tokenManager = system["HokusaiSystemModule#MockTokenManager"];
    const modelId = "e2e-killed";
    const deploymentId = workspace.deploymentId("killed");
    const parametersFile = workspace.parametersFile({
      ModelTokenModule: { tokenManager, ...guideTokenParameters(modelId) },
    });
    const nonceBefore = await nonce(node);

    // Blocks come only on a long interval: the deploy call waits in the mempool.
    await jsonRpc(node.url, "evm_setAutomine", [false]);
    await jsonRpc(node.url, "evm_setIntervalMining", [600_000]);
    try {
      const run = spawnIgnitionDeploy(node, MODULES.modelToken, { parametersFile, deploymentId });
      await waitUntil(
        "the deploy call is pending",
        async () => (await nonce(node, DEPLOYER, "pending")) > nonceBefore,
      );
      const killed = await run.kill("SIGKILL");
      expect(killed.signal).to.equal("SIGKILL");
      expect(plain(killed)).not.to.match(/successfully deployed/);
      expect(await tokenOf(node, tokenManager, modelId)).to.equal(ZeroAddress);
      // Ignition journaled the transaction before it waited for the receipt.
      const sent = workspace.journal(deploymentId).filter((message) => message.type === "TRANSACTION_SEND");
      expect(sent).to.have.lengthOf(1);

      // The pending transaction is mined while the rerun waits for it.
      await jsonRpc(node.url, "evm_setIntervalMining", [1_000]);
      const rerun = await ignitionDeploy(node, MODULES.modelToken, { parametersFile, deploymentId });
      expect(rerun.code, plain(rerun)).to.equal(0);
      expect(plain(rerun)).to.match(/\[ ModelTokenModule \] successfully deployed/);
    } finally {
      await jsonRpc(node.url, "evm_setIntervalMining", [0]);
      await jsonRpc(node.url, "evm_setAutomine", [true]);
    }

    const token = await tokenOf(node, tokenManager, modelId);
    expect(token).not.to.equal(ZeroAddress);
    expect(workspace.addresses(deploymentId)["ModelTokenModule#ModelToken"]).to.equal(token);
    expect(await tokenDeployedLogs(node, tokenManager, modelId)).to.have.lengthOf(1);
    expect(await nonce(node)).to.equal(nonceBefore + 1);
  });

  describe("bad parameters stop before anything is sent", function () {
    // The first case is a process of its own, as a user's shell runs it; the others run in
    // one CLI session against the node (test/helpers/cli-session.ts), through the same
    // argument parsing and task.
    const sessions = new CliSessions({ network: "localhost", config: E2E_CONFIG });
    after(async function () {
      await sessions.stopAll();
    });
    const cases: Array<{ title: string; change: Record<string, unknown>; message: RegExp }> = [
      {
        title: "a lower-case symbol",
        change: { symbol: "sent" },
        message:
          /HOK205: LocalModelTokenModule\.symbol "sent" is invalid: must be 3 to 6 uppercase.*did you mean SENT\?/,
      },
      {
        title: "the zero address as governor",
        change: { governor: ZeroAddress },
        message: /HOK202: LocalModelTokenModule\.governor "0x0{40}" is invalid: must be a non-zero address/,
      },
      {
        title: "a zero allocation",
        change: { investorAllocation: "0" },
        message:
          /HOK206: LocalModelTokenModule\.investorAllocation "0" is invalid: must be greater than zero/,
      },
      {
        title: "infrastructureAccrualBps out of range",
        change: { infrastructureAccrualBps: 20000 },
        message:
          /HOK207: LocalModelTokenModule\.infrastructureAccrualBps "20000" is invalid: must be from 1000 to 10000/,
      },
      {
        title: "a licenseHash that is not bytes32",
        change: { licenseHash: "0x1234" },
        message:
          /HOK208: LocalModelTokenModule\.licenseHash "0x1234" is invalid: expected 0x followed by 64 hex digits/,
      },
    ];

    for (const [index, { title, change, message }] of cases.entries()) {
      it(`stops on ${title} with one line naming the parameter`, async function () {
        const deploymentId = workspace.deploymentId("bad");
        const parametersFile = workspace.parametersFile({
          LocalModelTokenModule: { ...guideTokenParameters("e2e-bad"), ...change },
        });
        const nonceBefore = await nonce(node);
        const block = await blockNumber(node);

        const options = { parametersFile, deploymentId };
        const result =
          index === 0
            ? await ignitionDeploy(node, MODULES.localModelToken, options)
            : await ignitionDeployInSession(sessions, node, MODULES.localModelToken, options);

        expect(result.code).to.equal(1);
        // Hardhat prints the message as one line (and, on CI or without a display, a stack trace after it).
        const errorLines = plain(result)
          .split("\n")
          .filter((line) => line.startsWith("Error in plugin hardhat-hokusai:"));
        expect(errorLines, plain(result)).to.have.lengthOf(1);
        expect(errorLines[0]).to.match(message);
        expect(plain(result)).not.to.match(/Deploying|Batch #/);
        expect(await nonce(node)).to.equal(nonceBefore);
        expect(await blockNumber(node)).to.equal(block);
      });
    }
  });

  describe("on a fork of the node", function () {
    let fork: RunningNode | undefined;

    after(async function () {
      await fork?.stop();
    });

    it("sees the node's system, deploys a working token and pool, and leaves the node unchanged", async function () {
      const system = await deployLocalToken("e2e-fork-base", "fork-base");
      const tokenManager = system["HokusaiSystemModule#MockTokenManager"];
      const ammFactory = system["HokusaiSystemModule#MockHokusaiAMMFactory"];
      const usdc = system["HokusaiSystemModule#MockUSDC"];
      const baseToken = system["LocalModelTokenModule#ModelToken"];
      const modelId = "e2e-fork-child";
      const nodeBlock = await blockNumber(node);

      fork = await startHardhatNode({ fork: node.url });
      // The fork holds what the node holds.
      expect(await codeAt(fork, tokenManager)).to.equal(await codeAt(node, tokenManager));
      expect(await tokenOf(fork, tokenManager, "e2e-fork-base")).to.equal(baseToken);

      const tokenRun = await ignitionDeploy(fork, MODULES.modelToken, {
        deploymentId: workspace.deploymentId("fork-token"),
        parametersFile: workspace.parametersFile({
          ModelTokenModule: { tokenManager, ...guideTokenParameters(modelId) },
        }),
      });
      expect(tokenRun.code, plain(tokenRun)).to.equal(0);
      const poolDeploymentId = workspace.deploymentId("fork-pool");
      const poolRun = await ignitionDeploy(fork, MODULES.modelPool, {
        deploymentId: poolDeploymentId,
        parametersFile: workspace.parametersFile({ ModelPoolModule: { tokenManager, ammFactory, modelId } }),
      });
      expect(poolRun.code, plain(poolRun)).to.equal(0);

      // The token works on the fork: its pool is authorised and a buy mints it.
      const token = await tokenOf(fork, tokenManager, modelId);
      const pool = workspace.addresses(poolDeploymentId)["ModelPoolModule#ModelPool"];
      expect(await read(fork, tokenManager, "isAuthorizedAMM", [pool])).to.equal(true);
      const usdcIn = 1_000n * 10n ** 6n;
      await send(fork, usdc, "mint", [DEPLOYER, usdcIn]);
      await send(fork, usdc, "approve", [pool, usdcIn]);
      await send(fork, pool, "buy", [usdcIn, 1n, DEPLOYER, 2n ** 40n]);
      expect((await read(fork, token, "balanceOf", [DEPLOYER])) as bigint).to.be.greaterThan(0n);

      // The node itself did not move.
      expect(await blockNumber(node)).to.equal(nodeBlock);
      expect(await tokenOf(node, tokenManager, modelId)).to.equal(ZeroAddress);
      expect(await read(node, ammFactory, "hasPool", [modelId])).to.equal(false);
    });
  });
});
