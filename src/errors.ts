import path from "path";

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
  /** 1, or the code of a failure that a plain rerun resolves (3: fee cap, 4: not mined yet). */
  public readonly exitCode: number = 1;

  constructor(code: string, message: string, parent?: Error) {
    super(PLUGIN_NAME, `${code}: ${message}`, parent);
    this.code = code;
    Object.setPrototypeOf(this, new.target.prototype);
  }

  /**
   * Hardhat prints an error's stack after its message on CI servers (and on Linux
   * without a display). A user's mistake is one line, so the stack only shows with
   * --show-stack-traces.
   */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return process.argv.includes("--show-stack-traces") ? (this.stack ?? this.message) : "";
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

// ---------------------------------------------------------------------------
// HOK3xx chain preflight and HOK4xx transactions

/** A revert of a Hokusai contract, decoded: the message and fix of its troubleshooting row. */
export class ContractRevertError extends HokusaiPluginError {
  public readonly reason: string;

  constructor(decoded: { code: string; reason: string; message: string; fix: string }, when: string) {
    super(decoded.code, `${when}: ${decoded.message}; ${decoded.fix}`);
    this.reason = decoded.reason;
  }
}

export class NoContractCodeError extends HokusaiPluginError {
  constructor(what: string, address: string, network: string) {
    super(
      "HOK301",
      `there is no contract at ${what} ${address} on network "${network}"; check the address (hokusai.networks.${network}, the flag or the environment) and the network`,
    );
  }
}

export class UnknownTokenManagerAbiError extends HokusaiPluginError {
  constructor(address: string) {
    super(
      "HOK302",
      `the contract at ${address} has neither deployTokenWithAllocations selector (0xfb7b6428 of the guide's ABI, 0xcbb1036c of the live ABI); point --token-manager at a Hokusai TokenManager`,
    );
  }
}

export class ModelAlreadyDeployedError extends HokusaiPluginError {
  constructor(modelId: string, token: string, differences: string[]) {
    super(
      "HOK303",
      `model id "${modelId}" already has a token at ${token} with other parameters (${differences.join("; ")}); pick a new --model-id, or inspect it with \`npx hardhat hokusai:status --model-id ${modelId}\``,
    );
  }
}

export class InsufficientBalanceError extends HokusaiPluginError {
  constructor(account: string, balance: string, needed: string) {
    super(
      "HOK304",
      `account ${account} holds ${balance} ETH but the deployment needs about ${needed} ETH (gas at the current fee plus the deployment fee); fund it and rerun`,
    );
  }
}

export class GovernorNotMultisigError extends HokusaiPluginError {
  constructor(governor: string) {
    super(
      "HOK305",
      `governor ${governor} is an account without code, not a multisig; production expects a multisig: pass --governor <safe address>, or drop --strict to accept an EOA`,
    );
  }
}

export class ConfirmationRequiredError extends HokusaiPluginError {
  constructor(network: string) {
    super(
      "HOK306",
      `network "${network}" is a live chain and there is no terminal to confirm on; pass --yes or set HOKUSAI_CONFIRM=true to send without asking`,
    );
  }
}

export class DeploymentCancelledError extends HokusaiPluginError {
  constructor() {
    super("HOK307", "cancelled: nothing was sent; rerun and answer y to send");
  }
}

export class DeploymentLockedError extends HokusaiPluginError {
  constructor(modelId: string, network: string, lockPath: string) {
    super(
      "HOK420",
      `another run is deploying model "${modelId}" on network "${network}" (lock ${lockPath}); wait for it to finish, or if no run is alive remove the lock and rerun`,
    );
  }
}

export class TransactionTimeoutError extends HokusaiPluginError {
  public override readonly exitCode = 4;

  constructor(hash: string, seconds: number) {
    super(
      "HOK421",
      `transaction ${hash} was not confirmed within ${seconds} s; it may still be mined: rerun the same command to resume (nothing will be sent twice), or pass a longer --timeout`,
    );
  }
}

