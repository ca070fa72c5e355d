/**
 * `hokusai:launch --config <launch file>`: the platform's whole launch, as its backend
 * signer, for every token of its launch file: the token (deployed unless it is there),
 * the supplier distribution when the file's timing is "pre-launch", the registration,
 * the pool (behind the whitelist unless the file says public), its authorisation and
 * its reserve. Every token is checked first; every step is journaled, so a rerun after
 * a crash at any step sends nothing twice. The task and `hre.hokusai.launch` are this.
 */
import type { HokusaiHost } from "../host";

import type { DeployProgress } from "../../core/deploy/deploy";
import { type FieldNamer, keyNamer, renderError } from "../../core/errors";
import type { LaunchFileEntry } from "../../core/launch/file";
import type { LaunchProgress } from "../../core/launch/run";
import type { ReserveBudget } from "../../core/launch/preflight";
import type { LaunchItemResult, LaunchOutcome } from "../../core/launch/types";
import { withPluginErrors } from "../../errors";
import { findWhitelist, requireAddress } from "../addresses";
import { buildContext, confirmLiveSend, type SendOptions } from "../context";
import { renderText } from "./deploy-token";
import { checkFeeCap } from "./distribute";

export type { LaunchItemResult, LaunchOutcome } from "../../core/launch/types";

export interface LaunchOptions extends SendOptions {
  /** The platform's launch file (version 1). */
  launchFile: string;
  tokenManager?: string;
  ammFactory?: string;
  /** The PurchaserWhitelist of the gated pools (default: config, environment, address book, the local mock's). */
  whitelist?: string;
  dryRun?: boolean;
  /** One model at a time (default: several models in flight, their sends with consecutive nonces). */
  sequential?: boolean;
  names?: FieldNamer;
  /** How many models are kept in flight at once, told before the first is sent. */
  onWindow?: (window: number) => void;
  onWarning?: (warning: string, label: string) => void;
  onDeployProgress?: (event: DeployProgress, modelId: string) => void;
  onProgress?: (event: LaunchProgress) => void;
  onModelDone?: (item: LaunchItemResult, done: number, total: number) => void;
}

