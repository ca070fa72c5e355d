// First: in a Hardhat 3 project, one line naming the Hardhat 3 edition's import.
import { refuseHardhat3 } from "./edition";
refuseHardhat3();
// The plugin signs through hre.ethers, and its Ignition modules deploy through hre.ignition: load both.
import "@nomicfoundation/hardhat-ethers";
import "@nomicfoundation/hardhat-ignition-ethers";
import { extendConfig, extendEnvironment } from "hardhat/config";
import { lazyObject } from "hardhat/plugins";

import "./type-extensions";
import { addGuideSepoliaNetwork, applyLocalhostRpcUrl, resolveHokusaiConfig } from "./config";
import "./hardhat/ignition/override";
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
  applyLocalhostRpcUrl(config, userConfig);
});

extendEnvironment((hre) => {
  hre.hokusai = lazyObject(() => {
    const { HokusaiRuntime } = require("./hardhat/runtime") as typeof import("./hardhat/runtime");
    return new HokusaiRuntime(hre);
  });
  // hre.ignition.deploy reads a Hokusai module's parameters as `ignition deploy` does.
  const ignition = hre.ignition;
  hre.ignition = lazyObject(() => {
    const { checkedIgnition } =
      require("./hardhat/ignition/deploy") as typeof import("./hardhat/ignition/deploy");
    return checkedIgnition(ignition);
  });
});
