/**
 * What every task takes from the Hardhat runtime, once: the network checked, the
 * signer, where records go, how many confirmations and how long to wait, the fee cap,
 * and the question asked before sending on a live chain.
 */
import fs from "fs";
import os from "os";
import path from "path";

import { getAddress, toQuantity, type TransactionRequest, Wallet } from "ethers";

import type { HokusaiHost } from "./host";

import type { TransactionSender } from "../core/chain/transaction";
import { MAINNET_CHAIN_ID } from "../config";
import { type DeployContext, DEV_CHAIN_ID } from "../core/deploy/context";
import { startRead } from "../core/read";
import { parseFeeCapGwei, parseIntegerInRange } from "../core/validate";
import { namedContracts } from "./addresses";
import { cancelledError, confirmationRequiredError, noSignerError } from "./errors";
import { checkNetworkConfig, isInProcess, readChainId, redactRpcUrl, rpcProvider } from "./network";

/** What every sending task takes beside its own parameters. */
export interface SendOptions {
  /** Confirmations to wait for (default 1 on a development or automining chain, 2 elsewhere). */
  confirmations?: number;
  /** Seconds to wait for each transaction (default 600). */
  timeoutSeconds?: number;
  /** Refuse to send while the network's max fee per gas is above this many gwei (default: the config's). */
  maxFeeGwei?: number | string;
  /**
   * Seconds a sent transaction may wait below the network's base fee before it is replaced
   * with a higher fee, within the cap; 0 never (default: the config's, else 180).
   */
  replaceAfter?: number | string;
  /** Send without asking on a live chain (or HOKUSAI_CONFIRM=true). */
  yes?: boolean;
  /** Asked on a live chain unless `yes`; resolve true to send. */
  confirm?: (question: string) => Promise<boolean>;
}

/** The network's first account, able to sign locally when the network holds its key. */
export async function senderFor(hre: HokusaiHost): Promise<TransactionSender> {
  // Only the first account: getSigners() builds a signer, with a request each, for every account.
  const [first] = (await hre.network.provider.request({ method: "eth_accounts" })) as string[];
  if (first === undefined) throw noSignerError(hre.network.name);
  // Only its address: the transactions go through the network's provider, not an ethers signer.
  const address = getAddress(first);
  const accounts = hre.network.config.accounts;
  const key = Array.isArray(accounts) && typeof accounts[0] === "string" ? accounts[0] : undefined;
  const wallet = key === undefined ? undefined : new Wallet(key);
  return {
    address,
    signTransaction:
      wallet !== undefined && wallet.address === address
        ? (tx) => wallet.signTransaction({ ...tx, from: undefined })
        : undefined,
    // eth_sendTransaction itself: the signer's sendTransaction polls the node for the transaction afterwards.
    sendTransaction: async (tx) =>
      (await hre.network.provider.request({
        method: "eth_sendTransaction",
        params: [rpcTransaction(address, tx)],
      })) as string,
  };
}

/** A transaction request as eth_sendTransaction takes it: quantities in hex. */
function rpcTransaction(from: string, tx: TransactionRequest): Record<string, string> {
  const fields: Record<string, string> = { from };
  if (typeof tx.to === "string") fields.to = tx.to;
  if (tx.data !== undefined && tx.data !== null) fields.data = tx.data;
  const quantities = { value: tx.value, gas: tx.gasLimit, nonce: tx.nonce, gasPrice: tx.gasPrice };
  const fees = { maxFeePerGas: tx.maxFeePerGas, maxPriorityFeePerGas: tx.maxPriorityFeePerGas };
  for (const [key, value] of Object.entries({ ...quantities, ...fees })) {
    if (value !== undefined && value !== null) fields[key] = toQuantity(value);
  }
  return fields;
}

/** True on a node that mines each transaction at once (Hardhat, Anvil), where no second block may come. */
async function isAutomined(hre: HokusaiHost): Promise<boolean> {
  try {
    return Boolean(await hre.network.provider.send("hardhat_getAutomine", []));
  } catch {
    return false;
  }
}

