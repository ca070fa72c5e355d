/**
 * A command line run in this process: the task's flags parsed by Hardhat's own
 * ArgumentsParser (so types, flags and missing values are read exactly as the CLI reads
 * them), the task run through `hre.run`, and a failure printed as the CLI prints it. It
 * spares a child process per case; the suites keep a few true CLI cases beside it for
 * what only a process shows (the exit code Hardhat sets, no stack on CI).
 */
import { HardhatError, HardhatPluginError } from "hardhat/internal/core/errors";
import { ArgumentsParser } from "hardhat/internal/cli/ArgumentsParser";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import type { RunResult } from "./process";

export async function runCliInProcess(
  hre: HardhatRuntimeEnvironment,
  argv: string[],
): Promise<Pick<RunResult, "code" | "stdout" | "stderr">> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error: logError } = console;
  const exitCodeBefore = process.exitCode;
  process.exitCode = undefined;
  console.log = (...args: unknown[]) => void out.push(args.map(String).join(" "));
  console.error = (...args: unknown[]) => void err.push(args.map(String).join(" "));
  let code: number;
  try {
    // A task or a scoped one (`ignition deploy`), found as the CLI finds it: the parser refuses
    // an unknown one with Hardhat's own error.
    const parser = new ArgumentsParser();
    const { scopeName, taskName, unparsedCLAs } = parser.parseScopeAndTaskNames(argv, hre.tasks, hre.scopes);
    const definition = scopeName === undefined ? hre.tasks[taskName] : hre.scopes[scopeName].tasks[taskName];
    const args = parser.parseTaskArguments(definition, unparsedCLAs);
    await hre.run({ scope: scopeName, task: taskName }, args);
    code = typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (caught) {
    // What Hardhat's CLI prints for each kind of error (hardhat/internal/cli/cli.ts).
    if (HardhatPluginError.isHardhatPluginError(caught)) {
      err.push(`Error in plugin ${caught.pluginName}: ${caught.message}`);
    } else if (HardhatError.isHardhatError(caught)) {
      err.push(`Error ${caught.message}`);
    } else {
      err.push(`An unexpected error occurred:\n${(caught as Error)?.stack ?? String(caught)}`);
    }
    code = 1;
  } finally {
    console.log = log;
    console.error = logError;
    process.exitCode = exitCodeBefore;
  }
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}
