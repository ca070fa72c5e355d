// The Hardhat 3 edition's public types, against Hardhat 3's own (the package builds against Hardhat 2's).
import type { HardhatPlugin } from "hardhat/types/plugins";

import "./type-extensions.js";

export type {
  HokusaiConfig,
  HokusaiNetworkConfig,
  HokusaiNetworkUserConfig,
  HokusaiUserConfig,
} from "../../dist/esm/src/types.js";
export type { HokusaiRuntime } from "../../dist/esm/src/hardhat/runtime.js";

declare const hardhatHokusai: HardhatPlugin;
export default hardhatHokusai;