export class NonceTakenError extends HokusaiPluginError {
  constructor(nonce: number, account: string, otherHash: string | undefined) {
    super(
      "HOK422",
      `nonce ${nonce} of ${account} was used by another transaction${otherHash ? ` (${otherHash})` : ""} and no token was deployed by it; rerun to deploy with the next nonce`,
    );
  }
}

export class FeeCapExceededError extends HokusaiPluginError {
  public override readonly exitCode = 3;

  constructor(currentGwei: string, capGwei: number) {
    super(
      "HOK423",
      `the network's fee is ${currentGwei} gwei per gas, above the cap of ${capGwei} gwei (hokusai.maxFeePerGasGwei or --max-fee-gwei); nothing was sent: rerun when fees drop, or raise the cap`,
    );
  }
}

// Ignition parameters and deployments

export class UnknownModuleParameterError extends HokusaiPluginError {
  constructor(moduleId: string, name: string, known: string[]) {
    super(
      "HOK214",
      `${moduleId}.${name} is not a parameter of ${moduleId}; remove it or fix its name (the parameters are ${known.join(", ")})`,
    );
  }
}

export class ParametersFileError extends HokusaiPluginError {
  constructor(file: string, reason: string) {
    super(
      "HOK215",
      `cannot read the Ignition parameters ${file}: ${reason}; fix the file or the --parameters path`,
    );
  }
}

export class StaleIgnitionDeploymentError extends HokusaiPluginError {
  constructor(deploymentDir: string, futureId: string, address: string, chainId: number, network: string) {
    super(
      "HOK430",
      `the Ignition deployment ${deploymentDir} records ${futureId} at ${address}, but chain ${chainId} (network "${network}") has no code there: the chain was reset, or the network points at another chain with the same id; nothing was sent. If this is a new chain, deploy afresh with --reset or a new --deployment-id; otherwise point the network at the chain that holds the deployment`,
    );
  }
}

export class DevnetNeedsInProcessNetworkError extends HokusaiPluginError {
  constructor(network: string) {
    super(
      "HOK108",
      `hokusai:devnet serves the in-process network and cannot run on "${network}"; run it without --network`,
    );
  }
}

export class InvalidManifestError extends HokusaiPluginError {
  public readonly problems: string[];

  constructor(file: string, problems: string[]) {
    super(
      "HOK216",
      problems.length === 1
        ? `manifest ${file}: ${problems[0]}; fix it and rerun`
        : `manifest ${file} has ${problems.length} problems; fix them and rerun:\n  ${problems.join("\n  ")}`,
    );
    this.problems = problems;
  }
}

export class ManifestPreflightError extends HokusaiPluginError {
  public readonly problems: string[];

  constructor(file: string, problems: string[]) {
    super(
      "HOK217",
      problems.length === 1
        ? `a model of the manifest would fail, so nothing was sent: ${problems[0]}; fix ${file} and rerun`
        : `${problems.length} of the manifest's models would fail, so nothing was sent; fix ${file} and rerun:\n  ${problems.join("\n  ")}`,
    );
    this.problems = problems;
  }
}

export class ManifestDeploymentsFailedError extends HokusaiPluginError {
  constructor(failed: number, total: number) {
    super(
      "HOK425",
      `${failed} of ${total} deployments failed (see the summary above); rerun the same command to retry them: the deployed ones are skipped`,
    );
  }
}

export class NotHokusaiContractError extends HokusaiPluginError {
  constructor(what: string, address: string, flag: string) {
    super(
      "HOK312",
      `the contract at ${address} does not answer as a Hokusai ${what} (the call was refused); point ${flag} (or the config and environment) at the ${what}`,
    );
  }
}

export class ForkNeedsRpcError extends HokusaiPluginError {
  constructor(network: string) {
    super(
      "HOK308",
      `--fork forks the target network over its RPC, and network "${network}" has none; pass --network <a network with a url>, e.g. --network sepolia`,
    );
  }
}

export class ForkSimulationFailedError extends HokusaiPluginError {
  constructor(network: string, reason: string) {
    super(
      "HOK309",
      `the simulation on a fork of "${network}" failed: ${reason}; rerun with --dry-run alone to check without the fork`,
    );
  }
}

