/** Small shared formatters for what a person reads. */
import { formatEther, formatUnits } from "ethers";

/** 400000000000000000000000n → "400,000" (tokens, 18 decimals). */
export function formatTokens(wei: bigint): string {
  const [whole, fraction] = formatUnits(wei, 18).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined || /^0*$/.test(fraction)
    ? grouped
    : `${grouped}.${fraction.replace(/0+$/, "")}`;
}

export function formatEth(wei: bigint): string {
  return `${formatEther(wei)} ETH`;
}

export function formatGwei(wei: bigint): string {
  return `${Number(formatUnits(wei, "gwei"))
    .toFixed(3)
    .replace(/\.?0+$/, "")} gwei`;
}

/** USD with 6 decimals → "$2.5", 0 → "unset". */
export function formatUsd6(value: bigint): string {
  return value === 0n ? "unset (0)" : `$${formatUnits(value, 6).replace(/\.0$/, "")}`;
}

/** Lines of "label  value", labels padded to one column. */
export function table(rows: Array<[string, string]>, indent = "  "): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${indent}${label.padEnd(width)}  ${value}`).join("\n");
}

/** Turns bigints into decimal strings so a result can be printed as JSON. */
export function toJsonValue<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v)));
}
