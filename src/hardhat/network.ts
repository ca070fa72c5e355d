/**
 * Where the plugin meets the Hardhat network: which addresses to use, and the
 * checks every task makes before it reads or signs.
 */
import debug from "debug";
import type { Provider } from "ethers";

import type { HokusaiHost } from "./host";

import { retryingProvider } from "../core/chain/retry";
import { defaultVariableSource, GUIDE_ENV, normalizePrivateKey, UNSET_RPC_URL } from "../config";
import { malformedPrivateKeyError, rpcUnreachableError, rpcUrlNotSetError, wrongChainError } from "./errors";

const log = debug("hardhat:hokusai:network");

export const HARDHAT_NETWORK = "hardhat";

/**
 * True on the in-process network, where the plugin brings its own mock system:
 * Hardhat 2's `hardhat`, or a Hardhat 3 network of type `edr-simulated`.
 */
export function isInProcess(hre: HokusaiHost): boolean {
  return hre.network.name === HARDHAT_NETWORK || hre.network.config.type === "edr-simulated";
}

/** The host of an RPC URL, without the path or query where providers put API keys. */
export function redactRpcUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return "<unparseable RPC URL>";
  }
}

const retrying = new WeakMap<object, Provider>();

/**
 * The network's ethers provider with its reads and broadcasts retried on RPC faults (the
 * core's policy, src/core/chain/retry.ts), naming the RPC by its host only. Hardhat's HTTP
 * transport already retries an HTTP 429 itself when its Retry-After is 5 s or less (up to 7
 * times); when it gives up ("Too Many Requests error received from ...") it has waited
 * what the RPC asked or the RPC asked for longer, so the plugin's own pauses are then 5 s at
 * least rather than starting from half a second.
 */
export function rpcProvider(hre: HokusaiHost): Provider {
  const base = hre.ethers.provider as unknown as Provider;
  if (isInProcess(hre)) return base;
  let wrapped = retrying.get(base);
  if (wrapped === undefined) {
    wrapped = retryingProvider(base, {
      host: hre.network.config.url !== undefined ? redactRpcUrl(hre.network.config.url) : hre.network.name,
      hint: (error) =>
        /Too Many Requests error received from/.test((error as Error)?.message ?? "")
          ? { retryAfterMs: 5_000 }
          : undefined,
    });
    retrying.set(base, wrapped);
  }
  return wrapped;
}

/**
 * Before anything else: the network has a URL and a well-formed key, the RPC
 * answers, and its chain id is the one the network is configured with.
 * Returns the chain id.
 */
export async function checkNetwork(hre: HokusaiHost): Promise<number> {
  checkNetworkConfig(hre);
  return readChainId(hre);
}

/** The network's config alone, before any request: a URL that is set and a well-formed key. */
export function checkNetworkConfig(hre: HokusaiHost): void {
  const config = hre.network.config;
  const url = "url" in config ? config.url : undefined;
  if (url === UNSET_RPC_URL) {
    throw rpcUrlNotSetError(
      hre.network.name,
      hre.network.name === "mainnet" ? GUIDE_ENV.mainnetRpcUrl : GUIDE_ENV.rpcUrl,
    );
  }
  if (hre.network.name === "sepolia" || hre.network.name === "mainnet") {
    const raw = defaultVariableSource()(GUIDE_ENV.privateKey);
    if (raw !== undefined && normalizePrivateKey(raw) === undefined) {
      throw malformedPrivateKeyError(GUIDE_ENV.privateKey);
    }
  }
}

/** The chain id the RPC answers, checked against the network's config. */
export async function readChainId(hre: HokusaiHost): Promise<number> {
  const config = hre.network.config;
  const url = "url" in config ? config.url : undefined;
  let chainId: number;
  try {
    chainId = Number(await hre.network.provider.send("eth_chainId", []));
  } catch (error) {
    // The error may repeat the URL (and the API key in it): log it with the URL reduced to its host.
    log(
      "eth_chainId failed: %s",
      url === undefined ? errorChainText(error) : errorChainText(error).split(url).join(redactRpcUrl(url)),
    );
    // Hardhat checks the chain id itself on the first request (HH101).
    const mismatch = /connected to a chain with id (\d+)/.exec((error as Error)?.message ?? "");
    if (mismatch !== null && config.chainId !== undefined) {
      throw wrongChainError(hre.network.name, config.chainId, Number(mismatch[1]));
    }
    throw rpcUnreachableError(
      hre.network.name,
      url === undefined ? hre.network.name : redactRpcUrl(url),
      describeConnectionError(error),
    );
  }
  if (config.chainId !== undefined && config.chainId !== chainId) {
    throw wrongChainError(hre.network.name, config.chainId, chainId);
  }
  return chainId;
}

/** The messages of an error and of the errors it wraps (Hardhat's `parent`, standard `cause`). */
function errorChainText(error: unknown, depth = 0): string {
  if (!(error instanceof Error) || depth > 5) return error === undefined ? "" : String(error);
  const inner = error as Error & { parent?: unknown; cause?: unknown; code?: unknown };
  return [
    inner.message,
    String(inner.code ?? ""),
    errorChainText(inner.parent, depth + 1),
    errorChainText(inner.cause, depth + 1),
  ].join(" ");
}

function describeConnectionError(error: unknown): string {
  const text = errorChainText(error);
  if (/ECONNREFUSED/.test(text)) return "connection refused";
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return "host not found";
  if (/timeout|ETIMEDOUT|UND_ERR_HEADERS_TIMEOUT/i.test(text)) return "no answer before the timeout";
  if (/ECONNRESET/.test(text)) return "connection reset";
  return "the request failed";
}