export class PublishedLicenseMismatchError extends HokusaiPluginError {
  constructor(uri: string, fileHash: string, publishedHash: string, explanation: string) {
    super(
      "HOK310",
      `the license published at ${uri} hashes to ${publishedHash}, not to ${fileHash} of --license-file${explanation}; publish the exact bytes of the file (or pass the published file), then rerun`,
    );
  }
}

export class StaleRecordError extends HokusaiPluginError {
  constructor(recordPath: string, address: string, network: string) {
    super(
      "HOK424",
      `the deployment record ${recordPath} names ${address}, which has no code on network "${network}" (was the chain reset?); move the record aside and rerun if this is a new chain`,
    );
  }
}

// HOK5xx licenses

export class LicenseFileNotFoundError extends HokusaiPluginError {
  constructor(file: string, flag = "--file") {
    super(
      "HOK501",
      `license file ${file} does not exist; pass the path of the exact file you publish at licenseURI, e.g. ${flag} ./LICENSE.md`,
    );
  }
}

export class LicenseFileIsDirectoryError extends HokusaiPluginError {
  constructor(file: string, flag = "--file") {
    super(
      "HOK502",
      `license file ${file} is a directory; pass the license file itself, e.g. ${flag} ${file.replace(/\/+$/, "")}/LICENSE.md`,
    );
  }
}

export class LicenseFileEmptyError extends HokusaiPluginError {
  constructor(file: string) {
    super(
      "HOK503",
      `license file ${file} is empty (0 bytes), and a hash of nothing proves nothing; write the license text into it, or pass the file you publish at licenseURI`,
    );
  }
}

export class LicenseFileUnreadableError extends HokusaiPluginError {
  constructor(file: string, reason: string) {
    super(
      "HOK504",
      `cannot read license file ${file} (${reason}); check its permissions, or copy it somewhere readable`,
    );
  }
}

export class UnsupportedLicenseUriError extends HokusaiPluginError {
  constructor(uri: string, reason: string) {
    super(
      "HOK505",
      `license URI "${uri}" ${reason}; supported are https://, http://, ipfs://<cid>[/path] and file://. Pass --uri with a URI of one of these kinds where the license is published`,
    );
  }
}

export class InvalidIpfsCidError extends HokusaiPluginError {
  constructor(uri: string, cid: string) {
    super(
      "HOK506",
      `"${cid}" in license URI "${uri}" is not an IPFS CID (expected e.g. Qm... or bafy...); pass --uri ipfs://<cid>/<path> with the CID printed by \`ipfs add\``,
    );
  }
}

export class LicenseHostNotFoundError extends HokusaiPluginError {
  constructor(url: string, host: string) {
    super(
      "HOK510",
      `cannot fetch ${url}: the host name ${host} does not resolve (DNS); check the spelling of the URI and your network, or pass --uri with where the license is published`,
    );
  }
}

export class LicenseConnectionError extends HokusaiPluginError {
  constructor(url: string, reason: string) {
    super(
      "HOK511",
      `cannot fetch ${url}: ${reason}; check that the server is up and the URI is right, then rerun (or pass --uri with a mirror)`,
    );
  }
}

export class LicenseHttpStatusError extends HokusaiPluginError {
  public readonly status: number;

  constructor(url: string, status: number, statusText: string, fix: string) {
    super("HOK512", `${url} answered HTTP ${status}${statusText === "" ? "" : ` ${statusText}`}; ${fix}`);
    this.status = status;
  }
}

export class LicenseTooLargeError extends HokusaiPluginError {
  constructor(url: string, maxBytes: number, declared?: number) {
    const size = declared === undefined ? `more than ${maxBytes} bytes` : `${declared} bytes`;
    super(
      "HOK513",
      `${url} serves ${size}, above the cap of ${maxBytes} bytes; a license is usually a few kilobytes, so check the URI names the license text itself, or raise the cap with --max-bytes`,
    );
  }
}

export class LicenseFetchTimeoutError extends HokusaiPluginError {
  constructor(url: string, timeoutMs: number) {
    super(
      "HOK514",
      `${url} did not deliver the license within ${timeoutMs / 1000} s; the server is slow or unreachable: rerun with a longer --timeout (seconds), or pass --uri with a mirror`,
    );
  }
}

