/**
 * `--network mainnet` against `hokusai:devnet --chain-id 1`, a mainnet stand-in reached
 * through MAINNET_RPC_URL: the network the plugin defines from it, the extra guard before
 * sending (without a terminal, --yes and HOKUSAI_CONFIRM=true both), and the address book
 * of chain 1, whose addresses have no code on the stand-in.
 */
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";

import { freePort, jsonRpc } from "../helpers/node";
import { exportsOf } from "../helpers/live";
import { allOutput, runHardhat, spawnHardhat, type RunResult, type SpawnedHardhat } from "../helpers/process";

const LICENSE_HASH = "0x" + "cd".repeat(32);

describe("--network mainnet against a chain-1 devnet", function () {
  this.timeout(600_000);

  let devnet: SpawnedHardhat;
  let exports: Record<string, string>;
  let records: string;

  before(async function () {
    const port = await freePort();
    devnet = spawnHardhat(["hokusai:devnet", "--chain-id", "1", "--port", String(port)]);
    await devnet.waitForOutput(/Running until interrupted/, 180_000);
    exports = exportsOf(devnet.stdout());
    records = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-mainnet-"));
  });

  after(async function () {
    if (devnet !== undefined) await devnet.kill("SIGKILL");
    if (records !== undefined) fs.rmSync(records, { recursive: true, force: true });
  });

  const nonce = async () =>
    Number(
      await jsonRpc<string>(exports.RPC_URL, "eth_getTransactionCount", [exports.GOVERNOR_ADDRESS, "latest"]),
    );

  /** `hardhat <args> --network mainnet`, with only what a mainnet shell would hold. */
  const mainnet = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> =>
    runHardhat([...args, "--network", "mainnet"], {
      env: {
        MAINNET_RPC_URL: exports.RPC_URL,
        PRIVATE_KEY: exports.PRIVATE_KEY,
        HOKUSAI_DEPLOYMENTS_DIR: records,
        HOKUSAI_CONFIRM: "",
        CI: "true",
        ...env,
      },
      timeoutMs: 180_000,
    });

  const deployArgs = (modelId: string, extra: string[] = []) => [
    "hokusai:deploy-token",
    "--model-id",
    modelId,
    "--name",
    "Mainnet Model",
    "--symbol",
    "MAIN",
    "--preset",
    "growth",
    "--license-hash",
    LICENSE_HASH,
    "--license-uri",
    "https://hokus.ai/terms",
    "--governor",
    exports.GOVERNOR_ADDRESS,
    "--model-supplier-recipient",
    exports.GOVERNOR_ADDRESS,
    ...extra,
  ];

  /** The one error line of a failure (a summary may come before it): no stack. */
  function failureLine(result: RunResult, code: string): string {
    expect(result.code, allOutput(result)).to.equal(1);
    const lines = result.stderr
      .split("\n")
      .filter((line) => line.includes("Error in plugin hardhat-hokusai"));
    expect(lines, allOutput(result)).to.have.length(1);
    expect(lines[0]).to.contain(`${code}:`);
    expect(result.stderr).to.not.match(/^\s+at /m);
    return lines[0];
  }

  it("uses chain 1's address book where nothing names a contract, and refuses it when stale", async function () {
    const before = await nonce();
    const line = failureLine(await mainnet(deployArgs("201", ["--yes"])), "HOK111");
    expect(line).to.match(
      /the address book's tokenManager for mainnet \(0x[0-9a-fA-F]{40}, published [\d-]+\) has no code on this chain/,
    );
    expect(line).to.contain(
      "pass --token-manager 0x..., set hokusai.networks.mainnet.tokenManager in hardhat.config.ts",
    );
    expect(await nonce()).to.equal(before);
  });

  it("refuses --yes alone on mainnet without a terminal, naming both answers; nothing is sent", async function () {
    const before = await nonce();
    const line = failureLine(
      await mainnet(deployArgs("202", ["--yes", "--token-manager", exports.TOKEN_MANAGER_ADDRESS])),
      "HOK306",
    );
    expect(line).to.contain(
      'network "mainnet" is a live chain and there is no terminal to confirm on; on Ethereum mainnet pass --yes and set HOKUSAI_CONFIRM=true, both, to send without asking',
    );
    const envOnly = await mainnet(deployArgs("202", ["--token-manager", exports.TOKEN_MANAGER_ADDRESS]), {
      HOKUSAI_CONFIRM: "true",
    });
    failureLine(envOnly, "HOK306");
    expect(await nonce()).to.equal(before);
  });

  it("sends with --yes and HOKUSAI_CONFIRM=true, on chain 1, and a rerun sends nothing", async function () {
    const before = await nonce();
    const args = deployArgs("203", ["--yes", "--token-manager", exports.TOKEN_MANAGER_ADDRESS]);
    const first = await mainnet(args, { HOKUSAI_CONFIRM: "true" });
    expect(first.code, allOutput(first)).to.equal(0);
    expect(first.stdout).to.contain('Deployed model token "203" on mainnet');
    expect(first.stdout).to.contain("https://etherscan.io/tx/");
    expect(await nonce()).to.equal(before + 1);
    expect(fs.existsSync(path.join(records, "mainnet", "203.json"))).to.be.true;

    const rerun = await mainnet(args, { HOKUSAI_CONFIRM: "true" });
    expect(rerun.code, allOutput(rerun)).to.equal(0);
    expect(rerun.stdout).to.contain('Model "203" is already deployed on mainnet: nothing was sent.');
    expect(await nonce()).to.equal(before + 1);
  });
});
