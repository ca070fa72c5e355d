/**
 * The retry policy of the core (src/core/chain/retry.ts): which failures are the RPC's and
 * retried, how long each pause is, the one-line give-up error naming the host only, the
 * provider that retries reads and broadcasts, and the send through a node that signs, which
 * is never sent twice: after a failure that may have reached the node, the chain decides.
 */
import { expect } from "chai";
import { Contract, parseEther, type Provider, Wallet } from "ethers";
import hre from "hardhat";

import {
  classifyRpcError,
  DEFAULT_RETRY_POLICY,
  retryDelayMs,
  retryingProvider,
  retryOptionsOf,
  withRetries,
} from "../../src/core/chain/retry";
import {
  TransactionEngine,
  type JournaledTx,
  type TransactionSender,
} from "../../src/core/chain/transaction";
import { HokusaiError } from "../../src/core/errors";

/** The errors as Hardhat's HTTP transport and undici throw them (seen through a fault proxy). */
const providerError = (code: number, message: string) =>
  Object.assign(new Error(message), { name: "ProviderError", code });
const FAULTS = {
  tooManyRequests: providerError(-32005, "Too Many Requests error received from 127.0.0.1"),
  limitExceeded: providerError(-32005, "limit exceeded"),
  gatewayPage: Object.assign(new Error("HH110: Invalid JSON-RPC response received: <html>503</html>"), {
    number: 110,
  }),
  reset: Object.assign(new Error("other side closed"), { name: "SocketError", code: "UND_ERR_SOCKET" }),
  timeout: Object.assign(new Error("Headers Timeout Error"), { code: "UND_ERR_HEADERS_TIMEOUT" }),
  refused: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
};

const HOST = "https://rpc.example.org";
const noSleep = { sleep: async () => undefined };

