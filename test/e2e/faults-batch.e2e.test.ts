/**
 * Real networks are slow and unreliable, for the tasks that send more than one transaction
 * (test/e2e/faults-support.ts has the chain, the proxy and the checks): a pipelined batch of
 * models (deploy-tokens, several transactions in flight) and create-pool's journaled steps,
 * each through rate limits, -32005 bursts, resets and hangs, a base-fee spike, a dropped
 * transaction and a reorg. Each ends with exactly one token or pool per model (counted on
 * chain by model id and by events), the sender's nonce moved by the transactions it needed,
 * no signed transaction made twice, and a record naming the block that holds each one.
 */
import fs from "fs";
import path from "path";

import { expect } from "chai";
import { Contract } from "ethers";

import { faultsTools, LICENSE, LICENSE_HASH, useFaultsChain } from "./faults-support";

describe("unreliable networks: faults between a batch, create-pool and the node", function () {
  this.timeout(600_000);

  const chain = useFaultsChain(["701", "702", "703", "704"]);
  const tools = faultsTools(chain);
  const { cli, run, spawn, ok, nonce, record, broadcasts, withMiningHeld } = tools;

  describe("deploy-tokens, pipelined", function () {
    /** deploy-tokens over a manifest of `ids`, its JSON on stdout. */
    function batchArgs(ids: string[], extra: string[] = []) {
      const manifest = path.join(chain.records, `manifest-${ids[0]}.json`);
      fs.writeFileSync(
        manifest,
        JSON.stringify({
          defaults: { preset: "growth", licenseHash: LICENSE_HASH, licenseUri: LICENSE.uri },
          models: ids.map((modelId) => ({
            modelId,
            name: `Batch ${modelId}`,
            symbol: `BAT${modelId.slice(-2)}`,
          })),
        }),
      );
      return cli("hokusai:deploy-tokens", [
        ...["--token-manager", chain.system.tokenManager, "--manifest", manifest, "--json"],
        ...extra,
      ]);
    }

    /** Every model deployed once, from `ids.length` transactions of the sender, each record naming its block. */
    async function expectBatchOnce(
      result: Awaited<ReturnType<typeof run>>,
      ids: string[],
      nonceBefore: number,
    ) {
      ok(result);
      expect(JSON.parse(result.stdout).results.map((r: { status: string }) => r.status)).to.deep.equal(
        ids.map(() => "deployed"),
      );
      expect(await nonce()).to.equal(nonceBefore + ids.length);
      const done = [];
      for (const id of ids) done.push(await tools.expectDeployedOnce(id));
      return done;
    }

    it("deploys every model once through 429s on every third call, -32005s, a 5xx, a reset and a hang during broadcasts", async function () {
      const before = await nonce();
      const ids = ["301", "302", "303"];
      // A burst on the receipts: the second to the fourth poll (there are at least six: three transactions, two blocks each).
      chain.proxy.inject({
        method: "eth_getTransactionReceipt",
        from: 2,
        times: 3,
        fault: { kind: "limit-exceeded" },
      });
      chain.proxy.inject({ method: "eth_getTransactionCount", calls: [3], fault: { kind: "server-error" } });
      chain.proxy.inject({
        method: "eth_sendRawTransaction",
        calls: [2],
        fault: { kind: "reset", when: "after" },
      });
      chain.proxy.inject({
        method: "eth_sendRawTransaction",
        // Counted past the reset above: the third transaction's broadcast.
        calls: [3],
        fault: { kind: "hang", ms: 6000, when: "after" },
      });
      chain.proxy.inject({
        method: "*",
        every: 3,
        times: 6,
        fault: { kind: "rate-limit", retryAfterSeconds: 1 },
      });
      await expectBatchOnce(await run(batchArgs(ids)), ids, before);
      expect(chain.proxy.fired({ kind: "rate-limit" })).to.have.length(6);
      expect(chain.proxy.fired({ kind: "limit-exceeded" })).to.have.length(3);
      expect(chain.proxy.fired({ method: "eth_sendRawTransaction", kind: "reset" })).to.have.length(1);
      expect(chain.proxy.fired({ method: "eth_sendRawTransaction", kind: "hang" })).to.have.length(1);
      // Three transactions; the one whose broadcast was reset and the one that hung sent again with the same bytes.
      tools.expectSignedTransactions(3, 5);
    });

    it("replaces every transaction of the window stuck below a base-fee spike, each with its own nonce", async function () {
      const before = await nonce();
      const ids = ["311", "312", "313"];
      const deploy = () => spawn(batchArgs(ids, ["--max-fee-gwei", "100000", "--replace-after", "2"]));
      const { result, originals } = await tools.withBaseFeeSpike(deploy, 3, async (run, originals) => ({
        result: await run.done,
        originals,
      }));
      const done = await expectBatchOnce(result, ids, before);
      for (const [i, record] of done.entries()) {
        const original = originals.find((hash) =>
          record.transaction.earlier.some((attempt: { hash: string }) => attempt.hash === hash),
        );
        expect(original, `model ${ids[i]}'s record names none of the first broadcasts`).to.not.equal(
          undefined,
        );
        expect(result.stderr).to.match(
          new RegExp(`Transaction ${original} \\(nonce \\d+\\) is stuck: .*replaced it`),
        );
        expect(await chain.provider.getTransactionReceipt(original!)).to.equal(null);
        expect(record.result.txHash).not.to.equal(original);
      }
      const nonces = done.map((record) => record.transaction.nonce).sort();
      expect(nonces).to.deep.equal([before, before + 1, before + 2]);
      // Three first attempts and their three replacements: one mined per nonce.
      tools.expectSignedTransactions(6, 6);
    });

    it("sends the same signed bytes again when one transaction of the window is dropped, and the ones behind it are mined", async function () {
      const before = await nonce();
      const ids = ["321", "322", "323"];
      let hashes: string[] = [];
      const deploying = await withMiningHeld(async () => {
        const child = spawn(batchArgs(ids));
        hashes = await broadcasts(3);
        await tools.drop(hashes[0]);
        return child;
      });
      const result = await deploying.done;
      await expectBatchOnce(result, ids, before);
      expect(result.stderr).to.contain(`was not in the node's pool; sent it again: ${hashes[0]}`);
      tools.expectSignedTransactions(3, 4);
    });

    it("notices the window's block reorged away, and every model ends in the block that holds it", async function () {
      const before = await nonce();
      const ids = ["331", "332", "333"];
      let hashes: string[] = [];
      let lost: { blockNumber: number; blockHash: string } | undefined;
      const deploying = await withMiningHeld(async () => {
        const reorg = tools.reorgAfter();
        const child = spawn(batchArgs(ids));
        hashes = await broadcasts(3);
        lost = await reorg(hashes[2]);
        return child;
      });
      const result = await deploying.done;
      const done = await expectBatchOnce(result, ids, before);
      expect(result.stderr).to.contain(
        `Block ${lost!.blockNumber}, which held ${hashes[2]}, is no longer on the chain (a reorg)`,
      );
      for (const record of done) {
        expect(hashes).to.include(record.result.txHash);
        expect(record.result.blockHash).not.to.equal(lost!.blockHash);
      }
      // The reorg took the three out of the pool as well: each sent again, the same bytes.
      expect(new Set(tools.raws()).size).to.equal(3);
    });
  });

  describe("create-pool's steps", function () {
    const createPool = (modelId: string, extra: string[] = []) =>
      cli("hokusai:create-pool", [
        ...["--token-manager", chain.system.tokenManager, "--amm-factory", chain.system.ammFactory],
        ...["--model-id", modelId, "--json", ...extra],
      ]);

    /** One pool for the model, authorised; createPoolWithParams and authorizeAMM sent once each, each step's record in its block. */
    async function expectPoolOnce(modelId: string, nonceBefore: number) {
      const factory = new Contract(chain.system.ammFactory, chain.abis.MockHokusaiAMMFactory, chain.provider);
      expect(await factory.queryFilter(factory.filters.PoolCreated(modelId))).to.have.length(1);
      const pool = (await factory.getPool(modelId)) as string;
      const manager = new Contract(chain.system.tokenManager, chain.abis.MockTokenManager, chain.provider);
      expect(await manager.isAuthorizedAMM(pool)).to.equal(true);
      expect(await nonce()).to.equal(nonceBefore + 2);
      const launch = record(`${modelId}.launch.json`);
      expect(launch.status).to.equal("done");
      for (const step of ["createPool", "authorize"]) {
        const tx = launch.steps[step];
        const receipt = await chain.provider.getTransactionReceipt(tx.hash);
        expect(receipt?.status, step).to.equal(1);
        expect(tx, step).to.deep.include({ status: "mined", blockHash: receipt?.blockHash });
      }
      return launch;
    }

    it("launches the pool once through a reset broadcast, -32005s on the reads, a hung receipt and 429s on every third call", async function () {
      const before = await nonce();
      chain.proxy.inject({
        method: "eth_sendRawTransaction",
        calls: [1],
        fault: { kind: "reset", when: "after" },
      });
      chain.proxy.inject({ method: "eth_call", from: 3, times: 3, fault: { kind: "limit-exceeded" } });
      chain.proxy.inject({
        method: "eth_getTransactionReceipt",
        calls: [3],
        fault: { kind: "hang", ms: 5000, when: "before" },
      });
      chain.proxy.inject({
        method: "*",
        every: 3,
        times: 4,
        fault: { kind: "rate-limit", retryAfterSeconds: 1 },
      });
      ok(await run(createPool("701")));
      expect(chain.proxy.fired()).to.have.length(9);
      await expectPoolOnce("701", before);
      tools.expectSignedTransactions(2, 3);
    });

    it("replaces the pool's creation stuck below a base-fee spike, then authorises the pool", async function () {
      const before = await nonce();
      const create = () => spawn(createPool("702", ["--max-fee-gwei", "100000", "--replace-after", "2"]));
      const { result, original } = await tools.withBaseFeeSpike(create, 1, async (run, [original]) => ({
        result: await run.done,
        original,
      }));
      ok(result);
      expect(result.stderr).to.match(
        new RegExp(`Transaction ${original} \\(nonce ${before}\\) is stuck: .*replaced it`),
      );
      const launch = await expectPoolOnce("702", before);
      expect(launch.steps.createPool.hash).not.to.equal(original);
      expect(launch.steps.createPool.earlier.map((attempt: { hash: string }) => attempt.hash)).to.include(
        original,
      );
      expect(await chain.provider.getTransactionReceipt(original)).to.equal(null);
    });

    it("sends the pool's creation again, the same bytes, when it is dropped from the node's pool", async function () {
      const before = await nonce();
      let hash = "";
      const creating = await withMiningHeld(async () => {
        const child = spawn(createPool("703"));
        [hash] = await broadcasts(1);
        await tools.drop(hash);
        return child;
      });
      const result = await creating.done;
      ok(result);
      expect(result.stderr).to.contain(`was not in the node's pool; sent it again: ${hash}`);
      const launch = await expectPoolOnce("703", before);
      expect(launch.steps.createPool.hash).to.equal(hash);
      tools.expectSignedTransactions(2, 3);
    });

    it("notices the pool's block reorged away before its confirmations, waits for it again and then authorises", async function () {
      const before = await nonce();
      let hash = "";
      let lost: { blockNumber: number; blockHash: string } | undefined;
      const creating = await withMiningHeld(async () => {
        const reorg = tools.reorgAfter();
        const child = spawn(createPool("704"));
        [hash] = await broadcasts(1);
        lost = await reorg(hash);
        return child;
      });
      const result = await creating.done;
      ok(result);
      expect(result.stderr).to.contain(
        `Block ${lost!.blockNumber}, which held ${hash}, is no longer on the chain (a reorg)`,
      );
      const launch = await expectPoolOnce("704", before);
      expect(launch.steps.createPool.hash).to.equal(hash);
      expect(launch.steps.createPool.blockHash).not.to.equal(lost!.blockHash);
      tools.expectSignedTransactions(2, 3);
    });
  });
});
