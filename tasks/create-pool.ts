import { task, types } from "hardhat/config";

import { addressParams, modelIdParam, sendParams } from "./params";

import { TASK_HOKUSAI_CREATE_POOL } from "../src/task-names";

interface CreatePoolArgs {
  modelId?: string;
  crr?: string;
  tradeFee?: string;
  ibrDuration?: string;
  flatCurveThreshold?: string;
  flatCurvePrice?: string;
  tokenManager?: string;
  ammFactory?: string;
  dryRun: boolean;
  yes: boolean;
  confirmations?: number;
  timeout?: number;
  maxFeeGwei?: string;
  json: boolean;
}

const createPool = modelIdParam(
  task(
    TASK_HOKUSAI_CREATE_POOL,
    "Backend: creates a model's AMM pool (createPoolWithParams) and authorises it to mint (authorizeAMM), signed by the owner of the factory and the TokenManager",
  ),
)
  .addOptionalParam(
    "crr",
    "Reserve ratio in ppm, 50000 to 1000000 (default: the factory's, 200000 = 20%)",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "tradeFee",
    "Trade fee in basis points, 0 to 1000 (default: the factory's, 30 = 0.3%)",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "ibrDuration",
    "Initial bonding round in seconds, 86400 to 2592000 (1 to 30 days; default: the factory's, 604800 = 7 days)",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "flatCurveThreshold",
    "Reserve in US dollars (USDC) up to which tokens sell at the flat price, e.g. 25000 (default: the factory's)",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "flatCurvePrice",
    "Flat price in US dollars (USDC) per token, up to 6 decimals, e.g. 0.01 (default: the factory's)",
    undefined,
    types.string,
  );

sendParams(addressParams(createPool, ["tokenManager", "ammFactory"])).setAction(
  async (args: CreatePoolArgs, hre) => {
    const { runCreatePool } = await import("../src/hardhat/actions/backend");
    const { flagNamer, runTask, terminalConfirm } = await import("../src/hardhat/cli");
    const ui = await import("../src/ui/backend");

    return runTask(async () => {
      const outcome = await runCreatePool(hre, {
        ...args,
        timeoutSeconds: args.timeout,
        names: flagNamer,
        confirm: await terminalConfirm(),
        onPreflight: (preflight, context) => {
          for (const warning of preflight.warnings) console.error(`Warning: ${warning}`);
          if (preflight.action !== "done") console.error(ui.formatCreatePoolSummary(preflight, context));
        },
        onProgress: (event) => console.error(ui.formatBackendProgress(event)),
      });
      if (outcome.kind === "dry-run") {
        if (args.json)
          console.log(JSON.stringify(ui.createPoolDryRunJson(outcome.preflight, outcome.context), null, 2));
        else console.log(ui.formatCreatePoolDryRun(outcome.preflight));
        return outcome.preflight;
      }
      if (args.json)
        console.log(
          JSON.stringify(ui.createPoolJson(outcome.result, outcome.context, outcome.route), null, 2),
        );
      else console.log(ui.formatCreatePoolResult(outcome.result, outcome.context, outcome.route));
      return outcome.result;
    });
  },
);
