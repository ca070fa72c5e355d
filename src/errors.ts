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

export class RpcUrlNotSetError extends HokusaiPluginError {
  constructor(network: string) {
    super(
      "HOK102",
      `network "${network}" has no RPC URL; export RPC_URL=https://... (or \`npx hardhat vars set RPC_URL\`), or define networks.${network}.url in hardhat.config.ts`,
    );
  }
}

export class MalformedPrivateKeyError extends HokusaiPluginError {
  constructor(source: string) {
    super(
      "HOK103",
      `${source} is not a 32-byte hex private key (64 hex digits, 0x optional); set it again with \`export ${source}=0x...\` or \`npx hardhat vars set ${source}\``,
    );
  }
}

export class NoSignerError extends HokusaiPluginError {
  constructor(network: string) {
    super(
      "HOK104",
      `network "${network}" has no account to sign with; export PRIVATE_KEY=0x... (or \`npx hardhat vars set PRIVATE_KEY\`), or set networks.${network}.accounts in hardhat.config.ts`,
    );
  }
}

export class MissingAddressConfigError extends HokusaiPluginError {
  constructor(what: string, flag: string, network: string, envName?: string) {
    const env = envName === undefined ? "" : `, export ${envName}=0x...`;
    super(
      "HOK105",
      `no ${what} address for network "${network}"; pass ${flag} 0x...${env}, or set hokusai.networks.${network}.${what} in hardhat.config.ts`,
    );
  }
}

export class WrongChainError extends HokusaiPluginError {
  constructor(network: string, expected: number, actual: number) {
    super(
      "HOK106",
      `the RPC of network "${network}" serves chain id ${actual}, but ${network} is chain ${expected}; point RPC_URL (or networks.${network}.url) at a ${network} endpoint`,
    );
  }
}

export class RpcUnreachableError extends HokusaiPluginError {
  constructor(network: string, host: string, reason: string) {
    super(
      "HOK107",
      `cannot reach the RPC of network "${network}" at ${host} (${reason}); check that the node is running and RPC_URL is right, then rerun`,
    );
  }
}

// ---------------------------------------------------------------------------
// HOK2xx input

/** A task param, module parameter or file field with a bad value. */
export class InvalidParamError extends HokusaiPluginError {
  public readonly field: string;

  constructor(code: string, field: string, value: string, rule: string) {
    super(code, `${field} ${value === "" ? "is empty" : `"${value}" is invalid`}: ${rule}`);
    this.field = field;
  }
}

export class MissingParamError extends HokusaiPluginError {
  public readonly field: string;

  constructor(field: string, fix: string) {
    super("HOK200", `${field} is required: ${fix}`);
    this.field = field;
  }
}
