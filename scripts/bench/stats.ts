/** Small helpers shared by the benchmark scripts. */
import { performance } from "perf_hooks";

import type { RunResult } from "../../test/helpers/process";

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Times one command and checks it did the work being measured. */
export async function timed(run: () => Promise<RunResult>, expect: RegExp, what: string): Promise<number> {
  const start = performance.now();
  const result = await run();
  const elapsed = performance.now() - start;
  if (result.code !== 0 || !expect.test(`${result.stdout}\n${result.stderr}`)) {
    throw new Error(
      `${what} did not do what the benchmark measures (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  return elapsed;
}
