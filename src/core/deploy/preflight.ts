/**
 * Everything about a deployment that can be known before signing, by reading the
 * chain only: the TokenManager's ABI, whether the model id is free (or deployed with
 * these very parameters), the fee, the deployer role, the governor, a static call of
 * the very transaction, its gas, the fee against the cap and the balance. Every
 * deployment goes through prepareDeployment, whichever face started it.
 */
import { formatEther, formatUnits, Interface, type Provider } from "ethers";
import debug from "debug";

import { TOKEN_MANAGER_CORE_ABI } from "../abi";
import { compareFeeCap, type FeeCheck, readFees, requireFeeWithinCap, withGasMargin } from "../chain/fees";
import { decodeRevertData, extractRevertData, revertError } from "../chain/revert";
import {
  governorNotMultisigError,
  insufficientBalanceError,
  invalidInput,
  modelHeldByOtherError,
  modelIdNotDecimalError,
  modelTakenError,
  templateParts,
} from "../errors";
import { optionalRead, startRead } from "../read";
import { checkNamedContract, type NamedContracts } from "../named";
import { findModelRegistry, isRegistryModelId } from "../registry";
import {
  detectTokenManagerAbi,
  type DeployedModel,
  findDeployer,
  readDeployedModel,
  type TokenManagerAbi,
  type VestingState,
} from "../token-manager";
import { BOUNDS } from "../validate";
import { encodeDeployCall } from "./encode";
import { type DeployContext, DEV_CHAIN_ID } from "./context";
import { checkPublishedLicense } from "./license-check";
import {
  DEFAULT_VESTING,
  type DeployTokenRequest,
  type ResolvedDeployment,
  type VestingConfig,
} from "./request";
import { contractFor } from "../chain/contract";

const log = debug("hardhat:hokusai:deploy");

export interface PreflightOptions {
  network: string;
  chainId: number;
  /** An EOA governor is an error rather than a warning. */
  strict?: boolean;
  maxFeePerGasGwei?: number;
  named?: NamedContracts;
}

export interface PreflightResult {
  tokenManager: string;
  abi: TokenManagerAbi;
  from: string;
  /** Set when the model id already has a token with these same parameters. */
  existing?: DeployedModel;
  fee: bigint;
  transaction: { to: string; data: string; value: bigint };
  gasLimit: bigint;
  maxFeePerGas: bigint;
  maxPriorityFeePerGas?: bigint;
  /** gasLimit × maxFeePerGas + fee: the most the deployment can cost. */
  maxCost: bigint;
  balance: bigint;
  /** The network's fee now against the cap. */
  feeCheck?: FeeCheck;
  warnings: string[];
}

/** Whole tokens up to 10,000,000, wei above: what the contract stores. */
export function effectiveTokensPerDeltaOne(value: bigint): bigint {
  return value <= BOUNDS.tokensPerDeltaOneWholeTokenThreshold ? value * 10n ** 18n : value;
}

/** Where an existing deployment differs from the request, one phrase per field. */
export function compareWithDeployed(
  request: DeployTokenRequest,
  deployed: DeployedModel,
  abi: TokenManagerAbi = "v2",
): string[] {
  const differences: string[] = [];
  const check = (field: string, wanted: unknown, actual: unknown, show: (v: never) => string = String) => {
    if (String(wanted).toLowerCase() !== String(actual).toLowerCase()) {
      differences.push(`${field} is ${show(actual as never)} on chain, not ${show(wanted as never)}`);
    }
  };
  // Amounts as a person reads them: whole tokens, dollars.
  const whole = (value: string) => value.replace(/\.0$/, "");
  const tokens = (v: bigint) => `${whole(formatUnits(v, 18))} tokens`;
  const usd = (v: bigint) => `$${whole(formatUnits(v, 6))}`;
  check("name", request.name, deployed.name);
  check("symbol", request.symbol, deployed.symbol);
  check("modelSupplierAllocation", request.modelSupplierAllocation, deployed.modelSupplierAllocation, tokens);
  check("modelSupplierRecipient", request.modelSupplierRecipient, deployed.modelSupplierRecipient);
  if (deployed.investorAllocation !== undefined) {
    check("investorAllocation", request.investorAllocation, deployed.investorAllocation, tokens);
  }
  check(
    "tokensPerDeltaOne",
    effectiveTokensPerDeltaOne(request.tokensPerDeltaOne),
    deployed.tokensPerDeltaOne,
    tokens,
  );
  check("infrastructureAccrualBps", request.infrastructureAccrualBps, deployed.infrastructureAccrualBps);
  check(
    "initialOraclePricePerThousandUsd",
    request.initialOraclePricePerThousandUsd,
    deployed.initialOraclePricePerThousandUsd,
    usd,
  );
  check("licenseHash", request.licenseHash, deployed.licenseHash);
  check("licenseURI", request.licenseURI, deployed.licenseURI);
  if (deployed.governor !== undefined) check("governor", request.governor, deployed.governor);
  if (deployed.vesting !== undefined && abi === "v2") {
    const wanted = storedVesting(request.vesting);
    check("vesting", describeVesting(wanted), describeVesting(deployed.vesting));
  }
  return differences;
}

