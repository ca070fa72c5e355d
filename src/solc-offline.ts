/**
 * Compiles with the solc-js build of the npm package `solc` instead of
 * downloading a compiler from the web, so that `hardhat compile` works behind
 * a firewall and CI never opens a connection. Import it from hardhat.config.ts
 * (`import "hardhat-hokusai/solc-offline"`); the plugin entry point does not.
 */
import { subtask } from "hardhat/config";
import { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } from "hardhat/builtin-tasks/task-names";

import { toPluginError } from "./errors";
import { compilerVersionError } from "./hardhat/errors";

interface SolcBuild {
  version: string;
  longVersion: string;
  compilerPath: string;
  isSolcJs: boolean;
}

/** The version of the installed `solc` package, read without loading the compiler. */
export function installedSolcVersion(): string {
  return (require("solc/package.json") as { version: string }).version;
}

/** The build Hardhat should use for `solcVersion`, or a clear error when it is not installed. */
export function offlineSolcBuild(solcVersion: string): SolcBuild {
  const installed = installedSolcVersion();
  if (solcVersion !== installed) {
    throw toPluginError(compilerVersionError(solcVersion, installed));
  }
  // Loading solc compiles its wasm: done only when a compilation actually runs.
  const solc = require("solc") as { version(): string };
  return {
    version: installed,
    longVersion: solc.version().replace(/\.Emscripten\.clang$/, ""),
    compilerPath: require.resolve("solc/soljson.js"),
    isSolcJs: true,
  };
}

subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async ({ solcVersion }: { solcVersion: string }) =>
  offlineSolcBuild(solcVersion),
);
