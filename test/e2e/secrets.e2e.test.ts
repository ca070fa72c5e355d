/**
 * Secrets never leak: every task that touches the network runs as `--network sepolia`
 * (a `hardhat node` with chain id 11155111, reached through RPC_URL) with the private key
 * from the environment (PRIVATE_KEY), from Hardhat's vars through the environment
 * (HARDHAT_VAR_PRIVATE_KEY) or from a vars store (vars.json under a temporary
 * XDG_CONFIG_HOME, so the user's own store is never read or written), in success and in
 * failure, with --json and without, and with malformed keys. The key (with or without 0x,
 * in any case) and the API keys in the RPC URL's path and query must appear in no stdout,
 * no stderr, no deployment record and no Ignition journal.
 *
 * The first case of each key source, the cases with an exit code of their own or an
 * environment of their own run as true CLI processes; the others run in one Hardhat process
 * per key source (test/helpers/cli-session.ts), whose config read the key from the same
 * place, so a leak anywhere in the task's output is caught as it would be on the CLI.
 */
import fs from "fs";
import http from "http";
import type { AddressInfo } from "net";
import os from "os";
import path from "path";

import { expect } from "chai";
import { hexlify, randomBytes, Wallet } from "ethers";

import { freePort, jsonRpc, type RunningNode, startHardhatNode, stopAllNodes } from "../helpers/node";
import { CliSessions } from "../helpers/cli-session";
import { allOutput, runHardhat, type RunResult } from "../helpers/process";
import {
  deployFullSystem,
  deployModelToken,
  type FullSystem,
  nodeProvider,
} from "../fixtures/hardening/system";

const LICENSE = "# Secrets License\n\nThe exact bytes published off-chain.\n";
const OTHER_LICENSE = "# Another License\n";
const SEPOLIA_CHAIN_ID = 11155111;
// Hardhat's account #1: an address without code.
const EOA = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

type KeySource = "env" | "vars-env" | "vars-store";

