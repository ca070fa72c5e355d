/** The network's fee, read once per decision, and the user's cap on it. */
import { formatUnits, type Provider, type TransactionRequest } from "ethers";

import { feeCapExceededError } from "../errors";

/** What the network asks per gas now. */
export interface FeeQuote {
  /** The most a unit of gas may cost: maxFeePerGas (EIP-1559), else gasPrice. */
  perGas: bigint;
  eip1559: boolean;
  maxPriorityFeePerGas?: bigint;
}

export async function readFees(provider: Provider): Promise<FeeQuote> {
  const data = await provider.getFeeData();
  if (data.maxFeePerGas !== null) {
    return {
      perGas: data.maxFeePerGas,
      eip1559: true,
      maxPriorityFeePerGas: data.maxPriorityFeePerGas ?? 0n,
    };
  }
  return { perGas: data.gasPrice ?? 0n, eip1559: false };
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
