/**
 * hokusai:create-pool on a Hardhat network: the platform's launch of one model after its
 * token, through the core's launch (register, pool behind a whitelist or public,
 * authorisation, reserve), each step skipped when the chain shows it done and journaled.
 * The task and `hre.hokusai.createPool` are this function.
 */
import type { HokusaiHost } from "../host";

import type { PoolParamsInput } from "../../core/backend";
import { parseAddress } from "../../core/validate";
import { conflictingOptionsError, fieldRef, keyNamer, msg } from "../../core/errors";
import type { LaunchProgress } from "../../core/launch/run";
import type { LaunchPreflight, LaunchResult, LaunchTarget } from "../../core/launch/types";
import { withPluginErrors } from "../../errors";
import type { NetworkContext } from "../../ui/backend";
import { findWhitelist, requireAddress } from "../addresses";
import { buildContext, confirmLiveSend } from "../context";
import { type BackendRunOptions, checkFeeCap, networkContext, requireModelId } from "./distribute";
import { renderText } from "./deploy-token";

export interface CreatePoolOptions extends Omit<BackendRunOptions, "onProgress">, PoolParamsInput {
  /** AMM factory address (default: config, environment, address book, or the local mock). */
  ammFactory?: string;
  /** The registry's performance metric, needed when the model is not registered yet. */
  performanceMetric?: string;
  /** The PurchaserWhitelist that gates buys (default: config, environment, address book, the local mock's). */
  whitelist?: string;
  /** A pool anyone can buy from: no whitelist. */
  public?: boolean;
  /** USDC to seed the reserve with, in dollars ("100"); left out, the reserve is not seeded. */
  initialReserve?: string;
  /** The governor the model's token must have (its owner()); another's token is not launched. */
  governor?: string;
  onPreflight?: (preflight: LaunchPreflight, context: NetworkContext) => void;
  onProgress?: (event: LaunchProgress) => void;
}

export type CreatePoolOutcome =
  | { kind: "dry-run"; preflight: LaunchPreflight; context: NetworkContext }
  | { kind: "done"; preflight: LaunchPreflight; result: LaunchResult; context: NetworkContext };

export function runCreatePool(hre: HokusaiHost, options: CreatePoolOptions): Promise<CreatePoolOutcome> {
  const names = options.names ?? keyNamer;
  return withPluginErrors(async () => {
    const modelId = requireModelId(options.modelId);
    const { parsePoolParams, parseUsdcAmount } = await import("../../core/backend");
    const pool = parsePoolParams(options);
    const initialReserve =
      options.initialReserve === undefined || options.initialReserve === ""
        ? undefined
        : parseUsdcAmount("initialReserve", options.initialReserve);
    if (options.public && options.whitelist !== undefined && options.whitelist !== "") {
      throw conflictingOptionsError(
        "public",
        "whitelist",
        msg`${fieldRef("public")} makes a pool anyone can buy from, ${fieldRef("whitelist")} one behind that whitelist: pass one of them`,
      );
    }
    const context = await buildContext(hre, options);
    const shown = networkContext(context);
    const tokenManager = (await requireAddress(hre, context.chainId, "tokenManager", options.tokenManager))
      .address;
    const whitelist = options.public
      ? null
      : await findWhitelist(hre, context.chainId, tokenManager, options.whitelist);
    const target: LaunchTarget = {
      modelId,
      tokenManager,
      ammFactory: (await requireAddress(hre, context.chainId, "ammFactory", options.ammFactory)).address,
      pool,
      performanceMetric: options.performanceMetric,
      whitelist,
      initialReserve,
      governor:
        options.governor === undefined || options.governor === ""
          ? undefined
          : parseAddress("governor", options.governor),
    };
    const { preflightLaunch } = await import("../../core/launch/preflight");
    const found = await preflightLaunch(context.provider, context.sender.address, target, {
      network: context.network,
      named: context.named,
    });
    const preflight = { ...found, warnings: found.warnings.map((w) => renderText(w, names)) };
    const toSend = preflight.steps.some((step) => step.state === "to-send");
    if (toSend) await checkFeeCap(context);
    options.onPreflight?.(preflight, shown);
    if (options.dryRun) return { kind: "dry-run", preflight, context: shown };
    if (toSend) await confirmLiveSend(context, options, `Send these calls on ${context.network}?`);
    const { runLaunch } = await import("../../core/launch/run");
    const result = await runLaunch(context, preflight, { onProgress: options.onProgress });
    return { kind: "done", preflight, result, context: shown };
  }, names);
}
