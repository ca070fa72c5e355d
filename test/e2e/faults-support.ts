/**
 * What the fault suites (faults.e2e.test.ts: deploy-token and a node that signs;
 * faults-batch.e2e.test.ts: a batch of models and create-pool) share: one `hardhat node`
 * mining a block every second behind a fault-injecting JSON-RPC proxy
 * (test/helpers/fault-proxy.ts), the tasks run as CLI processes with two confirmations,
 * and the checks that the work was done exactly once. The chain tricks are here once: a
 * base-fee spike, a transaction dropped from the pool, the deployment's block reorged away.
 */
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";
import { getAddress, type InterfaceAbi, type JsonRpcProvider, parseUnits } from "ethers";
import hre from "hardhat";

import {
  deployFullSystem,
  deployModelToken,
  type FullSystem,
  nodeProvider,
} from "../fixtures/hardening/system";
import { FaultProxy, type ProxiedCall } from "../helpers/fault-proxy";
import { E2E_CONFIG, jsonRpc, type RunningNode, startHardhatNode, stopAllNodes } from "../helpers/node";
import { runHardhat, spawnHardhat, allOutput, type RunResult, type SpawnedHardhat } from "../helpers/process";
import { tokenDeployedLogs } from "../helpers/system";

// Hardhat's well-known development key of account #0 (the node's first account): public, never a secret.
const ACCOUNT_0_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
export const LICENSE = { bytes: "# Faults License\n", uri: "https://example.org/license.md" };
export const LICENSE_HASH = "0x" + "cd".repeat(32);
export const API_KEY = "faultskey0123456789";

export interface FaultsChain {
  node: RunningNode;
  proxy: FaultProxy;
  system: FullSystem;
  provider: JsonRpcProvider;
  records: string;
  owner: string;
  abis: Record<string, InterfaceAbi>;
}

/**
 * Registers the suite's before/after: the node, the mock system, a token for each of
 * `tokenIds` (deployed directly, for the backend tasks), then a block a second behind the proxy.
 * The returned object is filled in by the time the tests run.
 */
export function useFaultsChain(tokenIds: string[]): FaultsChain {
  const chain = {} as FaultsChain;
  before(async function () {
    chain.node = await startHardhatNode();
    chain.provider = nodeProvider(chain.node);
    const signer = await chain.provider.getSigner(0);
    chain.owner = getAddress(await signer.getAddress());
    chain.system = await deployFullSystem(chain.provider, signer);
    for (const id of tokenIds) await deployModelToken(chain.system, signer, id, LICENSE);
    // From here on the node mines a block every second, as a slow chain would.
    await jsonRpc(chain.node.url, "evm_setAutomine", [false]);
    await jsonRpc(chain.node.url, "evm_setIntervalMining", [1000]);
    chain.proxy = await FaultProxy.start(chain.node.url);
    chain.records = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-faults-"));
    chain.abis = {};
    for (const name of ["MockTokenManager", "MockHokusaiAMMFactory"])
      chain.abis[name] = (await hre.artifacts.readArtifact(name)).abi;
  });
  afterEach(function () {
    chain.proxy?.reset();
  });
  after(async function () {
    await chain.proxy?.close();
    await stopAllNodes();
    if (chain.records !== undefined) fs.rmSync(chain.records, { recursive: true, force: true });
  });
  return chain;
}

