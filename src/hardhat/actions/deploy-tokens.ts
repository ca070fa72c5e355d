/**
 * `hokusai:deploy-tokens` on a Hardhat network: a manifest read, every model prepared
 * by the core's batch (the same checks as deploy-token, all problems at once), then
 * deployed, several in flight at once unless sequential. The task and `hre.hokusai.deployTokens` are this function.
 */
import type { HokusaiHost } from "../host";

import type { BatchItemResult, BatchPlan } from "../../core/deploy/batch";
import type { DeployTokensOutcome } from "../../ui/manifest";
import type { DeployProgress } from "../../core/deploy/deploy";
import { type FieldNamer, keyNamer, renderError } from "../../core/errors";
import { withPluginErrors } from "../../errors";
import { buildContext, confirmLiveSend, type SendOptions } from "../context";
import { requireAddress } from "../addresses";
import { renderText } from "./deploy-token";

export interface DeployTokensOptions extends SendOptions {
  manifest: string;
  tokenManager?: string;
  dryRun?: boolean;
  strict?: boolean;
  /** One model at a time, each waited for before the next (default: pipelined). */
  sequential?: boolean;
  /** How many models are kept in flight at once, told before the first is sent. */
  onWindow?: (window: number) => void;
  /** How errors and warnings name the options (default: as these options are named). */
  names?: FieldNamer;
  /** Once the whole manifest passed its checks: how many will be sent. */
  onPlanned?: (planned: ManifestPlan) => void;
  /** A model's warning (an EOA governor, an unpublished license), before anything is sent. */
  onWarning?: (warning: string, label: string) => void;
  onModelDone?: (result: ManifestItemResult, done: number, total: number) => void;
  onProgress?: (event: DeployProgress, modelId: string) => void;
}

export type ManifestPlan = BatchPlan;
export type ManifestItemResult = BatchItemResult;

export type { DeployTokensOutcome } from "../../ui/manifest";

export function runDeployTokens(
  hre: HokusaiHost,
  options: DeployTokensOptions,
): Promise<DeployTokensOutcome> {
  const names = options.names ?? keyNamer;
  return withPluginErrors(async () => {
    const { loadManifest } = await import("../../core/manifest");
    const { deployBatch, dryRunResults, prepareBatch } = await import("../../core/deploy/batch");
    const context = await buildContext(hre, options);
    const manifest = await loadManifest(options.manifest);
    const { address: tokenManager } = await requireAddress(
      hre,
      context.chainId,
      "tokenManager",
      options.tokenManager,
    );
    const { prepared, plan } = await prepareBatch(context, tokenManager, manifest.entries, {
      strict: options.strict,
      file: options.manifest,
      render: (error) => renderError(error, names),
    });
    for (const { item, prepared: p } of prepared) {
      for (const warning of p.preflight.warnings) options.onWarning?.(renderText(warning, names), item.label);
    }
    options.onPlanned?.(plan);
    const outcome = { manifest: manifest.file, network: context.network, chainId: context.chainId, plan };
    if (options.dryRun) return { ...outcome, results: dryRunResults(prepared) };
    if (plan.toDeploy > 0) {
      await confirmLiveSend(context, options, `Send ${plan.toDeploy} deployments on ${context.network}?`);
    }
    const results = await deployBatch(context, prepared, {
      render: (error) => renderError(error, names),
      sequential: options.sequential,
      onWindow: options.onWindow,
      onModelDone: options.onModelDone,
      onProgress: (event, item) => options.onProgress?.(event, item.fields.modelId ?? item.label),
    });
    return { ...outcome, results };
  }, names);
}
