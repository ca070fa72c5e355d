/** The network's fee, read once per decision, and the user's cap on it. */
import { formatUnits, type Provider, type TransactionRequest } from "ethers";

import { feeCapExceededError, HokusaiError } from "../errors";
import { retryOptionsOf, withRetries } from "./retry";

/** What the network asks per gas now. */
export interface FeeQuote {
  /** The most a unit of gas may cost: maxFeePerGas (EIP-1559), else gasPrice. */
  perGas: bigint;
  eip1559: boolean;
  maxPriorityFeePerGas?: bigint;
}

/** The tip where the node has no eth_maxPriorityFeePerGas, as Hardhat and ethers take it. */
const DEFAULT_PRIORITY_FEE = 1_000_000_000n;

/** A provider that also takes raw JSON-RPC requests (ethers' JsonRpcApiProvider, Hardhat's). */
interface RawRpc {
  send(method: string, params: unknown[]): Promise<unknown>;
}

/**
 * What the network asks per gas now. On an EIP-1559 chain (the latest block has a base fee):
 * twice the base fee plus the node's priority fee, the rule of Hardhat's and ethers'
 * getFeeData; elsewhere eth_gasPrice. Where the provider takes raw requests, the block, the
 * gas price and the priority fee go out together (Hardhat's getFeeData sends them one after
 * another), each retried on RPC faults as the provider's reads are. A node that does not
 * answer one of the two (no such method) leaves it to the rule's default.
 */
export async function readFees(provider: Provider): Promise<FeeQuote> {
  if (typeof (provider as Partial<RawRpc>).send !== "function") {
    const data = await provider.getFeeData();
    return data.maxFeePerGas === null
      ? { perGas: data.gasPrice ?? 0n, eip1559: false }
      : { perGas: data.maxFeePerGas, eip1559: true, maxPriorityFeePerGas: data.maxPriorityFeePerGas ?? 0n };
  }
  const options = retryOptionsOf(provider);
  const ask = (method: string): Promise<bigint | null> => {
    const call = () => (provider as Provider & RawRpc).send(method, []);
    return (options === undefined ? call() : withRetries(method, call, options)).then(
      (value) => BigInt(value as string),
      (error: unknown) => {
        // The RPC kept failing: a fee read from a default would be a guess.
        if (error instanceof HokusaiError) throw error;
        return null;
      },
    );
  };
  const [block, gasPrice, priority] = await Promise.all([
    provider.getBlock("latest"),
    ask("eth_gasPrice"),
    ask("eth_maxPriorityFeePerGas"),
  ]);
  const baseFee = block?.baseFeePerGas;
  if (baseFee === undefined || baseFee === null) return { perGas: gasPrice ?? 0n, eip1559: false };
  const tip = priority ?? DEFAULT_PRIORITY_FEE;
  return { perGas: 2n * baseFee + tip, eip1559: true, maxPriorityFeePerGas: tip };
}

/** The fee fields of a transaction sent at `quote`. */
export function feeFields(quote: FeeQuote): TransactionRequest {
  return quote.eip1559
    ? { type: 2, maxFeePerGas: quote.perGas, maxPriorityFeePerGas: quote.maxPriorityFeePerGas ?? 0n }
    : { type: 0, gasPrice: quote.perGas };
}

/** The fee now against the cap, for summaries: "fee now 1.2 gwei, cap 50 gwei". */
export interface FeeCheck {
  currentGwei: string;
  capGwei?: number;
  withinCap: boolean;
}

export function compareFeeCap(quote: FeeQuote, capGwei: number | undefined): FeeCheck {
  const currentGwei = formatUnits(quote.perGas, "gwei");
  if (capGwei === undefined) return { currentGwei, withinCap: true };
  const cap = BigInt(Math.round(capGwei * 1e9));
  return { currentGwei, capGwei, withinCap: quote.perGas <= cap };
}

/** Throws the fee-cap error (exit code 3) when the fee is above the cap. */
export function requireFeeWithinCap(check: FeeCheck): void {
  if (!check.withinCap) throw feeCapExceededError(check.currentGwei, check.capGwei as number);
}

/** The margin over eth_estimateGas that every sent transaction gets. */
export function withGasMargin(estimate: bigint): bigint {
  return (estimate * 12n) / 10n;
}
