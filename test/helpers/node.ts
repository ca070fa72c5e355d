/**
 * A real `hardhat node` for process-level tests: started on 127.0.0.1 on a free port
 * as its own process (its PID, not npx's), ready once it answers eth_chainId, and
 * stopped by the test. It runs with the small config of the process tests
 * (test/e2e/configs/e2e.config.js), which sets the chain id, since `hardhat node` has no
 * flag for it (HOKUSAI_E2E_CHAIN_ID), and starts without ts-node.
 */
import net from "net";
import path from "path";

import { PROJECT_ROOT, spawnHardhat, type SpawnedHardhat } from "./process";

export const E2E_CONFIG = path.join(PROJECT_ROOT, "test", "e2e", "configs", "e2e.config.js");
export const DEFAULT_CHAIN_ID = 31337;

export interface StartNodeOptions {
  /** networks.hardhat.chainId of the node (default 31337). */
  chainId?: number;
  /** Port on 127.0.0.1 (default: a free one). */
  port?: number;
  /** A config file inside the project, passed with --config (default E2E_CONFIG). */
  config?: string;
  /** Extra environment for the node process. */
  env?: NodeJS.ProcessEnv;
  /**
   * Fork this JSON-RPC URL (`hardhat node --fork`). The helper then mines one block: a call
   * in the fork block itself runs with the remote chain's hardfork history, which Hardhat
   * does not know for a local chain ("No known hardfork for execution on historical block").
   */
  fork?: string;
  /** How long to wait for the first answer (default 60 s). */
  readyTimeoutMs?: number;
}

export interface RunningNode {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  /** The PID of the node process; changes on restart. */
  readonly pid: number;
  readonly chainId: number;
  /** Everything the node printed so far. */
  output(): string;
  /** Ends the process (SIGTERM, then SIGKILL) and waits until it is gone. */
  stop(): Promise<void>;
  /** Stops the node and starts a new one (a new chain) with the same options on the same port. */
  restart(): Promise<void>;
}

const running = new Set<RunningNode>();

/** A port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

let rpcId = 0;

/** One JSON-RPC call; throws the node's error message on an error answer. */
export async function jsonRpc<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: ++rpcId, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error !== undefined) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

/** Starts `hardhat node --hostname 127.0.0.1 --port N` and waits until it answers. */
export async function startHardhatNode(options: StartNodeOptions = {}): Promise<RunningNode> {
  const chainId = options.chainId ?? DEFAULT_CHAIN_ID;
  const config = options.config ?? E2E_CONFIG;
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const args = [
    "--config",
    config,
    "node",
    "--hostname",
    "127.0.0.1",
    "--port",
    String(port),
    ...(options.fork === undefined ? [] : ["--fork", options.fork]),
  ];
  const env = { HOKUSAI_E2E_CHAIN_ID: String(chainId), ...options.env };
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;

  let process_ = await launch(args, options.fork !== undefined, env, url, chainId, readyTimeoutMs);
  const node: RunningNode = {
    url,
    port,
    chainId,
    get pid() {
      return process_.pid;
    },
    output: () => process_.stdout() + process_.stderr(),
    stop: async () => {
      running.delete(node);
      await terminate(process_);
    },
    restart: async () => {
      await terminate(process_);
      process_ = await launch(args, options.fork !== undefined, env, url, chainId, readyTimeoutMs);
    },
  };
  running.add(node);
  return node;
}

/** Stops every node this process started and has not stopped yet. */
export async function stopAllNodes(): Promise<void> {
  await Promise.all([...running].map((node) => node.stop()));
}

async function launch(
  args: string[],
  forking: boolean,
  env: NodeJS.ProcessEnv,
  url: string,
  chainId: number,
  timeoutMs: number,
): Promise<SpawnedHardhat> {
  const child = spawnHardhat(args, { env });
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void child.done.then(() => (ended = true));
  for (;;) {
    if (ended) {
      throw new Error(`hardhat node ended before answering at ${url}\n${child.stdout()}\n${child.stderr()}`);
    }
    try {
      const answered = Number(await jsonRpc<string>(url, "eth_chainId"));
      if (answered !== chainId) {
        await terminate(child);
        throw new Error(`the node at ${url} serves chain ${answered}, not ${chainId}`);
      }
      if (forking) await jsonRpc(url, "evm_mine");
      return child;
    } catch (error) {
      if (error instanceof Error && /serves chain/.test(error.message)) throw error;
    }
    if (Date.now() > deadline) {
      await terminate(child);
      throw new Error(`hardhat node did not answer at ${url} within ${timeoutMs} ms\n${child.stdout()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

async function terminate(child: SpawnedHardhat): Promise<void> {
  const timer = setTimeout(() => child.child.kill("SIGKILL"), 5_000);
  await child.kill("SIGTERM");
  clearTimeout(timer);
}
