/** `hokusai:deploy-token` as a command: validate, run the face's action, print. Both editions run it. */
import type { SendArgs } from "../../task-options";
import type { HokusaiHost } from "../host";

export interface DeployTokenArgs extends Record<string, unknown>, SendArgs {
  plan?: string;
  tokenManager?: string;
  wei: boolean;
  fork: boolean;
  strict: boolean;
}

export async function deployTokenCommand(hre: HokusaiHost, args: DeployTokenArgs): Promise<unknown> {
  const { runDeployToken } = await import("../actions/deploy-token");
  const { flagNamer, runTask, terminalConfirm } = await import("../cli");
  const { rpcHost } = await import("../context");
  const ui = await import("../../ui/deploy");

  return runTask(async () => {
    const outcome = await runDeployToken(hre, {
      ...args,
      timeoutSeconds: args.timeout,
      names: flagNamer,
      confirm: await terminalConfirm(),
      onSummary: ({ request, preflight, chainId, tokenManagerSource }) => {
        if (preflight.existing !== undefined) return;
        console.error(
          ui.formatDeploySummary(request, preflight, {
            network: hre.network.name,
            chainId,
            rpcHost: rpcHost(hre),
            tokenManagerSource,
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
}
