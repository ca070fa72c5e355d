/**
 * Many deployments at once (a manifest): every model resolved and prepared first,
 * through the same prepareDeployment as a single deployment, and every problem
 * reported at once before anything is sent; then each deployed through the same
 * journaled deployToken, so a rerun skips what is deployed and finishes what is pending.
 */
import { formatEther } from "ethers";

import { insufficientBalanceError, manifestPreflightError } from "../errors";
import type { DeployContext } from "./context";
import { blockGasLimit, runBatchWindow, SendQueue, windowFor } from "../chain/pipeline";
import { type DeployProgress, deploymentInFlight, deployToken } from "./deploy";
import { type PreparedDeployment, prepareDeployment } from "./preflight";
import { type DeployFields, resolveDeployRequest } from "./request";

export interface BatchItem {
  index: number;
  /** How messages name the model: `models[0] (28)`. */
  label: string;
  fields: DeployFields;
  metadata?: Record<string, unknown>;
}

export interface PreparedItem {
  item: BatchItem;
  prepared: PreparedDeployment;
}

export interface BatchPlan {
  total: number;
  toDeploy: number;
  alreadyDeployed: number;
  /** The most all of them can cost, in wei. */
  maxCost: bigint;
}

export interface BatchItemResult {
  index: number;
  modelId: string;
  status: "deployed" | "already-deployed" | "failed" | "would-deploy";
  token?: string;
  txHash?: string;
  gasUsed?: bigint;
  seconds: number;
  /** The failure, said as the face names things. */
  error?: string;
}

/**
 * Resolves and prepares every item; a problem of any of them (its input, or what the
 * chain says) stops the batch before anything is sent, with every problem listed.
 * `render` says a problem the way the face names the fields.
 */
export async function prepareBatch(
  context: DeployContext,
  tokenManager: string,
  items: BatchItem[],
  options: { strict?: boolean; file: string; render: (error: unknown) => string },
): Promise<{ prepared: PreparedItem[]; plan: BatchPlan }> {
  const problems: string[] = [];
  const prepared: PreparedItem[] = [];
  for (const item of items) {
    try {
      const resolved = await resolveDeployRequest(item.fields, context.defaults);
      prepared.push({
        item,
        prepared: await prepareDeployment(context, tokenManager, resolved, {
          strict: options.strict,
          metadata: item.metadata,
        }),
      });
    } catch (error) {
      problems.push(`${item.label}: ${options.render(error)}`);
    }
  }
  if (problems.length > 0) throw manifestPreflightError(options.file, problems);

  const pending = prepared.filter((p) => p.prepared.preflight.existing === undefined);
  const maxCost = pending.reduce((sum, p) => sum + p.prepared.preflight.maxCost, 0n);
  const balance = await context.provider.getBalance(context.sender.address);
  if (balance < maxCost) {
    throw insufficientBalanceError(
      context.sender.address,
      formatEther(balance),
      formatEther(maxCost),
      `the ${pending.length} deployments (gas and fees)`,
    );
  }
  return {
    prepared,
    plan: {
      total: prepared.length,
      toDeploy: pending.length,
      alreadyDeployed: prepared.length - pending.length,
      maxCost,
    },
  };
}

/** What a dry run of the batch would do, model by model. */
export function dryRunResults(prepared: PreparedItem[]): BatchItemResult[] {
  return prepared.map(({ item, prepared: p }) => ({
    index: item.index,
    modelId: p.request.modelId,
    status: p.preflight.existing === undefined ? "would-deploy" : "already-deployed",
    token: p.preflight.existing?.token,
    seconds: 0,
  }));
}

/**
 * The window of a batch whose transactions take up to `gasLimits`, and the context its
 * models share: with a window over 1, one send queue for the sender, nonces consecutive.
 */
export async function pipelineFor(
  context: DeployContext,
  gasLimits: bigint[],
  sequential = false,
): Promise<{ window: number; context: DeployContext }> {
  const window = sequential ? 1 : windowFor(await blockGasLimit(context.provider), gasLimits);
  if (window === 1) return { window, context };
  return {
    window,
    context: { ...context, sendQueue: new SendQueue(context.provider, context.sender.address) },
  };
}

export interface BatchRunOptions {
  render: (error: unknown) => string;
  /** One model at a time, each waited for before the next is sent. */
  sequential?: boolean;
  onModelDone?: (result: BatchItemResult, done: number, total: number) => void;
  onProgress?: (event: DeployProgress, item: BatchItem) => void;
  /** Told how many models are kept in flight at once (1 when sequential). */
  onWindow?: (window: number) => void;
}

/**
 * Deploys every prepared item; a failure is recorded and the others go on. Unless
 * sequential, models are kept in flight together (see chain/pipeline): those an earlier
 * run left in flight are finished first, so that no new send takes a nonce of theirs.
 */
export async function deployBatch(
  context: DeployContext,
  prepared: PreparedItem[],
  options: BatchRunOptions,
): Promise<BatchItemResult[]> {
  const { window, context: pipelined } = await pipelineFor(
    context,
    prepared
      .filter((p) => p.prepared.preflight.existing === undefined)
      .map((p) => p.prepared.preflight.gasLimit),
    options.sequential,
  );
  options.onWindow?.(window);
  return runBatchWindow(prepared, {
    window,
    inFlight: (p) => deploymentInFlight(context, p.prepared.request.modelId),
    work: (p) => deployItem(pipelined, p, options),
    onDone: options.onModelDone,
  });
}

async function deployItem(
  context: DeployContext,
  { item, prepared: p }: PreparedItem,
  options: BatchRunOptions,
): Promise<BatchItemResult> {
  const started = Date.now();
  try {
    const deployed = await deployToken(context, p, {
      onProgress: options.onProgress === undefined ? undefined : (event) => options.onProgress!(event, item),
    });
    return {
      index: item.index,
      modelId: p.request.modelId,
      status: deployed.status,
      token: deployed.token,
      txHash: deployed.txHash,
      gasUsed: deployed.gasUsed,
      seconds: (Date.now() - started) / 1000,
    };
  } catch (error) {
    return {
      index: item.index,
      modelId: p.request.modelId,
      status: "failed",
      seconds: (Date.now() - started) / 1000,
      error: options.render(error),
    };
  }
}
