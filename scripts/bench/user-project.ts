/**
 * A user's project for the benchmarks, made as the README's quick start makes one
 * (TypeScript config, the toolbox, the plugin, solc-offline), with this repository's
 * installed packages linked in rather than installed again, and the plugin linked to
 * this repository's build. Removed by `dispose`.
 */
import fs from "fs";
import os from "os";
import path from "path";

import { PROJECT_ROOT } from "../../test/helpers/process";

export interface UserProject {
  dir: string;
  /** The same project's config without the plugin (the baseline of its start cost). */
  bareConfig: string;
  dispose(): void;
}

const TSCONFIG = {
  compilerOptions: {
    target: "es2022",
    module: "commonjs",
    esModuleInterop: true,
    forceConsistentCasingInFileNames: true,
    strict: true,
    skipLibCheck: true,
    resolveJsonModule: true,
  },
};

const CONFIG = `import "@nomicfoundation/hardhat-toolbox";
import "hardhat-hokusai";
import "hardhat-hokusai/solc-offline";

import type { HardhatUserConfig } from "hardhat/config";

const config: HardhatUserConfig = {
  solidity: "0.8.30",
  networks: { localhost: { url: process.env.BENCH_RPC_URL ?? "http://127.0.0.1:8545" } },
};

export default config;
`;

const BARE_CONFIG = `import "@nomicfoundation/hardhat-toolbox";
import "hardhat-hokusai/solc-offline";

export default { solidity: "0.8.30" };
`;

/** Needs `npm run build` first: the plugin is this repository's dist/. */
export function makeUserProject(): UserProject {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-bench-project-"));
  const modules = path.join(dir, "node_modules");
  fs.mkdirSync(modules);
  for (const entry of fs.readdirSync(path.join(PROJECT_ROOT, "node_modules"))) {
    if (entry === ".bin" || entry === ".package-lock.json") continue;
    fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules", entry), path.join(modules, entry));
  }
  fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules", ".bin"), path.join(modules, ".bin"));
  fs.symlinkSync(PROJECT_ROOT, path.join(modules, "hardhat-hokusai"));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "bench-models", private: true }));
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  fs.writeFileSync(path.join(dir, "hardhat.config.ts"), CONFIG);
  const bareConfig = path.join(dir, "bare.config.ts");
  fs.writeFileSync(bareConfig, BARE_CONFIG);
  fs.writeFileSync(path.join(dir, "LICENSE.md"), "The license of my model.\n");
  return { dir, bareConfig, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
