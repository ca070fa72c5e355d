/**
 * The tasks of the Hardhat 3 edition, declared from the same table as Hardhat 2's
 * (src/task-options.ts): the same names, options and help. Each action loads
 * src/hh3/run.ts, which runs the same command as Hardhat 2's task. `hokusai:devnet`
 * serves Hardhat 2's in-process network and is not declared here.
 */
import * as hardhatConfig from "hardhat/config";

import * as specs from "../task-options";
import type { OptionSpec, TaskSpec } from "../task-options";
import type { Hardhat3ArgumentType, Hardhat3TaskBuilder } from "./hardhat3";

const { task } = hardhatConfig as unknown as {
  task: (id: string, description: string) => Hardhat3TaskBuilder;
};

/**
 * Hardhat 3 options always have a value: an option without a default is read as a
 * string that is undefined when left out, and the command parses a number from it.
 */
function argumentType(option: OptionSpec): Hardhat3ArgumentType {
  if (option.defaultValue === undefined) return "STRING_WITHOUT_DEFAULT";
  return option.type === "int" ? "INT" : option.type === "float" ? "FLOAT" : "STRING";
}

function declare(spec: TaskSpec): object {
  let builder = task(spec.name, spec.description);
  for (const option of spec.options) {
    builder =
      option.type === "flag"
        ? builder.addFlag({ name: option.name, description: option.help })
        : builder.addOption({
            name: option.name,
            description: option.help,
            type: argumentType(option),
            defaultValue: option.defaultValue,
          });
  }
  return builder.setAction(async () => ({ default: (await import("./run")).actionOf(spec) })).build();
}

export const HH3_TASK_SPECS: readonly TaskSpec[] = [
  specs.DEPLOY_TOKEN,
  specs.LICENSE_HASH,
  specs.PLAN,
  specs.VERIFY_LICENSE,
  specs.STATUS,
  specs.DISTRIBUTE_SUPPLIER_ALLOCATION,
  specs.CREATE_POOL,
  specs.DEPLOY_TOKENS,
  specs.LAUNCH,
];

export const HH3_TASKS: object[] = HH3_TASK_SPECS.map(declare);
