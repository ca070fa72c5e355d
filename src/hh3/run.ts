/**
 * The actions of the Hardhat 3 tasks: the options read as Hardhat 2's tasks get them,
 * then the same command (src/hardhat/commands/), on the host of the `--network`
 * connection. Loaded only when a task runs.
 */
import { missingInput, msg, fieldRef } from "../core/errors";
import { parseIntegerInRange } from "../core/validate";
import { flagNamer, toPluginError } from "../errors";
import type { HokusaiHost } from "../hardhat/host";
import * as specs from "../task-options";
import type { TaskSpec } from "../task-options";
import type { Hardhat3Action, Hardhat3Runtime } from "./hardhat3";
import { hostOfRuntime } from "./host";

type Command = (args: never, hre: Hardhat3Runtime) => Promise<unknown>;

/** A command of the face on the host of the command line's network. */
function onHost(run: (host: HokusaiHost, args: never) => Promise<unknown>): Command {
  return async (args, hre) => run(await hostOfRuntime(hre), args);
}

const COMMANDS: Record<string, () => Promise<Command>> = {
  [specs.DEPLOY_TOKEN.name]: async () =>
    onHost((await import("../hardhat/commands/deploy-token")).deployTokenCommand),
  [specs.STATUS.name]: async () => onHost((await import("../hardhat/commands/status")).statusCommand),
  [specs.VERIFY_LICENSE.name]: async () =>
    onHost((await import("../hardhat/commands/verify-license")).verifyLicenseCommand),
  [specs.DISTRIBUTE_SUPPLIER_ALLOCATION.name]: async () =>
    onHost((await import("../hardhat/commands/distribute")).distributeCommand),
  [specs.CREATE_POOL.name]: async () =>
    onHost((await import("../hardhat/commands/create-pool")).createPoolCommand),
  [specs.DEPLOY_TOKENS.name]: async () =>
    onHost((await import("../hardhat/commands/deploy-tokens")).deployTokensCommand),
  [specs.LAUNCH.name]: async () => onHost((await import("../hardhat/commands/launch")).launchCommand),
  [specs.LICENSE_HASH.name]: async () => {
    const { licenseHashCommand } = await import("../hardhat/commands/license-hash");
    return (args) => licenseHashCommand(args);
  },
  [specs.PLAN.name]: async () => {
    const { planCommand } = await import("../hardhat/commands/plan");
    return (args, hre) => planCommand(hre.config.paths.root, args);
  },
};

/**
 * The options as Hardhat 2 passes them: a required option is there, and an integer
 * option without a default (read as a string here) is a number or undefined.
 */
export function argsOf(spec: TaskSpec, given: Record<string, unknown>): Record<string, unknown> {
  const args = { ...given };
  for (const option of spec.options) {
    const value = args[option.name];
    if (option.required && (value === undefined || value === "")) {
      throw missingInput(option.name, msg`pass ${fieldRef(option.name)} <file>`);
    }
    if (option.type === "int" && option.defaultValue === undefined && value !== undefined) {
      args[option.name] = Number(parseIntegerInRange(option.name, value, 0, Number.MAX_SAFE_INTEGER));
    }
  }
  return args;
}

export function actionOf(spec: TaskSpec): Hardhat3Action {
  return async (given, hre) => {
    let args: Record<string, unknown>;
    try {
      args = argsOf(spec, given);
    } catch (error) {
      throw toPluginError(error, flagNamer);
    }
    const command = await COMMANDS[spec.name]();
    return command(args as never, hre);
  };
}
