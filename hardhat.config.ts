// The toolbox's plugins, each by name, so that the gas reporter loads only for `npm run gas`
// (REPORT_GAS=true): it brings viem, 0.38 s of every Hardhat process started in this repository.
import "@nomicfoundation/hardhat-chai-matchers";
import "@nomicfoundation/hardhat-ethers";
import "@nomicfoundation/hardhat-verify";
import "@nomicfoundation/hardhat-ignition-ethers";
import "@typechain/hardhat";
import "solidity-coverage";
import type {} from "hardhat-gas-reporter";
import path from "path";

import { subtask, type HardhatUserConfig } from "hardhat/config";
import { TASK_TEST_GET_TEST_FILES } from "hardhat/builtin-tasks/task-names";

import "./src/solc-offline";
import "./src";
import { SOLIDITY } from "./solidity.config";

const REPORT_GAS = process.env.REPORT_GAS === "true";
if (REPORT_GAS) require("hardhat-gas-reporter");

// test/ also holds helpers, fixture projects and configs: only *.test.ts are suites. The
// suites that wait on child processes go first, longest about first, so that under
// `--parallel` the workers end together. The two that install the packed plugin wait for its
// build (one builds it, the other waits on the lock), so the live devnet's, which needs no
// tarball and keeps a core busy, starts beside the first of them.
const SLOW_FIRST = [
  "hh3.e2e",
  "live-devnet",
  "faults",
  "quick-start",
  "secrets",
  "crash-recovery",
  "pipeline",
  "deploy-token.e2e",
];
const weight = (file: string) => {
  const slow = SLOW_FIRST.findIndex((name) => file.includes(name));
  return slow >= 0
    ? slow
    : file.includes(`${path.sep}e2e${path.sep}`)
      ? SLOW_FIRST.length
      : SLOW_FIRST.length + 1;
};
subtask(TASK_TEST_GET_TEST_FILES, async (args: { testFiles: string[] }, _hre, runSuper) => {
  const files: string[] = await runSuper(args);
  if (args.testFiles.length > 0) return files;
  return files.filter((file) => file.endsWith(".test.ts")).sort((a, b) => weight(a) - weight(b));
});

const config: HardhatUserConfig = {
  solidity: SOLIDITY,
  gasReporter: {
    enabled: REPORT_GAS,
    offline: true,
    currency: "USD",
  },
  mocha: {
    timeout: 120_000,
    // `npm test` runs `hardhat test --parallel`: three workers on a 2-core machine, since the
    // slowest suites spend most of their time waiting on blocks, npm and child processes.
    jobs: Number(process.env.HOKUSAI_TEST_JOBS ?? 3),
  },
};

export default config;