/** What the params store for a requested vesting: all zero (or none) stands for the contract's defaults. */
export function storedVesting(vesting: VestingConfig | undefined): VestingState {
  const v = vesting ?? DEFAULT_VESTING;
  const allZero =
    !v.enabled && v.immediateUnlockBps === 0 && v.vestingDurationSeconds === 0n && v.cliffSeconds === 0n;
  return allZero ? CONTRACT_DEFAULT_VESTING : { ...v };
}

/** The live contracts' defaults: enabled, 10% immediate, 365 days, no cliff. */
export const CONTRACT_DEFAULT_VESTING: VestingState = {
  enabled: true,
  immediateUnlockBps: 1000,
  vestingDurationSeconds: 365n * 86_400n,
  cliffSeconds: 0n,
};

/** "1000 bps immediate, 365 days, cliff 0 days" or "off". */
export function describeVesting(v: VestingState): string {
  if (!v.enabled) return "off";
  return `${v.immediateUnlockBps} bps immediate, ${v.vestingDurationSeconds / 86_400n} days, cliff ${v.cliffSeconds / 86_400n} days`;
}

const ACCESS_ERROR = new Interface([
  "error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)",
]);

/**
 * A token the model already has is this request's deployment: its governor is the one
 * requested (else whoever governs it holds the model id, HOK313) and its parameters are
 * the requested ones (else HOK303). Sends nothing.
 */
export async function requireOwnDeployment(
  provider: Provider,
  tokenManager: string,
  request: DeployTokenRequest,
  deployed: DeployedModel,
  abi: TokenManagerAbi,
): Promise<void> {
  if (deployed.governor !== undefined && deployed.governor.toLowerCase() !== request.governor.toLowerCase()) {
    const deployer = await findDeployer(provider, tokenManager, request.modelId);
    throw modelHeldByOtherError(
      request.modelId,
      deployed.token,
      deployed.governor,
      request.governor,
      deployer,
    );
  }
  const differences = compareWithDeployed(request, deployed, abi);
  if (differences.length > 0) throw modelTakenError(request.modelId, deployed.token, differences);
}

