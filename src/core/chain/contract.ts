/**
 * The one way the core makes an ethers Contract (contractFor). The ABIs are human-readable
 * fragments (../abi.ts), and parsing them is most of what `new Contract` costs; here each ABI
 * is parsed into its Interface once, and every Contract of it shares that (read-only) Interface.
 */
import { Contract, type ContractRunner, Interface } from "ethers";

const interfaces = new WeakMap<readonly string[], Interface>();

/** The Interface of `abi`, parsed on first use. */
export function interfaceOf(abi: readonly string[]): Interface {
  let parsed = interfaces.get(abi);
  if (parsed === undefined) interfaces.set(abi, (parsed = new Interface(abi)));
  return parsed;
}

/** A Contract for `abi` at `address`, reading or sending through `runner`. */
export function contractFor(
  address: string,
  abi: readonly string[],
  runner: ContractRunner | null,
): Contract {
  return new Contract(address, interfaceOf(abi), runner);
}
