/**
 * `hokusai:devnet`: the in-process network served over JSON-RPC, like `hardhat node`,
 * with a mock Hokusai system already deployed through its Ignition module: the
 * live-like stack by default, the guide's with `--stack guide`, on the chain id asked
 * for (11155111 makes a Sepolia stand-in).
 */
import net from "net";

import { computeAddress } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { TASK_NODE_CREATE_SERVER } from "hardhat/builtin-tasks/task-names";
import { defaultHardhatNetworkHdAccountsConfigParams as TEST_HD } from "hardhat/internal/core/config/default-config";

import { invalidInput } from "../../core/errors";
import { parseIntegerInRange } from "../../core/validate";
import { flagNamer, withPluginErrors } from "../../errors";
import type { DevnetInfo } from "../../ui/devnet";
import { devnetChainStartedError, devnetNetworkError, devnetPortInUseError } from "../errors";
import { ensureLocalSystem, LOCAL_STACKS, type LocalStack } from "../local-system";
import { listHdAccounts } from "../hd-accounts";
import { isInProcess } from "../network";

export interface DevnetOptions {
  hostname: string;
  port: number;
  /** "live" (default: the config's hokusai.localStack) or "guide". */
  stack?: string;
  /** The chain id to serve (default: the in-process network's, 31337). */
  chainId?: number;
}

export interface Devnet extends DevnetInfo {
  /** Resolves when the server stops. */
  closed: Promise<void>;
  close(): Promise<void>;
}

interface JsonRpcServer {
  listen(): Promise<{ address: string; port: number }>;
  waitUntilClosed(): Promise<void>;
  close(): Promise<void>;
}

export function startDevnet(hre: HardhatRuntimeEnvironment, options: DevnetOptions): Promise<Devnet> {
  return withPluginErrors(() => serve(hre, options), flagNamer);
}

/**
 * The owner's key when it is account #0 of Hardhat's public test mnemonic (its default
 * accounts, whether the network derives them or lists them), which everyone knows.
 */
function testMnemonicKey(owner: string): string | undefined {
  const key = listHdAccounts({ ...TEST_HD, count: 1 })?.[0]?.privateKey;
  return key !== undefined && computeAddress(key) === owner ? key : undefined;
}

function stackOf(value: string | undefined, fallback: LocalStack): LocalStack {
  if (value === undefined || value === "") return fallback;
  if ((LOCAL_STACKS as readonly string[]).includes(value)) return value as LocalStack;
  throw invalidInput("outOfRange", "stack", value, `use one of ${LOCAL_STACKS.join(", ")}`);
}

function portIsFree(hostname: string, port: number): Promise<boolean> {
  if (port === 0) return Promise.resolve(true);
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      error.code === "EADDRINUSE" ? resolve(false) : reject(error),
    );
    probe.listen(port, hostname, () => probe.close(() => resolve(true)));
  });
}

async function serve(hre: HardhatRuntimeEnvironment, options: DevnetOptions): Promise<Devnet> {
  if (!isInProcess(hre)) throw devnetNetworkError(hre.network.name);
  const stack = stackOf(options.stack, hre.config.hokusai.localStack);
  if (options.chainId !== undefined) {
    const chainId = Number(parseIntegerInRange("chainId", options.chainId, 1, 2 ** 32 - 1));
    // The in-process chain starts on its first request, with the chain id of the config at that moment.
    (hre.config.networks.hardhat as { chainId: number }).chainId = chainId;
    const actual = Number(await hre.network.provider.send("eth_chainId", []));
    if (actual !== chainId) throw devnetChainStartedError(actual, chainId);
  }
  // Hardhat's server emits a listen error as an unhandled event: try the port first.
  if (!(await portIsFree(options.hostname, options.port))) {
    throw devnetPortInUseError(options.hostname, options.port);
  }
  const server = (await hre.run(TASK_NODE_CREATE_SERVER, {
    hostname: options.hostname,
    port: options.port,
    provider: hre.network.provider,
  })) as JsonRpcServer;
  let listening: { address: string; port: number };
  try {
    listening = await server.listen();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw devnetPortInUseError(options.hostname, options.port);
    }
    throw error;
  }
  const system = await ensureLocalSystem(hre, stack);
  const [owner] = await hre.ethers.getSigners();
  const host = listening.address.includes(":") ? `[${listening.address}]` : listening.address;
  return {
    url: `http://${host}:${listening.port}`,
    chainId: Number(await hre.network.provider.send("eth_chainId", [])),
    system,
    owner: owner.address,
    ownerKey: testMnemonicKey(owner.address),
    closed: server.waitUntilClosed(),
    close: () => server.close(),
  };
}
