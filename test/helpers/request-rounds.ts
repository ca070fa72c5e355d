/**
 * Requests held until the test lets them go together, round by round: how many rounds of
 * requests a piece of work waits for, as an RPC far away would make it wait. A round is let
 * go once the one before it has been answered, so requests sent together fall in one round
 * and a request that waits for another falls in the next.
 */
export class RequestRounds {
  private readonly waiting: Array<() => void> = [];
  private readonly running = new Set<Promise<unknown>>();
  /** The name of each request let go, round by round. */
  private readonly names: string[][] = [];

  /** Holds the request `run` until the next round is let go, then sends it. */
  async hold<T>(name: string, run: () => Promise<T>): Promise<T> {
    await new Promise<void>((release) => this.waiting.push(release));
    this.names[this.names.length - 1].push(name);
    const request = run();
    this.running.add(request);
    return request.finally(() => this.running.delete(request));
  }

  /**
   * Runs `work`, letting each round of held requests go together (after `beforeRound`, given
   * the round's number from 1), until it settles: the rounds it took, with what was sent in each.
   */
  async run<T>(
    work: Promise<T>,
    beforeRound: (round: number) => Promise<void> = async () => undefined,
  ): Promise<{ count: number; rounds: string[][]; result: PromiseSettledResult<T> }> {
    let finished: PromiseSettledResult<T> | undefined;
    void Promise.allSettled([work]).then(([outcome]) => (finished = outcome));
    for (let guard = 0; finished === undefined && guard < 100; guard++) {
      await this.settle();
      if (finished !== undefined || this.waiting.length === 0) continue;
      this.names.push([]);
      await beforeRound(this.names.length);
      for (const release of this.waiting.splice(0)) release();
    }
    if (finished === undefined) throw new Error("the work never finished");
    const rounds = this.names.splice(0);
    return { count: rounds.length, rounds, result: finished };
  }

  /** Until the requests let go have been answered and what they started has run. */
  private async settle(): Promise<void> {
    for (let turn = 0; turn < 20; turn++) {
      await Promise.allSettled([...this.running]);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