export class LicenseRedirectError extends HokusaiPluginError {
  constructor(url: string, problem: string) {
    super(
      "HOK515",
      `${url} ${problem}; fix the server's redirects, or pass --uri with the final address of the license`,
    );
  }
}

export class LicenseFetchError extends HokusaiPluginError {
  constructor(url: string, reason: string) {
    super("HOK516", `cannot fetch ${url} (${reason}); check the URI and your network, then rerun`);
  }
}

export class NoContractAtAddressError extends HokusaiPluginError {
  constructor(what: string, address: string, chainId: bigint | number) {
    super(
      "HOK520",
      `there is no contract at ${what} ${address} on chain ${chainId}; check the address and --network`,
    );
  }
}

export class ModelTokenNotFoundError extends HokusaiPluginError {
  constructor(modelId: string, tokenManager: string) {
    super(
      "HOK521",
      `the TokenManager ${tokenManager} has no token for model id "${modelId}"; check the id (it is case-sensitive) and --network, or pass --token 0x... with the token address`,
    );
  }
}

export class NotAHokusaiTokenError extends HokusaiPluginError {
  constructor(address: string, reason: string) {
    super(
      "HOK522",
      `${address} does not look like a Hokusai model token (${reason}); pass the token address (TokenManager.getTokenAddress(modelId)), or --model-id instead`,
    );
  }
}

export class ConflictingLicenseParamsError extends HokusaiPluginError {
  constructor(first: string, second: string, fix: string) {
    super("HOK530", `${first} and ${second} cannot be used together; ${fix}`);
  }
}

export class NothingToVerifyError extends HokusaiPluginError {
  constructor() {
    super(
      "HOK531",
      "--no-fetch leaves nothing to check; pass --file <path> with a local copy of the license, or drop --no-fetch to fetch licenseURI",
    );
  }
}

export class NotATokenManagerError extends HokusaiPluginError {
  constructor(address: string, reason: string) {
    super(
      "HOK523",
      `${address} does not look like a Hokusai TokenManager (${reason}); pass the TokenManager address with --token-manager, or the token address with --token`,
    );
  }
}

// ---------------------------------------------------------------------------
// HOK6xx backend
// (HOK601 "already distributed" is the decoded revert of src/core/revert.ts.)

export class ModelNotDeployedError extends HokusaiPluginError {
  constructor(modelId: string, tokenManager: string, network: string) {
    super(
      "HOK602",
      `model id "${modelId}" has no token on the TokenManager ${tokenManager} (network "${network}"); check the id (it is case-sensitive), --token-manager and --network, or deploy it first with \`npx hardhat hokusai:deploy-token --model-id ${modelId} ...\``,
    );
  }
}

export class NotContractOwnerError extends HokusaiPluginError {
  public readonly account: string;
  public readonly owner: string;

  constructor(what: string, address: string, account: string, owner: string, action: string) {
    super(
      "HOK603",
      `only the owner of the ${what} ${address} may ${action}, and ${account} is not the owner (owner() is ${owner}); sign with the owner account (the backend's server signer), e.g. --network <net> with its PRIVATE_KEY`,
    );
    this.account = account;
    this.owner = owner;
  }
}

export class FactoryTokenManagerMismatchError extends HokusaiPluginError {
  constructor(factory: string, factoryManager: string, tokenManager: string) {
    super(
      "HOK604",
      `the AMM factory ${factory} creates pools for the TokenManager ${factoryManager}, not for ${tokenManager}; pass the factory wired to that TokenManager with --amm-factory, or --token-manager ${factoryManager}`,
    );
  }
}

export class PendingTransactionsError extends HokusaiPluginError {
  public override readonly exitCode = 4;

  constructor(account: string, latest: number, pending: number) {
    super(
      "HOK605",
      `account ${account} has ${pending - latest} transaction(s) waiting to be mined (nonce ${latest} to ${pending - 1}), perhaps from an earlier run; nothing was sent: wait until they are mined, then rerun (the rerun checks the chain first and sends only what is missing)`,
    );
  }
}