/**
 * Where records go: the configured folder, except for the in-process network, whose
 * chain ends with the process; its records go to a folder of the process.
 */
export function recordsDir(hre: HokusaiHost): string {
  if (!isInProcess(hre)) return hre.config.hokusai.deploymentsDir;
  const dir = path.join(os.tmpdir(), `hardhat-hokusai-${process.pid}`);
  if (!cleanupRegistered) {
    // The chain ends with the process, and its records with it.
    cleanupRegistered = true;
    process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return dir;
}

let cleanupRegistered = false;

/** The context of every core call of a task, built once from the runtime. */
export async function buildContext(hre: HokusaiHost, options: SendOptions = {}): Promise<DeployContext> {
  const replaceAfter = options.replaceAfter ?? hre.config.hokusai.replaceAfterSeconds;
  const replaceAfterSeconds =
    replaceAfter === undefined || replaceAfter === ""
      ? undefined
      : Number(parseIntegerInRange("replaceAfter", replaceAfter, 0, 86_400, " seconds"));
  const maxFeePerGasGwei =
    options.maxFeeGwei === undefined || options.maxFeeGwei === ""
      ? hre.config.hokusai.maxFeePerGasGwei
      : parseFeeCapGwei("maxFeeGwei", options.maxFeeGwei);
  checkNetworkConfig(hre);
  // The chain id's check is told first; the signer and the mining mode are read meanwhile.
  const checked = startRead(() => readChainId(hre));
  const signer = startRead(() => senderFor(hre));
  const mining = startRead(() => isAutomined(hre));
  const chainId = await checked;
  const sender = await signer;
  const networkConfig = hre.config.hokusai.networks[hre.network.name] ?? {};
  const dev = chainId === DEV_CHAIN_ID;
  const automined = dev || (await mining);
  return {
    provider: rpcProvider(hre),
    sender,
    network: hre.network.name,
    chainId,
    dev,
    recordsDir: recordsDir(hre),
    confirmations: options.confirmations ?? (automined ? 1 : 2),
    timeoutSeconds: options.timeoutSeconds ?? 600,
    pollMs: automined ? 100 : 4000,
    maxFeePerGasGwei,
    replaceAfterSeconds,
    explorerUrl: networkConfig.explorerUrl,
    ipfsGateway: hre.config.hokusai.ipfsGateway,
    named: namedContracts(hre),
    // On a development chain the signer stands in for the governor and recipient.
    defaults: {
      governor: networkConfig.governor ?? (dev ? sender.address : undefined),
      modelSupplierRecipient: networkConfig.modelSupplierRecipient ?? (dev ? sender.address : undefined),
    },
  };
}

/** HOKUSAI_CONFIRM=true answers the question for CI. */
export function envConfirmed(): boolean {
  return /^(1|true|yes)$/i.test(process.env.HOKUSAI_CONFIRM ?? "");
}

/**
 * On any chain but 31337, asks before sending unless --yes or HOKUSAI_CONFIRM (on
 * mainnet, both); with no way to ask (no terminal), refuses rather than hang.
 */
export async function confirmLiveSend(
  context: DeployContext,
  options: SendOptions,
  question: string,
): Promise<void> {
  if (context.dev) return;
  // Ethereum mainnet spends real money: without a terminal, --yes and HOKUSAI_CONFIRM both.
  const mainnet = context.chainId === MAINNET_CHAIN_ID;
  if (mainnet ? options.yes && envConfirmed() : options.yes || envConfirmed()) return;
  if (options.confirm === undefined) throw confirmationRequiredError(context.network, mainnet);
  if (!(await options.confirm(question))) throw cancelledError();
}

/** The RPC host of the current network, safe to print. */
export function rpcHost(hre: HokusaiHost): string | undefined {
  const config = hre.network.config;
  return config.url === undefined ? undefined : redactRpcUrl(config.url);
}
