/**
 * Crashes and faults, across processes: deploy-token killed at exact points
 * (HOKUSAI_CRASH_AT, through test/helpers/crash-at.js), a manifest killed halfway, an RPC that is down or silent, a
 * fee above the cap, a record cut short or stale, two runs at once. Each rerun must
 * end with exactly one token for the model id and a complete record.
 *
 * The runs that crash, time out, are refused or race are processes of their own; the plain
 * reruns that follow them run in one CLI session of the suite's environment
 * (test/helpers/cli-session.ts), a process started once, which reads the record and the chain
 * afresh on every command as a new process would.
 */
import fs from "fs";
import net from "net";
import os from "os";
import path from "path";

import { expect } from "chai";

import { CliSessions } from "../helpers/cli-session";
import {
  E2E_CONFIG,
  freePort,
  jsonRpc,
  type RunningNode,
  startHardhatNode,
  stopAllNodes,
} from "../helpers/node";
import { allOutput, runHardhat, spawnHardhat } from "../helpers/process";
import { deploySystem, type NodeSystem, tokenDeployedLogs } from "../helpers/system";

const LICENSE_HASH = "0x" + "ab".repeat(32);
const CRASH_HOOK = path.join(__dirname, "..", "helpers", "crash-at.js");

describe("crash recovery and faults", function () {
  this.timeout(300_000);

  let node: RunningNode;
  let system: NodeSystem;
  let records: string;
  const sessions = new CliSessions({ network: "localhost", config: E2E_CONFIG });

  before(async function () {
    node = await startHardhatNode();
    system = await deploySystem(node);
    records = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-crash-"));
  });

  after(async function () {
    await sessions.stopAll();
    await stopAllNodes();
    fs.rmSync(records, { recursive: true, force: true });
  });

  const env = (extra: NodeJS.ProcessEnv = {}) => ({
    HOKUSAI_E2E_RPC_URL: node.url,
    HOKUSAI_DEPLOYMENTS_DIR: records,
    ...(extra.HOKUSAI_CRASH_AT === undefined ? {} : { NODE_OPTIONS: `--require ${CRASH_HOOK}` }),
    ...extra,
  });
  /** The task's command line, without the CLI's --config and --network. */
  const taskArgs = (modelId: string, extra: string[] = []) => [
    "hokusai:deploy-token",
    "--token-manager",
    system.tokenManager,
    "--model-id",
    modelId,
    "--name",
    "Crash Model",
    "--symbol",
    "CRSH",
    "--preset",
    "growth",
    "--license-hash",
    LICENSE_HASH,
    "--license-uri",
    "https://example.org/license.md",
    ...extra,
  ];
  /** A task's command line as the CLI takes it. */
  const cli = (task: string[]) => ["--config", E2E_CONFIG, "--network", "localhost", ...task];
  const deployArgs = (modelId: string, extra: string[] = []) => cli(taskArgs(modelId, extra));
  /** deploy-token in the suite's CLI session. */
  const deployInSession = (modelId: string, extra: string[] = []) =>
    sessions.run(env(), taskArgs(modelId, extra));
  const record = (modelId: string, network = "localhost") =>
    JSON.parse(fs.readFileSync(path.join(records, network, `${modelId}.json`), "utf8"));
  const nonce = () => system.provider.getTransactionCount(system.account0);

  async function expectOneTokenAndCompleteRecord(modelId: string) {
    expect(await tokenDeployedLogs(system.provider, system.tokenManager, modelId)).to.have.length(1);
    const done = record(modelId);
    expect(done.status).to.equal("confirmed");
    expect(done.result.token).to.match(/^0x[0-9a-fA-F]{40}$/);
    expect(done.result.txHash).to.match(/^0x[0-9a-f]{64}$/);
    expect(done.result.blockNumber).to.be.a("number");
  }

  for (const [point, sentBeforeCrash] of [
    ["before-send", false],
    ["after-send", true],
    ["after-receipt", true],
  ] as const) {
    it(`finishes a deployment killed ${point.replace("-", " ")}, without a second one`, async function () {
      const modelId = `crash-${point}`;
      const before = await nonce();
      const crashed = await runHardhat(deployArgs(modelId), { env: env({ HOKUSAI_CRASH_AT: point }) });
      expect(crashed.signal, allOutput(crashed)).to.equal("SIGKILL");
      expect(await nonce()).to.equal(sentBeforeCrash ? before + 1 : before);
      expect(record(modelId).status).to.equal(point === "after-receipt" ? "sent" : "prepared");

      const rerun = await deployInSession(modelId);
      expect(rerun.code, allOutput(rerun)).to.equal(0);
      expect(rerun.stdout).to.contain(`Deployed model token "${modelId}" on localhost.`);
      expect(await nonce()).to.equal(before + 1);
      await expectOneTokenAndCompleteRecord(modelId);
    });
  }

  it("waits for the transaction of a run killed right after sending it, while it is still pending", async function () {
    await jsonRpc(node.url, "evm_setAutomine", [false]);
    const before = await nonce();
    try {
      const crashed = await runHardhat(deployArgs("crash-pending"), {
        env: env({ HOKUSAI_CRASH_AT: "after-send" }),
      });
      expect(crashed.signal, allOutput(crashed)).to.equal("SIGKILL");
      expect(record("crash-pending").transaction.hash).to.equal(undefined);
      const rerun = spawnHardhat(deployArgs("crash-pending"), { env: env() });
      await rerun.waitForOutput(/Resuming an earlier run \(pending on the chain/, 120_000);
      await jsonRpc(node.url, "evm_mine", []);
      const result = await rerun.done;
      expect(result.code, allOutput(result)).to.equal(0);
    } finally {
      await jsonRpc(node.url, "evm_setAutomine", [true]);
    }
    expect(await nonce()).to.equal(before + 1);
    await expectOneTokenAndCompleteRecord("crash-pending");
  });

  it("exits 4 when the transaction is not mined within --timeout, and a rerun finishes it", async function () {
    await jsonRpc(node.url, "evm_setAutomine", [false]);
    const before = await nonce();
    try {
      const timedOut = await runHardhat(deployArgs("timed-out", ["--timeout", "3"]), { env: env() });
      expect(timedOut.code, allOutput(timedOut)).to.equal(4);
      expect(timedOut.stderr).to.match(
        /HOK421: transaction 0x[0-9a-f]{64} was not confirmed within 3 s; .*rerun the same command to resume/,
      );
      expect(record("timed-out").status).to.equal("sent");
    } finally {
      await jsonRpc(node.url, "evm_setAutomine", [true]);
    }
    await jsonRpc(node.url, "evm_mine", []);
    const rerun = await deployInSession("timed-out");
    expect(rerun.code, allOutput(rerun)).to.equal(0);
    expect(await nonce()).to.equal(before + 1);
    await expectOneTokenAndCompleteRecord("timed-out");
  });

  it("finishes a manifest killed halfway (--sequential): the deployed models are skipped, the rest deployed once", async function () {
    const manifest = path.join(records, "manifest.json");
    const ids = ["half-0", "half-1", "half-2", "half-3"];
    fs.writeFileSync(
      manifest,
      JSON.stringify({
        defaults: {
          preset: "growth",
          licenseHash: LICENSE_HASH,
          licenseUri: "https://example.org/license.md",
        },
        models: ids.map((modelId, i) => ({ modelId, name: `Half ${i}`, symbol: `HLF${i}` })),
      }),
    );
    const task = [
      "hokusai:deploy-tokens",
      "--token-manager",
      system.tokenManager,
      "--manifest",
      manifest,
      "--sequential",
    ];
    const args = cli(task);
    const crashed = await runHardhat(args, { env: env({ HOKUSAI_CRASH_AT: "after-model:2" }) });
    expect(crashed.signal, allOutput(crashed)).to.equal("SIGKILL");
    expect((await tokenDeployedLogs(system.provider, system.tokenManager, "half-2")).length).to.equal(0);

    const rerun = await sessions.run(env(), [...task, "--json"]);
    expect(rerun.code, allOutput(rerun)).to.equal(0);
    const statuses = JSON.parse(rerun.stdout).results.map((r: { status: string }) => r.status);
    expect(statuses).to.deep.equal(["already-deployed", "already-deployed", "deployed", "deployed"]);
    for (const id of ids) await expectOneTokenAndCompleteRecord(id);
  });

  it("says the RPC is down (connection refused)", async function () {
    const result = await runHardhat(deployArgs("rpc-down"), {
      env: env({ HOKUSAI_E2E_RPC_URL: `http://127.0.0.1:${await freePort()}` }),
    });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(
      /HOK107: cannot reach the RPC of network "localhost" at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)/,
    );
  });

  it("gives up on an RPC that never answers, with a clear message", async function () {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const result = await runHardhat(deployArgs("rpc-silent"), {
        env: env({ HOKUSAI_E2E_RPC_URL: `http://127.0.0.1:${port}`, HOKUSAI_E2E_RPC_TIMEOUT_MS: "2000" }),
      });
      expect(result.code).to.equal(1);
      expect(result.stderr).to.contain("(no answer before the timeout)");
    } finally {
      silent.close();
    }
  });

  it("exits 3 when the fee is above the cap, sends nothing, and a rerun under the cap deploys", async function () {
    const before = await nonce();
    const capped = await runHardhat(deployArgs("fee-cap", ["--max-fee-gwei", "0.000001"]), { env: env() });
    expect(capped.code, allOutput(capped)).to.equal(3);
    expect(capped.stderr).to.match(
      /HOK423: the network's fee is [\d.]+ gwei per gas, above the cap of 0\.000001 gwei/,
    );
    expect(await nonce()).to.equal(before);
    const rerun = await deployInSession("fee-cap");
    expect(rerun.code, allOutput(rerun)).to.equal(0);
    await expectOneTokenAndCompleteRecord("fee-cap");
  });

  it("recovers from a record whose end was cut off by a crash", async function () {
    const first = await deployInSession("cut-record");
    expect(first.code, allOutput(first)).to.equal(0);
    const file = path.join(records, "localhost", "cut-record.json");
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
    const before = await nonce();
    const rerun = await deployInSession("cut-record");
    expect(rerun.code, allOutput(rerun)).to.equal(0);
    expect(rerun.stderr).to.match(
      /the deployment record was damaged: .*; moved it to .*cut-record\.json\.damaged-\d+/,
    );
    expect(await nonce()).to.equal(before);
    await expectOneTokenAndCompleteRecord("cut-record");
  });

  it("refuses a second run of the same deployment while the first holds the lock", async function () {
    await jsonRpc(node.url, "evm_setAutomine", [false]);
    const first = spawnHardhat(deployArgs("locked"), { env: env() });
    try {
      await first.waitForOutput(/waiting for it to be mined/, 120_000);
      const second = await runHardhat(deployArgs("locked"), { env: env() });
      expect(second.code, allOutput(second)).to.equal(1);
      expect(second.stderr).to.match(
        /HOK420: another run is deploying model "locked" on network "localhost"/,
      );
    } finally {
      await jsonRpc(node.url, "evm_setAutomine", [true]);
      await jsonRpc(node.url, "evm_mine", []);
    }
    const result = await first.done;
    expect(result.code, allOutput(result)).to.equal(0);
    await expectOneTokenAndCompleteRecord("locked");
  });

  describe("a record whose contracts have no code on the chain", function () {
    function writeStaleRecord(network: string, modelId: string, chainId: number) {
      fs.mkdirSync(path.join(records, network), { recursive: true });
      fs.writeFileSync(
        path.join(records, network, `${modelId}.json`),
        JSON.stringify({
          version: 1,
          network,
          chainId,
          modelId,
          tokenManager: system.tokenManager,
          abi: "v1",
          status: "confirmed",
          parameters: {},
          updatedAt: new Date().toISOString(),
          result: {
            token: "0x000000000000000000000000000000000000dEaD",
            params: "0x000000000000000000000000000000000000bEEF",
            confirmedAt: "",
          },
        }),
      );
    }

    it("is moved aside on a development chain (31337), and the model deployed", async function () {
      writeStaleRecord("localhost", "stale-dev", 31337);
      const result = await deployInSession("stale-dev");
      expect(result.code, allOutput(result)).to.equal(0);
      expect(result.stderr).to.match(
        /^Warning: the deployment record was stale: its token has no code on this chain; moved it to \S+stale-dev\.json\.\S+$/m,
      );
      await expectOneTokenAndCompleteRecord("stale-dev");
    });

    it("is refused on any other chain, with what to do", async function () {
      const other = await startHardhatNode({ chainId: 1337 });
      try {
        const otherSystem = await deploySystem(other);
        writeStaleRecord("localhost", "stale-live", 1337);
        const args = deployArgs("stale-live").map((a) =>
          a === system.tokenManager ? otherSystem.tokenManager : a,
        );
        const result = await runHardhat(
          [
            ...args,
            "--yes",
            "--governor",
            otherSystem.account0,
            "--model-supplier-recipient",
            otherSystem.account0,
          ],
          { env: env({ HOKUSAI_E2E_RPC_URL: other.url }) },
        );
        expect(result.code).to.equal(1);
        expect(result.stderr).to.match(
          /HOK424: the deployment record .*stale-live\.json names 0x000000000000000000000000000000000000dEaD, which has no code on network "localhost"/,
        );
        expect(await otherSystem.provider.getTransactionCount(otherSystem.account0)).to.equal(1);
      } finally {
        await other.stop();
      }
    });
  });
});
