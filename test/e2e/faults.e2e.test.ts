/**
 * Real networks are slow and unreliable (test/e2e/faults-support.ts has the chain, the proxy
 * and the checks): for deploy-token, rate limits (429 on every third call, -32005 bursts), a
 * gateway's 5xx, resets and hangs during the broadcast, the RPC failing for good, a base-fee
 * spike, a dropped transaction and a reorg of the deployment's block; and (signed by the node)
 * the supplier distribution. faults-batch.e2e.test.ts puts a batch of models and create-pool
 * through the same faults. Each ends with the work done exactly once (tokens and events
 * counted on chain, the sender's nonce), the fault seen to fire, and the record naming the
 * block that holds the transaction.
 */
import { expect } from "chai";
import { Contract } from "ethers";

import { allOutput } from "../helpers/process";
import { API_KEY, faultsTools, LICENSE, LICENSE_HASH, useFaultsChain } from "./faults-support";

describe("unreliable networks: faults between deploy-token and the node", function () {
  this.timeout(600_000);

  const chain = useFaultsChain(["801", "802"]);
  const tools = faultsTools(chain);
  const { cli, run, spawn, ok, nonce, record, broadcasts, withMiningHeld } = tools;

  const deployArgs = (modelId: string, extra: string[] = []) =>
    cli("hokusai:deploy-token", [
      ...["--token-manager", chain.system.tokenManager, "--model-id", modelId],
      ...["--name", `Faults ${modelId}`, "--symbol", `FLT${modelId.slice(-2)}`, "--preset", "growth"],
      ...["--license-hash", LICENSE_HASH, "--license-uri", LICENSE.uri],
      ...extra,
    ]);

  /** One token for the model id, one transaction more from the sender, a confirmed record naming its block. */
  async function expectDeployedOnce(modelId: string, nonceBefore: number) {
    expect(await nonce()).to.equal(nonceBefore + 1);
    return tools.expectDeployedOnce(modelId);
  }

  /** Every broadcast the node received carried the same signed bytes: one transaction, however often sent. */
  const expectOneSignedTransaction = (times: number) => tools.expectSignedTransactions(1, times);

  describe("deploy-token", function () {
    it("survives a 429 on every third call, Retry-After waited by Hardhat's transport or, when longer, by the plugin", async function () {
      const before = await nonce();
      // Longer than Hardhat's transport waits (5 s): it gives up at once, and the plugin waits.
      chain.proxy.inject({
        method: "eth_getTransactionReceipt",
        calls: [2],
        fault: { kind: "rate-limit", retryAfterSeconds: 9 },
      });
      chain.proxy.inject({
        method: "*",
        every: 3,
        times: 6,
        fault: { kind: "rate-limit", retryAfterSeconds: 1 },
      });
      ok(await run(deployArgs("201")));
      expect(chain.proxy.fired({ kind: "rate-limit" })).to.have.length(7);
      await expectDeployedOnce("201", before);
    });

    it("survives -32005 bursts on the estimate, the broadcast and the receipts", async function () {
      const before = await nonce();
      const limit = { kind: "limit-exceeded" } as const;
      chain.proxy.inject({ method: "eth_estimateGas", from: 1, times: 3, fault: limit });
      chain.proxy.inject({ method: "eth_sendRawTransaction", from: 1, times: 2, fault: limit });
      chain.proxy.inject({ method: "eth_getTransactionReceipt", from: 2, times: 3, fault: limit });
      ok(await run(deployArgs("202")));
      expect(chain.proxy.fired({ kind: "limit-exceeded" })).to.have.length(8);
      expectOneSignedTransaction(1);
      await expectDeployedOnce("202", before);
    });

    it("survives a reset during the broadcast, after the node took it: the same bytes again, one transaction", async function () {
      const before = await nonce();
      chain.proxy.inject({
        method: "eth_sendRawTransaction",
        calls: [1],
        fault: { kind: "reset", when: "after" },
      });
      chain.proxy.inject({
        method: "eth_getBalance",
        calls: [1],
        fault: { kind: "server-error", status: 502 },
      });
      ok(await run(deployArgs("203")));
      expect(chain.proxy.fired()).to.have.length(2);
      expectOneSignedTransaction(2);
      await expectDeployedOnce("203", before);
    });

    it("survives hangs longer than the request timeout, in the preflight and on the broadcast", async function () {
      const before = await nonce();
      chain.proxy.inject({
        method: "eth_call",
        calls: [2],
        fault: { kind: "hang", ms: 6000, when: "before" },
      });
      chain.proxy.inject({
        method: "eth_sendRawTransaction",
        calls: [1],
        fault: { kind: "hang", ms: 6000, when: "after" },
      });
      ok(await run(deployArgs("204")));
      expect(chain.proxy.fired({ kind: "hang" })).to.have.length(2);
      expectOneSignedTransaction(2);
      await expectDeployedOnce("204", before);
    });

    it("stops with HOK426 naming the host only when the RPC keeps failing, and the same command resumes", async function () {
      const before = await nonce();
      chain.proxy.inject({
        method: "eth_getTransactionReceipt",
        from: 1,
        times: 6,
        fault: { kind: "limit-exceeded" },
      });
      const failed = await run(deployArgs("205"));
      expect(failed.code, allOutput(failed)).to.equal(4);
      const port = new URL(chain.proxy.url).port;
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
      const capped = () => spawn(deployArgs("206", ["--max-fee-gwei", "50", "--replace-after", "2"]));
      const original = await tools.withBaseFeeSpike(capped, 1, async (first, [original]) => {
        const stopped = await first.done;
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
        return original;
      });
      const done = await expectDeployedOnce("206", before);
      expect(done.result.txHash).not.to.equal(original);
      expect(done.transaction.earlier.map((attempt: { hash: string }) => attempt.hash)).to.include(original);
      expect(await chain.provider.getTransactionReceipt(original)).to.equal(null);
      expect((await chain.provider.getTransaction(done.result.txHash))?.nonce).to.equal(before);
    });

    it("sends the same signed bytes again when the transaction is dropped from the node's pool", async function () {
      const before = await nonce();
      let hash = "";
      // Dropped and sent again while the node mines nothing; then mining resumes.
      const deploying = await withMiningHeld(async () => {
        const child = spawn(deployArgs("207"));
        [hash] = await broadcasts(1);
        await tools.drop(hash);
        return child;
      });
      const result = await deploying.done;
      ok(result);
      expect(result.stderr).to.contain(`was not in the node's pool; sent it again: ${hash}`);
      expectOneSignedTransaction(2);
      await expectDeployedOnce("207", before);
    });

    it("notices the deployment's block reorged away while waiting for confirmations, and ends in the block that holds it", async function () {
      const before = await nonce();
      let hash = "";
      let lost: { blockNumber: number; blockHash: string } | undefined;
      const deploying = await withMiningHeld(async () => {
        const reorg = tools.reorgAfter();
        const child = spawn(deployArgs("208"));
        [hash] = await broadcasts(1);
        lost = await reorg(hash);
        return child;
      });
      const result = await deploying.done;
      ok(result);
      expect(result.stderr).to.contain(
        `Block ${lost!.blockNumber}, which held ${hash}, is no longer on the chain (a reorg); waiting for the transaction to be mined again`,
      );
      const done = await expectDeployedOnce("208", before);
      expect(done.result.txHash).to.equal(hash);
      expect(done.result.blockHash).not.to.equal(lost!.blockHash);
      expectOneSignedTransaction(2);
    });
  });

  it("distributes once through a node that signs: eth_sendTransaction is sent again after a rate limit, not after a reset once the node had it", async function () {
    const before = await nonce();
    chain.proxy.inject({ method: "eth_sendTransaction", calls: [1], fault: { kind: "limit-exceeded" } });
    // The first call that the rule above lets through: the second eth_sendTransaction.
    chain.proxy.inject({
      method: "eth_sendTransaction",
      calls: [1],
      fault: { kind: "reset", when: "after" },
    });
    const result = await run(
      cli("hokusai:distribute-supplier-allocation", [
        "--token-manager",
        chain.system.tokenManager,
        "--model-id",
        "801",
      ]),
      "node",
    );
    ok(result);
    expect(result.stdout).to.contain('Distributed the supplier allocation of model "801"');
    expect(chain.proxy.fired({ method: "eth_sendTransaction" }).map((f) => f.kind)).to.deep.equal([
      "limit-exceeded",
      "reset",
    ]);
    // Only the second request reached the node (the first was refused before it), and it was not repeated.
    expect(chain.proxy.calls("eth_sendTransaction")).to.have.length(1);
    const manager = new Contract(chain.system.tokenManager, chain.abis.MockTokenManager, chain.provider);
    expect(
      await manager.queryFilter(manager.filters.ModelSupplierAllocationDistributed("801")),
    ).to.have.length(1);
    expect(await nonce()).to.equal(before + 1);
  });

  it("distributes once through a node that signs when its transaction is dropped: the same fields and nonce sent again", async function () {
    const before = await nonce();
    let hash = "";
    const distributing = await withMiningHeld(async () => {
      const child = spawn(
        cli("hokusai:distribute-supplier-allocation", [
          ...["--token-manager", chain.system.tokenManager, "--model-id", "802"],
        ]),
        "node",
      );
      [hash] = await broadcasts(1, "eth_sendTransaction");
      await tools.drop(hash, "eth_sendTransaction");
      return child;
    });
    const result = await distributing.done;
    ok(result);
    expect(result.stderr).to.contain("was not in the node's pool; sent it again");
    const sent = chain.proxy.calls("eth_sendTransaction");
    expect(sent).to.have.length(2);
    // The node was asked for the same transaction again: its fields and its nonce.
    expect(sent[1].params).to.deep.equal(sent[0].params);
    const manager = new Contract(chain.system.tokenManager, chain.abis.MockTokenManager, chain.provider);
    expect(
      await manager.queryFilter(manager.filters.ModelSupplierAllocationDistributed("802")),
    ).to.have.length(1);
    expect(await nonce()).to.equal(before + 1);
  });
});
