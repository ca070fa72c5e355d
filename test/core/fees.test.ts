/**
 * The fee read of the core (readFees, src/core/chain/fees.ts): the latest block, the gas
 * price and the priority fee in one round of JSON-RPC requests, with the rule of Hardhat's
 * getFeeData; a node without eth_maxPriorityFeePerGas left to the rule's default, and a fault
 * of the RPC retried rather than taken for a missing method.
 */
import { HardhatEthersProvider } from "@nomicfoundation/hardhat-ethers/internal/hardhat-ethers-provider";
import { expect } from "chai";
import type { Provider } from "ethers";
import hre from "hardhat";
import type { EthereumProvider } from "hardhat/types";

import { readFees } from "../../src/core/chain/fees";
import { retryingProvider } from "../../src/core/chain/retry";
import { HokusaiError } from "../../src/core/errors";
import { RequestRounds } from "../helpers/request-rounds";

const GWEI = 1_000_000_000n;

/**
 * Hardhat's ethers provider over the in-process network, each JSON-RPC request held until
 * the ones waiting with it are let go together (test/helpers/request-rounds.ts).
 */
function gatedNetwork() {
  const gate = new RequestRounds();
  const eip1193 = new Proxy(hre.network.provider, {
    get(target, property, receiver) {
      if (property === "send")
        return (method: string, params?: unknown[]) => gate.hold(method, () => target.send(method, params));
      if (property === "request")
        return (args: { method: string; params?: unknown[] }) =>
          gate.hold(args.method, () => target.request(args));
      return Reflect.get(target, property, receiver) as unknown;
    },
  }) as EthereumProvider;
  /** Runs `work` round by round: its value, and the requests of each round. */
  const rounds = async <T>(work: Promise<T>): Promise<{ value: T; rounds: string[][] }> => {
    const { rounds: sent, result } = await gate.run(work);
    if (result.status === "rejected") throw result.reason;
    return { value: result.value, rounds: sent };
  };
  return { provider: new HardhatEthersProvider(eip1193, "hardhat") as unknown as Provider, rounds };
}

/** A JSON-RPC provider of the test's own: a block with `baseFee` (or none), and answers by method. */
function fakeNode(baseFee: bigint | null, answers: Record<string, () => Promise<string>>) {
  const asked: string[] = [];
  const provider = {
    getBlock: async () => ({ baseFeePerGas: baseFee }),
    send: async (method: string) => {
      asked.push(method);
      const answer = answers[method];
      if (answer === undefined)
        throw Object.assign(new Error(`the method ${method} does not exist`), { code: -32601 });
      return answer();
    },
  };
  return { provider: provider as unknown as Provider, asked };
}

describe("readFees", function () {
  it("reads the block, the gas price and the priority fee in one round, as Hardhat's getFeeData reads them in three", async function () {
    const gated = gatedNetwork();
    const { value: quote, rounds } = await gated.rounds(readFees(gated.provider));
    expect(rounds).to.have.length(1);
    expect([...rounds[0]].sort()).to.deep.equal(
      ["eth_gasPrice", "eth_getBlockByNumber", "eth_maxPriorityFeePerGas"].sort(),
    );
    // No block was mined in between: the quote is the one of Hardhat's own fee read.
    const data = await hre.ethers.provider.getFeeData();
    expect(quote).to.deep.equal({
      perGas: data.maxFeePerGas,
      eip1559: true,
      maxPriorityFeePerGas: data.maxPriorityFeePerGas,
    });
  });

  it("takes twice the base fee plus 1 gwei where the node has no eth_maxPriorityFeePerGas", async function () {
    const { provider } = fakeNode(7n * GWEI, { eth_gasPrice: async () => "0x1" });
    expect(await readFees(provider)).to.deep.equal({
      perGas: 15n * GWEI,
      eip1559: true,
      maxPriorityFeePerGas: GWEI,
    });
  });

  it("takes eth_gasPrice on a chain whose blocks have no base fee", async function () {
    const { provider } = fakeNode(null, {
      eth_gasPrice: async () => "0x" + (3n * GWEI).toString(16),
      eth_maxPriorityFeePerGas: async () => "0x2",
    });
    expect(await readFees(provider)).to.deep.equal({ perGas: 3n * GWEI, eip1559: false });
  });

  it("asks again after a rate limit on the priority fee instead of taking the default, and stops with HOK426 when the RPC keeps failing", async function () {
    const rateLimited = () =>
      Promise.reject(
        Object.assign(new Error("Too Many Requests error received from rpc.example"), { code: -32005 }),
      );
    let tries = 0;
    const flaky = fakeNode(10n * GWEI, {
      eth_gasPrice: async () => "0x1",
      eth_maxPriorityFeePerGas: async () => (++tries < 3 ? rateLimited() : "0x" + (2n * GWEI).toString(16)),
    });
    const options = { host: "https://rpc.example", policy: { attempts: 4, baseDelayMs: 1, maxDelayMs: 1 } };
    expect(await readFees(retryingProvider(flaky.provider, options))).to.deep.equal({
      perGas: 22n * GWEI,
      eip1559: true,
      maxPriorityFeePerGas: 2n * GWEI,
    });
    expect(flaky.asked.filter((method) => method === "eth_maxPriorityFeePerGas")).to.have.length(3);

    const down = fakeNode(10n * GWEI, {
      eth_gasPrice: async () => "0x1",
      eth_maxPriorityFeePerGas: rateLimited,
    });
    const error = await readFees(retryingProvider(down.provider, options)).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(HokusaiError);
    expect((error as HokusaiError).message).to.match(/^HOK426: .*rpc\.example/);
  });
});
