/**
 * `npm run bench`: figures, never assertions.
 *  1. the plugin's added start time: `hardhat help` with and without it, in a project
 *     that uses the built package (what a user pays) and in this repository;
 *  2. deploy-token's wall time on a local `hardhat node`, against `hardhat help`, and
 *     deploy-tokens with a manifest of 100 models (HOKUSAI_BENCH_MODELS) on that node;
 *  3. the gas deployTokenWithAllocations uses on the mock (the live contract: ~3.96M).
 * Runs are interleaved so that a change of machine load hits both sides; medians.
 *
 *   npx ts-node --transpile-only scripts/bench.ts [runs]     (default 7)
 */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

import { E2E_CONFIG, startHardhatNode } from "../test/helpers/node";
import { PROJECT_ROOT, runHardhat } from "../test/helpers/process";
import { median, seconds, timed } from "./bench/stats";

const NO_PLUGIN_CONFIG = path.join(__dirname, "bench", "no-plugin.config.ts");

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 7);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`runs must be a positive whole number, not ${process.argv[2]}`);
  console.log(
    `hardhat-hokusai benchmarks, ${runs} runs each, on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"})\n`,
  );

  // 1. Start time: as a user pays it (the built package in another project), and in this repository.
  execFileSync("npm", ["run", "build"], { cwd: PROJECT_ROOT, stdio: "ignore" });
  const consumer = path.join(PROJECT_ROOT, "test", "fixture-projects", "consumer");
  const linked = path.join(consumer, "node_modules", "hardhat-hokusai");
  fs.mkdirSync(path.dirname(linked), { recursive: true });
  fs.rmSync(linked, { recursive: true, force: true });
  fs.symlinkSync(PROJECT_ROOT, linked);
  const bare = path.join(consumer, "bench-without-plugin.config.ts");
  fs.writeFileSync(
    bare,
    'import "@nomicfoundation/hardhat-toolbox";\nexport default { solidity: "0.8.30" };\n',
  );
  const times = {
    userWith: [] as number[],
    userWithout: [] as number[],
    repoWith: [] as number[],
    repoWithout: [] as number[],
  };
  try {
    for (let i = 0; i < runs; i++) {
      times.userWith.push(
        await timed(
          () => runHardhat(["help"], { cwd: consumer }),
          /hokusai:deploy-token/,
          "help with the package",
        ),
      );
      times.userWithout.push(
        await timed(
          () => runHardhat(["--config", bare, "help"], { cwd: consumer }),
          /Usage: hardhat/,
          "help without it",
        ),
      );
      times.repoWith.push(
        await timed(() => runHardhat(["help"]), /hokusai:deploy-token/, "help with the plugin"),
      );
      times.repoWithout.push(
        await timed(
          () => runHardhat(["--config", NO_PLUGIN_CONFIG, "help"]),
          /Usage: hardhat/,
          "help without the plugin",
        ),
      );
    }
  } finally {
    fs.rmSync(path.join(consumer, "node_modules"), { recursive: true, force: true });
    fs.rmSync(bare, { force: true });
  }
  const row = (label: string, withIt: number[], without: number[]) =>
    console.log(
      `   ${label.padEnd(44)} ${seconds(median(withIt))} with, ${seconds(median(without))} without: +${seconds(median(withIt) - median(without))} (ratio ${(median(withIt) / median(without)).toFixed(2)})`,
    );
  console.log("1. Start time: hardhat help with and without the plugin");
  row("a project using the built package", times.userWith, times.userWithout);
  row("this repository (TypeScript through ts-node)", times.repoWith, times.repoWithout);
  console.log("");

  // 2. deploy-token on a local node.
  const node = await startHardhatNode();
  const records = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-bench-"));
  try {
    const env = { HOKUSAI_E2E_RPC_URL: node.url, HOKUSAI_DEPLOYMENTS_DIR: records };
    const system = await runHardhat(
      [
        "--config",
        E2E_CONFIG,
        "ignition",
        "deploy",
        "ignition/modules/HokusaiSystem.ts",
        "--network",
        "localhost",
      ],
      { env },
    );
    const tokenManager = /HokusaiSystemModule#MockTokenManager - (0x[0-9a-fA-F]{40})/.exec(
      system.stdout,
    )?.[1];
    if (tokenManager === undefined)
      throw new Error(`could not deploy the system:\n${system.stdout}\n${system.stderr}`);
    const license = path.join(PROJECT_ROOT, "examples", "LICENSE-model.md");
    const deploy: number[] = [];
    const help: number[] = [];
    let gasUsed = "";
    for (let i = 0; i < runs; i++) {
      const args = [
        "--config",
        E2E_CONFIG,
        "hokusai:deploy-token",
        "--network",
        "localhost",
        "--token-manager",
        tokenManager,
        "--model-id",
        `bench-${i}`,
        "--name",
        "Bench Model",
        "--symbol",
        "BENCH",
        "--preset",
        "growth",
        "--license-file",
        license,
        "--license-uri",
        "ipfs://bafkreiajocsqci6gc3xjcbsqfuzllbnz4wcr7c22b3slnfyil4l4tgtqpi",
        "--json",
      ];
      const started = Date.now();
      const result = await runHardhat(args, { env });
      deploy.push(Date.now() - started);
      if (result.code !== 0) throw new Error(`deploy-token failed:\n${result.stdout}\n${result.stderr}`);
      gasUsed = (JSON.parse(result.stdout) as { gasUsed: string }).gasUsed;
      help.push(
        await timed(
          () => runHardhat(["--config", E2E_CONFIG, "help"], { env }),
          /Usage: hardhat/,
          "hardhat help",
        ),
      );
    }
    console.log("2. deploy-token on a local hardhat node (one deployment per run, automine)");
    console.log(`   deploy-token        ${seconds(median(deploy))}`);
    console.log(`   hardhat help        ${seconds(median(help))} (same config)`);
    console.log(`   ratio               ${(median(deploy) / median(help)).toFixed(2)}\n`);
    // 4. A manifest of 100 models on the same node.
    const count = Number(process.env.HOKUSAI_BENCH_MODELS ?? 100);
    const manifest = path.join(records, "manifest.json");
    fs.writeFileSync(
      manifest,
      JSON.stringify({
        defaults: {
          preset: "growth",
          licenseFile: license,
          licenseUri: "ipfs://bafkreiajocsqci6gc3xjcbsqfuzllbnz4wcr7c22b3slnfyil4l4tgtqpi",
        },
        models: Array.from({ length: count }, (_, i) => ({
          modelId: `manifest-${i}`,
          name: `Model ${i}`,
          symbol: `M${i}`.padEnd(3, "X"),
        })),
      }),
    );
    const started = Date.now();
    const batch = await runHardhat(
      [
        "--config",
        E2E_CONFIG,
        "hokusai:deploy-tokens",
        "--network",
        "localhost",
        "--token-manager",
        tokenManager,
        "--manifest",
        manifest,
        "--json",
      ],
      { env, timeoutMs: 1_800_000 },
    );
    const batchMs = Date.now() - started;
    if (batch.code !== 0) throw new Error(`deploy-tokens failed:\n${batch.stdout}\n${batch.stderr}`);
    const perModel = batchMs / count;
    console.log(`2b. deploy-tokens: a manifest of ${count} models on the same node`);
    console.log(
      `   whole run           ${seconds(batchMs)} (${((count * 1000) / batchMs).toFixed(1)} deployments per second)`,
    );
    console.log(
      `   per model           ${seconds(perModel)}, ${(perModel / median(deploy)).toFixed(3)} of one deploy-token run\n`,
    );

    console.log("3. Gas");
    console.log(
      `   deployTokenWithAllocations on the mock: ${gasUsed} gas (the live contract: about 3,960,000)`,
    );
  } finally {
    await node.stop();
    fs.rmSync(records, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
