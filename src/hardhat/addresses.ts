/**
 * The addresses of the Hokusai contracts a task uses, and where each came from: the
 * flag, else the config (`hokusai.networks.<network>`), else the environment (sepolia
 * and localhost), else the platform's address book for the chain (checked on chain
 * first), else on the in-process network the mock system the plugin deploys.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { GUIDE_ENV, GUIDE_ENV_NETWORKS } from "../config";
import { ADDRESS_BOOK, type AddressBookKind, checkAddressBookEntry } from "../core/address-book";
import { parseAddress } from "../core/validate";
import { missingAddressError } from "./errors";
import { ensureLocalSystem } from "./local-system";
import { isInProcess } from "./network";

export type AddressKind = AddressBookKind;

export interface ResolvedAddress {
  address: string;
  /** `--token-manager`, `hokusai.networks.sepolia.tokenManager`, `TOKEN_MANAGER_ADDRESS`, `address book (sepolia, 2026-06-27)` or `in-process mock system`. */
  source: string;
}

/** The option that names each address (the whitelist's is `whitelist`). */
const FIELDS: Record<AddressKind, string> = {
  tokenManager: "tokenManager",
  ammFactory: "ammFactory",
  modelRegistry: "modelRegistry",
  usdc: "usdc",
  purchaserWhitelist: "whitelist",
};

const FLAG_NAMES: Record<AddressKind, string> = {
  tokenManager: "--token-manager",
  ammFactory: "--amm-factory",
  modelRegistry: "--model-registry",
  usdc: "--usdc",
  purchaserWhitelist: "--whitelist",
};

/** How to name an address instead of the address book's, for its error. */
function overrides(network: string, kind: AddressKind): string {
  const env = GUIDE_ENV_NETWORKS.includes(network) ? `, export ${GUIDE_ENV[kind]}=0x...` : "";
  return `set hokusai.networks.${network}.${kind} in hardhat.config.ts${env}`;
}

/** The address of `kind`, or undefined when nothing names one. */
export async function findAddress(
  hre: HardhatRuntimeEnvironment,
  chainId: number,
  kind: AddressKind,
  flagValue?: string,
): Promise<ResolvedAddress | undefined> {
  if (flagValue !== undefined && flagValue !== "") {
    return { address: parseAddress(FIELDS[kind], flagValue), source: FLAG_NAMES[kind] };
  }
  const network = hre.config.hokusai.networks[hre.network.name];
  const configured = network?.[kind];
  if (configured !== undefined && configured !== "") {
    const source = network?.sources?.[kind] ?? `hokusai.networks.${hre.network.name}.${kind}`;
    return { address: parseAddress(source, configured), source };
  }
  if (isInProcess(hre)) {
    const system = await ensureLocalSystem(hre);
    const address =
      kind === "purchaserWhitelist" ? system.purchaserWhitelist : system[kind as keyof typeof system];
    return typeof address === "string" && address.startsWith("0x")
      ? { address, source: `in-process mock system (${system.stack} stack)` }
      : undefined;
  }
  const entry = ADDRESS_BOOK[chainId];
  if (entry !== undefined) {
    await checkAddressBookEntry(hre.ethers.provider, entry, [kind], (k) => overrides(hre.network.name, k));
    return { address: entry[kind], source: `address book (${entry.network}, ${entry.deployedAt})` };
  }
  return undefined;
}

/** The address of `kind`; one line naming every way to give it when nothing does. */
export async function requireAddress(
  hre: HardhatRuntimeEnvironment,
  chainId: number,
  kind: AddressKind,
  flagValue?: string,
): Promise<ResolvedAddress> {
  const found = await findAddress(hre, chainId, kind, flagValue);
  if (found !== undefined) return found;
  const env = GUIDE_ENV_NETWORKS.includes(hre.network.name) ? GUIDE_ENV[kind] : undefined;
  throw missingAddressError(kind, FIELDS[kind], hre.network.name, env);
}
