// The `hokusai` config section and `connection.hokusai`, in Hardhat 3's types.
import "hardhat/types/config";
import "hardhat/types/network";

import type { HokusaiConfig, HokusaiUserConfig } from "../../dist/esm/src/types.js";
import type { HokusaiRuntime } from "../../dist/esm/src/hardhat/runtime.js";

declare module "hardhat/types/config" {
  interface HardhatUserConfig {
    hokusai?: HokusaiUserConfig;
  }

  interface HardhatConfig {
    hokusai: HokusaiConfig;
  }
}

declare module "hardhat/types/network" {
  interface NetworkConnection<ChainTypeT extends ChainType | string = DefaultChainType> {
    hokusai: HokusaiRuntime;
  }
}
