import { task } from "hardhat/config";

import { addressParams, modelIdParam, sendParams } from "./params";

import { TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION } from "../src/task-names";

interface DistributeArgs {
  modelId?: string;
  tokenManager?: string;
  dryRun: boolean;
  yes: boolean;
  confirmations?: number;
  timeout?: number;
  maxFeeGwei?: string;
  json: boolean;
}

sendParams(
  addressParams(
    modelIdParam(
      task(
        TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION,
        "Backend: mints a verified model's supplier allocation to its recipient (distributeModelSupplierAllocation), signed by the TokenManager owner",
      ),
    ),
  ),
).setAction(async (args: DistributeArgs, hre) => {
  const { runDistributeSupplierAllocation } = await import("../src/hardhat/actions/distribute");
  const { flagNamer, runTask, terminalConfirm } = await import("../src/hardhat/cli");
  const ui = await import("../src/ui/backend");

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
});
