/**
 * The plugin as another project gets it: `npm pack` (which builds dist/), unpacked
 * into test/fixture-projects/consumer/node_modules/hardhat-hokusai, and used there
 * by its package name.
 */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";

import { allOutput, PROJECT_ROOT, runHardhat } from "../helpers/process";

const CONSUMER = path.join(PROJECT_ROOT, "test", "fixture-projects", "consumer");
const INSTALLED = path.join(CONSUMER, "node_modules", "hardhat-hokusai");

describe("the plugin as a package in another project", function () {
  this.timeout(300_000);
  let packDir: string;

  before(function () {
    packDir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-pack-"));
    const options = {
      cwd: PROJECT_ROOT,
      encoding: "utf8" as const,
      stdio: ["ignore", "pipe", "pipe"] as ["ignore", "pipe", "pipe"],
      env: { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: "true" },
    };
    // What `npm pack` does through prepack, in two steps so that pack's JSON is alone on stdout.
    execFileSync("npm", ["run", "build"], options);
    const [packed] = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", packDir], options),
    ) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const paths = packed.files.map((f) => f.path);
    expect(paths).to.include("dist/src/index.js");
    expect(paths).to.include("dist/artifacts-bundle/MockTokenManager.json");
    expect(paths.some((p) => p.startsWith("test/") || p.startsWith("src/"))).to.equal(false);
    fs.rmSync(INSTALLED, { recursive: true, force: true });
    fs.mkdirSync(INSTALLED, { recursive: true });
    execFileSync("tar", [
      "-xzf",
      path.join(packDir, packed.filename),
      "-C",
      INSTALLED,
      "--strip-components=1",
    ]);
  });

  after(function () {
    fs.rmSync(path.join(CONSUMER, "node_modules"), { recursive: true, force: true });
    fs.rmSync(packDir, { recursive: true, force: true });
  });

  const consumer = (args: string[], env: NodeJS.ProcessEnv = {}) => runHardhat(args, { cwd: CONSUMER, env });

  it("lists the tasks with their documented params", async function () {
    const help = await consumer(["help", "hokusai:deploy-token"]);
    expect(help.code, allOutput(help)).to.equal(0);
    expect(help.stdout).to.contain("--model-supplier-allocation").and.to.contain("--license-file");
  });

  it("runs license-hash and deploy-token on the in-process network, with the mock system from the package", async function () {
    const hash = await consumer(["hokusai:license-hash", "--file", "LICENSE.md", "--json"]);
    expect(hash.code, allOutput(hash)).to.equal(0);
    expect(JSON.parse(hash.stdout).hash).to.match(/^0x[0-9a-f]{64}$/);

    const deploy = await consumer([
      "hokusai:deploy-token",
      "--model-id",
      "101",
      "--name",
      "Consumer Model",
      "--symbol",
      "CONS",
      "--preset",
      "growth",
      "--license-file",
      "LICENSE.md",
      "--license-uri",
      "ipfs://bafkreiexample",
      "--json",
    ]);
    expect(deploy.code, allOutput(deploy)).to.equal(0);
    const doc = JSON.parse(deploy.stdout);
    // The live-like stack, as Sepolia and mainnet run it, is the in-process default.
    expect(doc).to.include({ status: "deployed", modelId: "101", abi: "v2" });
    expect(doc.explorer.token).to.equal(`https://explorer.invalid/address/${doc.token}`);
  });

  it("serves hre.hokusai to scripts: deploy, then verify-license gives MATCH", async function () {
    const output = path.join(os.tmpdir(), `hokusai-consumer-${process.pid}.json`);
    const run = await consumer(["run", "scripts/deploy-and-verify.ts"], { CONSUMER_OUTPUT: output });
    expect(run.code, allOutput(run)).to.equal(0);
    const result = JSON.parse(fs.readFileSync(output, "utf8"));
    fs.rmSync(output, { force: true });
    expect(result.verdict).to.equal("MATCH");
    expect(result.token).to.match(/^0x[0-9a-fA-F]{40}$/);
  });
});
