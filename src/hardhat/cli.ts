/**
 * What the tasks share on the command line: the failures that carry an exit code of
 * their own, and the terminal's question before sending.
 */
import { flagNamer, isHokusaiPluginError, toPluginError } from "../errors";

export { flagNamer };

/**
 * Runs a task's work. A failure with an exit code of its own (3: the fee cap, 4: not
 * mined yet; a rerun resolves both) is printed as one line and sets that code, which
 * Hardhat itself would turn into 1; any other plugin error goes to Hardhat, which
 * prints its one line.
 */
export async function runTask<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (caught) {
    const error = toPluginError(caught, flagNamer);
    if (!isHokusaiPluginError(error) || error.exitCode === 1) throw error;
    console.error(`Error in plugin ${error.pluginName}: ${error.message}`);
    process.exitCode = error.exitCode;
    return undefined;
  }
}

/** The question asked on a live chain, when there is a terminal to ask on. */
export async function terminalConfirm(): Promise<((question: string) => Promise<boolean>) | undefined> {
  if (!process.stdin.isTTY) return undefined;
  const { askYesNo } = await import("./prompt");
  return askYesNo;
}
