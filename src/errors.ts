import { HardhatPluginError } from "hardhat/plugins";

export const PLUGIN_NAME = "hardhat-hokusai";

/**
 * Every failure a user can act on. The message is one line: what failed, the
 * values involved and the fix. `code` is stable so that the README's
 * troubleshooting table and runbooks can cite it.
 *
 * Code ranges:
 *   HOK1xx  set-up: compiler, config, network, secrets
 *   HOK2xx  input: task params, plan and manifest files
 *   HOK3xx  chain preflight: code, ABI, chain id, roles, balance, model id
 *   HOK4xx  transactions: reverts, records, recovery, fees, locks
 *   HOK5xx  licenses: hashing, fetching, verification
 *   HOK6xx  backend tasks: supplier allocation, pools
 */
export class HokusaiPluginError extends HardhatPluginError {
  public readonly code: string;

  constructor(code: string, message: string, parent?: Error) {
    super(PLUGIN_NAME, `${code}: ${message}`, parent);
    this.code = code;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** True for errors this plugin raised on purpose (as opposed to bugs). */
export function isHokusaiPluginError(error: unknown): error is HokusaiPluginError {
  return error instanceof HokusaiPluginError;
}

// ---------------------------------------------------------------------------
// HOK1xx set-up

export class CompilerVersionMismatchError extends HokusaiPluginError {
  constructor(requested: string, installed: string) {
    super(
      "HOK101",
      `the config asks for solc ${requested} but the installed npm package "solc" is ${installed}; set solidity.version to "${installed}" in hardhat.config.ts, or run \`npm install --save-exact solc@${requested}\``,
    );
  }
}