describe("secrets stay out of every output and record", function () {
  this.timeout(180_000);

  // Made up for this run: nothing else can print them by chance.
  const wallet = Wallet.createRandom();
  const KEY = wallet.privateKey;
  const PATH_SECRET = `pathsecret${hexlify(randomBytes(8)).slice(2)}`;
  const QUERY_SECRET = `querysecret${hexlify(randomBytes(8)).slice(2)}`;
  const prefix = `secrets-${Date.now().toString(36)}`;

  let node: RunningNode;
  let system: FullSystem;
  let workDir: string;
  let records: string;
  let licenseFile: string;
  let licenseUri: string;
  let emptyConfigHome: string;
  const stores = new Map<string, string>();
  const sessions = new CliSessions({ network: "sepolia" });
  let rpcUrl: string;

  before(async function () {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-secrets-"));
    records = path.join(workDir, "records");
    emptyConfigHome = path.join(workDir, "config-empty");
    fs.mkdirSync(emptyConfigHome);
    licenseFile = path.join(workDir, "LICENSE.md");
    fs.writeFileSync(licenseFile, LICENSE);
    licenseUri = `file://${licenseFile}`;

    node = await startHardhatNode({ chainId: SEPOLIA_CHAIN_ID });
    rpcUrl = `${node.url}/v3/${PATH_SECRET}?apikey=${QUERY_SECRET}`;
    const provider = nodeProvider(node);
    // The backend's tasks must be signed by the owner: the system belongs to the key passed to the tasks.
    await jsonRpc(node.url, "hardhat_setBalance", [wallet.address, "0x3635C9ADC5DEA00000"]);
    const owner = wallet.connect(provider);
    system = await deployFullSystem(provider, owner);
    for (const model of ["verify", "status", "distribute-env", "distribute-vars", "pool-env", "pool-vars"]) {
      await deployModelToken(system, owner, `${prefix}-${model}`, { bytes: LICENSE, uri: licenseUri });
    }
  });

  after(async function () {
    for (const stray of await sessions.stopAll()) expectNoSecret("the output of a CLI session", stray, [KEY]);
    await stopAllNodes();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  /** A Hardhat vars store holding PRIVATE_KEY = key, in a config folder of its own. */
  function varsStore(key: string): string {
    let home = stores.get(key);
    if (home === undefined) {
      home = path.join(workDir, `config-${stores.size}`);
      fs.mkdirSync(path.join(home, "hardhat-nodejs"), { recursive: true });
      fs.writeFileSync(
        path.join(home, "hardhat-nodejs", "vars.json"),
        JSON.stringify({ _format: "hh-vars-1", vars: { PRIVATE_KEY: { value: key } } }, null, 2),
      );
      stores.set(key, home);
    }
    return home;
  }

  /** Where the key comes from; the other two places hold nothing. */
  function keyEnvironment(source: KeySource, key: string): NodeJS.ProcessEnv {
    return {
      PRIVATE_KEY: source === "env" ? key : undefined,
      HARDHAT_VAR_PRIVATE_KEY: source === "vars-env" ? key : undefined,
      XDG_CONFIG_HOME: source === "vars-store" ? varsStore(key) : emptyConfigHome,
    };
  }

  /** Every file under a folder, with its text. */
  function filesUnder(dir: string): Array<{ file: string; text: string }> {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).flatMap((entry) => {
      const file = path.join(dir, entry);
      return fs.statSync(file).isFile() ? [{ file, text: fs.readFileSync(file, "utf8") }] : [];
    });
  }

  /** What to look for, in lower case: the hex without 0x, and a key's first and last 16 digits. */
  function needles(key: string): string[] {
    const hex = key.replace(/^0x/i, "").toLowerCase();
    const forms = [hex];
    if (hex.length >= 32) forms.push(hex.slice(0, 16), hex.slice(-16));
    return forms;
  }

  function expectNoSecret(where: string, text: string, keys: string[]) {
    const haystack = text.toLowerCase();
    for (const key of keys) {
      for (const needle of needles(key)) {
        expect(haystack.includes(needle), `${where} holds the private key (or part of it)`).to.equal(false);
      }
    }
    for (const secret of [PATH_SECRET, QUERY_SECRET]) {
      expect(haystack.includes(secret.toLowerCase()), `${where} holds the RPC URL's API key`).to.equal(false);
    }
  }

  interface Run {
    task: string;
    args: string[];
    source: KeySource;
    /** The value given as the key (default: the real one). */
    key?: string;
    env?: NodeJS.ProcessEnv;
    /** A true CLI process of its own, rather than the session of its key source. */
    cli?: boolean;
  }

  /** Runs `hardhat --network sepolia hokusai:<task>` and checks every output and record for secrets. */
  async function run({ task, args, source, key = KEY, env = {}, cli = false }: Run): Promise<RunResult> {
    const environment = {
      RPC_URL: rpcUrl,
      TOKEN_MANAGER_ADDRESS: system.tokenManager,
      AMM_FACTORY_ADDRESS: system.ammFactory,
      GOVERNOR_ADDRESS: system.owner,
      MODEL_SUPPLIER_RECIPIENT: system.owner,
      HOKUSAI_DEPLOYMENTS_DIR: records,
      CI: "true",
      ...keyEnvironment(source, key),
      ...env,
    };
    const argv = [`hokusai:${task}`, ...args];
    const result = cli
      ? await runHardhat(["--network", "sepolia", ...argv], { env: environment })
      : await sessions.run(environment, argv);
    const keys = key === KEY ? [KEY] : [KEY, key];
    expectNoSecret(`stdout of ${task}`, result.stdout, keys);
    expectNoSecret(`stderr of ${task}`, result.stderr, keys);
    for (const { file, text } of filesUnder(records)) {
      expectNoSecret(file, text, keys);
    }
    return result;
  }

  const deployArgs = (modelId: string, extra: string[] = []) => [
    "--model-id",
    modelId,
    "--name",
    "Secrets Model",
    "--symbol",
    "SCRT",
    "--preset",
    "growth",
    "--license-file",
    licenseFile,
    "--license-uri",
    licenseUri,
    ...extra,
  ];

  function manifest(name: string, modelIds: string[], symbol = "MANI"): string {
    const file = path.join(workDir, `${name}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify({
        defaults: { name: "Manifest Model", symbol, preset: "growth", licenseFile, licenseUri },
        models: modelIds.map((modelId) => ({ modelId })),
      }),
    );
    return file;
  }

  const ok = (result: RunResult) => expect(result.code, allOutput(result)).to.equal(0);
  const failed = (result: RunResult, code: number, pattern: RegExp) => {
    expect(result.code, allOutput(result)).to.equal(code);
    expect(result.stderr).to.match(pattern);
  };

  it("the leak check finds the key with or without 0x, in either case, and the API keys", function () {
    const hex = KEY.slice(2);
    for (const leaked of [KEY, hex, `0x${hex.toUpperCase()}`, hex.toUpperCase(), `${hex.slice(0, 20)}…`]) {
      expect(() => expectNoSecret("a line", `signed with ${leaked}.`, [KEY])).to.throw(/private key/);
    }
    for (const leaked of [PATH_SECRET, QUERY_SECRET.toUpperCase(), rpcUrl]) {
      expect(() => expectNoSecret("a line", `at ${leaked}`, [KEY])).to.throw(/API key/);
    }
    expect(() => expectNoSecret("a line", `at ${node.url}`, [KEY])).to.not.throw();
  });

  describe("in success", function () {
    it("deploy-token --json, key from PRIVATE_KEY", async function () {
      const result = await run({
        task: "deploy-token",
        args: deployArgs(`${prefix}-d1`, ["--yes", "--json"]),
        source: "env",
        cli: true,
      });
      ok(result);
      expect(JSON.parse(result.stdout).status).to.equal("deployed");
      const record = JSON.parse(fs.readFileSync(path.join(records, "sepolia", `${prefix}-d1.json`), "utf8"));
      expect(record.status).to.equal("confirmed");
      // The signed transaction is recorded: it holds a signature, never the key.
      expect(record.transaction.raw).to.match(/^0x02/);
    });

    it("deploy-token, key from HARDHAT_VAR_PRIVATE_KEY", async function () {
      const result = await run({
        task: "deploy-token",
        args: deployArgs(`${prefix}-d2`, ["--yes"]),
        source: "vars-env",
        cli: true,
      });
      ok(result);
      expect(result.stdout).to.contain(`Deployed model token "${prefix}-d2" on sepolia.`);
    });

    it("deploy-token, key from a vars store", async function () {
      const result = await run({
        task: "deploy-token",
        args: deployArgs(`${prefix}-d3`, ["--yes"]),
        source: "vars-store",
        cli: true,
      });
      ok(result);
      expect(result.stdout).to.contain(`Deployed model token "${prefix}-d3" on sepolia.`);
    });

    it("deploy-tokens, key from PRIVATE_KEY", async function () {
      const file = manifest("many-env", [`${prefix}-m1`, `${prefix}-m2`]);
      const result = await run({ task: "deploy-tokens", args: ["--manifest", file, "--yes"], source: "env" });
      ok(result);
      expect(result.stdout).to.contain("2 models on sepolia: 2 deployed");
    });

    it("deploy-tokens --json, key from HARDHAT_VAR_PRIVATE_KEY", async function () {
      const file = manifest("many-vars", [`${prefix}-m3`, `${prefix}-m4`]);
      const result = await run({
        task: "deploy-tokens",
        args: ["--manifest", file, "--yes", "--json"],
        source: "vars-env",
      });
      ok(result);
      expect(JSON.parse(result.stdout).results.map((r: { status: string }) => r.status)).to.deep.equal([
        "deployed",
        "deployed",
      ]);
    });

    it("verify-license --json, key from PRIVATE_KEY", async function () {
      const result = await run({
        task: "verify-license",
        args: ["--model-id", `${prefix}-verify`, "--file", licenseFile, "--json"],
        source: "env",
      });
      ok(result);
      expect(JSON.parse(result.stdout).verdict).to.equal("MATCH");
    });

    it("verify-license, key from HARDHAT_VAR_PRIVATE_KEY", async function () {
      const result = await run({
        task: "verify-license",
        args: ["--model-id", `${prefix}-verify`],
        source: "vars-env",
      });
      ok(result);
      expect(result.stdout).to.contain("MATCH");
    });

    it("status --json, key from PRIVATE_KEY", async function () {
      const result = await run({
        task: "status",
        args: ["--model-id", `${prefix}-status`, "--json"],
        source: "env",
      });
      ok(result);
      expect(JSON.parse(result.stdout).modelId).to.equal(`${prefix}-status`);
    });

    it("status, key from HARDHAT_VAR_PRIVATE_KEY", async function () {
      const result = await run({
        task: "status",
        args: ["--model-id", `${prefix}-status`],
        source: "vars-env",
      });
      ok(result);
      expect(result.stdout).to.contain(`${prefix}-status`);
    });

    it("distribute-supplier-allocation --json, key from PRIVATE_KEY", async function () {
      const result = await run({
        task: "distribute-supplier-allocation",
        args: ["--model-id", `${prefix}-distribute-env`, "--yes", "--json"],
        source: "env",
      });
      ok(result);
      expect(JSON.parse(result.stdout).status).to.equal("distributed");
    });

    it("distribute-supplier-allocation, key from HARDHAT_VAR_PRIVATE_KEY", async function () {
      const result = await run({
        task: "distribute-supplier-allocation",
        args: ["--model-id", `${prefix}-distribute-vars`, "--yes"],
        source: "vars-env",
      });
      ok(result);
      expect(result.stdout).to.contain(
        `Distributed the supplier allocation of model "${prefix}-distribute-vars"`,
      );
    });

    it("create-pool --json, key from PRIVATE_KEY (its launch record is checked too)", async function () {
      const result = await run({
        task: "create-pool",
        args: ["--model-id", `${prefix}-pool-env`, "--yes", "--json"],
        source: "env",
      });
      ok(result);
      const doc = JSON.parse(result.stdout);
      expect(doc.status).to.equal("launched");
      expect(fs.existsSync(doc.recordFile), "no launch record to check").to.be.true;
      expect(path.resolve(doc.recordFile).startsWith(records), "the record is outside the records folder").to
        .be.true;
    });

    it("create-pool, key from HARDHAT_VAR_PRIVATE_KEY", async function () {
      const result = await run({
        task: "create-pool",
        args: ["--model-id", `${prefix}-pool-vars`, "--yes"],
        source: "vars-env",
      });
      ok(result);
      expect(result.stdout).to.contain(`${prefix}-pool-vars`);
    });
  });

  describe("in failure", function () {
    it("deploy-token of a model id taken with other parameters, key from PRIVATE_KEY", async function () {
      const result = await run({
        task: "deploy-token",
        args: deployArgs(`${prefix}-verify`, ["--yes"]),
        source: "env",
      });
      failed(result, 1, /HOK303: model id "secrets-\S+-verify" already has a token/);
    });

    it("deploy-token --json that times out after signing (exit 4, the record holds the signed transaction), key from HARDHAT_VAR_PRIVATE_KEY", async function () {
      await jsonRpc(node.url, "evm_setAutomine", [false]);
      try {
        const result = await run({
          task: "deploy-token",
          args: deployArgs(`${prefix}-timeout`, [
            "--yes",
            "--json",
            "--confirmations",
            "1",
            "--timeout",
            "1",
          ]),
          source: "vars-env",
          cli: true,
        });
        failed(result, 4, /HOK421: transaction 0x[0-9a-f]{64} was not confirmed within 1 s/);
        const record = JSON.parse(
          fs.readFileSync(path.join(records, "sepolia", `${prefix}-timeout.json`), "utf8"),
        );
        expect(record.transaction.raw).to.match(/^0x/);
      } finally {
        await jsonRpc(node.url, "evm_setAutomine", [true]);
        await jsonRpc(node.url, "evm_mine", []);
      }
    });

    it("deploy-tokens --json with a model that would fail, key from PRIVATE_KEY", async function () {
      const file = manifest("would-fail", [`${prefix}-m5`, `${prefix}-verify`], "WOLF");
      const result = await run({
        task: "deploy-tokens",
        args: ["--manifest", file, "--yes", "--json"],
        source: "env",
      });
      failed(result, 1, /HOK217: a model of the manifest would fail, so nothing was sent: /);
    });

    it("deploy-tokens with the same model id twice, key from HARDHAT_VAR_PRIVATE_KEY", async function () {
      const file = manifest("twice", [`${prefix}-m6`, `${prefix}-m6`]);
      const result = await run({
        task: "deploy-tokens",
        args: ["--manifest", file, "--yes"],
        source: "vars-env",
      });
      failed(result, 1, /HOK216: manifest .*: models\[1\]\.modelId .*; fix it and rerun/);
    });

    it("verify-license with a MISMATCH, key from PRIVATE_KEY", async function () {
      const other = path.join(workDir, "OTHER-LICENSE.md");
      fs.writeFileSync(other, OTHER_LICENSE);
      const result = await run({
        task: "verify-license",
        args: ["--model-id", `${prefix}-verify`, "--file", other],
        source: "env",
      });
      expect(result.code, allOutput(result)).to.equal(1);
      expect(result.stdout).to.contain("MISMATCH");
    });

    it("verify-license --json of a model id without a token, key from HARDHAT_VAR_PRIVATE_KEY", async function () {
      const result = await run({
        task: "verify-license",
        args: ["--model-id", `${prefix}-none`, "--json"],
        source: "vars-env",
      });
      failed(result, 1, /HOK311: model id "\S+" has no token on the TokenManager 0x[0-9a-fA-F]{40}/);
    });

    it("status with an AMM factory without code, key from PRIVATE_KEY", async function () {
      const result = await run({
        task: "status",
        args: ["--model-id", `${prefix}-status`, "--amm-factory", EOA],
        source: "env",
      });
      failed(result, 1, /HOK301: there is no contract at AMM factory/);
    });

    it("status --json with a TokenManager without code, key from HARDHAT_VAR_PRIVATE_KEY", async function () {
      const result = await run({
        task: "status",
        args: ["--model-id", `${prefix}-status`, "--token-manager", EOA, "--json"],
        source: "vars-env",
      });
      failed(result, 1, /HOK301: there is no contract at TokenManager/);
    });

    it("distribute-supplier-allocation of a model id without a token, key from PRIVATE_KEY", async function () {
      const result = await run({
        task: "distribute-supplier-allocation",
        args: ["--model-id", `${prefix}-none`, "--yes"],
        source: "env",
      });
      failed(result, 1, /HOK311: model id "secrets-\S+-none" has no token/);
    });

    it("distribute-supplier-allocation --json of a model id without a token, key from a vars store", async function () {
      const result = await run({
        task: "distribute-supplier-allocation",
        args: ["--model-id", `${prefix}-none`, "--yes", "--json"],
        source: "vars-store",
      });
      failed(result, 1, /HOK311: model id "secrets-\S+-none" has no token/);
    });

    it("create-pool of a model id without a token, key from PRIVATE_KEY", async function () {
      const result = await run({
        task: "create-pool",
        args: ["--model-id", `${prefix}-none`, "--yes"],
        source: "env",
      });
      failed(result, 1, /HOK311: model id "secrets-\S+-none" has no token/);
    });

    it("create-pool --json with a reserve ratio out of range, key from HARDHAT_VAR_PRIVATE_KEY", async function () {
      const result = await run({
        task: "create-pool",
        args: ["--model-id", `${prefix}-pool-env`, "--crr", "1", "--yes", "--json"],
        source: "vars-env",
      });
      failed(result, 1, /HOK207: --crr "1" is invalid/);
    });

    it("deploy-token with the RPC down (connection refused) names the host only, key from PRIVATE_KEY", async function () {
      const port = await freePort();
      const result = await run({
        task: "deploy-token",
        args: deployArgs(`${prefix}-down`, ["--yes"]),
        source: "env",
        cli: true,
        env: { RPC_URL: `http://127.0.0.1:${port}/v3/${PATH_SECRET}?apikey=${QUERY_SECRET}` },
      });
      failed(
        result,
        1,
        new RegExp(
          `HOK107: cannot reach the RPC of network "sepolia" at http://127\\.0\\.0\\.1:${port} \\(connection refused\\)`,
        ),
      );
    });

    it("status --json against an RPC that refuses the API key (HTTP 401 echoing the URL) names the host only, key from a vars store", async function () {
      // A provider's answer to a bad key may repeat the request's path and query.
      const server = http.createServer((request, response) => {
        response.writeHead(401, { "content-type": "text/plain" });
        response.end(`invalid API key in ${request.url}`);
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as AddressInfo;
      try {
        const result = await run({
          task: "status",
          args: ["--model-id", `${prefix}-status`, "--json"],
          source: "vars-store",
          cli: true,
          env: { RPC_URL: `http://127.0.0.1:${port}/v3/${PATH_SECRET}?apikey=${QUERY_SECRET}` },
        });
        failed(
          result,
          1,
          new RegExp(`HOK107: cannot reach the RPC of network "sepolia" at http://127\\.0\\.0\\.1:${port} `),
        );
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });

  describe("with a malformed key", function () {
    const hex = () => KEY.slice(2);
    const cases: Array<{
      title: string;
      task: string;
      args: () => string[];
      source: KeySource;
      key: () => string;
    }> = [
      {
        title: "deploy-token, 63 hex digits in PRIVATE_KEY",
        task: "deploy-token",
        args: () => deployArgs(`${prefix}-bad-1`, ["--yes"]),
        source: "env",
        key: () => `0x${hex().slice(0, 63)}`,
      },
      {
        title: "deploy-token --json, a non-hex digit in HARDHAT_VAR_PRIVATE_KEY",
        task: "deploy-token",
        args: () => deployArgs(`${prefix}-bad-2`, ["--yes", "--json"]),
        source: "vars-env",
        key: () => `0x${hex().slice(0, 40)}g${hex().slice(41)}`,
      },
      {
        title: "deploy-tokens, 65 hex digits without 0x in a vars store",
        task: "deploy-tokens",
        args: () => ["--manifest", manifest("bad-key", [`${prefix}-bad-3`]), "--yes"],
        source: "vars-store",
        key: () => `${hex()}0`,
      },
      {
        title: "verify-license --json, 63 hex digits in HARDHAT_VAR_PRIVATE_KEY",
        task: "verify-license",
        args: () => ["--model-id", `${prefix}-verify`, "--json"],
        source: "vars-env",
        key: () => `0x${hex().slice(1)}`,
      },
      {
        title: "status, upper-case hex with a non-hex digit in PRIVATE_KEY",
        task: "status",
        args: () => ["--model-id", `${prefix}-status`],
        source: "env",
        key: () => `0X${hex().toUpperCase().slice(0, 63)}Z`,
      },
      {
        title: "distribute-supplier-allocation --json, 63 hex digits in PRIVATE_KEY",
        task: "distribute-supplier-allocation",
        args: () => ["--model-id", `${prefix}-status`, "--yes", "--json"],
        source: "env",
        key: () => `0x${hex().slice(0, 63)}`,
      },
      {
        title: "create-pool, a non-hex digit in HARDHAT_VAR_PRIVATE_KEY",
        task: "create-pool",
        args: () => ["--model-id", `${prefix}-status`, "--yes"],
        source: "vars-env",
        key: () => `0x${hex().slice(0, 10)}x${hex().slice(11)}`,
      },
    ];
    for (const bad of cases) {
      it(`${bad.title}: HOK103 names the variable, never the value`, async function () {
        const before = await system.provider.getTransactionCount(system.owner, "pending");
        const result = await run({
          task: bad.task,
          args: bad.args(),
          source: bad.source,
          key: bad.key(),
          cli: true,
        });
        failed(
          result,
          1,
          /HOK103: PRIVATE_KEY is not a 32-byte hex private key \(64 hex digits, 0x optional\)/,
        );
        expect(await system.provider.getTransactionCount(system.owner, "pending")).to.equal(before);
      });
    }
  });
});
