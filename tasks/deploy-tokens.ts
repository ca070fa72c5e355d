import { task, types } from "hardhat/config";

import { TASK_HOKUSAI_DEPLOY_TOKENS } from "../src/task-names";

interface DeployTokensArgs {
  manifest: string;
  tokenManager?: string;
  dryRun: boolean;
  yes: boolean;
  confirmations?: number;
  timeout?: number;
  maxFeeGwei?: string;
  json: boolean;
}

task(
  TASK_HOKUSAI_DEPLOY_TOKENS,
  "Deploys every model token of a manifest; checks all of them first, and a rerun resumes",
)
  .addParam(
    "manifest",
    "JSON or YAML file: a list of deploy-token parameters, launch plans or { plan: file } entries (see the README)",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "tokenManager",
    "TokenManager address (default: config, TOKEN_MANAGER_ADDRESS, or the local mock)",
    undefined,
    types.string,
  )
  .addFlag("dryRun", "Check every model and print what would be sent; send nothing")
  .addFlag("yes", "Do not ask for confirmation on a live chain (or set HOKUSAI_CONFIRM=true)")
  .addOptionalParam(
    "confirmations",
    "Confirmations to wait for per deployment (default 1 on dev chains, 2 elsewhere)",
    undefined,
    types.int,
  )
  .addOptionalParam(
    "timeout",
    "Seconds to wait for each transaction (default 600); a rerun resumes",
    undefined,
    types.int,
  )
  .addOptionalParam(
    "maxFeeGwei",
    "Refuse to send while the network's max fee per gas is above this many gwei",
    undefined,
    types.string,
  )
  .addFlag("json", "Print one JSON document on stdout; progress goes to stderr")
  .setAction(async (args: DeployTokensArgs, hre) => {
    const { runDeployTokens } = await import("../src/actions/deploy-tokens");
    const ui = await import("../src/ui/manifest");
    const { ManifestDeploymentsFailedError } = await import("../src/errors");
    const { askYesNo } = await import("../src/ui/prompt");
    const { createProgress } = await import("../src/ui/progress");

    let progress: ReturnType<typeof createProgress> | undefined;
    const outcome = await runDeployTokens(hre, {
      manifest: args.manifest,
      tokenManager: args.tokenManager,
      dryRun: args.dryRun,
      yes: args.yes,
      confirmations: args.confirmations,
      timeoutSeconds: args.timeout,
      maxFeeGwei: args.maxFeeGwei === undefined ? undefined : Number(args.maxFeeGwei),
      confirm: process.stdin.isTTY ? askYesNo : undefined,
      onPlanned: (plan) => {
        console.error(ui.formatManifestPlan(plan, hre.network.name));
        if (!args.dryRun) progress = createProgress(plan.total);
      },
      onModelDone: (result, done, total) => progress?.update(done, ui.formatModelDone(result, done, total)),
    });
    progress?.stop();
    if (args.json) console.log(JSON.stringify(ui.manifestJson(outcome), null, 2));
    else console.log(ui.formatManifestSummary(outcome));
    const failed = outcome.results.filter((r) => r.status === "failed").length;
    if (failed > 0) throw new ManifestDeploymentsFailedError(failed, outcome.results.length);
    return outcome;
  });
