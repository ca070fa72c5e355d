/** `hokusai:launch` as a command: every token of the platform's launch file. Both editions run it. */
import type { SendArgs } from "../../task-options";
import type { HokusaiHost } from "../host";

export interface LaunchArgs extends SendArgs {
  launchFile: string;
  tokenManager?: string;
  ammFactory?: string;
  whitelist?: string;
  sequential: boolean;
}

export async function launchCommand(hre: HokusaiHost, args: LaunchArgs): Promise<unknown> {
  const { runLaunchFile } = await import("../actions/launch");
  const { flagNamer, runTask, terminalConfirm } = await import("../cli");
  const { createProgress, noteLine } = await import("../progress");
  const { batchFailedError } = await import("../../core/errors");
  const ui = await import("../../ui/launch");
  const { formatWindow } = await import("../../ui/manifest");

  return runTask(async () => {
    let progress: ReturnType<typeof createProgress> | undefined;
    // The bar comes with the first model done; lines before it go to stderr as they are.
    const tell = (line: string) => noteLine(progress, line);
    const outcome = await runLaunchFile(hre, {
      ...args,
      launchFile: args.launchFile,
      timeoutSeconds: args.timeout,
      names: flagNamer,
      confirm: await terminalConfirm(),
      onWarning: (warning, label) => console.error(`Warning: ${label}: ${warning}`),
      onDeployProgress: (event, modelId) => {
        if (ui.isNotableLaunchTokenProgress(event)) tell(ui.formatLaunchTokenProgress(modelId, event));
      },
      onProgress: (event) => {
        if (ui.isNotableLaunchProgress(event)) tell(ui.formatLaunchProgress(event));
      },
      onWindow: (window) => console.error(formatWindow(window)),
      onModelDone: (item, done, total) => {
        progress ??= createProgress(total);
        progress.update(done, ui.formatLaunchItemDone(item, done, total));
      },
    });
    progress?.stop();
    if (args.json) console.log(JSON.stringify(ui.launchFileJson(outcome), null, 2));
    else console.log(ui.formatLaunchFileSummary(outcome));
    const failed = outcome.results.filter((r) => r.status === "failed").length;
    if (failed > 0) throw batchFailedError(failed, outcome.results.length);
    return outcome;
  });
}
