/**
 * deploy-token as a user types it, against real `hardhat node` processes: a dev
 * node, a node with sepolia's chain id reached through RPC_URL and PRIVATE_KEY,
 * a fork of a node, and runs killed mid-flight.
 */
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";
import { Contract, JsonRpcProvider, keccak256, toUtf8Bytes } from "ethers";

import { E2E_CONFIG, jsonRpc, type RunningNode, startHardhatNode, stopAllNodes } from "../helpers/node";
import { allOutput, runHardhat, spawnHardhat } from "../helpers/process";
import { deploySystem, type NodeSystem as System, tokenDeployedLogs } from "../helpers/system";

// Hardhat's well-known development key of account #1: public, never a secret.
const ACCOUNT_1_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const ACCOUNT_1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const LICENSE = "# Commercial Model License\n\nThe exact text published off-chain.\n";

describe("deploy-token across processes", function () {
  this.timeout(240_000);

  let workDir: string;
  let licenseFile: string;
  // The dev node (chain 31337) outlives its describe: the sepolia describe's wrong-chain case
  // points RPC_URL at it. The after hook below stops it with the other nodes.
  let dev: Promise<RunningNode> | undefined;
  const devNode = () => (dev ??= startHardhatNode());

  before(function () {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-e2e-deploy-"));
    licenseFile = path.join(workDir, "license.md");
    fs.writeFileSync(licenseFile, LICENSE);
  });

  after(async function () {
    await stopAllNodes();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  const deployArgs = (modelId: string, extra: string[] = []) => [
    "hokusai:deploy-token",
    "--model-id",
    modelId,
    "--name",
    "Sentiment Model",
    "--symbol",
    "SENT",
    "--preset",
    "growth",
    "--license-file",
    licenseFile,
    "--license-uri",
    "ipfs://bafkreiexample/license.md",
    ...extra,
  ];

  describe("on a hardhat node (--network localhost)", function () {
    let node: RunningNode;
    let system: System;
    const env = () => ({
      HOKUSAI_E2E_RPC_URL: node.url,
      HOKUSAI_DEPLOYMENTS_DIR: path.join(workDir, "records"),
    });

    before(async function () {
      node = await devNode();
      system = await deploySystem(node);
    });

    it("deploys, and a rerun sends nothing and exits 0", async function () {
      const args = [
        "--config",
        E2E_CONFIG,
        ...deployArgs("node-model", ["--token-manager", system.tokenManager]),
        "--network",
        "localhost",
      ];
      const first = await runHardhat(args, { env: env() });
      expect(first.code, allOutput(first)).to.equal(0);
      expect(first.stdout).to.contain('Deployed model token "node-model" on localhost.');
      const account0 = await (await system.provider.getSigner(0)).getAddress();
      const nonceAfterFirst = await system.provider.getTransactionCount(account0);

      const second = await runHardhat(args, { env: env() });
      expect(second.code, allOutput(second)).to.equal(0);
      expect(second.stdout).to.contain("already deployed");
      expect(await system.provider.getTransactionCount(account0)).to.equal(nonceAfterFirst);
      expect(await tokenDeployedLogs(system.provider, system.tokenManager, "node-model")).to.have.length(1);
    });

    it("finishes a run killed while it waited for the receipt, without a second deployment", async function () {
      await jsonRpc(node.url, "evm_setAutomine", [false]);
      const record = path.join(workDir, "records", "localhost", "killed-model.json");
      const run = spawnHardhat(
        [
          "--config",
          E2E_CONFIG,
          ...deployArgs("killed-model", ["--token-manager", system.tokenManager]),
          "--network",
          "localhost",
        ],
        { env: env() },
      );
      try {
        await run.waitForOutput(/Sent transaction 0x[0-9a-f]{64}/, 120_000);
      } finally {
        await run.kill("SIGKILL");
      }
      expect(JSON.parse(fs.readFileSync(record, "utf8")).status).to.equal("sent");
      await jsonRpc(node.url, "evm_setAutomine", [true]);
      await jsonRpc(node.url, "evm_mine", []);

      const rerun = await runHardhat(
        [
          "--config",
          E2E_CONFIG,
          ...deployArgs("killed-model", ["--token-manager", system.tokenManager]),
          "--network",
          "localhost",
        ],
        { env: env() },
      );
      expect(rerun.code, allOutput(rerun)).to.equal(0);
      expect(rerun.stdout).to.contain('Deployed model token "killed-model"');
      expect(await tokenDeployedLogs(system.provider, system.tokenManager, "killed-model")).to.have.length(1);
      expect(JSON.parse(fs.readFileSync(record, "utf8")).status).to.equal("confirmed");
    });

    it("deploys from a launch plan, keeping its metadata in the record", async function () {
      const plan = path.join(__dirname, "..", "..", "examples", "hokusai.model.json");
      const result = await runHardhat(
        [
          "--config",
          E2E_CONFIG,
          "hokusai:deploy-token",
          "--plan",
          plan,
          "--model-id",
          "plan-node",
          "--token-manager",
          system.tokenManager,
          "--network",
          "localhost",
        ],
        { env: env() },
      );
      expect(result.code, allOutput(result)).to.equal(0);
      expect(result.stdout).to.contain('Deployed model token "plan-node" on localhost.');
      const record = JSON.parse(
        fs.readFileSync(path.join(workDir, "records", "localhost", "plan-node.json"), "utf8"),
      );
      expect(record.metadata).to.deep.include({
        category: "healthcare",
        metric: "accuracy",
        baseline: 0.884,
      });
      expect(await tokenDeployedLogs(system.provider, system.tokenManager, "plan-node")).to.have.length(1);
    });

    it("deploys on a fork of the node without touching the node", async function () {
      const fork = await startHardhatNode({ fork: node.url });
      try {
        const blockBefore = await system.provider.getBlockNumber();
        const result = await runHardhat(
          [
            "--config",
            E2E_CONFIG,
            ...deployArgs("fork-model", ["--token-manager", system.tokenManager, "--json"]),
            "--network",
            "localhost",
          ],
          { env: { ...env(), HOKUSAI_E2E_RPC_URL: fork.url } },
        );
        expect(result.code, allOutput(result)).to.equal(0);
        const doc = JSON.parse(result.stdout);
        expect(doc.status).to.equal("deployed");
        const forkProvider = new JsonRpcProvider(fork.url, undefined, { staticNetwork: true });
        const onFork = new Contract(
          system.tokenManager,
          ["function getTokenAddress(string) view returns (address)"],
          forkProvider,
        );
        expect(await onFork.getTokenAddress("fork-model")).to.equal(doc.token);
        // The fork sees what the node held before it forked.
        expect(await forkProvider.getCode(system.tokenManager)).to.not.equal("0x");
        const onNode = new Contract(
          system.tokenManager,
          ["function getTokenAddress(string) view returns (address)"],
          system.provider,
        );
        expect(await onNode.getTokenAddress("fork-model")).to.equal(
          "0x0000000000000000000000000000000000000000",
        );
        expect(await system.provider.getBlockNumber()).to.equal(blockBefore);
      } finally {
        await fork.stop();
      }
    });
  });

  describe("as --network sepolia (a node with chain id 11155111, RPC_URL and PRIVATE_KEY)", function () {
    let node: RunningNode;
    let system: System;
    const apiKey = "sEcReTaPiKeY123";
    const env = (extra: NodeJS.ProcessEnv = {}) => ({
      RPC_URL: `${node.url}/v3/${apiKey}?key=${apiKey}`,
      PRIVATE_KEY: ACCOUNT_1_KEY,
      TOKEN_MANAGER_ADDRESS: system.tokenManager,
      GOVERNOR_ADDRESS: ACCOUNT_1,
      MODEL_SUPPLIER_RECIPIENT: ACCOUNT_1,
      HOKUSAI_DEPLOYMENTS_DIR: path.join(workDir, "records"),
      ...extra,
    });

    before(async function () {
      node = await startHardhatNode({ chainId: 11155111 });
      system = await deploySystem(node);
    });

    after(async function () {
      await node.stop();
    });

    function expectNoSecrets(output: string) {
      expect(output).to.not.contain(ACCOUNT_1_KEY.slice(2));
      expect(output).to.not.contain(apiKey);
    }

    it("asks for confirmation on a live chain and, without a terminal, says to pass --yes", async function () {
      const before = await system.provider.getTransactionCount(ACCOUNT_1);
      const result = await runHardhat([...deployArgs("sepolia-unconfirmed"), "--network", "sepolia"], {
        env: env(),
      });
      expect(result.code).to.equal(1);
      expect(result.stderr).to.match(
        /HOK306: network "sepolia" is a live chain .*pass --yes or set HOKUSAI_CONFIRM=true/,
      );
      expect(await system.provider.getTransactionCount(ACCOUNT_1)).to.equal(before);
      expectNoSecrets(allOutput(result));
    });

    it("deploys with the guide's environment variables, records the signed transaction first, and prints explorer links", async function () {
      const result = await runHardhat(
        [...deployArgs("sepolia-model"), "--network", "sepolia", "--yes", "--confirmations", "1"],
        {
          env: env(),
        },
      );
      expect(result.code, allOutput(result)).to.equal(0);
      expect(result.stderr).to.match(
        /Signed transaction 0x[0-9a-f]{64} \(nonce \d+\), recorded; broadcasting/,
      );
      expect(result.stdout).to.contain("https://sepolia.etherscan.io/tx/0x");
      expect(result.stderr).to.contain(`127.0.0.1:${node.port}`);
      expectNoSecrets(allOutput(result));
      const record = fs.readFileSync(path.join(workDir, "records", "sepolia", "sepolia-model.json"), "utf8");
      expectNoSecrets(record);
      const parsed = JSON.parse(record);
      expect(parsed.status).to.equal("confirmed");
      expect(keccak256(parsed.transaction.raw)).to.equal(parsed.transaction.hash);
      const params = new Contract(
        parsed.result.params,
        ["function licenseHash() view returns (bytes32)", "function governor() view returns (address)"],
        system.provider,
      );
      expect(await params.licenseHash()).to.equal(keccak256(toUtf8Bytes(LICENSE)));
      expect(await params.governor()).to.equal(ACCOUNT_1);
    });

    it("--dry-run --fork sends the transaction on a fork and leaves the chain untouched", async function () {
      const before = await system.provider.getTransactionCount(ACCOUNT_1);
      const blockBefore = await system.provider.getBlockNumber();
      const result = await runHardhat(
        [...deployArgs("fork-dry-run"), "--network", "sepolia", "--dry-run", "--fork", "--json"],
        {
          env: env(),
        },
      );
      expect(result.code, allOutput(result)).to.equal(0);
      const doc = JSON.parse(result.stdout);
      expect(doc.status).to.equal("dry-run");
      expect(doc.simulation.ok).to.equal(true);
      expect(doc.simulation.token).to.match(/^0x[0-9a-fA-F]{40}$/);
      expect(doc.simulation.events.map((e: { name: string }) => e.name)).to.deep.equal([
        "ParamsDeployed",
        "TokenDeployed",
        "AllocationDistributed",
      ]);
      expect(Number(doc.simulation.gasUsed)).to.be.greaterThan(1_000_000);
      expect(await system.provider.getTransactionCount(ACCOUNT_1)).to.equal(before);
      expect(await system.provider.getBlockNumber()).to.equal(blockBefore);
      expect(await tokenDeployedLogs(system.provider, system.tokenManager, "fork-dry-run")).to.have.length(0);
      expectNoSecrets(allOutput(result));
    });

    it("sends a transaction dropped from the mempool again with the same nonce", async function () {
      await jsonRpc(node.url, "evm_setAutomine", [false]);
      const record = path.join(workDir, "records", "sepolia", "dropped-model.json");
      const run = spawnHardhat(
        [...deployArgs("dropped-model"), "--network", "sepolia", "--yes", "--confirmations", "1"],
        {
          env: env(),
        },
      );
      let hash: string;
      try {
        hash = (await run.waitForOutput(/0x[0-9a-f]{64}(?= \(nonce)/, 120_000)).trim();
        await run.waitForOutput(/waiting for it to be mined/, 60_000);
      } finally {
        await run.kill("SIGKILL");
      }
      const recorded = JSON.parse(fs.readFileSync(record, "utf8"));
      expect(recorded.transaction.hash).to.equal(hash);
      expect(await jsonRpc(node.url, "hardhat_dropTransaction", [hash])).to.equal(true);
      expect(await system.provider.getTransaction(hash)).to.equal(null);

      await jsonRpc(node.url, "evm_setAutomine", [true]);
      const rerun = await runHardhat(
        [...deployArgs("dropped-model"), "--network", "sepolia", "--yes", "--confirmations", "1"],
        {
          env: env(),
        },
      );
      expect(rerun.code, allOutput(rerun)).to.equal(0);
      expect(rerun.stderr).to.contain(`was not in the node's pool; sent it again: ${hash}`);
      const mined = await system.provider.getTransaction(hash);
      expect(mined?.nonce).to.equal(recorded.transaction.nonce);
      expect(await tokenDeployedLogs(system.provider, system.tokenManager, "dropped-model")).to.have.length(
        1,
      );
    });

    it("refuses an RPC whose chain id is not sepolia's, before anything else", async function () {
      const devChain = await devNode();
      const result = await runHardhat(
        [...deployArgs("wrong-chain"), "--network", "sepolia", "--yes", "--confirmations", "1"],
        {
          env: env({ RPC_URL: devChain.url }),
        },
      );
      expect(result.code).to.equal(1);
      expect(result.stderr).to.match(
        /HOK106: the RPC of network "sepolia" serves chain id 31337, but sepolia is chain 11155111/,
      );
    });

    it("names the missing RPC_URL and a malformed PRIVATE_KEY without printing it", async function () {
      const noUrl = await runHardhat([...deployArgs("no-url"), "--network", "sepolia"], {
        env: env({ RPC_URL: "" }),
      });
      expect(noUrl.code).to.equal(1);
      expect(noUrl.stderr).to.match(/HOK102: network "sepolia" has no RPC URL; export RPC_URL=/);
      const badKey = "0x1234deadbeef";
      const malformed = await runHardhat([...deployArgs("bad-key"), "--network", "sepolia"], {
        env: env({ PRIVATE_KEY: badKey }),
      });
      expect(malformed.code).to.equal(1);
      expect(malformed.stderr).to.match(/HOK103: PRIVATE_KEY is not a 32-byte hex private key/);
      expect(allOutput(malformed)).to.not.contain("1234deadbeef");
    });
  });
});
