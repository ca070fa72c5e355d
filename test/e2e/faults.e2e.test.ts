/**
 * Real networks are slow and unreliable. One `hardhat node` mining a block every second, behind
 * a fault-injecting JSON-RPC proxy (test/helpers/fault-proxy.ts), and the tasks run as CLI
 * processes with two confirmations: rate limits (429 on every third call, -32005 bursts), a
 * gateway's 5xx, resets and hangs during the broadcast, the RPC failing for good, a base-fee
 * spike, a dropped transaction and a reorg of the deployment's block; for deploy-token, a
 * batch of models, create-pool and (signed by the node) the supplier distribution. Each ends
 * with the work done exactly once (tokens and events counted on chain, the sender's nonce),
 * the fault seen to fire, and the record naming the block that holds the transaction.
 */
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";
import { Contract, getAddress, type InterfaceAbi, type JsonRpcProvider, parseUnits } from "ethers";
import hre from "hardhat";

import {
  deployFullSystem,
  deployModelToken,
  type FullSystem,
  nodeProvider,
} from "../fixtures/hardening/system";
import { FaultProxy, type ProxiedCall } from "../helpers/fault-proxy";
import { E2E_CONFIG, jsonRpc, type RunningNode, startHardhatNode, stopAllNodes } from "../helpers/node";
import { allOutput, runHardhat, spawnHardhat, type RunResult, type SpawnedHardhat } from "../helpers/process";
import { tokenDeployedLogs } from "../helpers/system";

// Hardhat's well-known development key of account #0 (the node's first account): public, never a secret.
const ACCOUNT_0_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const LICENSE = { bytes: "# Faults License\n", uri: "https://example.org/license.md" };
const LICENSE_HASH = "0x" + "cd".repeat(32);
const API_KEY = "faultskey0123456789";

