import { task, types } from "hardhat/config";

import { DEPLOY_FIELD_KEYS, DEPLOY_FIELDS, WEI_FLAG_HELP } from "../src/core/deploy/fields";
import { TASK_HOKUSAI_DEPLOY_TOKEN } from "../src/task-names";
import { addressParams, sendParams } from "./params";

interface DeployTokenArgs extends Record<string, unknown> {
  plan?: string;
  tokenManager?: string;
  wei: boolean;
  dryRun: boolean;
  fork: boolean;
  yes: boolean;
  strict: boolean;
  confirmations?: number;
  timeout?: number;
  maxFeeGwei?: string;
  json: boolean;
}

const deployToken = task(
  TASK_HOKUSAI_DEPLOY_TOKEN,
  "Deploys a Hokusai model token through the TokenManager (deployTokenWithAllocations)",
).addOptionalParam(
  "plan",
  "Launch plan file (hokusai.model.json or .yaml, see hokusai:plan); the flags below override its values",
  undefined,
  types.string,
);

// One param per field of a deployment, described once in src/core/deploy/fields.ts.
for (const key of DEPLOY_FIELD_KEYS) {
  deployToken.addOptionalParam(key, DEPLOY_FIELDS[key].help, undefined, types.string);
}

sendParams(addressParams(deployToken.addFlag("wei", WEI_FLAG_HELP)))
  .addFlag(
    "fork",
    "With --dry-run: send the transaction on an in-process fork of the network and report the token, events and gas",
  )
  .addFlag("strict", "Treat best-practice warnings (a governor that is not a contract) as errors")
  .setAction(async (args: DeployTokenArgs, hre) => {
    const { runDeployToken } = await import("../src/hardhat/actions/deploy-token");
    const { flagNamer, runTask, terminalConfirm } = await import("../src/hardhat/cli");
    const { rpcHost } = await import("../src/hardhat/context");
    const ui = await import("../src/ui/deploy");

    return runTask(async () => {
      const outcome = await runDeployToken(hre, {
        ...args,
        timeoutSeconds: args.timeout,
        names: flagNamer,
        confirm: await terminalConfirm(),
        onSummary: ({ request, preflight, chainId }) => {
          if (preflight.existing !== undefined) return;
          console.error(
            ui.formatDeploySummary(request, preflight, {
              network: hre.network.name,
              chainId,
              rpcHost: rpcHost(hre),
            }),
          );
          for (const warning of preflight.warnings) console.error(`Warning: ${warning}`);
        },
        onProgress: (event) => console.error(ui.formatDeployProgress(event)),
        onNote: (note) => console.error(note),
      });
      if (outcome.kind === "dry-run") {
        if (args.json) {
          console.log(
            JSON.stringify(ui.dryRunJson(outcome.request, outcome.preflight, outcome.simulation), null, 2),
          );
        } else {
          console.log(ui.formatDryRun(outcome.preflight));
          if (outcome.simulation !== undefined)
            console.log(ui.formatSimulation(outcome.simulation, hre.network.name));
        }
        return outcome;
      }
      if (args.json)
        console.log(JSON.stringify(ui.deployResultJson(outcome.result, outcome.preflight.warnings), null, 2));
      else console.log(ui.formatDeployResult(outcome.result));
      return outcome.result;
    });
  });
