/**
 * The face's view of a Hardhat 3 runtime and network connection (the HokusaiHost that
 * Hardhat 2's runtime is as it is): the connection's name, its settings with the URL
 * and private keys resolved from their configuration variables (so that the journal
 * can sign locally and record the hash before the broadcast), its provider and ethers.
 */
import type { HokusaiHost, HostNetworkConfig } from "../hardhat/host";
import type { Hardhat3Connection, Hardhat3Context, Hardhat3Runtime, ResolvedVariable } from "./hardhat3";

async function networkConfigOf(connection: Hardhat3Connection): Promise<HostNetworkConfig> {
  const config = connection.networkConfig;
  if (config.type !== "http")
    return { type: config.type, chainId: config.chainId, accounts: config.accounts };
  const accounts = Array.isArray(config.accounts)
    ? await Promise.all((config.accounts as ResolvedVariable[]).map((key) => key.getHexString()))
    : config.accounts;
  return { type: config.type, url: await config.url.getUrl(), chainId: config.chainId, accounts };
}

/** The host of one connection; `run` needs the runtime's tasks, which hooks do not see. */
export async function hostOf(
  context: Hardhat3Context,
  connection: Hardhat3Connection,
  tasks?: Hardhat3Runtime["tasks"],
): Promise<HokusaiHost> {
  return {
    config: { paths: { root: context.config.paths.root }, hokusai: context.config.hokusai },
    network: {
      name: connection.networkName,
      config: await networkConfigOf(connection),
      provider: connection.provider,
    },
    ethers: connection.ethers,
    artifacts: context.artifacts,
    // Only `compile` is asked for (where the mocks' artifacts are missing): Hardhat 3 calls it `build`.
    run: async (name, args) => {
      if (tasks === undefined) throw new Error(`hardhat-hokusai: run \`npx hardhat build\` first (${name})`);
      return tasks.getTask(name === "compile" ? "build" : name).run(args);
    },
  };
}

/** The host of the network the command line names (`--network`), shared by the tasks of one process. */
export async function hostOfRuntime(hre: Hardhat3Runtime): Promise<HokusaiHost> {
  return hostOf(hre, await hre.network.getOrCreate(), hre.tasks);
}
