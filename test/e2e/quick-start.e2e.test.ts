/**
 * The README's "Using the plugin in another project", run as a newcomer would: every
 * fenced block marked `<!-- user-project: NAME -->` is taken from README.md and run by
 * bash, as written, in one new project under the system temp folder, with a real
 * `npm install` from the registry and the plugin from its packed tarball (HOKUSAI_TGZ).
 * The devnet's first block is the one exception: it runs until interrupted, so the test
 * starts it itself (on a free port, its PID its own) and runs the second block with the
 * `export` lines it printed, as a user pastes them. Last, the README's testing example is
 * saved as the project's test/hokusai.test.ts and must pass `npx hardhat test` and
 * `npx tsc --noEmit` with no other step.
 */
import { spawn } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";

import { freePort, jsonRpc } from "../helpers/node";
import { PROJECT_ROOT } from "../helpers/process";
import { exportsOf } from "../helpers/live";
import { packPlugin } from "../helpers/pack";
import { markedBlock, readmeBlocks, runBlock, type BlockResult } from "../helpers/readme";

describe("the README's quick start, in a fresh project", function () {
  this.timeout(900_000);

  const readme = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
  const blocks = readmeBlocks(readme, "user-project");
  let work: string;
  let project: string;
  let tarball: string;

  before(async function () {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-quick-start-"));
    const packed = await packPlugin(work);
    const paths = packed.files;
    expect(paths).to.include("dist/artifacts-bundle/LiveTokenManager.json");
    expect(paths).to.include("examples/hokusai.model.json");
    expect(paths).to.include("ignition/parameters/localhost.json");
    expect(paths).to.include("dist/src/testing/index.js");
    expect(paths).to.include("dist/src/testing/index.d.ts");
    expect(paths).to.include("dist/typechain-types/contracts/mocks/live/LiveHokusaiAMM.d.ts");
    expect(paths.some((p) => p.startsWith("test/") || p.startsWith("src/"))).to.equal(false);
    tarball = packed.tarball;
    project = path.join(work, "my-models");
  });

  after(function () {
    if (work !== undefined) fs.rmSync(work, { recursive: true, force: true });
  });

  const env = () => ({ HOKUSAI_TGZ: tarball });
  const run = (name: string, cwd = project, extra: NodeJS.ProcessEnv = {}): Promise<BlockResult> => {
    const block = blocks.get(name);
    expect(block, `README has no block marked user-project: ${name}`).to.not.equal(undefined);
    return runBlock(block!, cwd, { ...env(), ...extra });
  };
  const ok = (result: BlockResult) => expect(result.code, result.output).to.equal(0);

  it("installs, configures and deploys a model token on the in-process network", async function () {
    const started = Date.now();
    // A temp folder of its own, to see that an in-process run leaves none of its records behind.
    const tmp = fs.mkdtempSync(path.join(work, "tmp-"));
    const result = await run("quick-start", work, { TMPDIR: tmp });
    ok(result);
    console.log(`      (the quick start took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    expect(result.stdout).to.match(/keccak256 of LICENSE\.md \(25 bytes\): 0x[0-9a-f]{64}/);
    expect(result.stdout).to.contain('Deployed model token "101" on hardhat.');
    expect(result.output).to.not.match(/HH502|download/i);
    const pkg = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8"));
    expect(pkg.devDependencies.typescript).to.equal("5.9.3");
    expect(
      fs.readdirSync(tmp).filter((d) => d.startsWith("hardhat-hokusai-")),
      "a records folder of an in-process run was left behind",
    ).to.deep.equal([]);
  });

  it("compiles the project's own contracts offline", async function () {
    const result = await run("own-contracts");
    ok(result);
    expect(result.stdout).to.match(/Compiled 1 Solidity file successfully/);
    expect(fs.existsSync(path.join(project, "artifacts", "contracts", "ModelBuyer.sol", "ModelBuyer.json")))
      .to.be.true;
  });

  it("runs a script with hre.hokusai and HokusaiPluginError, and type-checks the subpaths", async function () {
    const result = await run("script");
    ok(result);
    expect(result.stdout).to.match(/^token 0x[0-9a-fA-F]{40}$/m);
    expect(result.stdout).to.contain("license MATCH");
    expect(result.stdout).to.contain("refused: HOK314");
  });

  it("deploys through the package's Ignition module and parameter file", async function () {
    const result = await run("ignition", project, { HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: "false" });
    ok(result);
    expect(result.stdout).to.contain("Deployed Addresses");
    expect(result.stdout).to.match(/LocalModelTokenModule#ModelToken - 0x[0-9a-fA-F]{40}/);
  });

  it("checks and deploys the package's example launch plan", async function () {
    const result = await run("plan");
    ok(result);
    expect(result.stdout).to.contain("is valid: Chest X-Ray Classifier (CHEST)");
    expect(result.stdout).to.contain('Deployed model token "102" on hardhat.');
  });

  it("keeps a devnet between commands, reached with --network localhost through RPC_URL", async function () {
    const first = blocks.get("devnet-terminal-1")!.trim();
    expect(first).to.equal("npx hardhat hokusai:devnet");
    const port = await freePort();
    // `node <bin>` rather than `npx`, so that the PID is the devnet's own.
    const devnet = spawn(
      process.execPath,
      [path.join(project, "node_modules", ".bin", "hardhat"), "hokusai:devnet", "--port", String(port)],
      { cwd: project, env: { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: "true" } },
    );
    let printed = "";
    devnet.stdout.on("data", (chunk) => (printed += String(chunk)));
    devnet.stderr.on("data", (chunk) => (printed += String(chunk)));
    try {
      await waitFor(
        () => printed.includes("Running until interrupted"),
        180_000,
        () => printed,
      );
      const exports = exportsOf(printed);
      expect(exports.RPC_URL).to.equal(`http://127.0.0.1:${port}`);
      const result = await run("devnet-terminal-2", project, exports);
      ok(result);
      expect(result.stdout).to.contain('Deployed model token "101" on localhost.');
      expect(result.stdout).to.contain('Model "101" is already deployed on localhost: nothing was sent.');
      expect(result.stdout).to.contain("the model trades");
      expect(fs.existsSync(path.join(project, "deployments", "localhost", "101.json"))).to.be.true;
    } finally {
      devnet.kill("SIGINT");
      await new Promise((resolve) =>
        devnet.exitCode !== null ? resolve(null) : devnet.once("exit", resolve),
      );
    }
    await expect(jsonRpc(`http://127.0.0.1:${port}`, "eth_chainId")).to.be.rejected;
  });

  it("passes the README's testing example as the project's own test, typed", async function () {
    const example = markedBlock(readme, "testing-example");
    fs.mkdirSync(path.join(project, "test"), { recursive: true });
    fs.writeFileSync(path.join(project, "test", "hokusai.test.ts"), example);
    const test = await runBlock("npx hardhat test", project, env());
    ok(test);
    console.log(test.stdout.replace(/^/gm, "      | "));
    expect(test.stdout).to.contain("My Model on Hokusai");
    expect(test.stdout).to.match(/^\s+1 passing/m);
    expect(test.stdout).to.not.match(/failing|pending/);

    // One `npx tsc --noEmit` checks the example and, beside it, a wrong use of the handles, which
    // are typechain's types, not `any`: it fails on that file's two errors and on nothing else.
    const wrong = path.join(project, "test", "wrong-types.ts");
    fs.writeFileSync(
      wrong,
      [
        'import { deployHokusaiSystem, deployModel } from "hardhat-hokusai/testing";',
        "export async function wrong() {",
        '  const model = await deployModel(await deployHokusaiSystem({ stack: "live" }), { modelId: "101" });',
        "  const supply: string = await model.token.totalSupply();",
        "  await model.token.noSuchGetter();",
        "  return supply;",
        "}",
        "",
      ].join("\n"),
    );
    try {
      const types = await runBlock("npx tsc --noEmit", project, env());
      expect(types.code, types.output).to.not.equal(0);
      const errors = types.stdout.split("\n").filter((line) => /\berror TS\d+/.test(line));
      expect(errors.length, types.output).to.equal(2);
      expect(
        errors.filter((line) => !line.startsWith("test/wrong-types.ts(")),
        types.output,
      ).to.deep.equal([]);
      expect(types.stdout).to.contain(
        "wrong-types.ts(4,9): error TS2322: Type 'bigint' is not assignable to type 'string'",
      );
      expect(types.stdout).to.contain("Property 'noSuchGetter' does not exist on type 'LiveHokusaiToken'");
    } finally {
      fs.rmSync(wrong);
    }
  });
});

async function waitFor(done: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting; output so far:\n${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
