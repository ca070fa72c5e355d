import { task } from "hardhat/config";

import { addressParams, modelIdParam } from "./params";

import { TASK_HOKUSAI_STATUS } from "../src/task-names";

interface StatusArgs {
  modelId?: string;
  tokenManager?: string;
  ammFactory?: string;
  json: boolean;
}

addressParams(
  modelIdParam(
    task(
      TASK_HOKUSAI_STATUS,
      "Shows where a model stands on-chain: token, params, supplier allocation, pool, lifecycle stage and the next step (reads only)",
    ),
  ),
  ["tokenManager", "ammFactory"],
)
  .addFlag("json", 'Print one JSON document ("version": 1) on stdout')
  .setAction(async (args: StatusArgs, hre) => {
    const { runStatus } = await import("../src/hardhat/actions/status");
    const { flagNamer } = await import("../src/hardhat/cli");
    const ui = await import("../src/ui/status");

    const { status, context } = await runStatus(hre, { ...args, names: flagNamer });
    if (args.json) {
      console.log(JSON.stringify(ui.statusJson(status, context), null, 2));
    } else {
      for (const warning of status.warnings) console.error(`Warning: ${warning}`);
      console.log(ui.formatStatus(status, context));
    }
    return status;
  });
