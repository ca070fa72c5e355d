/**
 * How this project compiles its contracts: one place for hardhat.config.ts and the lighter
 * config the process tests run (test/e2e/configs/e2e.config.ts). Both write the same
 * artifacts, so a different setting in either would recompile everything.
 */
import type { SolidityUserConfig } from "hardhat/types";

export const SOLIDITY: SolidityUserConfig = {
  version: "0.8.30",
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: "cancun",
  },
};
