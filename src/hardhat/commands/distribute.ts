/** `hokusai:distribute-supplier-allocation` as a command. Both editions run it. */
import type { SendArgs } from "../../task-options";
import type { HokusaiHost } from "../host";

export interface DistributeArgs extends SendArgs {
  modelId?: string;
  tokenManager?: string;
}

export async function distributeCommand(hre: HokusaiHost, args: DistributeArgs): Promise<unknown> {
  const { runDistributeSupplierAllocation } = await import("../actions/distribute");
  const { flagNamer, runTask, terminalConfirm } = await import("../cli");
  const ui = await import("../../ui/backend");

  return runTask(async () => {
    const outcome = await runDistributeSupplierAllocation(hre, {
      ...args,
      timeoutSeconds: args.timeout,
      names: flagNamer,
      confirm: await terminalConfirm(),
      onPreflight: (preflight, context) => {
        if (preflight.status === "ready") console.error(ui.formatDistributeSummary(preflight, context));
      },
      onProgress: (event) => console.error(ui.formatBackendProgress(event)),
    });
    if (outcome.kind === "dry-run") {
      if (args.json)
        console.log(JSON.stringify(ui.distributeDryRunJson(outcome.preflight, outcome.context), null, 2));
      else console.log(ui.formatDistributeDryRun(outcome.preflight));
      return outcome.preflight;
    }
    if (args.json) console.log(JSON.stringify(ui.distributeJson(outcome.result, outcome.context), null, 2));
    else console.log(ui.formatDistributeResult(outcome.result, outcome.context));
    return outcome.result;
  });
}
