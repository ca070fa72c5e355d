import { HokusaiPluginError } from "../errors";

/** Exit codes beside 1, for failures that a plain rerun resolves, so CI can retry them. */
export const EXIT_FEE_CAP = 3;
export const EXIT_RERUN = 4;

/**
 * Prints a failure that carries an exit code of its own (the fee cap, a transaction
 * not mined yet) and sets that code; Hardhat itself would exit 1. Returns false for
 * any other error, which the task rethrows.
 */
export function reportResumable(error: unknown): boolean {
  if (!(error instanceof HokusaiPluginError) || error.exitCode === 1) return false;
  console.error(`Error in plugin ${error.pluginName}: ${error.message}`);
  process.exitCode = error.exitCode;
  return true;
}
