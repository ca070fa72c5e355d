/**
 * The preflight's reads need nothing from each other, so they go out together: a
 * deployment waits for two rounds of requests before it signs, not one per read. The
 * first failing check is still the one told, and a read left unawaited is no
 * unhandled rejection.
 */
import { expect } from "chai";
import type { Provider } from "ethers";
import hre from "hardhat";

import { preflightDeploy } from "../../src/core/deploy/preflight";
import { HokusaiError } from "../../src/core/errors";
import { startRead } from "../../src/core/read";
import { CORE_PREFLIGHT, coreRequest } from "../helpers/core-request";
import { RequestRounds } from "../helpers/request-rounds";

// What the preflight asks of the provider (the fee read asks for the block and sends two raw requests).
const GATED = ["call", "estimateGas", "getCode", "getBalance", "getBlock", "send"];

/** A provider whose requests wait until the test lets the requests waiting go, round by round. */
function gatedProvider(base: Provider) {
  const gate = new RequestRounds();
  const provider = new Proxy(base, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== "string" || !GATED.includes(property) || typeof value !== "function")
        return value;
      return (...args: unknown[]) =>
        gate.hold(property, () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });
  /** Runs `work`, letting each round of waiting requests go together; the number of rounds it took. */
  const rounds = async <T>(work: Promise<T>, beforeRound?: (round: number) => Promise<void>) => {
    const { count, result } = await gate.run(work, beforeRound);
    return { rounds: count, result };
  };
  return { provider, rounds };
}

describe("reads that go out together", function () {
  let tokenManager: string;
  let from: string;

  before(async function () {
    const [owner] = await hre.ethers.getSigners();
    from = owner.address;
    const manager = await hre.ethers.deployContract("MockTokenManager", [owner.address, 0n, false]);
    tokenManager = await manager.getAddress();
  });

  const request = (modelId: string) => coreRequest(modelId, from, { name: "Together Model", symbol: "TOGE" });

  it("checks a fresh deployment in two rounds of requests: the chain's state, then the call, its gas and the fees", async function () {
    const gate = gatedProvider(hre.ethers.provider as unknown as Provider);
    const { rounds, result } = await gate.rounds(
      preflightDeploy(gate.provider, from, tokenManager, request("together-1"), CORE_PREFLIGHT),
    );
    expect(result.status, String((result as PromiseRejectedResult).reason)).to.equal("fulfilled");
    const preflight = (result as PromiseFulfilledResult<Awaited<ReturnType<typeof preflightDeploy>>>).value;
    expect(preflight.gasLimit > 0n, "a gas limit").to.equal(true);
    expect(preflight.balance > 0n, "the balance").to.equal(true);
    // One read after another took nine rounds (code, registry, token, fee, role, call, gas, fees, balance).
    expect(rounds).to.equal(2);
  });

  it("still tells the first failing check: a TokenManager address without code, though every other read fails too", async function () {
    const nowhere = "0x000000000000000000000000000000000000dEaD";
    const gate = gatedProvider(hre.ethers.provider as unknown as Provider);
    const { rounds, result } = await gate.rounds(
      preflightDeploy(gate.provider, from, nowhere, request("together-2"), CORE_PREFLIGHT),
    );
    expect(result.status).to.equal("rejected");
    const reason = (result as PromiseRejectedResult).reason as HokusaiError;
    expect(reason).to.be.instanceOf(HokusaiError);
    expect(reason.message).to.match(/^HOK301: there is no contract at TokenManager/);
    expect(rounds).to.equal(1);
  });

  it("takes a deployment of the model mined between the chain's reads and the static call for the deployment it is", async function () {
    const wanted = request("together-3");
    const ready = await preflightDeploy(
      hre.ethers.provider as unknown as Provider,
      from,
      tokenManager,
      wanted,
      CORE_PREFLIGHT,
    );
    const [owner] = await hre.ethers.getSigners();
    const gate = gatedProvider(hre.ethers.provider as unknown as Provider);
    const { result } = await gate.rounds(
      preflightDeploy(gate.provider, from, tokenManager, wanted, CORE_PREFLIGHT),
      async (round) => {
        // After the first round's reads found no token: the same deployment lands in a block.
        if (round === 2) await (await owner.sendTransaction(ready.transaction)).wait();
      },
    );
    expect(result.status, String((result as PromiseRejectedResult).reason)).to.equal("fulfilled");
    const preflight = (result as PromiseFulfilledResult<Awaited<ReturnType<typeof preflightDeploy>>>).value;
    const manager = await hre.ethers.getContractAt("MockTokenManager", tokenManager);
    expect(preflight.existing?.token).to.equal(await manager.getTokenAddress("together-3"));
    expect(preflight.gasLimit).to.equal(0n);
  });

  it("startRead: a rejection left unawaited is no unhandled rejection, and an awaited one is thrown", async function () {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", listener);
    try {
      const failing = startRead(() => Promise.reject(new Error("refused")));
      startRead(() => Promise.reject(new Error("never awaited")));
      await new Promise((resolve) => setTimeout(resolve, 20));
      await expect(failing).to.be.rejectedWith("refused");
    } finally {
      process.off("unhandledRejection", listener);
    }
    expect(unhandled).to.deep.equal([]);
  });
});
