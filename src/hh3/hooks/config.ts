/**
 * The `hokusai` config section in Hardhat 3: the guide's sepolia and mainnet networks
 * from RPC_URL / MAINNET_RPC_URL and PRIVATE_KEY (as configuration variables, read when
 * the network is used) where the project defines none, `localhost` at RPC_URL when it
 * names a node on this machine (as `hokusai:devnet` prints it), a check of the
 * section, and the same resolution as Hardhat 2's (src/config.ts).
 */
import * as hardhatConfig from "hardhat/config";

import {
  defaultVariableSource,
  GUIDE_ENV,
  isLoopbackUrl,
  MAINNET_CHAIN_ID,
  resolveHokusaiConfig,
  SEPOLIA_CHAIN_ID,
} from "../../config";
import { LOCAL_STACKS } from "../../hardhat/local-system";
import type { Hardhat3UserConfig, Hardhat3ValidationError } from "../hardhat3";

const { configVariable } = hardhatConfig as unknown as { configVariable(name: string): object };

type Next<T> = (config: Hardhat3UserConfig) => Promise<T>;

export async function extendUserConfig(
  config: Hardhat3UserConfig,
  next: Next<Hardhat3UserConfig>,
): Promise<Hardhat3UserConfig> {
  const extended = await next(config);
  const networks = { ...extended.networks };
  // The project's own networks, before the defaults Hardhat adds (its localhost among them).
  const own = config.networks ?? {};
  const guide: Array<[string, string, number]> = [
    ["sepolia", GUIDE_ENV.rpcUrl, SEPOLIA_CHAIN_ID],
    ["mainnet", GUIDE_ENV.mainnetRpcUrl, MAINNET_CHAIN_ID],
  ];
  for (const [name, urlVariable, chainId] of guide) {
    if (own[name] !== undefined) continue;
    networks[name] = {
      type: "http",
      chainType: "l1",
      chainId,
      url: configVariable(urlVariable),
      accounts: [configVariable(GUIDE_ENV.privateKey)],
    };
  }
  const rpcUrl = defaultVariableSource()(GUIDE_ENV.rpcUrl);
  if (own.localhost === undefined && rpcUrl !== undefined && isLoopbackUrl(rpcUrl)) {
    networks.localhost = { type: "http", url: rpcUrl };
  }
  return { ...extended, networks };
}

export async function validateUserConfig(config: Hardhat3UserConfig): Promise<Hardhat3ValidationError[]> {
  const section = config.hokusai as Record<string, unknown> | undefined;
  if (section === undefined) return [];
  if (typeof section !== "object" || section === null) {
    return [{ path: ["hokusai"], message: "hokusai must be an object (see the README's Hardhat 3 section)" }];
  }
  const errors: Hardhat3ValidationError[] = [];
  if (section.localStack !== undefined && !LOCAL_STACKS.includes(section.localStack as never)) {
    errors.push({
      path: ["hokusai", "localStack"],
      message: `hokusai.localStack ${JSON.stringify(section.localStack)} is invalid: use "live" (the stack Sepolia and mainnet run) or "guide"`,
    });
  }
  for (const key of ["ipfsGateway", "deploymentsDir"]) {
    if (section[key] !== undefined && typeof section[key] !== "string") {
      errors.push({ path: ["hokusai", key], message: `hokusai.${key} must be a string` });
    }
  }
  if (section.maxFeePerGasGwei !== undefined && typeof section.maxFeePerGasGwei !== "number") {
    errors.push({
      path: ["hokusai", "maxFeePerGasGwei"],
      message: "hokusai.maxFeePerGasGwei must be a number",
    });
  }
  if (section.networks !== undefined && (typeof section.networks !== "object" || section.networks === null)) {
    errors.push({ path: ["hokusai", "networks"], message: "hokusai.networks must be an object of networks" });
  }
  return errors;
}

export async function resolveUserConfig(
  userConfig: Hardhat3UserConfig,
  resolveConfigurationVariable: unknown,
  next: (config: Hardhat3UserConfig, resolve: unknown) => Promise<{ paths: { root: string } }>,
): Promise<object> {
  const resolved = await next(userConfig, resolveConfigurationVariable);
  return { ...resolved, hokusai: resolveHokusaiConfig(userConfig.hokusai, resolved.paths.root) };
}

export default async () => ({ extendUserConfig, validateUserConfig, resolveUserConfig });
