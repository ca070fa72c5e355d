/**
 * How long a no-op Ignition rerun takes against a running node, next to `hardhat help`
 * (the floor of any Hardhat command) on the same machine. Starts its own `hardhat node`,
 * deploys the system and a model token once, then times each command several times,
 * interleaved so that a change of load hits both, and prints the medians and their ratio.
 *
 *   npx ts-node --transpile-only scripts/bench-ignition.ts [runs]     (default 7 runs)
 */
import { performance } from "perf_hooks";

import {
  guideTokenParameters,
  ignitionDeploy,
  MODULES,
  plain,
  Workspace,
} from "../test/e2e/ignition-support";
import { E2E_CONFIG, startHardhatNode } from "../test/helpers/node";
import { runHardhat, type RunResult } from "../test/helpers/process";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function timed(run: () => Promise<RunResult>, expect: RegExp, what: string): Promise<number> {
  const start = performance.now();
  const result = await run();
  const elapsed = performance.now() - start;
  if (result.code !== 0 || !expect.test(plain(result))) {
    throw new Error(
      `${what} did not do what the benchmark measures (exit ${result.code}):\n${plain(result)}`,
    );
  }
  return elapsed;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 7);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`runs must be a positive whole number, not ${process.argv[2]}`);

  const workspace = new Workspace("bench");
  const node = await startHardhatNode();
  try {
    const deploymentId = workspace.deploymentId("rerun");
    const parametersFile = workspace.parametersFile({
      LocalModelTokenModule: guideTokenParameters("bench-model"),
    });
    const deploy = () => ignitionDeploy(node, MODULES.localModelToken, { parametersFile, deploymentId });
    await timed(deploy, /successfully deployed/, "the first deploy");

    const times = { rerun: [] as number[], help: [] as number[], helpSameConfig: [] as number[] };
    for (let i = 0; i < runs; i++) {
      // `npx hardhat help` in this repository: hardhat.config.ts, through ts-node.
      times.help.push(
        await timed(
          () => runHardhat(["--config", "hardhat.config.ts", "help"]),
          /Usage: hardhat/,
          "hardhat help",
        ),
      );
      times.rerun.push(await timed(deploy, /Nothing new to deploy/, "the no-op rerun"));
      times.helpSameConfig.push(
        await timed(
          () => runHardhat(["--config", E2E_CONFIG, "help"]),
          /Usage: hardhat/,
          "hardhat help (e2e config)",
        ),
      );
    }

    const rerun = median(times.rerun);
    // Against `help` on the rerun's own config: both start without ts-node (test/e2e/configs/ts-hook.js).
    const help = median(times.helpSameConfig);
    const all = (values: number[]) => `[${values.map(Math.round).join(", ")}]`;
    const line = (label: string, value: string) => console.log(`  ${label.padEnd(42)}${value}`);
    console.log(`${runs} runs each, medians (all runs in ms):`);
    line("no-op ignition deploy rerun", `${seconds(rerun)}  ${all(times.rerun)}`);
    line("hardhat help (hardhat.config.ts, ts-node)", `${seconds(median(times.help))}  ${all(times.help)}`);
    line("hardhat help, the rerun's .js --config", `${seconds(help)}  ${all(times.helpSameConfig)}`);
    line("ratio rerun / help on its config", (rerun / help).toFixed(2));
  } finally {
    await node.stop();
    workspace.cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
