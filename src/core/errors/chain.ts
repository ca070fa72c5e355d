/** Errors found by reading the chain, and of sending and waiting for transactions. */
import { fieldRef, HokusaiError, msg } from "./error";

const f = fieldRef;

export function noCodeError(what: string, address: string, where: string, field?: string): HokusaiError {
  const source = field === undefined ? "" : msg` (${f(field)}, the config or the environment)`;
  return new HokusaiError(
    "noCode",
    msg`there is no contract at ${what} ${address} on ${where}; check the address${source} and the network`,
    { field },
  );
}

export function unknownTokenManagerAbiError(address: string): HokusaiError {
  return new HokusaiError(
    "unknownTokenManagerAbi",
    msg`the contract at ${address} has neither deployTokenWithAllocations selector (0xfb7b6428 of the guide's ABI, 0xcbb1036c of the live ABI); point ${f("tokenManager")} at a Hokusai TokenManager`,
    { field: "tokenManager" },
  );
}

export function notHokusaiContractError(
  what: string,
  address: string,
  field: string,
  detail = "the call was refused",
): HokusaiError {
  return new HokusaiError(
    "notHokusaiContract",
    msg`the contract at ${address} does not answer as a Hokusai ${what} (${detail}); point ${f(field)} (or the config and environment) at the ${what}`,
    { field },
  );
}

export function modelTakenError(modelId: string, token: string, differences: string[]): HokusaiError {
  return new HokusaiError(
    "modelTaken",
    msg`model id "${modelId}" already has a token at ${token} with other parameters (${differences.join("; ")}); pick a new ${f("modelId")}, or inspect it with \`npx hardhat hokusai:status --model-id ${modelId}\``,
    { field: "modelId" },
  );
}

/** `alternative` names another input that would do instead (verify-license's token). */
export function modelNotDeployedError(
  modelId: string,
  tokenManager: string,
  where: string,
  alternative?: string,
): HokusaiError {
  const instead =
    alternative === undefined
      ? msg`deploy it first with \`npx hardhat hokusai:deploy-token --model-id ${modelId} ...\``
      : msg`pass ${f(alternative)} 0x... with the token address`;
  return new HokusaiError(
    "modelNotDeployed",
    msg`model id "${modelId}" has no token on the TokenManager ${tokenManager} (${where}); check the id (it is case-sensitive), ${f("tokenManager")} and the network, or ${instead}`,
    { field: "modelId" },
  );
}

/** `what`: what is to be paid for, as the subject of "need", e.g. "the calls", "the deployment". */
export function insufficientBalanceError(
  account: string,
  balance: string,
  needed: string,
  what: string,
): HokusaiError {
  return new HokusaiError(
    "insufficientBalance",
    `account ${account} holds ${balance} ETH but ${what} need about ${needed} ETH at the current fee; nothing was sent: fund it and rerun`,
  );
}

export function governorNotMultisigError(governor: string): HokusaiError {
  return new HokusaiError(
    "governorNotMultisig",
    msg`governor ${governor} is an account without code, not a multisig; production expects a multisig: pass ${f("governor")} <safe address>, or drop ${f("strict")} to accept an EOA`,
    { field: "governor" },
  );
}

/** `activity`: what the other run is doing, e.g. `deploying model "28"`. */
export function lockedError(activity: string, where: string, lockPath: string): HokusaiError {
  return new HokusaiError(
    "locked",
    `another run is ${activity} on ${where} (lock ${lockPath}); wait for it to finish, or if no run is alive remove the lock and rerun`,
  );
}

export function timeoutError(what: string, seconds: number): HokusaiError {
  return new HokusaiError(
    "timeout",
    msg`${what} was not confirmed within ${seconds} s; it may still be mined: rerun the same command to resume (nothing will be sent twice), or pass a longer ${f("timeout")}`,
  );
}

/** `what`: the call the nonce was meant for, e.g. `deployTokenWithAllocations`. */
export function nonceTakenError(
  nonce: number,
  account: string,
  otherHash: string | undefined,
  what: string,
): HokusaiError {
  return new HokusaiError(
    "nonceTaken",
    `nonce ${nonce} of ${account} was used by another transaction${otherHash ? ` (${otherHash})` : ""}, not by ${what}; nothing of it was sent: rerun to send it with the next nonce`,
  );
}

