/**
 * Figures of the Hardhat 3 edition, never assertions: in the Hardhat 3 fixture project
 * (test/fixture-projects/hh3, installed in a temp folder with the packed plugin and
 * Node 22 from the npm package `node`), `hardhat --help` with and without the plugin,
 * and deploy-token on the in-process network against `--help`. Runs are interleaved;
 * medians.
 *
 *   npx ts-node --transpile-only scripts/bench/hh3.ts [runs]     (default 5)
 */
import fs from "fs";
import os from "os";
import path from "path";

import { installFixture, runHh3 } from "../../test/helpers/hh3";
import { packPlugin } from "../../test/helpers/pack";
import { PROJECT_ROOT } from "../../test/helpers/process";
import { median, seconds, timed } from "./stats";

const WITHOUT_PLUGIN = `import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { defineConfig } from "hardhat/config";

export default defineConfig({ plugins: [hardhatToolboxMochaEthers] });
`;

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`runs must be a positive whole number, not ${process.argv[2]}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-bench-hh3-"));
  try {
    const { tarball } = await packPlugin(work);
    const project = path.join(work, "project");
    installFixture(path.join(PROJECT_ROOT, "test", "fixture-projects", "hh3"), project, tarball);
    fs.writeFileSync(path.join(project, "LICENSE.md"), "The license of my model.\n");
    fs.writeFileSync(path.join(project, "bare.config.ts"), WITHOUT_PLUGIN);
    const deploy = [
      "hokusai:deploy-token",
      ...["--model-id", "101", "--name", "My Model", "--symbol", "MYM", "--preset", "growth"],
      ...["--license-file", "LICENSE.md", "--license-uri", "https://example.com/my-model/LICENSE.md"],
    ];
    const times = { with: [] as number[], without: [] as number[], deploy: [] as number[] };
    for (let i = 0; i < runs; i++) {
      times.with.push(
        await timed(() => runHh3(project, ["--help"]), /hokusai:deploy-token/, "--help with the plugin"),
      );
      times.without.push(
        await timed(
          () => runHh3(project, ["--config", "bare.config.ts", "--help"]),
          /keystore/,
          "--help without it",
        ),
      );
      times.deploy.push(
        await timed(() => runHh3(project, deploy), /Deployed model token "101"/, "deploy-token"),
      );
    }
    const [withPlugin, without, deployToken] = [
      median(times.with),
      median(times.without),
      median(times.deploy),
    ];
    console.log(`Hardhat 3 edition, ${runs} runs each, medians (Node 22 from the npm package node):`);
    console.log(`  --help with the plugin      ${seconds(withPlugin)}`);
    console.log(
      `  --help without it           ${seconds(without)}  (the plugin adds ${seconds(withPlugin - without)}, x${(withPlugin / without).toFixed(2)})`,
    );
    console.log(
      `  deploy-token in process     ${seconds(deployToken)}  (x${(deployToken / withPlugin).toFixed(2)} --help with the plugin)`,
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
