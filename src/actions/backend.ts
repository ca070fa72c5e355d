/**
 * The backend tasks on a Hardhat network: resolve the addresses and the signer (the
 * network's first account) from the HRE, then run the core's preflight and send.
 * The tasks and `hre.hokusai.distributeSupplierAllocation` / `createPool` are these
 * functions.
 */
import path from "path";

import type { IgnitionModule } from "@nomicfoundation/ignition-core";
import { id } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { confirmLiveSend, defaultConfirmations } from "./send-policy";

import {
  type BackendProgress,
  type CreatePoolPreflight,
  type CreatePoolResult,
  type DistributePreflight,
  type DistributeResult,
  distributeSupplierAllocation,
  findPoolTransactions,
  parsePoolParams,
  poolResult,
  type PoolParamsInput,
  preflightCreatePool,
  preflightDistribute,
  readPoolState,
  sendCreatePool,
  type SendOptions,
} from "../core/backend";
import { parseModelId } from "../core/validate";
import { HokusaiPluginError, MissingParamError, NoSignerError, PoolDeploymentFailedError } from "../errors";
import { checkNetwork, isInProcess, resolveContractAddress } from "../network";
import type { CreatePoolRoute, NetworkContext } from "../ui/backend";

/** What both backend tasks take beside their own parameters. */
export interface BackendRunOptions {
  modelId?: string;
  /** TokenManager address (default: config, environment, or the local mock). */
  tokenManager?: string;
  /** Check everything and send nothing. */
  dryRun?: boolean;
  /** Send without asking on a live chain (or HOKUSAI_CONFIRM=true). */
  yes?: boolean;
  /** Confirmations to wait for (default 1 on a development or automining chain, 2 elsewhere). */
  confirmations?: number;
  /** Seconds to wait for each transaction (default 600). */
  timeoutSeconds?: number;
  /** Asked on a live chain unless `yes`; resolve true to send. */
  confirm?: (question: string) => Promise<boolean>;
  onProgress?: (event: BackendProgress) => void;
}

export interface DistributeOptions extends BackendRunOptions {
  /** Called once the preflight has read the chain, before anything is sent. */
  onPreflight?: (preflight: DistributePreflight, context: NetworkContext) => void;
}

export type DistributeOutcome =
  | { kind: "dry-run"; preflight: DistributePreflight; context: NetworkContext }
  | { kind: "done"; preflight: DistributePreflight; result: DistributeResult; context: NetworkContext };

export interface CreatePoolOptions extends BackendRunOptions, PoolParamsInput {
  /** AMM factory address (default: config, environment, or the local mock). */
  ammFactory?: string;
  /**
   * "ignition" (the default when the project has the Hokusai interface artifacts): create
   * and authorise through ignition/modules/ModelPool.ts, journaled on a live network;
   * "direct": two plain calls. Finishing a half-done pair is always a direct call.
   */
  via?: "ignition" | "direct";
  onPreflight?: (preflight: CreatePoolPreflight, context: NetworkContext) => void;
}

export type CreatePoolOutcome =
  | { kind: "dry-run"; preflight: CreatePoolPreflight; context: NetworkContext }
  | {
      kind: "done";
      preflight: CreatePoolPreflight;
      result: CreatePoolResult;
      route?: CreatePoolRoute;
      context: NetworkContext;
    };

function requireModelId(value: string | undefined): string {
  if (value === undefined || value === "") {
    throw new MissingParamError(
      "--model-id",
      "pass the model id the token was deployed with, e.g. --model-id sentiment-v2",
    );
  }
  return parseModelId("--model-id", value);
}

/** The network's first account: the backend's server signer. */
async function backendSigner(hre: HardhatRuntimeEnvironment): Promise<HardhatEthersSigner> {
  const signers = await hre.ethers.getSigners();
  if (signers.length === 0) throw new NoSignerError(hre.network.name);
  return signers[0];
}

function networkContext(hre: HardhatRuntimeEnvironment, chainId: number): NetworkContext {
  return {
    network: hre.network.name,
    chainId,
    explorerUrl: hre.config.hokusai.networks[hre.network.name]?.explorerUrl,
  };
}

async function sendOptions(
  hre: HardhatRuntimeEnvironment,
  chainId: number,
  options: BackendRunOptions,
): Promise<SendOptions> {
  const dev = (await defaultConfirmations(hre, chainId)) === 1;
  return {
    confirmations: options.confirmations ?? (dev ? 1 : 2),
    timeoutSeconds: options.timeoutSeconds ?? 600,
    pollMs: dev ? 100 : 4000,
    onProgress: options.onProgress,
  };
}

/** Preflight, then (unless a dry run, or done already) distributeModelSupplierAllocation. */
export async function runDistributeSupplierAllocation(
  hre: HardhatRuntimeEnvironment,
  options: DistributeOptions,
): Promise<DistributeOutcome> {
  const modelId = requireModelId(options.modelId);
  const chainId = await checkNetwork(hre);
  const context = networkContext(hre, chainId);
  const tokenManager = await resolveContractAddress(hre, "tokenManager", options.tokenManager);
  const signer = await backendSigner(hre);
  const preflight = await preflightDistribute(hre.ethers.provider, signer.address, tokenManager, modelId, {
    network: hre.network.name,
  });
  options.onPreflight?.(preflight, context);
  if (options.dryRun) return { kind: "dry-run", preflight, context };
  if (preflight.status === "ready") {
    await confirmLiveSend(
      hre,
      chainId,
      options,
      `Distribute the supplier allocation on ${hre.network.name}?`,
    );
  }
  const result = await distributeSupplierAllocation(
    signer,
    preflight,
    await sendOptions(hre, chainId, options),
  );
  return { kind: "done", preflight, result, context };
}

