/**
 * hokusai:status on a Hardhat network: resolves the TokenManager and AMM factory from
 * the HRE and reads the model's lifecycle. Reads only; never signs. The task and
 * `hre.hokusai.status` are this function.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { type ModelStatus, readModelStatus } from "../core/status";
import { parseModelId } from "../core/validate";
import { MissingParamError } from "../errors";
import { checkNetwork, resolveContractAddress } from "../network";
import type { StatusContext } from "../ui/status";

export interface StatusOptions {
  modelId?: string;
  /** TokenManager address (default: config, environment, or the local mock). */
  tokenManager?: string;
  /** AMM factory address (default: config, environment, or the local mock). */
  ammFactory?: string;
}

/**
 * The lifecycle of a model. A model id without a token is not an error: its stage is
 * NONE, with the deploy-token command as the next step.
 */
export async function runStatus(
  hre: HardhatRuntimeEnvironment,
  options: StatusOptions,
): Promise<{ status: ModelStatus; context: StatusContext }> {
  if (options.modelId === undefined || options.modelId === "") {
    throw new MissingParamError("--model-id", "pass the model id to look up, e.g. --model-id sentiment-v2");
  }
  const modelId = parseModelId("--model-id", options.modelId);
  const chainId = await checkNetwork(hre);
  const addresses = {
    tokenManager: await resolveContractAddress(hre, "tokenManager", options.tokenManager),
    ammFactory: await resolveContractAddress(hre, "ammFactory", options.ammFactory),
  };
  const status = await readModelStatus(hre.ethers.provider, addresses, modelId, {
    network: hre.network.name,
  });
  const given = (value: string | undefined) => (value === undefined || value === "" ? undefined : value);
  return {
    status,
    context: {
      network: hre.network.name,
      chainId,
      explorerUrl: hre.config.hokusai.networks[hre.network.name]?.explorerUrl,
      tokenManagerFlag: given(options.tokenManager) && addresses.tokenManager,
      ammFactoryFlag: given(options.ammFactory) && addresses.ammFactory,
    },
  };
}
