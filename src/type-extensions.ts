import "hardhat/types/config";
import type {} from "@nomicfoundation/hardhat-ethers";
import type {} from "@nomicfoundation/hardhat-ignition-ethers";
import "hardhat/types/runtime";

import type { HokusaiConfig, HokusaiUserConfig } from "./types";
import type { HokusaiRuntime } from "./hardhat/runtime";

declare module "hardhat/types/config" {
  interface HardhatUserConfig {
    hokusai?: HokusaiUserConfig;
  }

  interface HardhatConfig {
    hokusai: HokusaiConfig;
  }
}

declare module "hardhat/types/runtime" {
  interface HardhatRuntimeEnvironment {
    hokusai: HokusaiRuntime;
  }
}
