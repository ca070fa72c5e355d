/**
 * hokusai:distribute-supplier-allocation on a Hardhat network: the context from the
 * HRE, then the core's preflight and the engine's send. The task and
 * `hre.hokusai.distributeSupplierAllocation` are this function.
 */
import type { HokusaiHost } from "../host";

import type { DistributePreflight, DistributeResult } from "../../core/backend";
import { compareFeeCap, readFees, requireFeeWithinCap } from "../../core/chain/fees";
import type { TxProgress } from "../../core/chain/transaction";
import { type DeployContext, engineFor } from "../../core/deploy/context";
import { fieldRef, type FieldNamer, keyNamer, missingInput, msg } from "../../core/errors";
import { parseModelId } from "../../core/validate";
import { withPluginErrors } from "../../errors";
import type { NetworkContext } from "../../ui/backend";
import { requireAddress } from "../addresses";
import { buildContext, confirmLiveSend, type SendOptions } from "../context";

/** What the backend tasks take beside their own parameters. */
export interface BackendRunOptions extends SendOptions {
  modelId?: string;
  /** TokenManager address (default: config, environment, address book, or the local mock). */
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

export function requireModelId(value: string | undefined): string {
  if (value === undefined || value === "") {
    throw missingInput(
      "modelId",
      msg`pass the model id the token was deployed with, e.g. ${fieldRef("modelId")} 28`,
    );
  }
  return parseModelId("modelId", value);
}

export function networkContext(context: DeployContext): NetworkContext {
  return { network: context.network, chainId: context.chainId, explorerUrl: context.explorerUrl };
}

/** The fee cap holds for the backend's calls as for a deployment, dry run included. */
export async function checkFeeCap(context: DeployContext): Promise<void> {
  requireFeeWithinCap(compareFeeCap(await readFees(context.provider), context.maxFeePerGasGwei));
}

/** Preflight, then (unless a dry run, or done already) distributeModelSupplierAllocation. */
export function runDistributeSupplierAllocation(
  hre: HokusaiHost,
  options: DistributeOptions,
): Promise<DistributeOutcome> {
  return withPluginErrors(async () => {
    const modelId = requireModelId(options.modelId);
    const context = await buildContext(hre, options);
    const shown = networkContext(context);
    const { address: tokenManager } = await requireAddress(
      hre,
      context.chainId,
      "tokenManager",
      options.tokenManager,
    );
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
