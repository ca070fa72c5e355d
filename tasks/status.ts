import { task, types } from "hardhat/config";

import { TASK_HOKUSAI_STATUS } from "../src/task-names";

interface StatusArgs {
  modelId?: string;
  tokenManager?: string;
  ammFactory?: string;
  json: boolean;
}

task(
  TASK_HOKUSAI_STATUS,
  "Shows where a model stands on-chain: token, params, supplier allocation, pool, lifecycle stage and the next step (reads only)",
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
  .addOptionalParam(
    "ammFactory",
    "AMM factory address (default: hokusai.networks.<network>.ammFactory, AMM_FACTORY_ADDRESS, or the local mock)",
    undefined,
    types.string,
  )
  .addFlag("json", 'Print one JSON document ("version": 1) on stdout')
  .setAction(async (args: StatusArgs, hre) => {
    const { runStatus } = await import("../src/actions/status");
    const ui = await import("../src/ui/status");

    const { status, context } = await runStatus(hre, args);
    if (args.json) {
      console.log(JSON.stringify(ui.statusJson(status, context), null, 2));
    } else {
      for (const warning of status.warnings) console.error(`Warning: ${warning}`);
      console.log(ui.formatStatus(status, context));
    }
    return status;
  });
