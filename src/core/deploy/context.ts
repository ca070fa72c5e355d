/**
 * Everything a deployment needs from where it runs, gathered once per task by the
 * face (from the Hardhat runtime, or by a test): the chain, the signer, where records
 * go, how long to wait and what fee is too much.
 */
import type { Provider } from "ethers";

import type { SendQueue } from "../chain/pipeline";
import type { NamedContracts } from "../named";
import { TransactionEngine, type TransactionSender, type TxProgress } from "../chain/transaction";
import type { DeployDefaults } from "./request";

export const DEV_CHAIN_ID = 31337;

export interface DeployContext {
  provider: Provider;
  sender: TransactionSender;
  /** The network's name, as messages and records show it. */
  network: string;
  chainId: number;
  /** Chain 31337: no questions, a stale record is moved aside, the license is not fetched. */
  dev: boolean;
  /** Where records are written: `<recordsDir>/<network>/<modelId>.json`. */
  recordsDir: string;
  confirmations: number;
  timeoutSeconds: number;
  /** Receipt polling (default: 250 ms on a development chain, 4 s elsewhere). */
  pollMs?: number;
  maxFeePerGasGwei?: number;
  /** Seconds a transaction may wait below the base fee before it is replaced (default 180; 0 never). */
  replaceAfterSeconds?: number;
  explorerUrl?: string;
  ipfsGateway: string;
  /** Set for a pipelined batch: every engine of the context sends through it. */
  sendQueue?: SendQueue;
  /** The ModelRegistry and USDC the project names, checked against the chain's wiring. */
  named?: NamedContracts;
  /** Addresses the config (or, on a dev chain, the signer) gives when a deployment names none. */
  defaults: DeployDefaults;
}

/** The transaction engine of a context. */
export function engineFor(
  context: DeployContext,
  onProgress?: (event: TxProgress) => void,
): TransactionEngine {
  return new TransactionEngine(context.provider, context.sender, {
    chainId: context.chainId,
    confirmations: context.confirmations,
    timeoutSeconds: context.timeoutSeconds,
    pollMs: context.pollMs ?? (context.dev ? 250 : 4000),
    maxFeePerGasGwei: context.maxFeePerGasGwei,
    replaceAfterSeconds: context.replaceAfterSeconds,
    queue: context.sendQueue,
    onProgress,
  });
}
