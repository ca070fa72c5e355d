import { task, types } from "hardhat/config";

import { TASK_HOKUSAI_CREATE_POOL } from "../src/task-names";
import { addressParams, modelIdParam, sendParams } from "./params";

interface CreatePoolArgs {
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
    "Backend: the platform's launch of a model's pool: registers the model (ModelRegistry), creates the pool behind the purchaser whitelist (or --public), authorises it to mint and seeds its reserve; each step is skipped when done, and a rerun resumes",
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
  )
  .addOptionalParam(
    "performanceMetric",
    "The model's benchmark metric, recorded by registerStringModel (needed when the model is not registered yet)",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "whitelist",
    "PurchaserWhitelist that gates buys (default: hokusai.networks.<network>.purchaserWhitelist, PURCHASER_WHITELIST_ADDRESS, the address book on sepolia and mainnet, or the local mock's; looked up only where the TokenManager has a ModelRegistry)",
    undefined,
    types.string,
  )
  .addFlag("public", "Create a pool anyone can buy from, with no whitelist")
  .addOptionalParam(
    "initialReserve",
    "USDC to seed the reserve with, in US dollars (e.g. 100): approve, then depositFees; left out, the reserve is not seeded",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "governor",
    "The governor the model's token must have (its owner() on the live stack, e.g. the developer's Safe): a token governed by anyone else is refused (HOK313), nothing sent",
    undefined,
    types.string,
  );

sendParams(addressParams(createPool, ["tokenManager", "ammFactory"])).setAction(
  async (args: CreatePoolArgs, hre) => {
    const { runCreatePool } = await import("../src/hardhat/actions/create-pool");
    const { flagNamer, runTask, terminalConfirm } = await import("../src/hardhat/cli");
    const ui = await import("../src/ui/launch");

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
  },
);
