/**
 * Failures of the Hardhat face itself: set-up, configuration, the network, the
 * command line's questions, Ignition parameter files. They are core errors like the
 * others (one catalogue of codes), and are converted at the same boundary.
 */
import { fieldRef, HokusaiError, msg } from "../core/errors";

export { unknownModuleParameterError } from "../core/errors";

const f = fieldRef;

export function compilerVersionError(requested: string, installed: string): HokusaiError {
  return new HokusaiError(
    "compilerVersion",
    `the config asks for solc ${requested} but the installed npm package "solc" is ${installed}; set solidity.version to "${installed}" in hardhat.config.ts, or run \`npm install --save-dev --save-exact solc@${requested}\``,
  );
}

export function rpcUrlNotSetError(network: string, variable: string): HokusaiError {
  return new HokusaiError(
    "rpcUrlNotSet",
    `network "${network}" has no RPC URL; export ${variable}=https://... (or \`npx hardhat vars set ${variable}\`), or define networks.${network}.url in hardhat.config.ts`,
  );
}

export function malformedPrivateKeyError(source: string): HokusaiError {
  return new HokusaiError(
    "malformedPrivateKey",
    `${source} is not a 32-byte hex private key (64 hex digits, 0x optional); set it again with \`export ${source}=0x...\` or \`npx hardhat vars set ${source}\``,
  );
}

export function noSignerError(network: string): HokusaiError {
  return new HokusaiError(
    "noSigner",
    `network "${network}" has no account to sign with; export PRIVATE_KEY=0x... (or \`npx hardhat vars set PRIVATE_KEY\`), or set networks.${network}.accounts in hardhat.config.ts`,
  );
}

/** `what`: the config key (tokenManager); `field`: the option that names it (tokenManager, whitelist). */
export function missingAddressError(
  what: string,
  field: string,
  network: string,
  envName?: string,
): HokusaiError {
  const env = envName === undefined ? "" : `, export ${envName}=0x...`;
  return new HokusaiError(
    "missingAddress",
    msg`no ${what} address for network "${network}"; pass ${f(field)} 0x...${env}, or set hokusai.networks.${network}.${what} in hardhat.config.ts`,
    { field },
  );
}

export function wrongChainError(network: string, expected: number, actual: number): HokusaiError {
  return new HokusaiError(
    "wrongChain",
    `the RPC of network "${network}" serves chain id ${actual}, but ${network} is chain ${expected}; point RPC_URL (or networks.${network}.url) at a ${network} endpoint`,
  );
}

export function rpcUnreachableError(network: string, host: string, reason: string): HokusaiError {
  return new HokusaiError(
    "rpcUnreachable",
    `cannot reach the RPC of network "${network}" at ${host} (${reason}); check that the node is running and RPC_URL is right, then rerun`,
  );
}

export function devnetNetworkError(network: string): HokusaiError {
  return new HokusaiError(
    "devnetNetwork",
    `hokusai:devnet serves the in-process network and cannot run on "${network}"; run it without --network`,
  );
}

export function devnetPortInUseError(hostname: string, port: number): HokusaiError {
  return new HokusaiError(
    "devnetPortInUse",
    msg`${hostname}:${port} is in use (another node or devnet?); stop it, or pass ${f("port")} <another port> (0 picks a free one)`,
  );
}

export function devnetChainStartedError(actual: number, wanted: number): HokusaiError {
  return new HokusaiError(
    "devnetNetwork",
    msg`the in-process network already runs with chain id ${actual}, so it cannot serve ${wanted}; run hokusai:devnet ${f("chainId")} ${wanted} as the first task of the process`,
  );
}

export function confirmationRequiredError(network: string, mainnet = false): HokusaiError {
  const how = mainnet
    ? msg`on Ethereum mainnet pass ${f("yes")} and set HOKUSAI_CONFIRM=true, both, to send without asking`
    : msg`pass ${f("yes")} or set HOKUSAI_CONFIRM=true to send without asking`;
  return new HokusaiError(
    "confirmationRequired",
    msg`network "${network}" is a live chain and there is no terminal to confirm on; ${how}`,
  );
}

export function cancelledError(): HokusaiError {
  return new HokusaiError("cancelled", "cancelled: nothing was sent; rerun and answer y to send");
}

export function forkNeedsRpcError(network: string): HokusaiError {
  return new HokusaiError(
    "forkNeedsRpc",
    msg`${f("fork")} forks the target network over its RPC, and network "${network}" has none; pass --network <a network with a url>, e.g. --network sepolia`,
  );
}

export function forkFailedError(network: string, reason: string): HokusaiError {
  return new HokusaiError(
    "forkFailed",
    msg`the simulation on a fork of "${network}" failed: ${reason}; rerun with ${f("dryRun")} alone to check without the fork`,
  );
}

export function parametersFileError(file: string, reason: string): HokusaiError {
  return new HokusaiError(
    "parametersFile",
    `cannot read the Ignition parameters ${file}: ${reason}; fix the file or the --parameters path`,
  );
}

export function staleIgnitionDeploymentError(
  deploymentDir: string,
  futureId: string,
  address: string,
  chainId: number,
  network: string,
): HokusaiError {
  return new HokusaiError(
    "staleIgnitionDeployment",
    `the Ignition deployment ${deploymentDir} records ${futureId} at ${address}, but chain ${chainId} (network "${network}") has no code there: the chain was reset, or the network points at another chain with the same id; nothing was sent. If this is a new chain, deploy afresh with --reset or a new --deployment-id; otherwise point the network at the chain that holds the deployment`,
  );
}
