/**
 * Pipelined sending: several models in flight at once, their transactions sent with
 * consecutive nonces without waiting for each receipt. Sends are taken one at a time
 * (each recorded, signed and broadcast before the next takes its nonce), so the nonces
 * have no gap; only the waiting overlaps. The window (how many at once) is sized so
 * that the mempool holds two blocks' worth: one being mined, one ready for the next.
 */
import type { Provider } from "ethers";

/**
 * Nodes keep a bounded number of pending transactions per account: geth guarantees 16
 * executable ones and takes more while its pool has room, and queues 64 per account.
 */
export const MAX_WINDOW = 64;

/**
 * How many transactions to keep in flight: two blocks' worth of the largest of them,
 * at least 1, at most MAX_WINDOW. Nodes fill a block by each transaction's gas limit.
 */
export function windowFor(blockGasLimit: bigint, gasLimits: bigint[]): number {
  const largest = gasLimits.reduce((max, gas) => (gas > max ? gas : max), 0n);
  if (largest === 0n || blockGasLimit <= 0n) return 1;
  const perBlock = Number(blockGasLimit / largest);
  return Math.min(MAX_WINDOW, Math.max(1, 2 * perBlock));
}

/** The gas limit of the latest block. */
export async function blockGasLimit(provider: Provider): Promise<bigint> {
  const block = await provider.getBlock("latest");
  return block?.gasLimit ?? 0n;
}

/**
 * One account's sends, one at a time, with consecutive nonces: the next nonce is the
 * node's pending count or one past the last this queue gave, whichever is higher (a
 * load-balanced RPC may answer a pending count that lags). After a failed send the
 * count is asked again, since the node may or may not have taken it.
 */
export class SendQueue {
  private next: number | undefined;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly provider: Provider,
    private readonly address: string,
  ) {}

  /** Runs `send` with the next nonce once every earlier send has returned. */
  run<T>(send: (nonce: number) => Promise<T>): Promise<T> {
    const turn = this.tail.then(async () => {
      const pending = await this.provider.getTransactionCount(this.address, "pending");
      const nonce = Math.max(pending, this.next ?? 0);
      try {
        const result = await send(nonce);
        this.next = nonce + 1;
        return result;
      } catch (error) {
        this.next = undefined;
        throw error;
      }
    });
    this.tail = turn.catch(() => undefined);
    return turn;
  }
}

/**
 * Runs `work` over `items` with at most `window` at once, in order of the items;
 * results come back in the items' order, each reported as it finishes.
 */
export async function inWindow<T, R>(
  items: T[],
  window: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let taken = 0;
  const worker = async () => {
    while (taken < items.length) {
      const index = taken++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(window, items.length)) }, worker));
  return results;
}

/**
 * A batch's models through the window: those an earlier run left in flight first, all
 * of them finished before any other is begun, so that no new send takes one of their
 * nonces; then the rest. Results in the items' order; `onDone` as each finishes.
 * `work` reports a model's failure in its result rather than throwing.
 */
export async function runBatchWindow<T, R>(
  items: T[],
  options: {
    window: number;
    inFlight: (item: T) => boolean;
    work: (item: T) => Promise<R>;
    onDone?: (result: R, done: number, total: number) => void;
  },
): Promise<R[]> {
  const results = new Map<T, R>();
  const resumed = items.filter(options.inFlight);
  for (const group of [resumed, items.filter((item) => !resumed.includes(item))]) {
    await inWindow(group, options.window, async (item) => {
      const result = await options.work(item);
      results.set(item, result);
      options.onDone?.(result, results.size, items.length);
    });
  }
  return items.map((item) => results.get(item)!);
}
