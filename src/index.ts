// The plugin signs through hre.ethers and deploys through hre.ignition: load both.
import "@nomicfoundation/hardhat-ethers";
import "@nomicfoundation/hardhat-ignition-ethers";
import { extendConfig, extendEnvironment } from "hardhat/config";
import { lazyObject } from "hardhat/plugins";

import "./type-extensions";
import { addGuideSepoliaNetwork, applyForkFromEnvironment, resolveHokusaiConfig } from "./config";
import "./ignition-override";
import "../tasks";

export type {
  HokusaiConfig,
  HokusaiNetworkConfig,
  HokusaiNetworkUserConfig,
  HokusaiUserConfig,
} from "./types";
export * from "./task-names";

extendConfig((config, userConfig) => {
  config.hokusai = resolveHokusaiConfig(userConfig.hokusai, config.paths.root);
  addGuideSepoliaNetwork(config, userConfig);
  applyForkFromEnvironment(config);
});

extendEnvironment((hre) => {
  hre.hokusai = lazyObject(() => {
    const { HokusaiRuntime } = require("./runtime") as typeof import("./runtime");
    return new HokusaiRuntime(hre);
  });
});
