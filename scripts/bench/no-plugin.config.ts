/** The project's config without the plugin: the baseline of the plugin's added start time. */
import "@nomicfoundation/hardhat-toolbox";
import "@nomicfoundation/hardhat-ignition-ethers";
import path from "path";

import type { HardhatUserConfig } from "hardhat/config";

const config: HardhatUserConfig = {
  solidity: "0.8.30",
  paths: { root: path.resolve(__dirname, "..", "..") },
};

export default config;