/** The suite's ways of running tasks and reading the chain, over a FaultsChain. */
export function faultsTools(chain: FaultsChain) {
  const rpc = <T = unknown>(method: string, params: unknown[] = []): Promise<T> =>
    jsonRpc<T>(chain.node.url, method, params);
  /** The task's environment: the proxy as the RPC (an API key in its path), records in a folder of the suite. */
  const env = (signing: "local" | "node" = "local"): NodeJS.ProcessEnv => ({
    HOKUSAI_E2E_RPC_URL: `${chain.proxy.url}/v3/${API_KEY}`,
    HOKUSAI_E2E_RPC_TIMEOUT_MS: "3000",
    HOKUSAI_DEPLOYMENTS_DIR: chain.records,
    ...(signing === "local" ? { HOKUSAI_E2E_PRIVATE_KEY: ACCOUNT_0_KEY } : {}),
  });
  const cli = (task: string, args: string[]) => [
    ...["--config", E2E_CONFIG, task, "--network", "localhost", "--confirmations", "2"],
    ...args,
  ];
  /** A transaction the node took: signed here (eth_sendRawTransaction) or by the node (eth_sendTransaction). */
  const sentBy =
    (method = "eth_sendRawTransaction") =>
    (call: ProxiedCall) =>
      call.method === method && call.result !== undefined;
  const sentRaw = sentBy();
  const nonce = () => chain.provider.getTransactionCount(chain.owner, "latest");
  const record = (file: string) =>
    JSON.parse(fs.readFileSync(path.join(chain.records, "localhost", file), "utf8"));
  const raws = () => chain.proxy.calls("eth_sendRawTransaction").map((call) => call.params[0] as string);

  /** The hashes of the first `count` transactions the node took by `method`. */
  async function broadcasts(count: number, method?: string): Promise<string[]> {
    const sent = sentBy(method);
    await chain.proxy.waitForCall((call) => sent(call) && chain.proxy.calls().filter(sent).length >= count);
    return chain.proxy
      .calls()
      .filter(sent)
      .slice(0, count)
      .map((call) => call.result as string);
  }

  /** While `body` runs, the node mines nothing; a block a second again afterwards. */
  async function withMiningHeld<T>(body: () => Promise<T>): Promise<T> {
    await rpc("evm_setIntervalMining", [0]);
    try {
      return await body();
    } finally {
      await rpc("evm_setIntervalMining", [1000]);
    }
  }

  return {
    rpc,
    env,
    cli,
    sentRaw,
    nonce,
    record,
    raws,
    broadcasts,
    withMiningHeld,
    run: (args: string[], signing?: "local" | "node"): Promise<RunResult> =>
      runHardhat(args, { env: env(signing), timeoutMs: 240_000 }),
    spawn: (args: string[], signing?: "local" | "node"): SpawnedHardhat =>
      spawnHardhat(args, { env: env(signing) }),
    ok: (result: RunResult) => expect(result.code, allOutput(result)).to.equal(0),

    /**
     * A base-fee spike: while the node mines nothing, the blocks after the next are set to start
     * at 1000 gwei, so that whatever `start` prices from the latest block is stuck; its first
     * `count` broadcasts are awaited, then `rest` runs with the spike in force. The base fee is
     * calmed afterwards, however it ends.
     */
    async withBaseFeeSpike<T>(
      start: () => SpawnedHardhat,
      count: number,
      rest: (run: SpawnedHardhat, hashes: string[]) => Promise<T>,
    ): Promise<T> {
      try {
        let hashes: string[] = [];
        const started = await withMiningHeld(async () => {
          await rpc("hardhat_setNextBlockBaseFeePerGas", ["0x" + parseUnits("1000", "gwei").toString(16)]);
          const child = start();
          hashes = await broadcasts(count);
          return child;
        });
        return await rest(started, hashes);
      } finally {
        await rpc("hardhat_setNextBlockBaseFeePerGas", ["0x1"]);
      }
    },

    /** Removes `hash` from the node's pool, then waits for the task to send it again by `method`. */
    async drop(hash: string, method = "eth_sendRawTransaction"): Promise<void> {
      const sent = () => chain.proxy.calls(method).length;
      const before = sent();
      expect(await rpc("hardhat_dropTransaction", [hash])).to.equal(true);
      await chain.proxy.waitForCall((call) => call.method === method && sent() > before);
    },

    /**
     * Takes a snapshot as the first of the task's broadcasts arrives; `reorg` then mines the
     * block holding the transactions, waits until the task has seen `hash` mined (one
     * confirmation of two) and reverts the chain to before it. Returns the lost block.
     */
    reorgAfter() {
      let snapshot: string | undefined;
      chain.proxy.tap(
        "eth_sendRawTransaction",
        async () => void (snapshot = await rpc<string>("evm_snapshot")),
      );
      return async (hash: string) => {
        await rpc("evm_mine");
        const lost = await chain.provider.getTransactionReceipt(hash);
        expect(lost, `${hash} was not mined`).not.to.equal(null);
        await chain.proxy.waitForCall(
          (call) =>
            call.method === "eth_getTransactionReceipt" &&
            (call.result as { transactionHash?: string } | null)?.transactionHash === hash,
        );
        expect(await rpc("evm_revert", [snapshot])).to.equal(true);
        expect(await chain.provider.getTransactionReceipt(hash)).to.equal(null);
        return lost!;
      };
    },

    /** One token for the model id, and a confirmed record naming the block that holds its transaction. */
    async expectDeployedOnce(modelId: string) {
      expect(await tokenDeployedLogs(chain.provider, chain.system.tokenManager, modelId)).to.have.length(1);
      const done = record(`${modelId}.json`);
      expect(done.status).to.equal("confirmed");
      const receipt = await chain.provider.getTransactionReceipt(done.result.txHash);
      expect(receipt?.from).to.equal(chain.owner);
      expect(done.result).to.deep.include({
        blockNumber: receipt?.blockNumber,
        blockHash: receipt?.blockHash,
      });
      expect(done.transaction).to.deep.include({
        status: "mined",
        hash: receipt?.hash,
        blockHash: receipt?.blockHash,
      });
      return done;
    },

    /** Every broadcast carried one of `count` signed transactions: however often sent, none twice made. */
    expectSignedTransactions(count: number, broadcastsSeen: number) {
      expect(raws()).to.have.length(broadcastsSeen);
      expect(new Set(raws()).size).to.equal(count);
    },
  };
}