export function feeCapExceededError(currentGwei: string, capGwei: number): HokusaiError {
  return new HokusaiError(
    "feeCapExceeded",
    msg`the network's fee is ${currentGwei} gwei per gas, above the cap of ${capGwei} gwei (${f("maxFeeGwei")} or hokusai.maxFeePerGasGwei); nothing was sent: rerun when fees drop, or raise the cap`,
    { field: "maxFeeGwei" },
  );
}

export function staleRecordError(recordPath: string, address: string, where: string): HokusaiError {
  return new HokusaiError(
    "staleRecord",
    `the deployment record ${recordPath} names ${address}, which has no code on ${where} (was the chain reset?); move the record aside and rerun if this is a new chain`,
  );
}

export function factoryTokenManagerMismatchError(
  factory: string,
  factoryManager: string,
  tokenManager: string,
): HokusaiError {
  return new HokusaiError(
    "factoryTokenManagerMismatch",
    msg`the AMM factory ${factory} creates pools for the TokenManager ${factoryManager}, not for ${tokenManager}; pass the factory wired to that TokenManager with ${f("ammFactory")}, or ${f("tokenManager")} ${factoryManager}`,
  );
}

/** A factory that checks models in another registry than the one the TokenManager's launches register them in. */
export function factoryRegistryMismatchError(
  factory: string,
  factoryRegistry: string,
  tokenManager: string,
  registry: string,
): HokusaiError {
  return new HokusaiError(
    "factoryRegistryMismatch",
    msg`the AMM factory ${factory} checks models in the ModelRegistry ${factoryRegistry}, but the TokenManager ${tokenManager} is wired to ${registry}, where a launch registers them, so no pool could be created: nothing was sent. Pass the factory wired to that registry with ${f("ammFactory")}, or the TokenManager wired to ${factoryRegistry} with ${f("tokenManager")}`,
    { field: "ammFactory" },
  );
}

export function pendingTransactionsError(account: string, latest: number, pending: number): HokusaiError {
  return new HokusaiError(
    "pendingTransactions",
    `account ${account} has ${pending - latest} transaction(s) waiting to be mined (nonce ${latest} to ${pending - 1}) that no record of this run explains; nothing was sent: wait until they are mined, then rerun (the rerun checks the chain first and sends only what is missing)`,
  );
}

export function notOwnerError(
  what: string,
  address: string,
  account: string | undefined,
  owner: string | undefined,
  action: string,
): HokusaiError {
  const who = account === undefined ? "" : `, and ${account} is not the owner`;
  const isOwner = owner === undefined ? "" : ` (owner() is ${owner})`;
  return new HokusaiError(
    "notOwner",
    `only the owner of the ${what}${address === "" ? "" : ` ${address}`} may ${action}${who}${isOwner}; sign with the owner account (the backend's server signer), e.g. --network <net> with its PRIVATE_KEY`,
  );
}

/** The model id was deployed by someone else, with their governor: it is not this deployment. */
export function modelHeldByOtherError(
  modelId: string,
  token: string,
  governor: string,
  wanted: string,
  deployer: string | undefined,
): HokusaiError {
  const by = deployer === undefined ? "" : ` (deployed by ${deployer})`;
  return new HokusaiError(
    "modelHeldByOther",
    msg`model id "${modelId}" already has a token at ${token}${by} whose governor is ${governor}, not ${wanted}; the governor owns the token and holds GOV_ROLE, so it is not yours: nothing was sent. Pick a new ${f("modelId")} (the platform assigns ids), or pass ${f("governor")} ${governor} if that is your multisig`,
    { field: "modelId" },
  );
}

/** An id the TokenManager's ModelRegistry can never take: the token could never be registered, so never get a pool. */
export function modelIdNotDecimalError(
  modelId: string,
  tokenManager: string,
  registry: string,
): HokusaiError {
  const rule = /^\d+$/.test(modelId)
    ? `"${modelId}" has a leading zero, which the registry drops (it would be ${BigInt(modelId)}); write it as ${BigInt(modelId)}`
    : `the registry takes only decimal ids (the platform assigns them, e.g. "28")`;
  return new HokusaiError(
    "modelIdNotDecimal",
    msg`model id "${modelId}" cannot be registered: the TokenManager ${tokenManager} is wired to the ModelRegistry ${registry}, and ${rule}; a token under "${modelId}" could never be registered, so it could never get a pool. Nothing was sent: pass ${f("modelId")} with the numeric id the platform assigned`,
    { field: "modelId" },
  );
}

