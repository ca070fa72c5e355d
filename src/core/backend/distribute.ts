/**
 * The backend's first step after a developer's deployment (creating-models, part 2):
 * TokenManager.distributeModelSupplierAllocation(modelId), signed by the TokenManager's
 * owner. The preflight reads first: a distribution found done sends nothing.
 */
import { getAddress, type Provider, type TransactionReceipt } from "ethers";

import { TOKEN_MANAGER_READ_ABI, TOKEN_READ_ABI } from "../abi";
import {
  NO_JOURNAL,
  planCall,
  requireBalance,
  type PlannedCall,
  type TransactionEngine,
} from "../chain/transaction";
import { modelNotDeployedError, notOwnerError } from "../errors";
import {
  checkNoPendingTransactions,
  readOwner,
  readSupplierAllocation,
  requireCode,
  type SupplierAllocation,
  type SupplierSplit,
} from "./reads";
import { contractFor, interfaceOf } from "../chain/contract";

const managerInterface = interfaceOf(TOKEN_MANAGER_READ_ABI);

/** What a sent call came to. */
export interface SentCall {
  description: string;
  hash: string;
  blockNumber: number;
  gasUsed: bigint;
}

export function sentCall(description: string, receipt: TransactionReceipt): SentCall {
  return { description, hash: receipt.hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed };
}

export interface DistributePreflight {
  /** "done": distributed already, nothing to send. */
  status: "ready" | "done";
  from: string;
  allocation: SupplierAllocation;
  call?: PlannedCall;
}

export interface DistributeResult {
  status: "distributed" | "already-distributed";
  modelId: string;
  tokenManager: string;
  token: string;
  recipient: string;
  /** The whole allocation, wei. */
  amount: bigint;
  recipientBalance: bigint;
  /** What went to the recipient at once and what to the vault, with the schedule. */
  split: SupplierSplit & {
    /** Unix seconds the vesting starts and ends, as the distribution's event says. */
    vestingStart?: bigint;
    vestingEnd?: bigint;
  };
  transaction?: SentCall;
}

/**
 * Everything distribute checks before it sends, by reading only: the TokenManager is
 * there, the model has a token, it was not distributed yet, `from` is owner(), and a
 * static call of the distribution succeeds.
 */
export async function preflightDistribute(
  provider: Provider,
  from: string,
  tokenManager: string,
  modelId: string,
  options: { network: string },
): Promise<DistributePreflight> {
  const where = `network "${options.network}"`;
  await requireCode(provider, "TokenManager", tokenManager, where, "tokenManager");
  const allocation = await readSupplierAllocation(provider, tokenManager, modelId);
  if (allocation === undefined) throw modelNotDeployedError(modelId, tokenManager, where);
  if (allocation.distributed) return { status: "done", from, allocation };
  // A transaction in flight (perhaps this task's, from a run that timed out) may be the distribution itself.
  await checkNoPendingTransactions(provider, from);
  const owner = await readOwner(provider, tokenManager);
  if (owner !== undefined && owner !== getAddress(from)) {
    throw notOwnerError("TokenManager", tokenManager, from, owner, "distribute the supplier allocation");
  }
  const call = await planCall(
    provider,
    from,
    {
      to: tokenManager,
      data: managerInterface.encodeFunctionData("distributeModelSupplierAllocation", [modelId]),
      description: `distributeModelSupplierAllocation(${JSON.stringify(modelId)})`,
    },
    { modelId, account: from },
  );
  await requireBalance(provider, from, [call], "the calls");
  return { status: "ready", from, allocation, call };
}

/** Sends the distribution a preflight planned (or reports it done), and reads the event back. */
export async function distributeSupplierAllocation(
  engine: TransactionEngine,
  preflight: DistributePreflight,
): Promise<DistributeResult> {
  const { allocation } = preflight;
  const base = {
    modelId: allocation.modelId,
    tokenManager: allocation.tokenManager,
    token: allocation.token,
  };
  if (preflight.status === "done" || preflight.call === undefined) {
    return {
      status: "already-distributed",
      ...base,
      recipient: allocation.recipient,
      amount: allocation.amount,
      recipientBalance: allocation.recipientBalance,
      split: allocation.split,
    };
  }
  await checkNoPendingTransactions(engine.provider, preflight.from);
  const context = { modelId: allocation.modelId, account: preflight.from };
  const { receipt } = await engine.sendAndWait(preflight.call, NO_JOURNAL, context);
  let recipient = allocation.recipient;
  let amount = allocation.amount;
  let split: DistributeResult["split"] = allocation.split;
  for (const log of receipt.logs) {
    if (getAddress(log.address) !== getAddress(allocation.tokenManager)) continue;
    let parsed;
    try {
      parsed = managerInterface.parseLog(log);
    } catch {
      parsed = null;
    }
    if (parsed?.name === "ModelSupplierAllocationDistributed") {
      recipient = getAddress(parsed.args.recipient as string);
      amount = parsed.args.amount as bigint;
    }
    if (parsed?.name === "SupplierAllocationVested") {
      split = {
        ...allocation.split,
        immediate: parsed.args.immediateAmount as bigint,
        vested: parsed.args.vestedAmount as bigint,
        vestingStart: parsed.args.vestingStart as bigint,
        vestingEnd: parsed.args.vestingEnd as bigint,
      };
    }
  }
  const token = contractFor(allocation.token, TOKEN_READ_ABI, engine.provider);
  return {
    status: "distributed",
    ...base,
    recipient,
    amount,
    recipientBalance: (await token.balanceOf(recipient)) as bigint,
    split,
    transaction: sentCall(preflight.call.description, receipt),
  };
}
