/** `hokusai:status` as a command: read, print. Both editions run it. */
import type { HokusaiHost } from "../host";

export interface StatusArgs {
  modelId?: string;
  tokenManager?: string;
  ammFactory?: string;
  json: boolean;
}

export async function statusCommand(hre: HokusaiHost, args: StatusArgs): Promise<unknown> {
  const { runStatus } = await import("../actions/status");
  const { flagNamer } = await import("../cli");
  const ui = await import("../../ui/status");

  const { status, context } = await runStatus(hre, { ...args, names: flagNamer });
  if (args.json) {
    console.log(JSON.stringify(ui.statusJson(status, context), null, 2));
  } else {
    for (const warning of status.warnings) console.error(`Warning: ${warning}`);
    console.log(ui.formatStatus(status, context));
  }
  return status;
}
