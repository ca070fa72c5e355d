/** `hokusai:create-pool` as a command: the launch of one model's pool. Both editions run it. */
import type { SendArgs } from "../../task-options";
import type { HokusaiHost } from "../host";

export interface CreatePoolArgs extends SendArgs {
  modelId?: string;
  crr?: string;
  tradeFee?: string;
  ibrDuration?: string;
  flatCurveThreshold?: string;
  flatCurvePrice?: string;
  performanceMetric?: string;
  whitelist?: string;
  public: boolean;
  initialReserve?: string;
  governor?: string;
  tokenManager?: string;
  ammFactory?: string;
}

export async function createPoolCommand(hre: HokusaiHost, args: CreatePoolArgs): Promise<unknown> {
  const { runCreatePool } = await import("../actions/create-pool");
  const { flagNamer, runTask, terminalConfirm } = await import("../cli");
  const ui = await import("../../ui/launch");

  return runTask(async () => {
    const outcome = await runCreatePool(hre, {
      ...args,
      timeoutSeconds: args.timeout,
      names: flagNamer,
      confirm: await terminalConfirm(),
      onPreflight: (preflight, context) => {
        for (const warning of preflight.warnings) console.error(`Warning: ${warning}`);
        if (preflight.steps.some((step) => step.state === "to-send")) {
          console.error(ui.formatLaunchSummary(preflight, context));
        }
      },
      onProgress: (event) => console.error(ui.formatLaunchProgress(event)),
    });
    if (outcome.kind === "dry-run") {
      if (args.json)
        console.log(JSON.stringify(ui.launchDryRunJson(outcome.preflight, outcome.context), null, 2));
      else console.log(ui.formatLaunchDryRun(outcome.preflight));
      return outcome.preflight;
    }
    if (args.json) console.log(JSON.stringify(ui.launchJson(outcome.result, outcome.context), null, 2));
    else console.log(ui.formatLaunchResult(outcome.result, outcome.context));
    return outcome.result;
  });
}