describe("unreliable networks: faults between the tasks and the node", function () {
  this.timeout(600_000);

  let node: RunningNode;
  let proxy: FaultProxy;
  let system: FullSystem;
  let provider: JsonRpcProvider;
  let records: string;
  let owner: string;
  let abis: Record<string, InterfaceAbi>;

  before(async function () {
    node = await startHardhatNode();
    provider = nodeProvider(node);
    const signer = await provider.getSigner(0);
    owner = getAddress(await signer.getAddress());
    system = await deployFullSystem(provider, signer);
    for (const id of ["701", "702", "801"]) await deployModelToken(system, signer, id, LICENSE);
    // From here on the node mines a block every second, as a slow chain would.
    await rpc("evm_setAutomine", [false]);
    await rpc("evm_setIntervalMining", [1000]);
    proxy = await FaultProxy.start(node.url);
    records = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-faults-"));
    abis = {};
    for (const name of ["MockTokenManager", "MockHokusaiAMMFactory"])
      abis[name] = (await hre.artifacts.readArtifact(name)).abi;
  });

  afterEach(function () {
    proxy.reset();
  });

  after(async function () {
    await proxy?.close();
    await stopAllNodes();
    if (records !== undefined) fs.rmSync(records, { recursive: true, force: true });
  });

  function rpc<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    return jsonRpc<T>(node.url, method, params);
  }

  /** The task's environment: the proxy as the RPC (an API key in its path), records in a folder of the suite. */
  const env = (signing: "local" | "node" = "local"): NodeJS.ProcessEnv => ({
    HOKUSAI_E2E_RPC_URL: `${proxy.url}/v3/${API_KEY}`,
    HOKUSAI_E2E_RPC_TIMEOUT_MS: "3000",
    HOKUSAI_DEPLOYMENTS_DIR: records,
    ...(signing === "local" ? { HOKUSAI_E2E_PRIVATE_KEY: ACCOUNT_0_KEY } : {}),
  });
  const cli = (task: string, args: string[]) => [
    "--config",
    E2E_CONFIG,
    task,
    "--network",
    "localhost",
    "--confirmations",
    "2",
    ...args,
  ];
  const deployArgs = (modelId: string, extra: string[] = []) =>
    cli("hokusai:deploy-token", [
      "--token-manager",
      system.tokenManager,
      "--model-id",
      modelId,
      "--name",
      `Faults ${modelId}`,
      "--symbol",
      `FLT${modelId.slice(-2)}`,
      "--preset",
      "growth",
      "--license-hash",
      LICENSE_HASH,
      "--license-uri",
      LICENSE.uri,
      ...extra,
    ]);
  const run = (args: string[], signing?: "local" | "node"): Promise<RunResult> =>
    runHardhat(args, { env: env(signing), timeoutMs: 240_000 });
  const spawn = (args: string[]): SpawnedHardhat => spawnHardhat(args, { env: env() });

  const nonce = () => provider.getTransactionCount(owner, "latest");
  const record = (file: string) => JSON.parse(fs.readFileSync(path.join(records, "localhost", file), "utf8"));
  const sentRaw = (call: ProxiedCall) =>
    call.method === "eth_sendRawTransaction" && call.result !== undefined;
  const ok = (result: RunResult) => expect(result.code, allOutput(result)).to.equal(0);

  /** One token for the model id, one transaction more from the sender, a confirmed record naming the block that holds it. */
  async function expectDeployedOnce(modelId: string, nonceBefore: number, sent = 1) {
    expect(await tokenDeployedLogs(provider, system.tokenManager, modelId)).to.have.length(1);
    expect(await nonce()).to.equal(nonceBefore + sent);
    const done = record(`${modelId}.json`);
    expect(done.status).to.equal("confirmed");
    const receipt = await provider.getTransactionReceipt(done.result.txHash);
    expect(receipt?.from).to.equal(owner);
    expect(done.result).to.deep.include({ blockNumber: receipt?.blockNumber, blockHash: receipt?.blockHash });
    expect(done.transaction).to.deep.include({
      status: "mined",
      hash: receipt?.hash,
      blockHash: receipt?.blockHash,
    });
    return done;
  }

  /** Every broadcast the node received carried the same signed bytes: one transaction, however often sent. */
  function expectOneSignedTransaction(times: number) {
    const raws = proxy.calls("eth_sendRawTransaction").map((call) => call.params[0]);
    expect(raws).to.have.length(times);
    expect(new Set(raws).size).to.equal(1);
  }

  describe("deploy-token", function () {
    it("survives a 429 on every third call, Retry-After waited by Hardhat's transport or, when longer, by the plugin", async function () {
      const before = await nonce();
      // Longer than Hardhat's transport waits (5 s): it gives up at once, and the plugin waits.
      proxy.inject({
        method: "eth_getTransactionReceipt",
        calls: [2],
        fault: { kind: "rate-limit", retryAfterSeconds: 9 },
      });
      proxy.inject({ method: "*", every: 3, times: 6, fault: { kind: "rate-limit", retryAfterSeconds: 1 } });
      ok(await run(deployArgs("201")));
      expect(proxy.fired({ kind: "rate-limit" })).to.have.length(7);
      await expectDeployedOnce("201", before);
    });

    it("survives -32005 bursts on the estimate, the broadcast and the receipts", async function () {
      const before = await nonce();
      const limit = { kind: "limit-exceeded" } as const;
      proxy.inject({ method: "eth_estimateGas", from: 1, times: 3, fault: limit });
      proxy.inject({ method: "eth_sendRawTransaction", from: 1, times: 2, fault: limit });
      proxy.inject({ method: "eth_getTransactionReceipt", from: 2, times: 3, fault: limit });
      ok(await run(deployArgs("202")));
      expect(proxy.fired({ kind: "limit-exceeded" })).to.have.length(8);
      expectOneSignedTransaction(1);
      await expectDeployedOnce("202", before);
    });

    it("survives a reset during the broadcast, after the node took it: the same bytes again, one transaction", async function () {
      const before = await nonce();
      proxy.inject({ method: "eth_sendRawTransaction", calls: [1], fault: { kind: "reset", when: "after" } });
      proxy.inject({ method: "eth_getBalance", calls: [1], fault: { kind: "server-error", status: 502 } });
      ok(await run(deployArgs("203")));
      expect(proxy.fired()).to.have.length(2);
      expectOneSignedTransaction(2);
      await expectDeployedOnce("203", before);
    });

    it("survives hangs longer than the request timeout, in the preflight and on the broadcast", async function () {
      const before = await nonce();
      proxy.inject({ method: "eth_call", calls: [2], fault: { kind: "hang", ms: 6000, when: "before" } });
      proxy.inject({
        method: "eth_sendRawTransaction",
        calls: [1],
        fault: { kind: "hang", ms: 6000, when: "after" },
      });
      ok(await run(deployArgs("204")));
      expect(proxy.fired({ kind: "hang" })).to.have.length(2);
      expectOneSignedTransaction(2);
      await expectDeployedOnce("204", before);
    });

    it("stops with HOK426 naming the host only when the RPC keeps failing, and the same command resumes", async function () {
      const before = await nonce();
      proxy.inject({
        method: "eth_getTransactionReceipt",
        from: 1,
        times: 6,
        fault: { kind: "limit-exceeded" },
      });
      const failed = await run(deployArgs("205"));
      expect(failed.code, allOutput(failed)).to.equal(4);
      const port = new URL(proxy.url).port;
      expect(failed.stderr).to.match(
        new RegExp(
          `HOK426: the RPC at http://127\\.0\\.0\\.1:${port} kept failing on getTransactionReceipt \\(rate limited: HTTP 429 or -32005 limit exceeded; 6 tries over \\d+ s\\); the record is kept and nothing is sent twice: rerun the same command later to resume`,
        ),
      );
      expect(allOutput(failed)).not.to.contain(API_KEY);
      expect(record("205.json").status).to.equal("sent");

      // Mined meanwhile: the rerun completes the record from the chain and sends nothing.
      const rerun = await run(deployArgs("205"));
      ok(rerun);
      expect(rerun.stdout).to.contain('Deployed model token "205" on localhost.');
      expectOneSignedTransaction(1);
      await expectDeployedOnce("205", before);
    });

    it("replaces a transaction stuck below a base-fee spike, within --max-fee-gwei, after --replace-after; above the cap it stops with exit 3 and a rerun with a higher cap replaces it", async function () {
      const before = await nonce();
      // The transaction is priced from the latest block; the blocks after it start at 1000 gwei.
      await rpc("evm_setIntervalMining", [0]);
      await rpc("hardhat_setNextBlockBaseFeePerGas", ["0x" + parseUnits("1000", "gwei").toString(16)]);
      try {
        const capped = spawn(deployArgs("206", ["--max-fee-gwei", "50", "--replace-after", "2"]));
        const original = (await proxy.waitForCall(sentRaw)).result as string;
        await rpc("evm_setIntervalMining", [1000]);
        const stopped = await capped.done;
        expect(stopped.code, allOutput(stopped)).to.equal(3);
        expect(stopped.stderr).to.match(
          new RegExp(
            `HOK427: transaction ${original} \\(nonce ${before}\\) has waited \\d+ s with a max fee of [\\d.]+ gwei, below the base fee of [\\d.]+ gwei, and replacing it needs about [\\d.]+ gwei, above the cap of 50 gwei; .*rerun the same command with a higher --max-fee-gwei to replace it`,
          ),
        );
        expect(record("206.json")).to.deep.include({ status: "sent" });

        const rerun = await run(deployArgs("206", ["--max-fee-gwei", "100000", "--replace-after", "2"]));
        ok(rerun);
        expect(rerun.stderr).to.match(
          new RegExp(`Transaction ${original} \\(nonce ${before}\\) is stuck: .*replaced it`),
        );
        const done = await expectDeployedOnce("206", before);
        expect(done.result.txHash).not.to.equal(original);
        expect(done.transaction.earlier.map((attempt: { hash: string }) => attempt.hash)).to.include(
          original,
        );
        expect(await provider.getTransactionReceipt(original)).to.equal(null);
        const replacement = await provider.getTransaction(done.result.txHash);
        expect(replacement?.nonce).to.equal(before);
      } finally {
        await rpc("evm_setIntervalMining", [1000]);
        await rpc("hardhat_setNextBlockBaseFeePerGas", ["0x1"]);
      }
    });

    it("sends the same signed bytes again when the transaction is dropped from the node's pool", async function () {
      const before = await nonce();
      await rpc("evm_setIntervalMining", [0]);
      try {
        const deploying = spawn(deployArgs("207"));
        const hash = (await proxy.waitForCall(sentRaw)).result as string;
        expect(await rpc("hardhat_dropTransaction", [hash])).to.equal(true);
        // Sent again while the node still mines nothing: then mining resumes.
        await proxy.waitForCall((call) => sentRaw(call) && proxy.calls("eth_sendRawTransaction").length >= 2);
        await rpc("evm_setIntervalMining", [1000]);
        const result = await deploying.done;
        ok(result);
        expect(result.stderr).to.contain(`was not in the node's pool; sent it again: ${hash}`);
      } finally {
        await rpc("evm_setIntervalMining", [1000]);
      }
      expectOneSignedTransaction(2);
      await expectDeployedOnce("207", before);
    });

    it("notices the deployment's block reorged away while waiting for confirmations, and ends in the block that holds it", async function () {
      const before = await nonce();
      let snapshot: string | undefined;
      await rpc("evm_setIntervalMining", [0]);
      try {
        proxy.tap("eth_sendRawTransaction", async () => void (snapshot = await rpc<string>("evm_snapshot")));
        const deploying = spawn(deployArgs("208"));
        const hash = (await proxy.waitForCall(sentRaw)).result as string;
        await rpc("evm_mine");
        const lost = await provider.getTransactionReceipt(hash);
        expect(lost).not.to.equal(null);
        // Once the task has seen it mined (one confirmation of two), the chain goes back to before it.
        await proxy.waitForCall(
          (call) =>
            call.method === "eth_getTransactionReceipt" &&
            (call.result as { transactionHash?: string } | null)?.transactionHash === hash,
        );
        await rpc("evm_revert", [snapshot]);
        expect(await provider.getTransactionReceipt(hash)).to.equal(null);
        await rpc("evm_setIntervalMining", [1000]);
        const result = await deploying.done;
        ok(result);
        expect(result.stderr).to.contain(
          `Block ${lost!.blockNumber}, which held ${hash}, is no longer on the chain (a reorg); waiting for the transaction to be mined again`,
        );
        const done = await expectDeployedOnce("208", before);
        expect(done.result.txHash).to.equal(hash);
        expect(done.result.blockHash).not.to.equal(lost!.blockHash);
      } finally {
        await rpc("evm_setIntervalMining", [1000]);
      }
      expectOneSignedTransaction(2);
    });
  });

  it("deploys every model of a batch once through 429s, -32005s, a 5xx and a reset during a broadcast", async function () {
    const before = await nonce();
    const ids = ["301", "302", "303"];
    const manifest = path.join(records, "faults-manifest.json");
    fs.writeFileSync(
      manifest,
      JSON.stringify({
        defaults: { preset: "growth", licenseHash: LICENSE_HASH, licenseUri: LICENSE.uri },
        models: ids.map((modelId) => ({
          modelId,
          name: `Batch ${modelId}`,
          symbol: `BAT${modelId.slice(-1)}`,
        })),
      }),
    );
    proxy.inject({
      method: "eth_getTransactionReceipt",
      every: 4,
      times: 4,
      fault: { kind: "limit-exceeded" },
    });
    proxy.inject({ method: "eth_getTransactionCount", calls: [3], fault: { kind: "server-error" } });
    proxy.inject({ method: "eth_sendRawTransaction", calls: [2], fault: { kind: "reset", when: "after" } });
    proxy.inject({ method: "*", every: 3, times: 6, fault: { kind: "rate-limit", retryAfterSeconds: 1 } });
    const result = await run(
      cli("hokusai:deploy-tokens", [
        "--token-manager",
        system.tokenManager,
        "--manifest",
        manifest,
        "--json",
      ]),
    );
    ok(result);
    expect(JSON.parse(result.stdout).results.map((r: { status: string }) => r.status)).to.deep.equal([
      "deployed",
      "deployed",
      "deployed",
    ]);
    expect(proxy.fired({ kind: "rate-limit" })).to.have.length(6);
    expect(proxy.fired({ kind: "limit-exceeded" })).to.have.length(4);
    expect(proxy.fired({ method: "eth_sendRawTransaction", kind: "reset" })).to.have.length(1);
    // Three transactions, the one whose broadcast was reset sent twice with the same bytes.
    const raws = proxy.calls("eth_sendRawTransaction").map((call) => call.params[0]);
    expect(raws).to.have.length(4);
    expect(new Set(raws).size).to.equal(3);
    expect(await nonce()).to.equal(before + 3);
    for (const id of ids) await expectDeployedOnce(id, before, 3);
  });

  it("create-pool launches the pool once through a reset broadcast, -32005s on the reads and a hung receipt", async function () {
    const before = await nonce();
    proxy.inject({ method: "eth_sendRawTransaction", calls: [1], fault: { kind: "reset", when: "after" } });
    proxy.inject({ method: "eth_call", from: 3, times: 3, fault: { kind: "limit-exceeded" } });
    proxy.inject({
      method: "eth_getTransactionReceipt",
      calls: [3],
      fault: { kind: "hang", ms: 5000, when: "before" },
    });
    proxy.inject({ method: "*", every: 3, times: 4, fault: { kind: "rate-limit", retryAfterSeconds: 1 } });
    const result = await run(
      cli("hokusai:create-pool", [
        "--token-manager",
        system.tokenManager,
        "--amm-factory",
        system.ammFactory,
        "--model-id",
        "701",
        "--json",
      ]),
    );
    ok(result);
    expect(proxy.fired()).to.have.length(9);
    const factory = new Contract(system.ammFactory, abis.MockHokusaiAMMFactory, provider);
    expect(await factory.queryFilter(factory.filters.PoolCreated("701"))).to.have.length(1);
    const pool = (await factory.getPool("701")) as string;
    const manager = new Contract(system.tokenManager, abis.MockTokenManager, provider);
    expect(await manager.isAuthorizedAMM(pool)).to.equal(true);
    // createPoolWithParams and authorizeAMM, nothing sent twice.
    expect(await nonce()).to.equal(before + 2);
    const launch = record("701.launch.json");
    expect(launch.status).to.equal("done");
    for (const step of ["createPool", "authorize"]) {
      const tx = launch.steps[step];
      const receipt = await provider.getTransactionReceipt(tx.hash);
      expect(tx, step).to.deep.include({ status: "mined", blockHash: receipt?.blockHash });
    }
  });

  it("distributes once through a node that signs: eth_sendTransaction is sent again after a rate limit, not after a reset once the node had it", async function () {
    const before = await nonce();
    proxy.inject({ method: "eth_sendTransaction", calls: [1], fault: { kind: "limit-exceeded" } });
    // The first call that the rule above lets through: the second eth_sendTransaction.
    proxy.inject({ method: "eth_sendTransaction", calls: [1], fault: { kind: "reset", when: "after" } });
    const result = await run(
      cli("hokusai:distribute-supplier-allocation", [
        "--token-manager",
        system.tokenManager,
        "--model-id",
        "801",
      ]),
      "node",
    );
    ok(result);
    expect(result.stdout).to.contain('Distributed the supplier allocation of model "801"');
    expect(proxy.fired({ method: "eth_sendTransaction" }).map((f) => f.kind)).to.deep.equal([
      "limit-exceeded",
      "reset",
    ]);
    // Only the second request reached the node (the first was refused before it), and it was not repeated.
    expect(proxy.calls("eth_sendTransaction")).to.have.length(1);
    const manager = new Contract(system.tokenManager, abis.MockTokenManager, provider);
    expect(
      await manager.queryFilter(manager.filters.ModelSupplierAllocationDistributed("801")),
    ).to.have.length(1);
    expect(await nonce()).to.equal(before + 1);
  });
});