export function runLaunchFile(hre: HokusaiHost, options: LaunchOptions): Promise<LaunchOutcome> {
  const names = options.names ?? keyNamer;
  return withPluginErrors(async () => {
    const context = await buildContext(hre, options);
    const { loadLaunchFile } = await import("../../core/launch/file");
    const { prepareBatch } = await import("../../core/deploy/batch");
    const { deployToken } = await import("../../core/deploy/deploy");
    const { preflightLaunch, readFactoryWiring } = await import("../../core/launch/preflight");
    const { runLaunch } = await import("../../core/launch/run");
    const file = await loadLaunchFile(options.launchFile);
    const tokenManager = (await requireAddress(hre, context.chainId, "tokenManager", options.tokenManager))
      .address;
    const ammFactory = (await requireAddress(hre, context.chainId, "ammFactory", options.ammFactory)).address;
    const whitelist = await findWhitelist(hre, context.chainId, tokenManager, options.whitelist);

    // Every token checked before anything is sent: the same preflight as deploy-tokens.
    const { prepared } = await prepareBatch(context, tokenManager, file.entries, {
      file: options.launchFile,
      render: (error) => renderError(error, names),
    });
    for (const { item, prepared: p } of prepared) {
      for (const warning of p.preflight.warnings) options.onWarning?.(renderText(warning, names), item.label);
    }
    // The factory every pool comes from, checked once before any token is sent.
    const wiring = await readFactoryWiring(context.provider, tokenManager, ammFactory, context.named);
    const target = (entry: LaunchFileEntry) => ({
      modelId: entry.fields.modelId!,
      tokenManager,
      ammFactory,
      pool: entry.pool,
      performanceMetric: entry.performanceMetric,
      whitelist: entry.public ? null : whitelist,
      initialReserve: entry.initialReserve > 0n ? entry.initialReserve : undefined,
      distribute: entry.distribute,
      governor: entry.fields.governor,
    });
    const toDeploy = prepared.filter((p) => p.prepared.preflight.existing === undefined).length;
    if (options.dryRun) {
      const { guessLaunchGas } = await import("../../core/launch/steps");
      const { readFees } = await import("../../core/chain/fees");
      const stack = wiring.registry === undefined ? "guide" : "live";
      const results: LaunchItemResult[] = [];
      for (const { item, prepared: p } of prepared) {
        const entry = item as LaunchFileEntry;
        const existing = p.preflight.existing;
        // A launch whose token stands is checked step by step; otherwise by the steps' estimates.
        const planned =
          existing === undefined
            ? undefined
            : await preflightLaunch(context.provider, context.sender.address, target(entry), {
                network: context.network,
                wiring,
              });
        const launchGas =
          planned === undefined
            ? guessLaunchGas(target(entry), stack)
            : planned.steps.reduce((sum, step) => sum + (step.state === "to-send" ? step.gasLimit : 0n), 0n);
        const nothingToSend =
          planned !== undefined && !planned.steps.some((step) => step.state === "to-send");
        results.push({
          modelId: p.request.modelId,
          configKey: entry.configKey,
          token: existing?.token,
          tokenStatus: existing === undefined ? "would-deploy" : "already-deployed",
          status: nothingToSend ? "already-done" : "would-launch",
          seconds: 0,
          gas: { deploy: p.preflight.gasLimit, launch: launchGas, launchChecked: planned !== undefined },
          pool: planned?.poolExists
            ? { address: planned.pool!, gated: planned.target.whitelist !== null }
            : undefined,
        });
      }
      const gas = results.reduce((sum, r) => sum + r.gas!.deploy + r.gas!.launch, 0n);
      const fees = await readFees(context.provider);
      const fee = prepared.reduce(
        (sum, { prepared: p }) => sum + (p.preflight.existing ? 0n : p.preflight.fee),
        0n,
      );
      return {
        launchFile: file.file,
        network: context.network,
        chainId: context.chainId,
        results,
        dryRun: { gas, maxCost: gas * fees.perGas + fee },
      };
    }
    await checkFeeCap(context);
    await confirmLiveSend(
      context,
      options,
      `Launch ${file.entries.length} models on ${context.network} (${toDeploy} tokens to deploy)?`,
    );
    const { runBatchWindow } = await import("../../core/chain/pipeline");
    const { pipelineFor } = await import("../../core/deploy/batch");
    const { deploymentInFlight } = await import("../../core/deploy/deploy");
    const { launchInFlight } = await import("../../core/launch/run");
    const { POOL_GAS_GUESS } = await import("../../core/launch/steps");
    const { window, context: pipelined } = await pipelineFor(
      context,
      [POOL_GAS_GUESS, ...prepared.map((p) => p.prepared.preflight.gasLimit)],
      options.sequential,
    );
    options.onWindow?.(window);
    const budget: ReserveBudget = {};
    const launchOne = async ({ item, prepared: p }: (typeof prepared)[number]): Promise<LaunchItemResult> => {
      const entry = item as LaunchFileEntry;
      const started = Date.now();
      const modelId = p.request.modelId;
      try {
        const deployed = await deployToken(pipelined, p, {
          onProgress: (event) => options.onDeployProgress?.(event, modelId),
        });
        const preflight = await preflightLaunch(context.provider, context.sender.address, target(entry), {
          network: context.network,
          budget,
          wiring,
        });
        const seeds = preflight.steps.some((s) => s.name === "depositReserve" && s.state === "to-send");
        const launch = await runLaunch(pipelined, preflight, {
          metadata: entry.metadata,
          onProgress: options.onProgress,
        }).catch((error: unknown) => {
          // Its reserve not spent: back to the budget of the others.
          if (seeds) budget.available! += preflight.target.initialReserve!;
          throw error;
        });
        const sent = launch.steps.some((step) => step.state === "sent") || deployed.status === "deployed";
        return {
          modelId,
          configKey: entry.configKey,
          token: deployed.token,
          tokenStatus: deployed.status,
          status: sent ? "launched" : "already-done",
          launch,
          seconds: (Date.now() - started) / 1000,
        };
      } catch (error) {
        return {
          modelId,
          configKey: entry.configKey,
          status: "failed",
          seconds: (Date.now() - started) / 1000,
          error: renderError(error, names),
        };
      }
    };
    const results = await runBatchWindow(prepared, {
      window,
      inFlight: ({ prepared: p }) =>
        deploymentInFlight(context, p.request.modelId) || launchInFlight(context, p.request.modelId),
      work: launchOne,
      onDone: options.onModelDone,
    });
    return { launchFile: file.file, network: context.network, chainId: context.chainId, results };
  }, names);
}