/** Ignition's deployment id for a model's pool: only letters, digits, "-" and "_" are allowed. */
export function poolDeploymentId(chainId: number, modelId: string): string {
  const safe = /^[A-Za-z0-9_-]+$/.test(modelId)
    ? modelId
    : `${modelId.replace(/[^A-Za-z0-9_-]/g, "_")}-${id(modelId).slice(2, 10)}`;
  return `hokusai-pool-${chainId}-${safe}`;
}

/**
 * Whether hre.ignition can deploy ModelPoolModule here: the module names Hokusai
 * interfaces, which come from the package's bundled artifacts or the project's own.
 * Without them (a project that neither compiles nor bundles them) the calls go direct.
 */
async function ignitionCanDeploy(hre: HardhatRuntimeEnvironment, module: IgnitionModule): Promise<boolean> {
  if (!("ignition" in hre) || typeof hre.ignition?.deploy !== "function") return false;
  for (const future of module.futures) {
    // A future that names its contract without carrying the artifact reads it from the project.
    if (!("contractName" in future) || "artifact" in future) continue;
    try {
      if (!(await hre.artifacts.artifactExists(future.contractName))) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * Preflight, then (unless a dry run, or done already) create the pool and authorise it:
 * through the ModelPool Ignition module, or directly; a pool that exists but may not
 * mint gets authorizeAMM alone.
 */
export async function runCreatePool(
  hre: HardhatRuntimeEnvironment,
  options: CreatePoolOptions,
): Promise<CreatePoolOutcome> {
  const modelId = requireModelId(options.modelId);
  const given = parsePoolParams(options);
  const chainId = await checkNetwork(hre);
  const context = networkContext(hre, chainId);
  const addresses = {
    tokenManager: await resolveContractAddress(hre, "tokenManager", options.tokenManager),
    ammFactory: await resolveContractAddress(hre, "ammFactory", options.ammFactory),
  };
  const signer = await backendSigner(hre);
  const provider = hre.ethers.provider;
  const preflight = await preflightCreatePool(provider, signer.address, addresses, modelId, given, {
    network: hre.network.name,
  });
  options.onPreflight?.(preflight, context);
  if (options.dryRun) return { kind: "dry-run", preflight, context };
  if (preflight.action === "done") {
    return { kind: "done", preflight, result: poolResult(preflight.state, preflight, []), context };
  }
  await confirmLiveSend(hre, chainId, options, `Send these calls on ${hre.network.name}?`);

  const { default: ModelPoolModule } = await import("../../ignition/modules/ModelPool");
  if (
    preflight.action === "create" &&
    options.via !== "direct" &&
    (await ignitionCanDeploy(hre, ModelPoolModule))
  ) {
    const route = await deployPoolWithIgnition(hre, ModelPoolModule, chainId, preflight);
    const fromBlock = route.fromBlock + 1;
    const state = await readPoolState(provider, addresses, modelId);
    const pool = state?.pool;
    const transactions =
      pool === undefined ? [] : await findPoolTransactions(provider, addresses, modelId, pool, fromBlock);
    const result = poolResult(state ?? preflight.state, preflight, transactions);
    return {
      kind: "done",
      preflight,
      result,
      route: { via: "ignition", deploymentId: route.deploymentId, journal: route.journal },
      context,
    };
  }
  const result = await sendCreatePool(signer, preflight, await sendOptions(hre, chainId, options));
  return { kind: "done", preflight, result, route: { via: "direct" }, context };
}

async function deployPoolWithIgnition(
  hre: HardhatRuntimeEnvironment,
  ModelPoolModule: IgnitionModule,
  chainId: number,
  preflight: CreatePoolPreflight,
): Promise<{ deploymentId: string; journal?: string; fromBlock: number }> {
  const { MODULE_IDS } = await import("../../ignition/modules/builders");
  const { state, params } = preflight;
  const deploymentId = poolDeploymentId(chainId, state.modelId);
  const journal = isInProcess(hre)
    ? undefined
    : path.join(hre.config.paths.ignition, "deployments", deploymentId);
  const fromBlock = await hre.ethers.provider.getBlockNumber();
  try {
    await hre.ignition.deploy(ModelPoolModule, {
      parameters: {
        [MODULE_IDS.modelPool]: {
          tokenManager: state.tokenManager,
          ammFactory: state.ammFactory,
          modelId: state.modelId,
          crr: params.crr,
          tradeFee: params.tradeFee,
          ibrDuration: params.ibrDuration,
          flatCurveThreshold: params.flatCurveThreshold,
          flatCurvePrice: params.flatCurvePrice,
        },
      },
      deploymentId,
      displayUi: false,
    });
  } catch (error) {
    if (error instanceof HokusaiPluginError) throw error;
    const detail = ((error as Error)?.message ?? String(error)).replace(/\s*\n\s*/g, " ").trim();
    throw new PoolDeploymentFailedError(deploymentId, detail, journal);
  }
  return { deploymentId, journal, fromBlock };
}