export class BackendTransactionTimeoutError extends HokusaiPluginError {
  public override readonly exitCode = 4;

  constructor(hash: string, seconds: number) {
    super(
      "HOK606",
      `transaction ${hash} was not mined within ${seconds} s; it may still be mined: rerun the same command once it is (the rerun checks the chain first and sends nothing twice), or pass a longer --timeout`,
    );
  }
}

export class PoolDeploymentFailedError extends HokusaiPluginError {
  constructor(deploymentId: string, detail: string, journal: string | undefined) {
    const where =
      journal === undefined
        ? ""
        : `; its journal is ${journal}: once the cause is fixed, rerun (Ignition resumes it), or \`npx hardhat ignition wipe ${deploymentId} <future id>\` to retry a failed call`;
    super("HOK607", `the Ignition deployment ${deploymentId} of the pool failed: ${detail}${where}`);
  }
}

export class BackendInsufficientFundsError extends HokusaiPluginError {
  constructor(account: string, balance: string, needed: string) {
    super(
      "HOK608",
      `account ${account} holds ${balance} ETH but the calls need about ${needed} ETH of gas at the current fee; nothing was sent: fund it and rerun`,
    );
  }
}

// HOK7xx launch plans

/** A launch plan with one or more bad fields; `problems` holds one line per field. */
export class InvalidPlanError extends HokusaiPluginError {
  public readonly problems: string[];

  constructor(file: string, problems: string[]) {
    const count = problems.length === 1 ? "1 error" : `${problems.length} errors`;
    super(
      "HOK701",
      `launch plan ${file} has ${count}; fix them and rerun \`npx hardhat hokusai:plan --plan ${file}\`:\n${problems.map((p) => `  ${p}`).join("\n")}`,
    );
    this.problems = problems;
  }
}

/** Which file the plan reader is reading: a launch plan, or a manifest of many models. */
export interface PlanDocument {
  noun: string;
  flag: string;
  example: string;
}

export const LAUNCH_PLAN: PlanDocument = {
  noun: "launch plan",
  flag: "--plan",
  example: "./hokusai.model.json",
};
export const MANIFEST: PlanDocument = { noun: "manifest", flag: "--manifest", example: "./models.json" };

export class PlanFileNotFoundError extends HokusaiPluginError {
  constructor(file: string, searched?: string[], doc: PlanDocument = LAUNCH_PLAN) {
    super(
      "HOK702",
      searched === undefined
        ? `${doc.noun} ${file} does not exist; pass ${doc.flag} with its path (JSON or YAML), e.g. ${doc.flag} ${doc.example}`
        : `no launch plan found (looked for ${searched.join(", ")}); pass --plan FILE, or copy examples/hokusai.model.json into the project root and edit it`,
    );
  }
}

export class PlanSyntaxError extends HokusaiPluginError {
  constructor(
    file: string,
    format: "JSON" | "YAML",
    where: string,
    reason: string,
    doc: PlanDocument = LAUNCH_PLAN,
  ) {
    super(
      "HOK703",
      `${doc.noun} ${file} is not valid ${format}${where}: ${reason}; fix the syntax and rerun`,
    );
  }
}

export class UnsupportedPlanFormatError extends HokusaiPluginError {
  constructor(file: string, doc: PlanDocument = LAUNCH_PLAN) {
    super(
      "HOK704",
      `${doc.noun} ${file} has neither a .json, .yaml nor .yml extension; rename it, e.g. ${path.basename(doc.example)} or ${path.basename(doc.example, ".json")}.yaml`,
    );
  }
}

export class PlanFileUnreadableError extends HokusaiPluginError {
  constructor(file: string, reason: string, doc: PlanDocument = LAUNCH_PLAN) {
    super("HOK705", `cannot read ${doc.noun} ${file} (${reason}); pass ${doc.flag} with a readable file`);
  }
}

export class InvalidMetricValueError extends HokusaiPluginError {
  constructor(field: string, value: string) {
    super(
      "HOK706",
      `${field} "${value}" is invalid: a metric value is a fraction from 0 to 1, e.g. 0.884 for 88.4%`,
    );
  }
}
