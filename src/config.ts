import path from "path";

import type { HardhatConfig, HardhatUserConfig, HttpNetworkConfig } from "hardhat/types";

import type { HokusaiConfig, HokusaiNetworkConfig, HokusaiUserConfig } from "./types";

import { DEFAULT_IPFS_GATEWAY } from "./core/license/uri";

export { DEFAULT_IPFS_GATEWAY };
export const DEFAULT_DEPLOYMENTS_DIR = "deployments";
export const SEPOLIA_CHAIN_ID = 11155111;
export const MAINNET_CHAIN_ID = 1;
/** Stands in for the URL of a sepolia network whose RPC_URL is not set, so tasks can say so clearly. */
export const UNSET_RPC_URL = "http://rpc-url-is-not-set.invalid";

const KNOWN_EXPLORERS: Record<string, string> = {
  sepolia: "https://sepolia.etherscan.io",
  mainnet: "https://etherscan.io",
};

/**
 * The networks the guide's address variables fill in: sepolia, as in the guide, and
 * localhost, where `hokusai:devnet` prints them. Never a network of a project's own.
 */
export const GUIDE_ENV_NETWORKS = ["sepolia", "localhost"];

/** The guide's environment variables, and those `hokusai:devnet` prints beside them. */
export const GUIDE_ENV = {
  rpcUrl: "RPC_URL",
  mainnetRpcUrl: "MAINNET_RPC_URL",
  privateKey: "PRIVATE_KEY",
  tokenManager: "TOKEN_MANAGER_ADDRESS",
  governor: "GOVERNOR_ADDRESS",
  modelSupplierRecipient: "MODEL_SUPPLIER_RECIPIENT",
  ammFactory: "AMM_FACTORY_ADDRESS",
  modelRegistry: "MODEL_REGISTRY_ADDRESS",
  usdc: "USDC_ADDRESS",
  purchaserWhitelist: "PURCHASER_WHITELIST_ADDRESS",
} as const;

/** The per-network settings that name an address, each with its environment variable. */
export const NETWORK_ADDRESS_FIELDS = [
  "tokenManager",
  "ammFactory",
  "modelRegistry",
  "usdc",
  "purchaserWhitelist",
  "governor",
  "modelSupplierRecipient",
] as const;

/** Reads a variable from the environment, then from `npx hardhat vars`. */
export type VariableSource = (name: string) => string | undefined;

/** Environment first, then Hardhat's configuration variables store. */
export function defaultVariableSource(): VariableSource {
  return (name) => {
    const fromEnv = process.env[name];
    if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
    try {
      const { vars } = require("hardhat/config") as typeof import("hardhat/config");
      return vars.has(name) ? vars.get(name) : undefined;
    } catch {
      return undefined;
    }
  };
}

/**
 * Resolves the `hokusai` config section: config beats environment, and the
 * guide's environment variables fill in the `sepolia` network.
 */
export function resolveHokusaiConfig(
  user: HokusaiUserConfig | undefined,
  root: string,
  variables: VariableSource = defaultVariableSource(),
): HokusaiConfig {
  const networks: Record<string, HokusaiNetworkConfig> = {};
  const names = new Set([
    ...Object.keys(KNOWN_EXPLORERS),
    ...GUIDE_ENV_NETWORKS,
    ...Object.keys(user?.networks ?? {}),
  ]);
  for (const name of names) {
    const given = user?.networks?.[name] ?? {};
    const fromEnv = GUIDE_ENV_NETWORKS.includes(name) ? variables : () => undefined;
    const network: HokusaiNetworkConfig = {
      explorerUrl: (given.explorerUrl ?? KNOWN_EXPLORERS[name])?.replace(/\/+$/, ""),
      sources: {},
    };
    for (const field of NETWORK_ADDRESS_FIELDS) {
      const configured = given[field];
      const value = configured ?? fromEnv(GUIDE_ENV[field]);
      if (value === undefined) continue;
      network[field] = value;
      network.sources![field] =
        configured !== undefined ? `hokusai.networks.${name}.${field}` : GUIDE_ENV[field];
    }
    networks[name] = network;
  }
  return {
    networks,
    ipfsGateway: (user?.ipfsGateway ?? DEFAULT_IPFS_GATEWAY).replace(/\/+$/, ""),
    deploymentsDir: path.resolve(
      root,
      user?.deploymentsDir ?? variables("HOKUSAI_DEPLOYMENTS_DIR") ?? DEFAULT_DEPLOYMENTS_DIR,
    ),
    maxFeePerGasGwei: user?.maxFeePerGasGwei,
    replaceAfterSeconds: user?.replaceAfterSeconds,
    localStack: localStackOf(user?.localStack),
  };
}