/** The chain's side of the preflight, for one request from `from`. */
export async function preflightDeploy(
  provider: Provider,
  from: string,
  tokenManager: string,
  request: DeployTokenRequest,
  options: PreflightOptions,
): Promise<PreflightResult> {
  // The reads below need nothing from each other: they go out together and are checked in this order.
  const manager = contractFor(tokenManager, TOKEN_MANAGER_CORE_ABI, provider);
  const reads = {
    abi: startRead(() => detectTokenManagerAbi(provider, tokenManager, `network "${options.network}"`)),
    registry: startRead(() => findModelRegistry(provider, tokenManager)),
    deployed: startRead(() => readDeployedModel(provider, tokenManager, request.modelId)),
    fee: startRead(
      async () => request.fee ?? (await optionalRead(() => manager.deploymentFee() as Promise<bigint>)) ?? 0n,
    ),
    roleRequired: startRead(() => optionalRead(() => manager.deployerRoleRequired() as Promise<boolean>)),
    governorCode:
      options.chainId === DEV_CHAIN_ID ? undefined : startRead(() => provider.getCode(request.governor)),
    balance: startRead(() => provider.getBalance(from)),
  };
  const abi = await reads.abi;
  log("TokenManager %s speaks %s", tokenManager, abi);
  const warnings: string[] = [];
  const base = { tokenManager, abi, from, warnings };

  if (abi === "v1" && request.vesting !== undefined) {
    throw invalidInput(
      "invalidVesting",
      "vesting",
      describeVesting(request.vesting),
      templateParts(
        `the TokenManager ${tokenManager} speaks the guide's v1 ABI, which has no vesting; drop {vesting}, or point {tokenManager} at a v2 TokenManager`,
      ),
    );
  }
  const registry = await reads.registry;
  checkNamedContract(options.named, "modelRegistry", tokenManager, registry);
  if (registry !== undefined && !isRegistryModelId(request.modelId)) {
    throw modelIdNotDecimalError(request.modelId, tokenManager, registry);
  }

  /** The model has a token: ours with these parameters (nothing to send), or an error that says whose. */
  const alreadyDeployed = async (deployed: DeployedModel): Promise<PreflightResult> => {
    await requireOwnDeployment(provider, tokenManager, request, deployed, abi);
    return {
      ...base,
      existing: deployed,
      fee: 0n,
      transaction: { to: tokenManager, data: "0x", value: 0n },
      gasLimit: 0n,
      maxFeePerGas: 0n,
      maxCost: 0n,
      balance: await reads.balance,
    };
  };
  const deployed = await reads.deployed;
  if (deployed !== undefined) return alreadyDeployed(deployed);

  const fee = await reads.fee;
  if ((await reads.roleRequired) === true) {
    const role = (await manager.DEPLOYER_ROLE()) as string;
    if (!((await manager.hasRole(role, from)) as boolean)) {
      const data = ACCESS_ERROR.encodeErrorResult("AccessControlUnauthorizedAccount", [from, role]);
      throw revertError(decodeRevertData(data), "preflight");
    }
  }

  if (reads.governorCode !== undefined && (await reads.governorCode) === "0x") {
    if (options.strict) throw governorNotMultisigError(request.governor);
    warnings.push(
      `governor ${request.governor} is an account without code; production deployments should hand governance to a multisig ({strict} makes this an error)`,
    );
  }

  const transaction = { to: tokenManager, data: encodeDeployCall(abi, request), value: fee };
  const context = { modelId: request.modelId, account: from };
  // The static call, the gas estimate and the fees together too; the static call's revert is told first.
  const called = startRead(() => provider.call({ ...transaction, from }));
  const estimated = startRead(() => provider.estimateGas({ ...transaction, from }));
  const fees = startRead(() => readFees(provider));
  try {
    await called;
  } catch (error) {
    const decoded = decodeRevertData(extractRevertData(error), context);
    // A block came between the read above and this call, with a deployment of this model: checked as any.
    const since =
      decoded.kind === "tokenAlreadyDeployed"
        ? await readDeployedModel(provider, tokenManager, request.modelId)
        : undefined;
    if (since !== undefined) return alreadyDeployed(since);
    throw revertError(decoded, "preflight (static call)");
  }

  let gasLimit: bigint;
  try {
    gasLimit = withGasMargin(await estimated);
  } catch (error) {
    // Nodes estimate on the pending block: a deployment of this model waiting there
    // makes the estimate revert. deployToken waits for that one rather than send another.
    const decoded = decodeRevertData(extractRevertData(error), context);
    if (decoded.kind !== "tokenAlreadyDeployed") throw revertError(decoded, "preflight (gas estimate)");
    warnings.push(
      `a deployment of model "${request.modelId}" is pending on the chain; this run waits for it`,
    );
    gasLimit = 0n;
  }
  const quote = await fees;
  const feeCheck = compareFeeCap(quote, options.maxFeePerGasGwei);
  requireFeeWithinCap(feeCheck);
  const maxCost = gasLimit * quote.perGas + fee;
  const balance = await reads.balance;
  if (balance < maxCost) {
    throw insufficientBalanceError(
      from,
      formatEther(balance),
      formatEther(maxCost),
      "the gas and the deployment fee",
    );
  }
  return {
    ...base,
    fee,
    transaction,
    gasLimit,
    maxFeePerGas: quote.perGas,
    maxPriorityFeePerGas: quote.maxPriorityFeePerGas,
    maxCost,
    balance,
    feeCheck,
  };
}

/** A deployment checked and ready to send (or found done). */
export interface PreparedDeployment {
  request: DeployTokenRequest;
  preflight: PreflightResult;
  /** Things worth saying that are not warnings (e.g. the published license was checked). */
  notes: string[];
  preset?: string;
  metadata?: Record<string, unknown>;
}

/**
 * The whole check of one deployment: the chain's preflight, then (unless the model is
 * deployed already) the published license against the license file. Sends nothing.
 */
export async function prepareDeployment(
  context: DeployContext,
  tokenManager: string,
  resolved: ResolvedDeployment,
  options: { strict?: boolean; metadata?: Record<string, unknown> } = {},
): Promise<PreparedDeployment> {
  const { request, licenseBytes } = resolved;
  const preflight = await preflightDeploy(context.provider, context.sender.address, tokenManager, request, {
    network: context.network,
    chainId: context.chainId,
    strict: options.strict,
    maxFeePerGasGwei: context.maxFeePerGasGwei,
    named: context.named,
  });
  const notes: string[] = [];
  if (preflight.existing === undefined && licenseBytes !== undefined) {
    const note = await checkPublishedLicense(request.licenseURI, licenseBytes, {
      dev: context.dev,
      ipfsGateway: context.ipfsGateway,
    });
    if (note.warning) preflight.warnings.push(note.text);
    else notes.push(note.text);
  }
  return { request, preflight, notes, preset: resolved.preset, metadata: options.metadata };
}
