/**
 * Deploys a system plan (ignition/modules/system-plans.ts) with plain transactions from the
 * network's first account, one after another, each mined before the next is sent. It is
 * for the in-process network, which lives as long as its process: the Ignition module of the
 * same plan is what a chain that outlives a run deploys, since it keeps a journal to resume
 * from. Here that journal, and Ignition's engine, would be the slowest part of a deployment.
 */
import { concat, getAddress, Interface } from "ethers";

import { moduleArtifact } from "../../ignition/modules/builders";
import {
  isDeployer,
  type PlanArg,
  type PlanContract,
  type SystemPlan,
} from "../../ignition/modules/system-plans";
import type { HostProvider } from "./host";

type Receipt = { status: string; contractAddress: string | null };

/** Between polls of a receipt, where the chain does not mine at once (a node with interval mining). */
const RECEIPT_POLL_MS = 5;

/** Sends `tx` from `from` and waits for its receipt; a revert names the step. */
async function sendAndWait(
  provider: HostProvider,
  step: string,
  tx: { from: string; to?: string; data: string },
): Promise<Receipt> {
  let hash: string;
  try {
    hash = (await provider.request({ method: "eth_sendTransaction", params: [tx] })) as string;
  } catch (error) {
    throw new Error(`the mock system's ${step} failed: ${(error as Error).message}`);
  }
  for (;;) {
    const receipt = (await provider.request({
      method: "eth_getTransactionReceipt",
      params: [hash],
    })) as Receipt | null;
    if (receipt !== null) {
      if (receipt.status !== "0x1")
        throw new Error(`the mock system's ${step} reverted (transaction ${hash})`);
      return receipt;
    }
    await new Promise((resolve) => setTimeout(resolve, RECEIPT_POLL_MS));
  }
}

function artifactOf(name: string): { abi: Interface; bytecode: string } {
  const artifact = moduleArtifact(name);
  if (artifact === undefined)
    throw new Error(`the mock system's ${name} has no artifact: run \`npx hardhat compile\``);
  return { abi: new Interface(artifact.abi), bytecode: artifact.bytecode };
}

/**
 * Deploys `plan` with `params` (by name; the plan's defaults for the rest) and returns each
 * contract's address (checksummed) by its key.
 */
export async function deployPlan<K extends string>(
  provider: HostProvider,
  plan: SystemPlan<K>,
  params: Readonly<Record<string, bigint | boolean | string>> = {},
): Promise<Record<K, string>> {
  const [from] = (await provider.request({ method: "eth_accounts" })) as string[];
  if (from === undefined) throw new Error("the mock system needs an account: the network has none");
  const addresses: Record<string, string> = {};
  const interfaces: Record<string, Interface> = {};
  const value = (arg: PlanArg): unknown => {
    if (isDeployer(arg)) return from;
    if (typeof arg !== "object") return arg;
    if ("contract" in arg) return addresses[arg.contract];
    const given = params[arg.param] ?? plan.params[arg.param];
    if (given === undefined) throw new Error(`the mock system needs the parameter ${arg.param}`);
    return isDeployer(given) ? from : given;
  };

  for (const [key, contract] of Object.entries<PlanContract>(plan.contracts)) {
    const { abi, bytecode } = artifactOf(contract.name);
    interfaces[key] = abi;
    if (contract.at !== undefined) {
      addresses[key] = getAddress(String(value(contract.at)));
      continue;
    }
    const data = concat([bytecode, abi.encodeDeploy((contract.args ?? []).map(value))]);
    const receipt = await sendAndWait(provider, `deployment of ${contract.name}`, { from, data });
    addresses[key] = getAddress(receipt.contractAddress as string);
  }
  for (const call of plan.calls) {
    const data = interfaces[call.on].encodeFunctionData(call.fn, call.args.map(value));
    await sendAndWait(provider, `${call.on}.${call.fn}`, { from, to: addresses[call.on], data });
  }
  return addresses as Record<K, string>;
}
