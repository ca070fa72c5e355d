import path from "path";

import type { HardhatConfig, HardhatUserConfig, HttpNetworkConfig } from "hardhat/types";

import type { HokusaiConfig, HokusaiNetworkConfig, HokusaiUserConfig } from "./types";

import { DEFAULT_IPFS_GATEWAY } from "./core/license/uri";

export { DEFAULT_IPFS_GATEWAY };
export const DEFAULT_DEPLOYMENTS_DIR = "deployments";
export const SEPOLIA_CHAIN_ID = 11155111;
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

/** The guide's environment variables. */
export const GUIDE_ENV = {
  rpcUrl: "RPC_URL",
  privateKey: "PRIVATE_KEY",
  tokenManager: "TOKEN_MANAGER_ADDRESS",
  governor: "GOVERNOR_ADDRESS",
  modelSupplierRecipient: "MODEL_SUPPLIER_RECIPIENT",
  ammFactory: "AMM_FACTORY_ADDRESS",
} as const;

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
    networks[name] = {
      tokenManager: given.tokenManager ?? fromEnv(GUIDE_ENV.tokenManager),
      ammFactory: given.ammFactory ?? fromEnv(GUIDE_ENV.ammFactory),
      governor: given.governor ?? fromEnv(GUIDE_ENV.governor),
      modelSupplierRecipient: given.modelSupplierRecipient ?? fromEnv(GUIDE_ENV.modelSupplierRecipient),
      explorerUrl: (given.explorerUrl ?? KNOWN_EXPLORERS[name])?.replace(/\/+$/, ""),
    };
  }
  return {
    networks,
    ipfsGateway: (user?.ipfsGateway ?? DEFAULT_IPFS_GATEWAY).replace(/\/+$/, ""),
    deploymentsDir: path.resolve(
      root,
      user?.deploymentsDir ?? variables("HOKUSAI_DEPLOYMENTS_DIR") ?? DEFAULT_DEPLOYMENTS_DIR,
    ),
    maxFeePerGasGwei: user?.maxFeePerGasGwei,
  };
}

/** A 32-byte hex private key, with or without 0x; never echoes the value. */
export function normalizePrivateKey(key: string): string | undefined {
  const hex = key.trim().replace(/^0x/i, "");
  return /^[0-9a-fA-F]{64}$/.test(hex) ? `0x${hex}` : undefined;
}

/**
 * Adds a `sepolia` network from RPC_URL and PRIVATE_KEY when the project does not
 * define one, as the guide's environment expects. A missing URL or malformed key is
 * left for the tasks to report (with the fix) when sepolia is actually used.
 */
export function addGuideSepoliaNetwork(
  config: HardhatConfig,
  userConfig: Readonly<HardhatUserConfig>,
  variables: VariableSource = defaultVariableSource(),
): void {
  if (userConfig.networks?.sepolia !== undefined) return;
  const rawKey = variables(GUIDE_ENV.privateKey);
  const key = rawKey === undefined ? undefined : normalizePrivateKey(rawKey);
  const network = {
    url: variables(GUIDE_ENV.rpcUrl) ?? UNSET_RPC_URL,
    chainId: SEPOLIA_CHAIN_ID,
    accounts: key === undefined ? [] : [key],
    gas: "auto",
    gasPrice: "auto",
    gasMultiplier: 1,
    timeout: 40_000,
    httpHeaders: {},
    // Filled in by hardhat-ignition's own extender when it runs after this one.
    ignition: {},
  };
  config.networks.sepolia = network as HttpNetworkConfig;
}
