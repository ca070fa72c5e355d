import { task, types } from "hardhat/config";

import { TASK_HOKUSAI_LAUNCH } from "../src/task-names";
import { addressParams, batchParams, sendParams } from "./params";

interface LaunchArgs {
  launchFile: string;
  tokenManager?: string;
  ammFactory?: string;
  whitelist?: string;
  dryRun: boolean;
  sequential: boolean;
  yes: boolean;
  confirmations?: number;
  timeout?: number;
  maxFeeGwei?: string;
  json: boolean;
}

batchParams(
  sendParams(
    addressParams(
      task(
        TASK_HOKUSAI_LAUNCH,
        "The platform's launch of every token of its launch file, as the backend signer: token, pre-launch distribution, registration, pool (whitelisted unless public), authorisation, reserve; resumable, nothing sent twice",
      )
        // Not --config: that is Hardhat's own global option (the config file), which no task param may be named.
        .addParam(
          "launchFile",
          "The platform's launch file (version 1: requiredGovernor and tokens[], e.g. sepolia-launch-tokens.json)",
          undefined,
          types.string,
        )
        .addOptionalParam(
          "whitelist",
          "PurchaserWhitelist of the gated pools (default: hokusai.networks.<network>.purchaserWhitelist, PURCHASER_WHITELIST_ADDRESS, the address book on sepolia and mainnet, or the local mock's; looked up only where the TokenManager has a ModelRegistry)",
          undefined,
          types.string,
        ),
      ["tokenManager", "ammFactory"],
    ),
  ),
).setAction(async (args: LaunchArgs, hre) => {
  const { runLaunchFile } = await import("../src/hardhat/actions/launch");
  const { flagNamer, runTask, terminalConfirm } = await import("../src/hardhat/cli");
  const { createProgress } = await import("../src/hardhat/progress");
  const { batchFailedError } = await import("../src/core/errors");
  const ui = await import("../src/ui/launch");
  const deployUi = await import("../src/ui/deploy");
  const manifestUi = await import("../src/ui/manifest");

  return runTask(async () => {
    let progress: ReturnType<typeof createProgress> | undefined;
    const outcome = await runLaunchFile(hre, {
      ...args,
      launchFile: args.launchFile,
      timeoutSeconds: args.timeout,
      names: flagNamer,
      confirm: await terminalConfirm(),
      onWarning: (warning, label) => console.error(`Warning: ${label}: ${warning}`),
      onDeployProgress: (event, modelId) =>
        console.error(`  ${modelId} token: ${deployUi.formatDeployProgress(event)}`),
      onProgress: (event) => console.error(ui.formatLaunchProgress(event)),
      onWindow: (window) => console.error(manifestUi.formatWindow(window)),
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
});
