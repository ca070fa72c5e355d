/**
 * `npm run bench`: figures, never assertions, each a ratio of two things measured in
 * the same run (their runs interleaved, so that a change of the machine's load hits
 * both sides; medians):
 *  1. the plugin's start cost in a user's project: `hardhat help` with and without it;
 *  2. deploy-token in that project against its `hardhat help`: in process (the mock
 *     system deployed first), on a local `hardhat node`, and a rerun that sends nothing;
 *  3. deploy-tokens with 100 models (HOKUSAI_BENCH_MODELS) on a node: with automine
 *     (deployments per second) and with a block every 2 s (blocks used against the
 *     fewest the gas allows, and wall time), pipelined against --sequential;
 *  4. the gas of deployTokenWithAllocations on the mock.
 *
 *   npx ts-node --transpile-only scripts/bench.ts [runs]     (default 5)
 */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

import { jsonRpc, startHardhatNode } from "../test/helpers/node";
import { PROJECT_ROOT, runHardhat } from "../test/helpers/process";
import { deploySystem } from "../test/helpers/system";
import { type BatchFigures, runBatch } from "./bench/batch";
import { median, seconds, timed } from "./bench/stats";
import { makeUserProject } from "./bench/user-project";

const ratio = (a: number[], b: number[]) => (median(a) / median(b)).toFixed(2);

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`runs must be a positive whole number, not ${process.argv[2]}`);
  const count = Number(process.env.HOKUSAI_BENCH_MODELS ?? 100);
  console.log(
    `hardhat-hokusai benchmarks, ${runs} runs each, on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"})\n`,
  );
  execFileSync("npm", ["run", "build"], { cwd: PROJECT_ROOT, stdio: "ignore" });
  const project = makeUserProject();
  const node = await startHardhatNode();
  const records = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-bench-"));
  try {
    const system = await deploySystem(node);
    const env = { BENCH_RPC_URL: node.url, HOKUSAI_DEPLOYMENTS_DIR: records, HOKUSAI_E2E_RPC_URL: node.url };
    const inProject = { cwd: project.dir, env };
    const deployArgs = (modelId: string, extra: string[]) => [
      "hokusai:deploy-token",
      ...["--model-id", modelId, "--name", "Bench Model", "--symbol", "BENCH", "--preset", "growth"],
      ...["--license-file", "LICENSE.md", "--license-uri", "https://example.com/LICENSE.md", "--json"],
      ...extra,
    ];
    const onNode = ["--network", "localhost", "--token-manager", system.tokenManager];
    const t = { help: [] as number[], bare: [] as number[], local: [] as number[], node: [] as number[] };
    const rerun: number[] = [];
    let gasUsed = "";
    for (let i = 0; i < runs; i++) {
      t.help.push(await timed(() => runHardhat(["help"], inProject), /hokusai:deploy-token/, "help"));
      t.bare.push(
        await timed(
          () => runHardhat(["--config", project.bareConfig, "help"], inProject),
          /Usage: hardhat/,
          "help without the plugin",
        ),
      );
      t.local.push(
        await timed(
          () => runHardhat(deployArgs("101", []), inProject),
          /"status": "deployed"/,
          "deploy-token in process",
        ),
      );
      const modelId = String(1000 + i);
      t.node.push(
        await timed(
          () => runHardhat(deployArgs(modelId, onNode), inProject),
          /"status": "deployed"/,
          "deploy-token on a node",
        ),
      );
      rerun.push(
        await timed(
          () => runHardhat(deployArgs(modelId, onNode), inProject),
          /"status": "already-deployed"/,
          "a rerun of deploy-token",
        ),
      );
    }
    const last = await runHardhat(deployArgs(String(1000 + runs - 1), onNode), inProject);
    gasUsed = (JSON.parse(last.stdout) as { gasUsed?: string }).gasUsed ?? "?";

    console.log("1. Start cost in a user's project (the README's quick start, TypeScript config)");
    console.log(`   hardhat help with the plugin      ${seconds(median(t.help))}`);
    console.log(`   hardhat help without it           ${seconds(median(t.bare))}`);
    console.log(`   ratio                             ${ratio(t.help, t.bare)}\n`);
    console.log("2. deploy-token in the same project, against its hardhat help");
    console.log(
      `   in process (mock system first)    ${seconds(median(t.local))}, ratio ${ratio(t.local, t.help)}`,
    );
    console.log(
      `   on a local node (automine)        ${seconds(median(t.node))}, ratio ${ratio(t.node, t.help)}`,
    );
    console.log(
      `   a rerun that sends nothing        ${seconds(median(rerun))}, ratio ${ratio(rerun, t.help)}\n`,
    );

    const license = path.join(project.dir, "LICENSE.md");
    const batch = (prefix: string, sequential: boolean) =>
      runBatch({ dir: records, prefix, count, license, ...system, env, sequential });
    console.log(`3. deploy-tokens, ${count} models, on a local node`);
    const perSecond = (f: BatchFigures) => ((count * 1000) / f.ms).toFixed(1);
    const autoPiped = await batch("auto-piped", false);
    const autoInTurn = await batch("auto-inturn", true);
    console.log(
      `   automine, pipelined               ${seconds(autoPiped.ms)}, ${perSecond(autoPiped)} deployments/s`,
    );
    console.log(
      `   automine, --sequential            ${seconds(autoInTurn.ms)}, ${perSecond(autoInTurn)} deployments/s (pipelined: ${(autoInTurn.ms / autoPiped.ms).toFixed(2)} times as fast)`,
    );
    await jsonRpc(node.url, "evm_setAutomine", [false]);
    await jsonRpc(node.url, "evm_setIntervalMining", [2000]);
    const piped = await batch("interval-piped", false);
    const inTurn = await batch("interval-inturn", true);
    const blocks = (f: BatchFigures) =>
      `${f.blocks} blocks (fewest: ${f.fewestByGasUsed} by gas used, ${f.fewestByGasLimit} by gas limits), ${seconds(f.ms)}`;
    console.log(`   a block every 2 s, pipelined      ${blocks(piped)}`);
    console.log(`   a block every 2 s, --sequential   ${blocks(inTurn)}`);
    console.log(
      `   ratio (sequential / pipelined)    ${(inTurn.blocks / piped.blocks).toFixed(2)} in blocks, ${(inTurn.ms / piped.ms).toFixed(2)} in time\n`,
    );

    console.log("4. Gas");
    console.log(
      `   deployTokenWithAllocations on the mock: ${gasUsed} gas (the live contract: about 4,026,000)`,
    );
  } finally {
    await node.stop();
    project.dispose();
    fs.rmSync(records, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