function localStackOf(value: unknown): "live" | "guide" {
  if (value === undefined) return "live";
  if (value === "live" || value === "guide") return value;
  const { HokusaiError } = require("./core/errors/error") as typeof import("./core/errors/error");
  const { toPluginError } = require("./errors") as typeof import("./errors");
  throw toPluginError(
    new HokusaiError(
      "invalidConfig",
      `hokusai.localStack ${JSON.stringify(value)} is invalid: use "live" (the stack Sepolia and mainnet run) or "guide" in hardhat.config.ts`,
    ),
  );
}

/** True for an RPC URL on this machine (127.0.0.1, localhost, [::1]). */
export function isLoopbackUrl(url: string): boolean {
  try {
    return /^(127\.|localhost$|\[::1\]$)/.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * `--network localhost` takes RPC_URL when it names a node on this machine (as
 * `hokusai:devnet` prints it) and the project gives localhost no URL of its own; an
 * RPC_URL elsewhere is the guide's sepolia endpoint, never localhost's.
 */
export function applyLocalhostRpcUrl(
  config: HardhatConfig,
  userConfig: Readonly<HardhatUserConfig>,
  variables: VariableSource = defaultVariableSource(),
): void {
  const url = variables(GUIDE_ENV.rpcUrl);
  const local = config.networks.localhost as HttpNetworkConfig | undefined;
  const own = (userConfig.networks?.localhost as { url?: string } | undefined)?.url;
  if (url === undefined || local === undefined || own !== undefined || !isLoopbackUrl(url)) return;
  local.url = url;
}

/** A 32-byte hex private key, with or without 0x; never echoes the value. */
export function normalizePrivateKey(key: string): string | undefined {
  const hex = key.trim().replace(/^0x/i, "");
  return /^[0-9a-fA-F]{64}$/.test(hex) ? `0x${hex}` : undefined;
}

/**
 * Adds a `sepolia` network from RPC_URL and PRIVATE_KEY, and a `mainnet` network from
 * MAINNET_RPC_URL and PRIVATE_KEY, where the project defines none of its own, as the
 * guide's environment expects. A missing URL or malformed key is left for the tasks to
 * report (with the fix) when the network is actually used.
 */
export function addGuideSepoliaNetwork(
  config: HardhatConfig,
  userConfig: Readonly<HardhatUserConfig>,
  variables: VariableSource = defaultVariableSource(),
): void {
  const rawKey = variables(GUIDE_ENV.privateKey);
  const key = rawKey === undefined ? undefined : normalizePrivateKey(rawKey);
  const networks: Array<[string, string, number]> = [
    ["sepolia", GUIDE_ENV.rpcUrl, SEPOLIA_CHAIN_ID],
    ["mainnet", GUIDE_ENV.mainnetRpcUrl, MAINNET_CHAIN_ID],
  ];
  for (const [name, urlVariable, chainId] of networks) {
    if (userConfig.networks?.[name] !== undefined) continue;
    const network = {
      url: variables(urlVariable) ?? UNSET_RPC_URL,
      chainId,
      accounts: key === undefined ? [] : [key],
      gas: "auto",
      gasPrice: "auto",
      gasMultiplier: 1,
      timeout: 40_000,
      httpHeaders: {},
      // Filled in by hardhat-ignition's own extender when it runs after this one.
      ignition: {},
    };
    config.networks[name] = network as HttpNetworkConfig;
  }
}