/** A contract the project names that the chain's wiring names otherwise: two deployments at once. */
export function namedContractMismatchError(
  wiring: { what: string; by: string; field: string; address: string },
  named: { address: string; source: string },
  onChain: string | undefined,
): HokusaiError {
  const wired =
    onChain === undefined ? `no ${wiring.what} (the guide's stack)` : `the ${wiring.what} ${onChain}`;
  return new HokusaiError(
    "namedContractMismatch",
    msg`${named.source} names the ${wiring.what} ${named.address}, but the ${wiring.by} ${wiring.address} is wired to ${wired}; nothing was sent: correct or unset ${named.source}, or point ${f(wiring.field)} at the ${wiring.by} wired to ${named.address}`,
    { field: wiring.field },
  );
}

export function poolMismatchError(modelId: string, pool: string, differences: string[]): HokusaiError {
  return new HokusaiError(
    "poolMismatch",
    msg`the pool of model "${modelId}" exists at ${pool} with other settings (${differences.join("; ")}); a pool's parameters are fixed when it is created, so nothing was sent: drop the differing options, or inspect it with \`npx hardhat hokusai:status --model-id ${modelId}\``,
  );
}

export function insufficientUsdcError(
  account: string,
  usdc: string,
  balance: string,
  needed: string,
): HokusaiError {
  return new HokusaiError(
    "insufficientUsdc",
    msg`account ${account} holds ${balance} of the USDC ${usdc} but the reserve to seed is ${needed}; nothing was sent: fund it, or pass a smaller ${f("initialReserve")}`,
  );
}

const RPC_FAULTS: Record<string, string> = {
  "rate-limited": "rate limited: HTTP 429 or -32005 limit exceeded",
  "server-error": "a server error answer",
  reset: "connection reset",
  timeout: "no answer before the timeout",
  refused: "connection refused",
};

/**
 * The RPC kept failing for its own sake. `host` is the RPC's scheme and host only: a URL's
 * path and query may hold an API key. `what` is the call, e.g. getTransactionReceipt.
 */
export function rpcGaveUpError(
  host: string,
  what: string,
  fault: string,
  attempts: number,
  seconds: number,
  retryAfterMs?: number,
): HokusaiError {
  const asked =
    retryAfterMs !== undefined && retryAfterMs > 0
      ? `, and asks to wait ${Math.ceil(retryAfterMs / 1000)} s`
      : "";
  return new HokusaiError(
    "rpcGaveUp",
    `the RPC at ${host} kept failing on ${what} (${RPC_FAULTS[fault] ?? fault}; ${attempts} tries over ${seconds} s${asked}); the record is kept and nothing is sent twice: rerun the same command later to resume, or use another RPC_URL`,
  );
}

/** A transaction below the network's base fee whose replacement would cost more than the cap. */
export function stuckTransactionError(
  hash: string,
  nonce: number,
  fees: { maxFeeGwei: string; baseFeeGwei: string; neededGwei: string; capGwei: number | undefined },
  waitedSeconds: number,
  refusal?: string,
): HokusaiError {
  const why =
    refusal === undefined
      ? `replacing it needs about ${fees.neededGwei} gwei, above the cap of ${fees.capGwei} gwei`
      : `the node refused its replacement (${refusal})`;
  return new HokusaiError(
    "stuckTransaction",
    msg`transaction ${hash} (nonce ${nonce}) has waited ${waitedSeconds} s with a max fee of ${fees.maxFeeGwei} gwei, below the base fee of ${fees.baseFeeGwei} gwei, and ${why}; it is kept in the record and may still be mined: rerun the same command with a higher ${f("maxFeeGwei")} to replace it, or later, when the base fee has dropped, to wait for it`,
    { field: "maxFeeGwei" },
  );
}
