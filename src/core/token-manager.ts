/**
 * Reading a TokenManager: which ABI it speaks, what it holds for a model.
 * Everything here reads the chain only.
 */
import { Contract, type ContractRunner, getAddress, type Provider, ZeroAddress } from "ethers";

import { noCodeError, unknownTokenManagerAbiError } from "./errors";
import {
  DEPLOY_SELECTOR_V1,
  DEPLOY_SELECTOR_V2,
  PARAMS_READ_ABI,
  TOKEN_MANAGER_READ_ABI,
  TOKEN_MANAGER_V1_ABI,
  TOKEN_MANAGER_V2_ABI,
  TOKEN_READ_ABI,
} from "./abi";
import { firstGetter, optionalGetter, optionalRead, readHokusai } from "./read";
import { contractFor } from "./chain/contract";

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
  return contractFor(address, abi === "v2" ? TOKEN_MANAGER_V2_ABI : TOKEN_MANAGER_V1_ABI, runner);
}

/** A params contract's vesting of the supplier allocation, as stored. */
export interface VestingState {
  enabled: boolean;
  immediateUnlockBps: number;
  vestingDurationSeconds: bigint;
  cliffSeconds: bigint;
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
  /** oraclePricePerThousandUsd() (live), else initialOraclePricePerThousandUsd() (the guide's). */
  initialOraclePricePerThousandUsd: bigint;
  licenseHash: string;
  licenseURI: string;
  /**
   * Who controls the model: the token's owner() (the live factory hands it to the
   * governor, who also holds GOV_ROLE), else the params' governor() (the guide's).
   * Undefined when neither says.
   */
  governor?: string;
  /** Where the governor was read: "token owner()" or "params governor()". */
  governorSource?: string;
  /** The params' vesting of the supplier allocation, when they have one. */
  vesting?: VestingState;
}

/** The token address of a model id, or undefined when it has none. */
export async function findModelToken(
  provider: Provider,
  tokenManager: string,
  modelId: string,
  blockTag: "latest" | "pending" = "latest",
): Promise<string | undefined> {
  const manager = contractFor(tokenManager, TOKEN_MANAGER_V1_ABI, provider);
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
  const manager = contractFor(tokenManager, TOKEN_MANAGER_READ_ABI, provider);
  const t = contractFor(token, TOKEN_READ_ABI, provider);
  const params = (await manager.getParamsAddress(modelId)) as string;
  const p = contractFor(params, PARAMS_READ_ABI, provider);
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
    oraclePrice,
    licenseHash,
    licenseURI,
    governed,
    vesting,
  ] = await Promise.all([
    t.name() as Promise<string>,
    t.symbol() as Promise<string>,
    t.maxSupply() as Promise<bigint>,
    t.totalSupply() as Promise<bigint>,
    t.modelSupplierAllocation() as Promise<bigint>,
    t.modelSupplierRecipient() as Promise<string>,
    optionalGetter(() => t.modelSupplierDistributed() as Promise<boolean>),
    optionalGetter(() => t.investorAllocation() as Promise<bigint>),
    optionalGetter(() => t.investorMinted() as Promise<bigint>),
    p.tokensPerDeltaOne() as Promise<bigint>,
    p.infrastructureAccrualBps() as Promise<bigint>,
    firstGetter(
      () => p.oraclePricePerThousandUsd() as Promise<bigint>,
      () => p.initialOraclePricePerThousandUsd() as Promise<bigint>,
    ),
    p.licenseHash() as Promise<string>,
    p.licenseURI() as Promise<string>,
    readGovernor(provider, token, params),
    readVesting(p),
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
    modelSupplierDistributed: modelSupplierDistributed ?? false,
    investorAllocation,
    investorMinted,
    tokensPerDeltaOne,
    infrastructureAccrualBps: Number(infrastructureAccrualBps),
    initialOraclePricePerThousandUsd: oraclePrice ?? 0n,
    licenseHash,
    licenseURI,
    governor: governed?.governor,
    governorSource: governed?.source,
    vesting,
  };
}

/**
 * Who governs a model: the token's owner() where the token is Ownable (the live stack,
 * whose factory hands it to the governor), else the params' governor() (the guide's).
 */
export async function readGovernor(
  provider: Provider,
  token: string,
  params: string,
): Promise<{ governor: string; source: "token owner()" | "params governor()" } | undefined> {
  const t = contractFor(token, TOKEN_READ_ABI, provider);
  const owner = await optionalGetter(() => t.owner() as Promise<string>);
  if (owner !== undefined) return { governor: getAddress(owner), source: "token owner()" };
  const p = contractFor(params, PARAMS_READ_ABI, provider);
  const governor = await optionalGetter(() => p.governor() as Promise<string>);
  return governor === undefined ? undefined : { governor: getAddress(governor), source: "params governor()" };
}

/** The params' vestingConfig(), when they have one. */
async function readVesting(params: Contract): Promise<VestingState | undefined> {
  const config = await optionalGetter(
    () =>
      params.vestingConfig() as Promise<{
        enabled: boolean;
        immediateUnlockBps: bigint;
        vestingDurationSeconds: bigint;
        cliffSeconds: bigint;
      }>,
  );
  if (config === undefined) return undefined;
  return {
    enabled: config.enabled,
    immediateUnlockBps: Number(config.immediateUnlockBps),
    vestingDurationSeconds: BigInt(config.vestingDurationSeconds),
    cliffSeconds: BigInt(config.cliffSeconds),
  };
}

/** The account that sent a model's deployment, from its TokenDeployed event; undefined when the logs cannot tell. */
export async function findDeployer(
  provider: Provider,
  tokenManager: string,
  modelId: string,
): Promise<string | undefined> {
  const manager = contractFor(tokenManager, TOKEN_MANAGER_READ_ABI, provider);
  const logs = await optionalRead(() =>
    manager.queryFilter(manager.filters.TokenDeployed(modelId), 0, "latest"),
  );
  const last = logs?.at(-1) as { args?: { deployer?: string } } | undefined;
  return last?.args?.deployer === undefined ? undefined : getAddress(last.args.deployer);
}
