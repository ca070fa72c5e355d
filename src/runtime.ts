import type { HardhatRuntimeEnvironment } from "hardhat/types";

/**
 * `hre.hokusai`: the plugin's core functions bound to the current network, for
 * scripts and tests. Each method loads its module on first use, so that loading
 * the plugin stays cheap.
 */
export class HokusaiRuntime {
  constructor(private readonly hre: HardhatRuntimeEnvironment) {}

  /** The hokusai config of the network this runtime is connected to. */
  public get networkConfig() {
    return this.hre.config.hokusai.networks[this.hre.network.name] ?? {};
  }
}
