/**
 * The guide's "test first" advice, done for real: the deployment transaction sent
 * on a fork of the target chain, and what it did there.
 */
import { Interface, type Provider, type Signer } from "ethers";

import { TOKEN_MANAGER_CORE_ABI } from "./abi";
import { decodeRevertData, extractRevertData } from "./chain/revert";

export interface SimulationInput {
  from: string;
  modelId: string;
  transaction: { to: string; data: string; value: string };
}

export interface SimulatedEvent {
  name: string;
  args: Record<string, string>;
}

export type SimulationOutput =
  | {
      ok: true;
      token: string;
      params: string;
      gasUsed: string;
      blockNumber: number;
      events: SimulatedEvent[];
    }
  | { ok: false; revert: { kind: string; reason: string; message: string; fix: string } }
  | { error: string };

const events = new Interface(TOKEN_MANAGER_CORE_ABI as unknown as string[]);

/** Sends the transaction on the (forked) chain behind `signer` and reports its effects. */
export async function simulateOnFork(
  provider: Provider,
  signer: Signer,
  input: SimulationInput,
): Promise<SimulationOutput> {
  let receipt;
  try {
    const tx = await signer.sendTransaction({
      to: input.transaction.to,
      data: input.transaction.data,
      value: BigInt(input.transaction.value),
    });
    receipt = await tx.wait();
  } catch (error) {
    return { ok: false, revert: decodeRevertData(extractRevertData(error), { modelId: input.modelId }) };
  }
  if (receipt === null) return { error: "the forked chain returned no receipt" };
  const decoded: SimulatedEvent[] = [];
  let token = "";
  let params = "";
  for (const entry of receipt.logs) {
    const parsed = events.parseLog(entry);
    if (parsed === null) continue;
    const args: Record<string, string> = {};
    parsed.fragment.inputs.forEach((input, i) => {
      const value = parsed.args[i];
      // Indexed strings are kept as their hash in the log.
      args[input.name] =
        typeof value === "object" && value !== null && "hash" in value ? String(value.hash) : String(value);
    });
    decoded.push({ name: parsed.name, args });
    if (parsed.name === "TokenDeployed") token = String(parsed.args.tokenAddress);
    if (parsed.name === "ParamsDeployed") params = String(parsed.args.paramsAddress);
  }
  return {
    ok: true,
    token,
    params,
    gasUsed: receipt.gasUsed.toString(),
    blockNumber: receipt.blockNumber,
    events: decoded,
  };
}
