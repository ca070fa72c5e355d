/**
 * The addresses of the Hokusai contracts a task uses, and where each came from: the
 * flag, else the config (`hokusai.networks.<network>`), else the environment (sepolia
 * and localhost), else the platform's address book for the chain (checked on chain
 * first), else on the in-process network the mock system the plugin deploys.
 */
import type { HokusaiHost } from "./host";

import { GUIDE_ENV, GUIDE_ENV_NETWORKS } from "../config";
import {
  ADDRESS_BOOK,
  ADDRESS_OPTION,
  type AddressBookKind,
  checkAddressBookEntry,
} from "../core/address-book";
import { flagNamer } from "../errors";
import type { NamedContracts } from "../core/named";
import { findModelRegistry } from "../core/registry";
import { parseAddress } from "../core/validate";
import { missingAddressError } from "./errors";
import { ensureLocalSystem } from "./local-system";
import { isInProcess, rpcProvider } from "./network";

export type AddressKind = AddressBookKind;

export interface ResolvedAddress {
  address: string;
  /** `--token-manager`, `hokusai.networks.sepolia.tokenManager`, `TOKEN_MANAGER_ADDRESS`, `address book (sepolia, 2026-06-27)` or `in-process mock system`. */
  source: string;
}

/** How to name an address instead of the address book's, for its error. */
function overrides(network: string, kind: AddressKind): string {
  const env = GUIDE_ENV_NETWORKS.includes(network) ? `, export ${GUIDE_ENV[kind]}=0x...` : "";
  return `set hokusai.networks.${network}.${kind} in hardhat.config.ts${env}`;
}

/** The address of `kind` the project names, in its config or (sepolia, localhost) the environment. */
function configuredAddress(hre: HokusaiHost, kind: AddressKind): ResolvedAddress | undefined {
  const network = hre.config.hokusai.networks[hre.network.name];
  const configured = network?.[kind];
  if (configured === undefined || configured === "") return undefined;
  const source = network?.sources?.[kind] ?? `hokusai.networks.${hre.network.name}.${kind}`;
  return { address: parseAddress(source, configured), source };
}

/**
 * The ModelRegistry and USDC the project names: the chain's wiring gives both, so a
 * name is only checked against it, before anything is sent.
 */
export function namedContracts(hre: HokusaiHost): NamedContracts {
  const named: NamedContracts = {};
  for (const kind of ["modelRegistry", "usdc"] as const) {
    const found = configuredAddress(hre, kind);
    if (found !== undefined) named[kind] = found;
  }
  return named;
}

/** The address of `kind`, or undefined when nothing names one. */
export async function findAddress(
  hre: HokusaiHost,
  chainId: number,
  kind: AddressKind,
  flagValue?: string,
): Promise<ResolvedAddress | undefined> {
  if (flagValue !== undefined && flagValue !== "") {
    return {
      address: parseAddress(ADDRESS_OPTION[kind], flagValue),
      source: flagNamer(ADDRESS_OPTION[kind]),
    };
  }
  const configured = configuredAddress(hre, kind);
  if (configured !== undefined) return configured;
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
    await checkAddressBookEntry(rpcProvider(hre), entry, [kind], (k) => overrides(hre.network.name, k));
    return { address: entry[kind], source: `address book (${entry.network}, ${entry.deployedAt})` };
  }
  return undefined;
}

/** The address of `kind`; one line naming every way to give it when nothing does. */
export async function requireAddress(
  hre: HokusaiHost,
  chainId: number,
  kind: AddressKind,
  flagValue?: string,
): Promise<ResolvedAddress> {
  const found = await findAddress(hre, chainId, kind, flagValue);
  if (found !== undefined) return found;
  const env = GUIDE_ENV_NETWORKS.includes(hre.network.name) ? GUIDE_ENV[kind] : undefined;
  throw missingAddressError(kind, ADDRESS_OPTION[kind], hre.network.name, env);
}

/**
 * The PurchaserWhitelist a launch gates its pools with: the flag, else (only where the
 * TokenManager is wired to a ModelRegistry, the live stack) the config, environment,
 * address book or local mock. The guide's factory attaches none, so none is looked up.
 */
export async function findWhitelist(
  hre: HokusaiHost,
  chainId: number,
  tokenManager: string,
  flagValue?: string,
): Promise<string | undefined> {
  if (flagValue === undefined || flagValue === "") {
    if ((await findModelRegistry(rpcProvider(hre), tokenManager)) === undefined) return undefined;
  }
  return (await findAddress(hre, chainId, "purchaserWhitelist", flagValue))?.address;
}
