import { task, types } from "hardhat/config";

import { TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION } from "../src/task-names";

interface DistributeArgs {
  modelId?: string;
  tokenManager?: string;
  dryRun: boolean;
  yes: boolean;
  confirmations?: number;
  timeout?: number;
  json: boolean;
}

task(
  TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION,
  "Backend: mints a verified model's supplier allocation to its recipient (distributeModelSupplierAllocation), signed by the TokenManager owner",
)
  .addOptionalParam(
    "modelId",
    "The model id the token was deployed with (case-sensitive)",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "tokenManager",
    "TokenManager address (default: hokusai.networks.<network>.tokenManager, TOKEN_MANAGER_ADDRESS, or the local mock)",
    undefined,
    types.string,
  )
  .addFlag("dryRun", "Check everything and print what would be sent; send nothing")
  .addFlag("yes", "Do not ask for confirmation on a live chain (or set HOKUSAI_CONFIRM=true)")
  .addOptionalParam(
    "confirmations",
    "Confirmations to wait for (default 1 on dev chains, 2 elsewhere)",
    undefined,
    types.int,
  )
  .addOptionalParam(
    "timeout",
    "Seconds to wait for the transaction before giving up; a rerun checks the chain first (default 600)",
    undefined,
    types.int,
  )
  .addFlag("json", 'Print one JSON document ("version": 1) on stdout; progress goes to stderr')
  .setAction(async (args: DistributeArgs, hre) => {
    const { runDistributeSupplierAllocation } = await import("../src/actions/backend");
    const ui = await import("../src/ui/backend");
    const { askYesNo } = await import("../src/ui/prompt");
    const { reportResumable } = await import("../src/ui/exit");

    try {
      const outcome = await runDistributeSupplierAllocation(hre, {
        ...args,
        timeoutSeconds: args.timeout,
        confirm: process.stdin.isTTY ? askYesNo : undefined,
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
    } catch (error) {
      if (reportResumable(error)) return undefined;
      throw error;
    }
  });
