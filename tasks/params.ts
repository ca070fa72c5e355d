/**
 * The params several tasks take, declared once so that each means the same in every
 * task's `help`. Light: every `npx hardhat` loads it.
 */
import { types } from "hardhat/config";
import type { ConfigurableTaskDefinition } from "hardhat/types";

/** --model-id, as the backend tasks and status take it. */
export function modelIdParam(task: ConfigurableTaskDefinition): ConfigurableTaskDefinition {
  return task.addOptionalParam(
    "modelId",
    "The model id the token was deployed with (case-sensitive)",
    undefined,
    types.string,
  );
}

/** --token-manager and, for the tasks that need it, --amm-factory. */
export function addressParams(
  task: ConfigurableTaskDefinition,
  which: Array<"tokenManager" | "ammFactory"> = ["tokenManager"],
): ConfigurableTaskDefinition {
  const help = {
    tokenManager:
      "TokenManager address (default: hokusai.networks.<network>.tokenManager, TOKEN_MANAGER_ADDRESS, the address book on sepolia and mainnet, or the local mock)",
    ammFactory:
      "AMM factory address (default: hokusai.networks.<network>.ammFactory, AMM_FACTORY_ADDRESS, the address book on sepolia and mainnet, or the local mock)",
  };
  for (const name of which) task.addOptionalParam(name, help[name], undefined, types.string);
  return task;
}

/** What every sending task takes: --dry-run, --yes, --confirmations, --timeout, --max-fee-gwei, --replace-after, --json. */
export function sendParams(task: ConfigurableTaskDefinition): ConfigurableTaskDefinition {
  return task
    .addFlag("dryRun", "Check everything and print what would be sent, its gas and cost; send nothing")
    .addFlag("yes", "Do not ask for confirmation on a live chain (or set HOKUSAI_CONFIRM=true)")
    .addOptionalParam(
      "confirmations",
      "Confirmations to wait for (default 1 on dev chains and automining nodes, 2 elsewhere)",
      undefined,
      types.int,
    )
    .addOptionalParam(
      "timeout",
      "Seconds to wait for each transaction before exiting with code 4; a rerun resumes (default 600)",
      undefined,
      types.int,
    )
    .addOptionalParam(
      "maxFeeGwei",
      "Refuse to send while the network's max fee per gas is above this many gwei (dry runs check it too; exit code 3)",
      undefined,
      types.string,
    )
    .addOptionalParam(
      "replaceAfter",
      "Seconds a sent transaction may wait below the network's base fee before it is replaced with a higher fee, same nonce, within the fee cap; 0 never (default 180, or hokusai.replaceAfterSeconds)",
      undefined,
      types.int,
    )
    .addFlag("json", 'Print one JSON document ("version": 1) on stdout; progress goes to stderr');
}

/** --sequential, for the tasks that send many models. */
export function batchParams(task: ConfigurableTaskDefinition): ConfigurableTaskDefinition {
  return task.addFlag(
    "sequential",
    "Send one model at a time, each waited for before the next (default: several in flight with consecutive nonces, two blocks' worth by the block gas limit, at most 16)",
  );
}
