/**
 * The Hardhat 3 edition (hardhat-hokusai/hh3) from its packed tarball, in Hardhat 3
 * projects installed from the registry with Node 22 from the npm package `node`: first the
 * README's Hardhat 3 quick start, block by block, in a fresh folder, against a Hardhat 3
 * node; then test/fixture-projects/hh3 in a temp copy (its packages moved from the quick
 * start's project, then npm install), against the Hardhat 2 edition of this repository for
 * the same inputs. Skipped, saying so, only when the registry cannot be reached.
 */
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";

import * as specs from "../../src/task-options";
import { installFixture, RegistryUnreachable, runHh3, runProjectNode, spawnHh3 } from "../helpers/hh3";
import { exportsOf } from "../helpers/live";
import { freePort, jsonRpc } from "../helpers/node";
import { packPlugin } from "../helpers/pack";
import { allOutput, PROJECT_ROOT, runHardhat, spawnHardhat, type RunResult } from "../helpers/process";
import { readmeBlocks, runBlock } from "../helpers/readme";

const LICENSE_URI = "https://example.com/my-model/LICENSE.md";
const SENDER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const HH3_TASKS = [
  specs.DEPLOY_TOKEN,
  specs.LICENSE_HASH,
  specs.PLAN,
  specs.VERIFY_LICENSE,
  specs.STATUS,
  specs.DISTRIBUTE_SUPPLIER_ALLOCATION,
  specs.CREATE_POOL,
  specs.DEPLOY_TOKENS,
  specs.LAUNCH,
];

