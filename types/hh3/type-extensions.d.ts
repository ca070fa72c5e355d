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
  // The type parameter is Hardhat's own declaration's, which an augmentation must repeat.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface NetworkConnection<ChainTypeT extends ChainType | string = DefaultChainType> {
    hokusai: HokusaiRuntime;
  }
}
