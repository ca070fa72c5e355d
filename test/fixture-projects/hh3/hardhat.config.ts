import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { defineConfig } from "hardhat/config";
import hardhatHokusai from "hardhat-hokusai/hh3";

const require = createRequire(import.meta.url);
// The npm package `solc` (solc-js), so that nothing is downloaded; the production profile is declared too,
// since the automatic one drops `settings`.
const compiler = {
  version: "0.8.30",
  path: require.resolve("solc/soljson.js"),
  settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun" },
};

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers, hardhatHokusai],
  solidity: { profiles: { default: { compilers: [compiler] }, production: { compilers: [compiler] } } },
  hokusai: { localStack: "live" },
});
