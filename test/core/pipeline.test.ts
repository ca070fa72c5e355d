/** The pipeline's parts without a chain: the window's size, the send queue, the order of a batch. */
import { expect } from "chai";
import type { Provider } from "ethers";

import { inWindow, MAX_WINDOW, runBatchWindow, SendQueue, windowFor } from "../../src/core/chain/pipeline";

/** A provider whose pending count is `pending` (what the node has taken). */
function fakeProvider(state: { pending: number; asked: number }): Provider {
  return {
    getTransactionCount: async () => {
      state.asked += 1;
      return state.pending;
    },
  } as unknown as Provider;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("pipelined sending", function () {
  it("sizes the window to two blocks' worth of the largest gas limit, within 1 and MAX_WINDOW", function () {
    expect(windowFor(30_000_000n, [4_800_000n, 2_000_000n])).to.equal(12);
    expect(windowFor(30_000_000n, [40_000_000n])).to.equal(1);
    expect(windowFor(30_000_000n, [])).to.equal(1);
    expect(windowFor(60_000_000n, [100_000n])).to.equal(MAX_WINDOW);
  });

  it("gives consecutive nonces one send at a time, and asks the node again after a failed send", async function () {
    const state = { pending: 7, asked: 0 };
    const queue = new SendQueue(fakeProvider(state), "0x0000000000000000000000000000000000000001");
    let running = 0;
    let most = 0;
    const send = (fail = false) =>
      queue.run(async (nonce) => {
        running += 1;
        most = Math.max(most, running);
        await tick();
        running -= 1;
        if (fail) throw new Error("broadcast failed");
        // A node that took it counts it; a lagging one may not yet.
        return nonce;
      });
    const nonces = await Promise.all([send(), send(), send()]);
    expect(nonces).to.deep.equal([7, 8, 9]);
    expect(most, "two sends ran at once").to.equal(1);

    await expect(send(true)).to.be.rejectedWith("broadcast failed");
    // After a failure the node is asked again: here it had taken nonce 10 after all.
    state.pending = 10;
    expect(await send()).to.equal(10);
    // A lagging pending count never takes a nonce back.
    state.pending = 3;
    expect(await send()).to.equal(11);
  });

  it("runs at most `window` items at once and keeps the items' order", async function () {
    let running = 0;
    let most = 0;
    const results = await inWindow([5, 1, 4, 2, 3], 2, async (item) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, item));
      running -= 1;
      return item * 10;
    });
    expect(results).to.deep.equal([50, 10, 40, 20, 30]);
    expect(most).to.equal(2);
  });

  it("finishes what an earlier run left in flight before it begins any other", async function () {
    const started: string[] = [];
    const finished: string[] = [];
    const done: number[] = [];
    const results = await runBatchWindow(["a", "b", "c", "d"], {
      window: 4,
      inFlight: (item) => item === "c" || item === "d",
      work: async (item) => {
        started.push(item);
        await tick();
        finished.push(item);
        return item.toUpperCase();
      },
      onDone: (_result, count) => done.push(count),
    });
    expect(results).to.deep.equal(["A", "B", "C", "D"]);
    expect(started.slice(0, 2).sort()).to.deep.equal(["c", "d"]);
    expect(finished.indexOf("c")).to.be.lessThan(started.indexOf("a"));
    expect(finished.indexOf("d")).to.be.lessThan(started.indexOf("a"));
    expect(done).to.deep.equal([1, 2, 3, 4]);
  });
});
