/**
 * Pipelined batches on a real node that mines a block every second: deploy-tokens keeps
 * several models in flight, so a batch lands in about as few blocks as its gas allows,
 * where --sequential takes a block per model; a run killed with models in flight is
 * finished by the rerun with nothing sent twice.
 */
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";

import { E2E_CONFIG, jsonRpc, type RunningNode, startHardhatNode, stopAllNodes } from "../helpers/node";
import { allOutput, runHardhat } from "../helpers/process";
import { deploySystem, type NodeSystem, tokenDeployedLogs } from "../helpers/system";

const CRASH_HOOK = path.join(__dirname, "..", "helpers", "crash-at.js");
const MODELS = 12;

describe("pipelined batches on an interval-mining node", function () {
  this.timeout(600_000);

  let node: RunningNode;
  let system: NodeSystem;
  let dir: string;

  before(async function () {
    node = await startHardhatNode();
    system = await deploySystem(node);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-pipeline-"));
    fs.writeFileSync(path.join(dir, "license.md"), "# License\n\nUse it well.\n");
  });

  after(async function () {
    await stopAllNodes();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(async function () {
    await jsonRpc(node.url, "evm_setIntervalMining", [0]);
    await jsonRpc(node.url, "evm_setAutomine", [true]);
  });

  const intervalMining = async (ms: number) => {
    await jsonRpc(node.url, "evm_setAutomine", [false]);
    await jsonRpc(node.url, "evm_setIntervalMining", [ms]);
  };

  /** A manifest of `count` models whose ids start with `prefix`. */
  function manifest(prefix: string, count: number): string {
    const file = path.join(dir, `${prefix}.json`);
    const models = Array.from({ length: count }, (_, i) => ({
      modelId: `${prefix}-${i}`,
      name: `Model ${prefix} ${i}`,
      symbol: `PIP${i}`,
    }));
    const defaults = { preset: "growth", licenseFile: "license.md", licenseUri: "ipfs://bafkreiexample" };
    fs.writeFileSync(file, JSON.stringify({ defaults, models }));
    return file;
  }

  const env = (extra: NodeJS.ProcessEnv = {}) => ({
    HOKUSAI_E2E_RPC_URL: node.url,
    HOKUSAI_DEPLOYMENTS_DIR: path.join(dir, "records"),
    ...(extra.HOKUSAI_CRASH_AT === undefined ? {} : { NODE_OPTIONS: `--require ${CRASH_HOOK}` }),
    ...extra,
  });
  const args = (file: string, extra: string[] = []) => [
    "--config",
    E2E_CONFIG,
    "hokusai:deploy-tokens",
    "--network",
    "localhost",
    "--token-manager",
    system.tokenManager,
    "--manifest",
    file,
    "--confirmations",
    "1",
    ...extra,
  ];
  const nonce = () => system.provider.getTransactionCount(system.account0);

  /** The blocks the batch's deployments went into, and the fewest its gas allows. */
  async function blocksOf(prefix: string, count: number) {
    const blocks = new Set<number>();
    let gas = 0n;
    for (let i = 0; i < count; i++) {
      const [log] = await tokenDeployedLogs(system.provider, system.tokenManager, `${prefix}-${i}`);
      const receipt = (await system.provider.getTransactionReceipt(log.transactionHash))!;
      blocks.add(receipt.blockNumber);
      gas += receipt.gasUsed;
    }
    const limit = (await system.provider.getBlock("latest"))!.gasLimit;
    return { used: blocks.size, fewest: Number((gas + limit - 1n) / limit) };
  }

  async function expectEachOnce(prefix: string, count: number) {
    for (let i = 0; i < count; i++) {
      expect(await tokenDeployedLogs(system.provider, system.tokenManager, `${prefix}-${i}`)).to.have.length(
        1,
      );
    }
  }

  it("lands a batch in at most two blocks more than its gas needs, where --sequential takes one per model", async function () {
    // A block every 2 s, as the figure the batch is held to: a loaded machine still sends a window per block.
    await intervalMining(2000);
    const before = await nonce();
    const pipelined = await runHardhat(args(manifest("piped", MODELS)), { env: env() });
    expect(pipelined.code, allOutput(pipelined)).to.equal(0);
    expect(pipelined.stderr).to.match(/Sending up to \d+ models at a time, nonces consecutive/);
    const piped = await blocksOf("piped", MODELS);
    expect(piped.used).to.be.at.most(piped.fewest + 2);

    await intervalMining(1000);
    const sequential = await runHardhat(args(manifest("inturn", MODELS), ["--sequential"]), { env: env() });
    expect(sequential.code, allOutput(sequential)).to.equal(0);
    expect(sequential.stderr).to.contain("Sending one model at a time.");
    expect((await blocksOf("inturn", MODELS)).used).to.equal(MODELS);
    expect(await nonce()).to.equal(before + 2 * MODELS);
    await expectEachOnce("piped", MODELS);
  });

  it("finishes a batch killed with models in flight, sending none of them twice", async function () {
    // Nothing is mined while the first run sends: it is killed at its fourth send.
    await jsonRpc(node.url, "evm_setAutomine", [false]);
    const file = manifest("killed", MODELS);
    const before = await nonce();
    const crashed = await runHardhat(args(file), { env: env({ HOKUSAI_CRASH_AT: "after-send:4" }) });
    expect(crashed.signal, allOutput(crashed)).to.equal("SIGKILL");
    const pending = await jsonRpc<string>(node.url, "eth_getTransactionCount", [system.account0, "pending"]);
    expect(Number(pending)).to.equal(before + 4);

    await intervalMining(1000);
    const rerun = await runHardhat(args(file), { env: env() });
    expect(rerun.code, allOutput(rerun)).to.equal(0);
    expect(rerun.stdout).to.contain(
      `${MODELS} models on localhost: ${MODELS} deployed, 0 already deployed, 0 failed.`,
    );
    expect(await nonce()).to.equal(before + MODELS);
    await expectEachOnce("killed", MODELS);
  });
});
