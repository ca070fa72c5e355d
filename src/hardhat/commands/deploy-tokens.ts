/** `hokusai:deploy-tokens` as a command: every model of a manifest. Both editions run it. */
import type { SendArgs } from "../../task-options";
import type { HokusaiHost } from "../host";

export interface DeployTokensArgs extends SendArgs {
  manifest: string;
  tokenManager?: string;
  strict: boolean;
  sequential: boolean;
}

export async function deployTokensCommand(hre: HokusaiHost, args: DeployTokensArgs): Promise<unknown> {
  const { runDeployTokens } = await import("../actions/deploy-tokens");
  const { flagNamer, runTask, terminalConfirm } = await import("../cli");
  const { createProgress, noteLine } = await import("../progress");
  const { batchFailedError } = await import("../../core/errors");
  const ui = await import("../../ui/manifest");
  const deployUi = await import("../../ui/deploy");

  return runTask(async () => {
    let progress: ReturnType<typeof createProgress> | undefined;
    const outcome = await runDeployTokens(hre, {
      ...args,
      timeoutSeconds: args.timeout,
      names: flagNamer,
      confirm: await terminalConfirm(),
      onWarning: (warning, label) => console.error(`Warning: ${label}: ${warning}`),
      onPlanned: (plan) => {
        console.error(ui.formatManifestPlan(plan, hre.network.name));
        if (!args.dryRun) progress = createProgress(plan.total);
      },
      onWindow: (window) => console.error(ui.formatWindow(window)),
      onProgress: (event, modelId) => {
        if (!deployUi.isNotableDeployProgress(event)) return;
        noteLine(progress, `  ${modelId}: ${deployUi.formatDeployProgress(event)}`);
      },
      onModelDone: (result, done, total) => progress?.update(done, ui.formatModelDone(result, done, total)),
    });
    progress?.stop();
    if (args.json) console.log(JSON.stringify(ui.manifestJson(outcome), null, 2));
    else console.log(ui.formatManifestSummary(outcome));
    const failed = outcome.results.filter((r) => r.status === "failed").length;
    if (failed > 0) throw batchFailedError(failed, outcome.results.length);
    return outcome;
  });
}
