import { task, types } from "hardhat/config";

import { addressParams, batchParams, sendParams } from "./params";

import { TASK_HOKUSAI_DEPLOY_TOKENS } from "../src/task-names";

interface DeployTokensArgs {
  manifest: string;
  tokenManager?: string;
  dryRun: boolean;
  yes: boolean;
  strict: boolean;
  sequential: boolean;
  confirmations?: number;
  timeout?: number;
  maxFeeGwei?: string;
  json: boolean;
}

batchParams(
  sendParams(
    addressParams(
      task(
        TASK_HOKUSAI_DEPLOY_TOKENS,
        "Deploys every model token of a manifest; checks all of them first, and a rerun resumes",
      ).addParam(
        "manifest",
        "JSON or YAML file: a list of deploy-token parameters, launch plans or { plan: file } entries (see the README)",
        undefined,
        types.string,
      ),
    ),
  ),
)
  .addFlag(
    "strict",
    "Treat best-practice warnings (a governor that is not a contract) as errors, for every model",
  )
  .setAction(async (args: DeployTokensArgs, hre) => {
    const { runDeployTokens } = await import("../src/hardhat/actions/deploy-tokens");
    const { flagNamer, runTask, terminalConfirm } = await import("../src/hardhat/cli");
    const { createProgress } = await import("../src/hardhat/progress");
    const { batchFailedError } = await import("../src/core/errors");
    const ui = await import("../src/ui/manifest");

    return runTask(async () => {
      let progress: ReturnType<typeof createProgress> | undefined;
      const outcome = await runDeployTokens(hre, {
        ...args,
        timeoutSeconds: args.timeout,
        names: flagNamer,
        confirm: await terminalConfirm(),
        onWarning: (warning, label) => console.error(`Warning: ${label}: ${warning}`),
        onPlanned: (plan) => {
          console.error(ui.formatManifestPlan(plan, hre.network.name));
          if (!args.dryRun) progress = createProgress(plan.total);
        },
        onWindow: (window) => console.error(ui.formatWindow(window)),
        onModelDone: (result, done, total) => progress?.update(done, ui.formatModelDone(result, done, total)),
      });
      progress?.stop();
      if (args.json) console.log(JSON.stringify(ui.manifestJson(outcome), null, 2));
      else console.log(ui.formatManifestSummary(outcome));
      const failed = outcome.results.filter((r) => r.status === "failed").length;
      if (failed > 0) throw batchFailedError(failed, outcome.results.length);
      return outcome;
    });
  });
