/**
 * deploy-token on a Hardhat network: the fields from the flags (over a launch plan's),
 * then the core's prepareDeployment and deployToken in the context of the network. The
 * task and `hre.hokusai.deployToken` are both this function.
 */
import path from "path";

import type { HokusaiHost } from "../host";

import type { DeployProgress, DeployTokenResult } from "../../core/deploy/deploy";
import type { DeployFieldKey } from "../../core/deploy/fields";
import type { PreparedDeployment, PreflightResult } from "../../core/deploy/preflight";
import type { DeployFields, DeployTokenRequest } from "../../core/deploy/request";
import { type FieldNamer, keyNamer, renderParts, templateParts } from "../../core/errors";
import type { SimulationOutput } from "../../core/fork-simulation";
import { withPluginErrors } from "../../errors";
import { buildContext, confirmLiveSend, type SendOptions } from "../context";
import { requireAddress } from "../addresses";

/** A deployment's fields as typed on the command line or passed by a script: strings. */
export type DeployTokenInput = { [K in DeployFieldKey]?: string } & {
  /** Amounts are wei rather than whole tokens. */
  wei?: boolean;
};

export interface DeployTokenOptions extends DeployTokenInput, SendOptions {
  /** A launch plan file (hokusai.model.json or .yaml): its values, with the other options over them. */
  plan?: string;
  tokenManager?: string;
  dryRun?: boolean;
  /** With dryRun: send the transaction on an in-process fork of the network and report its effects. */
  fork?: boolean;
  strict?: boolean;
  metadata?: Record<string, unknown>;
  /** How errors and warnings name the options (default: as these options are named). */
  names?: FieldNamer;
  onSummary?: (summary: {
    request: DeployTokenRequest;
    preflight: PreflightResult;
    chainId: number;
    /** Where the TokenManager's address came from (a flag, the config, the environment, the address book). */
    tokenManagerSource: string;
  }) => void;
  onProgress?: (event: DeployProgress) => void;
  /** Notes that are not warnings (e.g. the published license was checked). */
  onNote?: (note: string) => void;
}

export type DeployTokenOutcome =
  | {
      kind: "dry-run";
      request: DeployTokenRequest;
      preflight: PreflightResult;
      chainId: number;
      simulation?: SimulationOutput;
    }
  | { kind: "done"; request: DeployTokenRequest; preflight: PreflightResult; result: DeployTokenResult };

/** The fields of the flags, over those of `--plan` when one is given, with the plan's metadata. */
export async function fieldsOfOptions(
  hre: HokusaiHost,
  options: DeployTokenOptions,
): Promise<{ fields: DeployFields; metadata?: Record<string, unknown> }> {
  const { parseDeployFields } = await import("../../core/deploy/parse-fields");
  const { mergeDeployFields } = await import("../../core/deploy/request");
  const flags = parseDeployFields(options as Record<string, unknown>, { inWei: options.wei });
  if (options.plan === undefined || options.plan === "") return { fields: flags, metadata: options.metadata };
  const { loadPlan } = await import("../../core/plan");
  const loaded = await loadPlan(options.plan);
  return {
    fields: mergeDeployFields(loaded.deployFields, flags),
    metadata: {
      ...loaded.metadata,
      planFile: path.relative(hre.config.paths.root, loaded.file),
      ...options.metadata,
    },
  };
}

/** Warnings and notes as this face names the options. */
export function renderText(text: string, names: FieldNamer): string {
  return renderParts(templateParts(text), names);
}

/** Preflight, then (unless a dry run) deploy, resuming any earlier run of the same model. */
export function runDeployToken(hre: HokusaiHost, options: DeployTokenOptions): Promise<DeployTokenOutcome> {
  const names = options.names ?? keyNamer;
  return withPluginErrors(async () => {
    const { fields, metadata } = await fieldsOfOptions(hre, options);
    const context = await buildContext(hre, options);
    const { resolveDeployRequest } = await import("../../core/deploy/request");
    const { prepareDeployment } = await import("../../core/deploy/preflight");
    const resolved = await resolveDeployRequest(fields, context.defaults);
    const { address: tokenManager, source: tokenManagerSource } = await requireAddress(
      hre,
      context.chainId,
      "tokenManager",
      options.tokenManager,
    );
    const prepared: PreparedDeployment = await prepareDeployment(context, tokenManager, resolved, {
      strict: options.strict,
      metadata,
    });
    const { request } = prepared;
    const preflight = {
      ...prepared.preflight,
      warnings: prepared.preflight.warnings.map((w) => renderText(w, names)),
    };
    for (const note of prepared.notes) options.onNote?.(renderText(note, names));
    options.onSummary?.({ request, preflight, chainId: context.chainId, tokenManagerSource });
    if (options.dryRun) {
      if (!options.fork || preflight.existing !== undefined) {
        return { kind: "dry-run", request, preflight, chainId: context.chainId };
      }
      const { simulateDeployOnFork } = await import("../fork/dry-run");
      const simulation = await simulateDeployOnFork(hre, {
        from: context.sender.address,
        modelId: request.modelId,
        transaction: { ...preflight.transaction, value: preflight.transaction.value.toString() },
      });
      return { kind: "dry-run", request, preflight, chainId: context.chainId, simulation };
    }
    if (preflight.existing === undefined) {
      await confirmLiveSend(context, options, `Send this deployment on ${context.network}?`);
    }
    const { deployToken } = await import("../../core/deploy/deploy");
    const result = await deployToken(context, prepared, { onProgress: options.onProgress });
    return { kind: "done", request, preflight, result };
  }, names);
}
