// A project that uses the published plugin by its package name, as a user's would.
import "@nomicfoundation/hardhat-toolbox";
import "hardhat-hokusai";

import type { HardhatUserConfig } from "hardhat/config";

const config: HardhatUserConfig = {
  solidity: "0.8.30",
  hokusai: {
    networks: { hardhat: { explorerUrl: "https://explorer.invalid" } },
  },
};

export default config;