const kebab = (name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
const ok = (result: RunResult) => expect(result.code, allOutput(result)).to.equal(0);

/** The one line a refusal prints: Hardhat 3's line for a plugin's error, no stack. */
function expectOneLineError(result: RunResult, code: string, fix: RegExp): void {
  expect(result.code, allOutput(result)).to.equal(1);
  const lines = result.stderr.split("\n").filter((line) => line.trim() !== "");
  expect(lines[0]).to.match(new RegExp(`^Error in community plugin hardhat-hokusai: ${code}: `));
  expect(lines[0]).to.match(fix);
  expect(result.stderr, "a stack trace").to.not.match(/^\s+at /m);
}

/** A record without what differs between two runs of the same deployment (when, and where the file is). */
function comparable(file: string): Record<string, unknown> {
  const record = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  return JSON.parse(
    JSON.stringify(record, (key, value) => (/At$|^blockHash$/.test(key) ? undefined : value)),
  );
}

describe("the Hardhat 3 edition (hardhat-hokusai/hh3)", function () {
  this.timeout(900_000);

  let work: string;
  let tarball: string;
  /** The README's project, once its quick start has installed it: the fixture starts from its packages. */
  let readmeProject: string | undefined;

  before(async function () {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-hh3-"));
    const packed = await packPlugin(work);
    tarball = packed.tarball;
    expect(packed.files).to.include.members([
      "dist/esm/src/hh3/index.js",
      "dist/esm/package.json",
      "types/hh3/index.d.ts",
      "dist/src/hh3-in-hardhat2.js",
    ]);
  });

  after(function () {
    if (work !== undefined) fs.rmSync(work, { recursive: true, force: true });
  });

  describe("the README's Hardhat 3 quick start, in a fresh folder", function () {
    const blocks = readmeBlocks(fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8"), "hh3-project");
    let project: string;
    const run = (name: string, cwd: string, env: NodeJS.ProcessEnv = {}) => {
      const block = blocks.get(name);
      expect(block, `README has no block marked hh3-project: ${name}`).to.not.equal(undefined);
      return runBlock(block!, cwd, { HOKUSAI_TGZ: tarball, ...env });
    };

    it("installs Hardhat 3 with Node 22 and deploys a model token on the in-process network", async function () {
      const result = await run("quick-start", work);
      if (result.code !== 0 && /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(result.output)) {
        console.log("      (skipped: npm cannot reach the registry)");
        this.skip();
      }
      expect(result.code, result.output).to.equal(0);
      project = path.join(work, "my-models-hh3");
      readmeProject = project;
      expect(result.stdout).to.match(/keccak256 of LICENSE\.md \(25 bytes\): 0x[0-9a-f]{64}/);
      expect(result.stdout).to.contain('Deployed model token "101" on default.');
    });

    it("deploys on a Hardhat 3 node, and the same command again sends nothing", async function () {
      if (project === undefined) this.skip();
      // The block is the node's command as a user types it; the test starts it itself, on a free port, its PID its own.
      expect(blocks.get("node-terminal-1")!.trim().split("\n")).to.deep.equal([
        'export PATH="$PWD/node_modules/node/bin:$PATH"',
        "npx hardhat node",
      ]);
      const port = await freePort();
      // The project's own Node running Hardhat's CLI: the PID is the node's own.
      const node = spawnHh3(project, ["node", "--port", String(port)]);
      let printed = "";
      node.stdout.on("data", (chunk) => (printed += String(chunk)));
      const url = `http://127.0.0.1:${port}`;
      try {
        for (let i = 0; ; i++) {
          if (
            await jsonRpc(url, "eth_chainId").then(
              () => true,
              () => false,
            )
          )
            break;
          if (i > 600 || node.exitCode !== null)
            throw new Error(`the Hardhat 3 node did not start:\n${printed}`);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        const result = await run("node-terminal-2", project, {
          RPC_URL: url,
          HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: "false",
        });
        expect(result.code, result.output).to.equal(0);
        expect(result.stdout).to.contain("HokusaiLiveSystemModule#LiveTokenManager");
        expect(result.stdout).to.contain("Nothing new to deploy based on previous execution");
        expect(result.stdout).to.contain('Deployed model token "101" on localhost.');
        expect(result.stdout).to.contain('Model "101" is already deployed on localhost: nothing was sent.');
        expect(fs.existsSync(path.join(project, "deployments", "localhost", "101.json"))).to.be.true;
      } finally {
        node.kill("SIGTERM");
        await new Promise((resolve) => (node.exitCode !== null ? resolve(null) : node.once("exit", resolve)));
      }
      await expect(jsonRpc(url, "eth_chainId")).to.be.rejected;
    });
  });

  describe("in a Hardhat 3 project (test/fixture-projects/hh3)", function () {
    let project: string;
    const deployArgs = (modelId = "101") => [
      "hokusai:deploy-token",
      ...["--model-id", modelId, "--name", "My Model", "--symbol", "MYM", "--preset", "growth"],
      ...["--license-file", path.join(project, "LICENSE.md"), "--license-uri", LICENSE_URI],
    ];

    before(function () {
      project = path.join(work, "fixture");
      try {
        const fixture = path.join(PROJECT_ROOT, "test", "fixture-projects", "hh3");
        installFixture(fixture, project, tarball, readmeProject);
      } catch (error) {
        if (!(error instanceof RegistryUnreachable)) throw error;
        console.log(`      (skipped: npm cannot reach the registry to install Hardhat 3: ${error.message})`);
        this.skip();
      }
      fs.writeFileSync(path.join(project, "LICENSE.md"), "The license of my model.\n");
    });

    it("runs on Node 22 from the npm package node", async function () {
      const result = await runHh3(project, ["--version"]);
      ok(result);
      expect(result.stdout.trim()).to.match(/^3\.18\.0/);
      const version = fs.readFileSync(path.join(project, "node_modules", "node", "package.json"), "utf8");
      expect(JSON.parse(version).version).to.match(/^22\./);
    });

    it("lists the same tasks with the same descriptions and options as the Hardhat 2 edition", async function () {
      const help = await runHh3(project, ["--help"]);
      ok(help);
      for (const spec of HH3_TASKS) expect(help.stdout).to.contain(spec.name);
      expect(help.stdout).to.not.contain(specs.DEVNET.name);
      for (const spec of [specs.DEPLOY_TOKEN, specs.STATUS, specs.VERIFY_LICENSE]) {
        const result = await runHh3(project, [spec.name, "--help"]);
        ok(result);
        const text = result.stdout.replace(/\s+/g, " ");
        expect(text).to.contain(spec.description);
        for (const option of spec.options) expect(text).to.contain(`${kebab(option.name)} ${option.help}`);
      }
    });

    it("deploys on the in-process network, one ethers loaded, the token the Hardhat 2 edition deploys", async function () {
      const hash = await runHh3(project, ["hokusai:license-hash", "--file", "LICENSE.md"]);
      ok(hash);
      expect(hash.stdout).to.match(/keccak256 of LICENSE\.md \(25 bytes\): 0x[0-9a-f]{64}/);
      // NODE_DEBUG=module logs every CommonJS load (on stderr; --json keeps stdout to the result).
      const hh3 = await runHh3(project, [...deployArgs(), "--json"], { NODE_DEBUG: "module" });
      ok(hh3);
      expect(hh3.stderr, "no CommonJS load was logged").to.match(/Module\._load REQUEST/);
      expect(hh3.stderr, "a second, CommonJS, ethers").to.not.contain("ethers/lib.commonjs");
      expect(hh3.stderr, "the CommonJS build of the plugin").to.not.contain("hardhat-hokusai/dist/src/");
      const hh2 = await runHardhat([...deployArgs(), "--json"], { timeoutMs: 300_000 });
      ok(hh2);
      const [a, b] = [JSON.parse(hh3.stdout), JSON.parse(hh2.stdout)];
      expect(a.token).to.match(/^0x[0-9a-fA-F]{40}$/);
      expect(Object.keys(a).sort()).to.deep.equal(Object.keys(b).sort());
      for (const key of [
        "status",
        "modelId",
        "tokenManager",
        "abi",
        "token",
        "params",
        "txHash",
        "gasUsed",
      ]) {
        expect(a[key], key).to.deep.equal(b[key]);
      }
      expect(a.network).to.equal("default");
      expect(b.network).to.equal("hardhat");
    });

    it("refuses bad input in one line naming the fix, exit 1", async function () {
      expectOneLineError(await runHh3(project, deployArgs("sentiment-v2")), "HOK314", /pass --model-id/);
      const confirmations = await runHh3(project, [...deployArgs(), "--confirmations", "two"]);
      expectOneLineError(confirmations, "HOK207", /--confirmations "two" is invalid/);
      expectOneLineError(await runHh3(project, ["hokusai:deploy-tokens"]), "HOK200", /pass --manifest/);
    });

    it("on a real node: deploys, a rerun sends nothing, and the record is the Hardhat 2 edition's", async function () {
      const port = await freePort();
      const devnet = async () => {
        const started = spawnHardhat(["hokusai:devnet", "--port", String(port)]);
        await started.waitForOutput(/Running until interrupted/, 180_000);
        return { started, env: exportsOf(started.stdout()) };
      };
      let node = await devnet();
      try {
        expect(node.env.RPC_URL).to.equal(`http://127.0.0.1:${port}`);
        const first = await runHh3(project, [...deployArgs(), "--network", "localhost"], node.env);
        ok(first);
        expect(first.stdout).to.contain('Deployed model token "101" on localhost.');
        const nonce = await jsonRpc(node.env.RPC_URL, "eth_getTransactionCount", [SENDER, "latest"]);
        const rerun = await runHh3(project, [...deployArgs(), "--network", "localhost"], node.env);
        ok(rerun);
        expect(rerun.stdout).to.contain('Model "101" is already deployed on localhost: nothing was sent.');
        const bad = await runHh3(
          project,
          [...deployArgs("sentiment-v2"), "--network", "localhost"],
          node.env,
        );
        expectOneLineError(bad, "HOK314", /Nothing was sent/);
        expect(await jsonRpc(node.env.RPC_URL, "eth_getTransactionCount", [SENDER, "latest"])).to.equal(
          nonce,
        );
        const status = await runHh3(
          project,
          ["hokusai:status", "--network", "localhost", "--model-id", "101"],
          node.env,
        );
        ok(status);
        expect(status.stdout).to.match(/PROPOSAL/);
        const verify = [
          "hokusai:verify-license",
          "--network",
          "localhost",
          "--model-id",
          "101",
          "--file",
          "LICENSE.md",
        ];
        const license = await runHh3(project, [...verify, "--no-fetch"], node.env);
        ok(license);
        expect(license.stdout).to.contain(
          "MATCH: keccak256 of the license bytes equals the on-chain licenseHash",
        );

        // The same deployment by the Hardhat 2 edition on a fresh chain of the same devnet.
        await node.started.kill("SIGINT");
        node = await devnet();
        const records = path.join(work, "hh2-records");
        const hh2 = await runHardhat([...deployArgs(), "--network", "localhost"], {
          env: { ...node.env, HOKUSAI_DEPLOYMENTS_DIR: records },
        });
        ok(hh2);
        expect(comparable(path.join(records, "localhost", "101.json"))).to.deep.equal(
          comparable(path.join(project, "deployments", "localhost", "101.json")),
        );
      } finally {
        await node.started.kill("SIGINT");
      }
    });

    it("builds offline, gives scripts connection.hokusai, and type-checks with the edition's types", async function () {
      const build = await runHh3(project, ["build"]);
      ok(build);
      expect(allOutput(build)).to.not.match(/download/i);
      expect(fs.existsSync(path.join(project, "artifacts", "contracts", "ModelBuyer.sol", "ModelBuyer.json")))
        .to.be.true;
      const script = await runHh3(project, ["run", "scripts/connection.ts"]);
      ok(script);
      expect(script.stdout).to.match(/^status NONE$/m);
      ok(await runProjectNode(project, [path.join(project, "node_modules", "typescript", "bin", "tsc")]));
    });

    it("the Hardhat 2 entry in a Hardhat 3 project names the Hardhat 3 import", async function () {
      fs.writeFileSync(
        path.join(project, "hh2.config.ts"),
        'import "hardhat-hokusai";\nexport default {};\n',
      );
      const result = await runHh3(project, ["--config", "hh2.config.ts", "hokusai:status"]);
      expect(result.code).to.equal(1);
      expect(result.stderr).to.contain('use `import hardhatHokusai from "hardhat-hokusai/hh3";`');
    });
  });
});