describe("retries on RPC faults", function () {
  describe("classifyRpcError", function () {
    it("reads each fault of a hosted RPC, and whether the request may have reached the node", function () {
      expect(classifyRpcError(FAULTS.tooManyRequests)).to.deep.include({
        kind: "rate-limited",
        mayHaveReached: false,
      });
      expect(classifyRpcError(FAULTS.limitExceeded)?.kind).to.equal("rate-limited");
      expect(classifyRpcError(FAULTS.gatewayPage)).to.deep.include({
        kind: "server-error",
        mayHaveReached: true,
      });
      expect(classifyRpcError(FAULTS.reset)).to.deep.include({ kind: "reset", mayHaveReached: true });
      expect(classifyRpcError(FAULTS.timeout)).to.deep.include({ kind: "timeout", mayHaveReached: true });
      expect(classifyRpcError(FAULTS.refused)).to.deep.include({ kind: "refused", mayHaveReached: false });
    });

    it("finds the fault inside the errors that wrap it, with the Retry-After it carries", function () {
      const ethersError = Object.assign(new Error("server response 429"), {
        code: "SERVER_ERROR",
        info: { responseStatus: 429 },
        response: { headers: { "retry-after": "7" } },
      });
      expect(classifyRpcError(ethersError)).to.deep.equal({
        kind: "rate-limited",
        mayHaveReached: false,
        retryAfterMs: 7000,
      });
      const infura = Object.assign(providerError(-32005, "daily request count exceeded"), {
        data: { rate: { backoff_seconds: 30 } },
      });
      expect(classifyRpcError({ error: infura })?.retryAfterMs).to.equal(30_000);
      expect(classifyRpcError(Object.assign(new Error("wrapped"), { cause: FAULTS.reset }))?.kind).to.equal(
        "reset",
      );
    });

    it("never retries the call's own failure: a revert, a nonce used, an unknown error", function () {
      const revert = providerError(3, "execution reverted: rate limit exceeded");
      expect(classifyRpcError(revert)).to.equal(undefined);
      expect(classifyRpcError(Object.assign(new Error("x"), { code: "CALL_EXCEPTION" }))).to.equal(undefined);
      expect(classifyRpcError(providerError(-32000, "nonce too low"))).to.equal(undefined);
      expect(classifyRpcError(new Error("something else"))).to.equal(undefined);
    });
  });

  it("pauses 0.5, 1, 2, 4, then 8 s at most, and never less than a Retry-After", function () {
    const fault = { kind: "reset" as const, mayHaveReached: true };
    const pauses = [1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(DEFAULT_RETRY_POLICY, n, fault));
    expect(pauses).to.deep.equal([500, 1000, 2000, 4000, 8000, 8000]);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, { ...fault, retryAfterMs: 3000 })).to.equal(3000);
  });

  describe("withRetries", function () {
    it("calls again after each fault, waiting the pauses, until the call succeeds", async function () {
      const pauses: number[] = [];
      let calls = 0;
      const result = await withRetries(
        "getBlockNumber",
        async () => {
          calls += 1;
          if (calls <= 3) throw [FAULTS.limitExceeded, FAULTS.reset, FAULTS.gatewayPage][calls - 1];
          return 42;
        },
        { host: HOST, sleep: async (ms) => void pauses.push(ms) },
      );
      expect(result).to.equal(42);
      expect(calls).to.equal(4);
      expect(pauses).to.deep.equal([500, 1000, 2000]);
    });

    it("gives up after the policy's tries with one line naming the host only and saying the same command resumes", async function () {
      let calls = 0;
      const failure = await withRetries(
        "getTransactionReceipt",
        async () => {
          calls += 1;
          throw FAULTS.tooManyRequests;
        },
        { host: HOST, ...noSleep },
      ).catch((error: unknown) => error);
      expect(calls).to.equal(DEFAULT_RETRY_POLICY.attempts);
      expect(failure).to.be.instanceOf(HokusaiError);
      const error = failure as HokusaiError;
      expect(error.code).to.equal("HOK426");
      expect(error.exitCode).to.equal(4);
      expect(error.message).to.match(
        /^HOK426: the RPC at https:\/\/rpc\.example\.org kept failing on getTransactionReceipt \(rate limited: HTTP 429 or -32005 limit exceeded; 6 tries over \d+ s\); the record is kept and nothing is sent twice: rerun the same command later to resume, or use another RPC_URL$/,
      );
    });

    it("stops at once when the RPC asks to wait longer than the policy waits, saying how long", async function () {
      let calls = 0;
      const asksAnHour = Object.assign(providerError(-32005, "limit exceeded"), {
        data: { backoff_seconds: 3600 },
      });
      const error = (await withRetries(
        "call",
        async () => {
          calls += 1;
          throw asksAnHour;
        },
        { host: HOST, ...noSleep },
      ).catch((e: unknown) => e)) as HokusaiError;
      expect(calls).to.equal(1);
      expect(error.message).to.contain("and asks to wait 3600 s");
    });

    it("throws the call's own failure at once, and a fault that retryIf refuses as it is", async function () {
      let calls = 0;
      const revert = providerError(3, "execution reverted");
      await expect(
        withRetries(
          "call",
          async () => {
            calls += 1;
            throw revert;
          },
          { host: HOST, ...noSleep },
        ),
      ).to.be.rejectedWith(revert);
      expect(calls).to.equal(1);
      await expect(
        withRetries(
          "eth_sendTransaction",
          async () => {
            calls += 1;
            throw FAULTS.reset;
          },
          { host: HOST, ...noSleep },
          (fault) => !fault.mayHaveReached,
        ),
      ).to.be.rejectedWith(FAULTS.reset);
      expect(calls).to.equal(2);
    });

    it("takes the transport's hint over its own reading (Hardhat's 429 already waited: 5 s at least)", async function () {
      const pauses: number[] = [];
      let calls = 0;
      await withRetries(
        "getBalance",
        async () => {
          if (++calls === 1) throw FAULTS.tooManyRequests;
          return 1n;
        },
        { host: HOST, hint: () => ({ retryAfterMs: 5000 }), sleep: async (ms) => void pauses.push(ms) },
      );
      expect(pauses).to.deep.equal([5000]);
    });
  });

  describe("retryingProvider", function () {
    /** hre.ethers.provider, whose first `failures` calls of `method` fail with `fault`. */
    function flaky(
      method: string,
      failures: number,
      fault: Error,
    ): { provider: Provider; calls: () => number } {
      let calls = 0;
      const base = hre.ethers.provider as unknown as Provider;
      const provider = new Proxy(base, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver) as unknown;
          if (property !== method || typeof value !== "function") return value;
          return async (...args: unknown[]) => {
            calls += 1;
            if (calls <= failures) throw fault;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
      return { provider, calls: () => calls };
    }

    it("retries reads, and contract calls made over it, until the RPC answers", async function () {
      const reads = flaky("getBlockNumber", 2, FAULTS.reset);
      const provider = retryingProvider(reads.provider, { host: HOST, ...noSleep });
      expect(await provider.getBlockNumber()).to.equal(await hre.ethers.provider.getBlockNumber());
      expect(reads.calls()).to.equal(3);

      const [owner] = await hre.ethers.getSigners();
      const usdc = await hre.ethers.deployContract("MockUSDC", [owner.address]);
      const calls = flaky("call", 1, FAULTS.limitExceeded);
      const token = new Contract(
        await usdc.getAddress(),
        ["function decimals() view returns (uint8)"],
        retryingProvider(calls.provider, { host: HOST, ...noSleep }),
      );
      expect(await token.decimals()).to.equal(6n);
      expect(calls.calls()).to.equal(2);
    });

    it("wraps once, and keeps its options for the calls it does not wrap", function () {
      const once = retryingProvider(hre.ethers.provider, { host: HOST });
      expect(retryingProvider(once, { host: "other" })).to.equal(once);
      expect(retryOptionsOf(once)?.host).to.equal(HOST);
      expect(retryOptionsOf(hre.ethers.provider)).to.equal(undefined);
    });
  });

  describe("a send through a node that signs (eth_sendTransaction)", function () {
    // Hardhat's well-known development key of account #3: public, never a secret.
    const wallet = new Wallet(
      "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
      hre.ethers.provider,
    );

    before(async function () {
      await hre.network.provider.send("hardhat_setBalance", [
        wallet.address,
        "0x" + parseEther("100").toString(16),
      ]);
    });

    /** A sender whose node signs; `fault` decides, per call, what goes wrong and whether the node got it first. */
    function nodeSender(fault: (call: number) => { error: Error; reached: boolean } | undefined) {
      let calls = 0;
      const sender: TransactionSender = {
        address: wallet.address,
        sendTransaction: async (tx) => {
          calls += 1;
          const failing = fault(calls);
          if (failing !== undefined && !failing.reached) throw failing.error;
          const hash = (await wallet.sendTransaction(tx)).hash;
          if (failing !== undefined) throw failing.error;
          return hash;
        },
      };
      return { sender, calls: () => calls };
    }

    const call = () => ({
      to: wallet.address,
      data: "0x",
      value: 1n,
      gasLimit: 21_000n,
      description: "a transfer",
      answer: "0x",
    });

    async function sendThrough(
      sender: TransactionSender,
    ): Promise<{ tx: JournaledTx; saved: JournaledTx[] }> {
      const provider = retryingProvider(hre.ethers.provider, { host: HOST, ...noSleep });
      const engine = new TransactionEngine(provider, sender, {
        chainId: 31337,
        confirmations: 1,
        timeoutSeconds: 30,
        pollMs: 50,
      });
      const saved: JournaledTx[] = [];
      const journal = { save: (tx: JournaledTx) => void saved.push(structuredClone(tx)) };
      const { tx } = await engine.sendAndWait(call(), journal, { account: wallet.address });
      return { tx, saved };
    }

    it("is sent again after a rate limit, which shows the node never saw it", async function () {
      const before = await hre.ethers.provider.getTransactionCount(wallet.address);
      const node = nodeSender((n) => (n <= 2 ? { error: FAULTS.limitExceeded, reached: false } : undefined));
      const { tx } = await sendThrough(node.sender);
      expect(node.calls()).to.equal(3);
      expect(await hre.ethers.provider.getTransactionCount(wallet.address)).to.equal(before + 1);
      expect((await hre.ethers.provider.getTransaction(tx.hash!))?.nonce).to.equal(before);
    });

    it("is not sent again when the connection reset after the node took it: the chain shows it is ours", async function () {
      const before = await hre.ethers.provider.getTransactionCount(wallet.address);
      const node = nodeSender((n) => (n === 1 ? { error: FAULTS.reset, reached: true } : undefined));
      const { tx, saved } = await sendThrough(node.sender);
      expect(node.calls(), "eth_sendTransaction was repeated").to.equal(1);
      expect(await hre.ethers.provider.getTransactionCount(wallet.address)).to.equal(before + 1);
      const mined = await hre.ethers.provider.getTransaction(tx.hash!);
      expect(mined?.nonce).to.equal(before);
      expect(saved.at(-1)).to.deep.include({ status: "mined", hash: mined?.hash, nonce: before });
    });

    it("is sent again after a timeout that the node never saw, once the chain shows the nonce free", async function () {
      const before = await hre.ethers.provider.getTransactionCount(wallet.address);
      const node = nodeSender((n) => (n === 1 ? { error: FAULTS.timeout, reached: false } : undefined));
      await sendThrough(node.sender);
      expect(node.calls()).to.equal(2);
      expect(await hre.ethers.provider.getTransactionCount(wallet.address)).to.equal(before + 1);
    });
  });
});
