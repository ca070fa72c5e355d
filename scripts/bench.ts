/**
 * `npm run bench`: figures, never assertions.
 *  1. the plugin's added start time: `hardhat help` with the project's config and
 *     with the same config without the plugin;
 *  2. deploy-token's wall time on a local `hardhat node`, against `hardhat help`;
 *  3. the gas deployTokenWithAllocations uses on the mock (the live contract: ~3.96M).
 * Runs are interleaved so that a change of machine load hits both sides; medians.
 *
 *   npx ts-node --transpile-only scripts/bench.ts [runs]     (default 7)
 */
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

  // 1. Start time.
  const withPlugin: number[] = [];
  const withoutPlugin: number[] = [];
  for (let i = 0; i < runs; i++) {
    withPlugin.push(await timed(() => runHardhat(["help"]), /hokusai:deploy-token/, "help with the plugin"));
    withoutPlugin.push(
      await timed(
        () => runHardhat(["--config", NO_PLUGIN_CONFIG, "help"]),
        /Usage: hardhat/,
        "help without the plugin",
      ),
    );
  }
  const added = median(withPlugin) - median(withoutPlugin);
  console.log("1. Start time (hardhat help)");
  console.log(`   with the plugin     ${seconds(median(withPlugin))}`);
  console.log(`   without the plugin  ${seconds(median(withoutPlugin))}`);
  console.log(
    `   added by the plugin ${seconds(added)} (ratio ${(median(withPlugin) / median(withoutPlugin)).toFixed(2)})\n`,
  );

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
