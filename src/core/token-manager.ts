/**
 * Reading a TokenManager: which ABI it speaks, what it holds for a model.
 * Everything here reads the chain only.
 */
import { Contract, type ContractRunner, type Provider, ZeroAddress } from "ethers";

import { noCodeError, unknownTokenManagerAbiError } from "./errors";
import {
  DEPLOY_SELECTOR_V1,
  DEPLOY_SELECTOR_V2,
  HOKUSAI_PARAMS_ABI,
  HOKUSAI_TOKEN_ABI,
  TOKEN_MANAGER_V1_ABI,
  TOKEN_MANAGER_V2_ABI,
} from "./abi";
import { optionalRead, readHokusai } from "./read";

export type TokenManagerAbi = "v1" | "v2";

/** PUSH4 <selector> as it stands in a contract's dispatcher. */
function push4(selector: string): string {
  return `63${selector.slice(2).toLowerCase()}`;
}

/**
 * Tells which deployTokenWithAllocations a TokenManager dispatches by looking for
 * the selector in its runtime code, before anything is sent.
 */
export async function detectTokenManagerAbi(
  provider: Provider,
  address: string,
  where = "this network",
): Promise<TokenManagerAbi> {
  const code = (await provider.getCode(address)).toLowerCase();
  if (code === "0x") throw noCodeError("TokenManager", address, where, "tokenManager");
  if (code.includes(push4(DEPLOY_SELECTOR_V2))) return "v2";
  if (code.includes(push4(DEPLOY_SELECTOR_V1))) return "v1";
  throw unknownTokenManagerAbiError(address);
}

export function tokenManagerContract(
  address: string,
  abi: TokenManagerAbi,
  runner: ContractRunner,
): Contract {
  return new Contract(address, abi === "v2" ? TOKEN_MANAGER_V2_ABI : TOKEN_MANAGER_V1_ABI, runner);
}

/** What the chain holds for a deployed model. */
export interface DeployedModel {
  modelId: string;
  token: string;
  params: string;
  name: string;
  symbol: string;
  maxSupply: bigint;
  totalSupply: bigint;
  modelSupplierAllocation: bigint;
  modelSupplierRecipient: string;
  modelSupplierDistributed: boolean;
  /** Undefined on tokens of the older v1 stack, which lack the getter. */
  investorAllocation?: bigint;
  investorMinted?: bigint;
  tokensPerDeltaOne: bigint;
  infrastructureAccrualBps: number;
  initialOraclePricePerThousandUsd: bigint;
  licenseHash: string;
  licenseURI: string;
  /** Undefined when the params contract does not say (it may have no governor() getter). */
  governor?: string;
}

/** The token address of a model id, or undefined when it has none. */
export async function findModelToken(
  provider: Provider,
  tokenManager: string,
  modelId: string,
  blockTag: "latest" | "pending" = "latest",
): Promise<string | undefined> {
  const manager = new Contract(tokenManager, TOKEN_MANAGER_V1_ABI, provider);
  const token = await readHokusai(() => manager.getTokenAddress(modelId, { blockTag }) as Promise<string>, {
    what: "TokenManager",
    address: tokenManager,
    field: "tokenManager",
  });
  return token === ZeroAddress ? undefined : token;
}

/** Reads a deployed model's token and params; undefined when the model id has no token. */
export async function readDeployedModel(
  provider: Provider,
  tokenManager: string,
  modelId: string,
): Promise<DeployedModel | undefined> {
  const token = await findModelToken(provider, tokenManager, modelId);
  if (token === undefined) return undefined;
  const manager = new Contract(tokenManager, TOKEN_MANAGER_V1_ABI, provider);
  const t = new Contract(token, HOKUSAI_TOKEN_ABI, provider);
  const params = (await manager.getParamsAddress(modelId)) as string;
  const p = new Contract(params, HOKUSAI_PARAMS_ABI, provider);
  const optional = async <T>(call: Promise<T>, fallback: T): Promise<T> =>
    (await optionalRead(() => call)) ?? fallback;
  const [
    name,
    symbol,
    maxSupply,
    totalSupply,
    modelSupplierAllocation,
    modelSupplierRecipient,
    modelSupplierDistributed,
    investorAllocation,
    investorMinted,
    tokensPerDeltaOne,
    infrastructureAccrualBps,
    initialOraclePricePerThousandUsd,
    licenseHash,
    licenseURI,
    governor,
  ] = await Promise.all([
    t.name() as Promise<string>,
    t.symbol() as Promise<string>,
    t.maxSupply() as Promise<bigint>,
    t.totalSupply() as Promise<bigint>,
    t.modelSupplierAllocation() as Promise<bigint>,
    t.modelSupplierRecipient() as Promise<string>,
    optional(t.modelSupplierDistributed() as Promise<boolean>, false),
    optionalRead(() => t.investorAllocation() as Promise<bigint>),
    optionalRead(() => t.investorMinted() as Promise<bigint>),
    p.tokensPerDeltaOne() as Promise<bigint>,
    p.infrastructureAccrualBps() as Promise<bigint>,
    optional(p.initialOraclePricePerThousandUsd() as Promise<bigint>, 0n),
    p.licenseHash() as Promise<string>,
    p.licenseURI() as Promise<string>,
    optionalRead(() => p.governor() as Promise<string>),
  ]);
  return {
    modelId,
    token,
    params,
    name,
    symbol,
    maxSupply,
    totalSupply,
    modelSupplierAllocation,
    modelSupplierRecipient,
    modelSupplierDistributed,
    investorAllocation,
    investorMinted,
    tokensPerDeltaOne,
    infrastructureAccrualBps: Number(infrastructureAccrualBps),
    initialOraclePricePerThousandUsd,
    licenseHash,
    licenseURI,
    governor,
  };
}
