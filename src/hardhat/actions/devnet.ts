/**
 * `hokusai:devnet`: the in-process network served over JSON-RPC, like `hardhat
 * node`, with the mock Hokusai system already deployed through its Ignition module.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { TASK_NODE_CREATE_SERVER } from "hardhat/builtin-tasks/task-names";

import { flagNamer, withPluginErrors } from "../../errors";
import { devnetNetworkError } from "../errors";
import { ensureLocalSystem, type LocalSystem } from "../local-system";
import { isInProcess } from "../network";

export interface Devnet {
  url: string;
  chainId: number;
  system: LocalSystem;
  /** Account 0: owner of every mock contract, i.e. the backend's server signer. */
  owner: string;
  /** Resolves when the server stops. */
  closed: Promise<void>;
  close(): Promise<void>;
}

interface JsonRpcServer {
  listen(): Promise<{ address: string; port: number }>;
  waitUntilClosed(): Promise<void>;
  close(): Promise<void>;
}

export function startDevnet(
  hre: HardhatRuntimeEnvironment,
  options: { hostname: string; port: number },
): Promise<Devnet> {
  return withPluginErrors(() => serve(hre, options), flagNamer);
}

async function serve(
  hre: HardhatRuntimeEnvironment,
  options: { hostname: string; port: number },
): Promise<Devnet> {
  if (!isInProcess(hre)) throw devnetNetworkError(hre.network.name);
  const server = (await hre.run(TASK_NODE_CREATE_SERVER, {
    hostname: options.hostname,
    port: options.port,
    provider: hre.network.provider,
  })) as JsonRpcServer;
  const { address, port } = await server.listen();
  const system = await ensureLocalSystem(hre);
  const [owner] = await hre.ethers.getSigners();
  const host = address.includes(":") ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    chainId: Number(await hre.network.provider.send("eth_chainId", [])),
    system,
    owner: owner.address,
    closed: server.waitUntilClosed(),
    close: () => server.close(),
  };
}
