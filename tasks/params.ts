/**
 * Declares a Hardhat 2 task from its entry in src/task-options.ts, the one table of
 * descriptions and options both editions read. Light: every `npx hardhat` loads it.
 */
import { task, types } from "hardhat/config";
import { HARDHAT_NETWORK_NAME } from "hardhat/plugins";
import type { ActionType, CLIArgumentType, ConfigurableTaskDefinition, TaskArguments } from "hardhat/types";

import type { OptionType, TaskSpec } from "../src/task-options";

const TYPES: Record<Exclude<OptionType, "flag">, CLIArgumentType<string | number>> = {
  string: types.string,
  int: types.int,
  float: types.float,
};

/** `task(spec.name, spec.description)` with every option of the spec. */
export function hokusaiTask(spec: TaskSpec): ConfigurableTaskDefinition {
  const definition = task(spec.name, spec.description);
  for (const option of spec.options) {
    if (option.type === "flag") definition.addFlag(option.name, option.help);
    else if (option.required)
      definition.addParam(option.name, option.help, option.defaultValue, TYPES[option.type]);
    else definition.addOptionalParam(option.name, option.help, option.defaultValue, TYPES[option.type]);
  }
  return definition;
}

/**
 * The action of a task that uses the network. On the in-process network its accounts are
 * first listed from the mnemonic's seed, before Hardhat makes the provider
 * (src/hardhat/hd-accounts.ts says why).
 */
export function networkAction<A extends TaskArguments>(action: ActionType<A>): ActionType<A> {
  return async (args, hre, runSuper) => {
    if (hre.network.name === HARDHAT_NETWORK_NAME) {
      const { listNetworkAccounts } = await import("../src/hardhat/hd-accounts");
      listNetworkAccounts(hre.network.config);
    }
    return action(args, hre, runSuper);
  };
}
