/**
 * The backend tasks on a Hardhat network: the context (addresses, signer, fee cap)
 * from the HRE, then the core's preflight and the engine's sends. The tasks and
 * `hre.hokusai.distributeSupplierAllocation` / `createPool` are these functions.
 */
import path from "path";

import type { IgnitionModule } from "@nomicfoundation/ignition-core";
import { id } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import type {
  CreatePoolPreflight,
  CreatePoolResult,
  DistributePreflight,
  DistributeResult,
  PoolParamsInput,
} from "../../core/backend";
import { compareFeeCap, readFees, requireFeeWithinCap } from "../../core/chain/fees";
import type { TxProgress } from "../../core/chain/transaction";
import { type DeployContext, engineFor } from "../../core/deploy/context";
import { type FieldNamer, HokusaiError, keyNamer, missingInput, msg, fieldRef } from "../../core/errors";
import { parseModelId } from "../../core/validate";
import { isHokusaiPluginError, withPluginErrors } from "../../errors";
import type { CreatePoolRoute, NetworkContext } from "../../ui/backend";
import { buildContext, confirmLiveSend, type SendOptions } from "../context";
import { poolDeploymentFailedError } from "../errors";
import { isInProcess, resolveContractAddress } from "../network";
import { renderText } from "./deploy-token";

/** What both backend tasks take beside their own parameters. */
export interface BackendRunOptions extends SendOptions {
  modelId?: string;
  /** TokenManager address (default: config, environment, or the local mock). */
  tokenManager?: string;
  /** Check everything and send nothing. */
  dryRun?: boolean;
  /** How errors and warnings name the options (default: as these options are named). */
  names?: FieldNamer;
  onProgress?: (event: TxProgress) => void;
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
    throw missingInput(
      "modelId",
      msg`pass the model id the token was deployed with, e.g. ${fieldRef("modelId")} sentiment-v2`,
    );
  }
  return parseModelId("modelId", value);
}

function networkContext(context: DeployContext): NetworkContext {
  return { network: context.network, chainId: context.chainId, explorerUrl: context.explorerUrl };
}

/** The fee cap holds for the backend's calls as for a deployment, dry run included. */
async function checkFeeCap(context: DeployContext): Promise<void> {
  requireFeeWithinCap(compareFeeCap(await readFees(context.provider), context.maxFeePerGasGwei));
}

/** Preflight, then (unless a dry run, or done already) distributeModelSupplierAllocation. */
export function runDistributeSupplierAllocation(
  hre: HardhatRuntimeEnvironment,
  options: DistributeOptions,
): Promise<DistributeOutcome> {
  return withPluginErrors(async () => {
    const modelId = requireModelId(options.modelId);
    const context = await buildContext(hre, options);
    const shown = networkContext(context);
    const tokenManager = await resolveContractAddress(hre, "tokenManager", options.tokenManager);
    const { distributeSupplierAllocation, preflightDistribute } = await import("../../core/backend");
    const preflight = await preflightDistribute(
      context.provider,
      context.sender.address,
      tokenManager,
      modelId,
      {
        network: context.network,
      },
    );
    if (preflight.status === "ready") await checkFeeCap(context);
    options.onPreflight?.(preflight, shown);
    if (options.dryRun) return { kind: "dry-run", preflight, context: shown };
    if (preflight.status === "ready") {
      await confirmLiveSend(context, options, `Distribute the supplier allocation on ${context.network}?`);
    }
    const result = await distributeSupplierAllocation(engineFor(context, options.onProgress), preflight);
    return { kind: "done", preflight, result, context: shown };
  }, options.names ?? keyNamer);
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
export function runCreatePool(
  hre: HardhatRuntimeEnvironment,
  options: CreatePoolOptions,
): Promise<CreatePoolOutcome> {
  const names = options.names ?? keyNamer;
  return withPluginErrors(async () => {
    const modelId = requireModelId(options.modelId);
    const backend = await import("../../core/backend");
    const given = backend.parsePoolParams(options);
    const context = await buildContext(hre, options);
    const shown = networkContext(context);
    const addresses = {
      tokenManager: await resolveContractAddress(hre, "tokenManager", options.tokenManager),
      ammFactory: await resolveContractAddress(hre, "ammFactory", options.ammFactory),
    };
    const found = await backend.preflightCreatePool(
      context.provider,
      context.sender.address,
      addresses,
      modelId,
      given,
      {
        network: context.network,
      },
    );
    const preflight = { ...found, warnings: found.warnings.map((w) => renderText(w, names)) };
    if (preflight.action !== "done") await checkFeeCap(context);
    options.onPreflight?.(preflight, shown);
    if (options.dryRun) return { kind: "dry-run", preflight, context: shown };
    if (preflight.action === "done") {
      return {
        kind: "done",
        preflight,
        result: backend.poolResult(preflight.state, preflight, []),
        context: shown,
      };
    }
    await confirmLiveSend(context, options, `Send these calls on ${context.network}?`);

    const { default: ModelPoolModule } = await import("../../../ignition/modules/ModelPool");
    if (
      preflight.action === "create" &&
      options.via !== "direct" &&
      (await ignitionCanDeploy(hre, ModelPoolModule))
    ) {
      const route = await deployPoolWithIgnition(hre, ModelPoolModule, context.chainId, preflight);
      const state = await backend.readPoolState(context.provider, addresses, modelId);
      const transactions =
        state?.pool === undefined
          ? []
          : await backend.findPoolTransactions(
              context.provider,
              addresses,
              modelId,
              state.pool,
              route.fromBlock + 1,
            );
      const result = backend.poolResult(state ?? preflight.state, preflight, transactions);
      return {
        kind: "done",
        preflight,
        result,
        route: { via: "ignition", deploymentId: route.deploymentId, journal: route.journal },
        context: shown,
      };
    }
    const result = await backend.sendCreatePool(engineFor(context, options.onProgress), preflight);
    return { kind: "done", preflight, result, route: { via: "direct" }, context: shown };
  }, names);
}

async function deployPoolWithIgnition(
  hre: HardhatRuntimeEnvironment,
  ModelPoolModule: IgnitionModule,
  chainId: number,
  preflight: CreatePoolPreflight,
): Promise<{ deploymentId: string; journal?: string; fromBlock: number }> {
  const { MODULE_IDS } = await import("../../../ignition/modules/builders");
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
    if (error instanceof HokusaiError || isHokusaiPluginError(error)) throw error;
    const detail = ((error as Error)?.message ?? String(error)).replace(/\s*\n\s*/g, " ").trim();
    throw poolDeploymentFailedError(deploymentId, detail, journal);
  }
  return { deploymentId, journal, fromBlock };
}
