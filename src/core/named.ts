/**
 * The contracts a project may name that the chain's wiring names already: the ModelRegistry
 * (the TokenManager's `registry()`) and the pools' USDC (the AMM factory's
 * `reserveToken()`). The steps use what the chain is wired to; a name that differs means
 * the project points at two deployments, so the run stops before it sends anything.
 */
import { getAddress } from "ethers";

import { namedContractMismatchError } from "./errors";

export interface NamedAddress {
  address: string;
  /** `MODEL_REGISTRY_ADDRESS`, `hokusai.networks.sepolia.usdc`, ... */
  source: string;
}

export interface NamedContracts {
  modelRegistry?: NamedAddress;
  usdc?: NamedAddress;
}

const WIRING = {
  modelRegistry: { what: "ModelRegistry", by: "TokenManager", field: "tokenManager" },
  usdc: { what: "USDC", by: "AMM factory", field: "ammFactory" },
} as const;

/** Stops when the project names a `kind` that `wiredBy` (the TokenManager or factory) is not wired to. */
export function checkNamedContract(
  named: NamedContracts | undefined,
  kind: keyof NamedContracts,
  wiredBy: string,
  onChain: string | undefined,
): void {
  const name = named?.[kind];
  if (name === undefined) return;
  if (onChain !== undefined && getAddress(onChain) === getAddress(name.address)) return;
  throw namedContractMismatchError({ ...WIRING[kind], address: wiredBy }, name, onChain);
}
