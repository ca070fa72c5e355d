/**
 * The live stack's ModelRegistry, as the tools read it: which registry a TokenManager is
 * wired to, and whether a model is registered and active there. The registry keys
 * models by number: a string id counts only when it is all decimal digits.
 */
import { getAddress, type Provider, ZeroAddress } from "ethers";

import { MODEL_REGISTRY_ABI, TOKEN_MANAGER_READ_ABI } from "./abi";
import { optionalGetter } from "./read";
import { contractFor } from "./chain/contract";

/** The ModelRegistry a TokenManager is wired to (the live stack's registry()); undefined on the guide's stack. */
export async function findModelRegistry(
  provider: Provider,
  tokenManager: string,
): Promise<string | undefined> {
  const manager = contractFor(tokenManager, TOKEN_MANAGER_READ_ABI, provider);
  const registry = await optionalGetter(() => manager.registry() as Promise<string>);
  return registry === undefined || registry === ZeroAddress ? undefined : getAddress(registry);
}

/** A model id the registry takes: decimal digits without a leading zero ("28"; "028" would be 28 too). */
export function isRegistryModelId(modelId: string): boolean {
  return /^(0|[1-9]\d*)$/.test(modelId);
}

export interface Registration {
  registry: string;
  registered: boolean;
  active: boolean;
  /** The token the registry holds for the model. */
  token?: string;
  performanceMetric?: string;
}

/** Whether `modelId` is registered and active in `registry`; an id the registry cannot take is neither. */
export async function readRegistration(
  provider: Provider,
  registry: string,
  modelId: string,
): Promise<Registration> {
  const r = contractFor(registry, MODEL_REGISTRY_ABI, provider);
  if (!isRegistryModelId(modelId)) return { registry, registered: false, active: false };
  const [registered, active, entry] = await Promise.all([
    optionalGetter(() => r.isStringRegistered(modelId) as Promise<boolean>),
    optionalGetter(() => r.isStringActive(modelId) as Promise<boolean>),
    optionalGetter(
      () =>
        r.modelsByString(modelId) as Promise<{
          tokenAddress: string;
          performanceMetric: string;
          active: boolean;
        }>,
    ),
  ]);
  const token =
    entry === undefined || entry.tokenAddress === ZeroAddress ? undefined : getAddress(entry.tokenAddress);
  return {
    registry,
    registered: registered ?? token !== undefined,
    active: active ?? entry?.active ?? false,
    token,
    performanceMetric: entry?.performanceMetric === "" ? undefined : entry?.performanceMetric,
  };
}
