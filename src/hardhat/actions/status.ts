/**
 * hokusai:status on a Hardhat network: resolves the TokenManager and AMM factory from
 * the HRE and reads the model's lifecycle. Reads only; never signs. The task and
 * `hre.hokusai.status` are this function.
 */
import type { HokusaiHost } from "../host";

import { fieldRef, type FieldNamer, keyNamer, missingInput, msg } from "../../core/errors";
import { type ModelStatus, readModelStatus } from "../../core/status";
import { parseModelId } from "../../core/validate";
import { withPluginErrors } from "../../errors";
import type { StatusContext } from "../../ui/status";
import { requireAddress } from "../addresses";
import { checkNetwork, rpcProvider } from "../network";

export interface StatusOptions {
  modelId?: string;
  /** TokenManager address (default: config, environment, or the local mock). */
  tokenManager?: string;
  /** AMM factory address (default: config, environment, or the local mock). */
  ammFactory?: string;
  /** How errors name the options (default: as these options are named). */
  names?: FieldNamer;
}

/**
 * The lifecycle of a model. A model id without a token is not an error: its stage is
 * NONE, with the deploy-token command as the next step.
 */
export function runStatus(
  hre: HokusaiHost,
  options: StatusOptions,
): Promise<{ status: ModelStatus; context: StatusContext }> {
  return withPluginErrors(() => readStatus(hre, options), options.names ?? keyNamer);
}

async function readStatus(
  hre: HokusaiHost,
  options: StatusOptions,
): Promise<{ status: ModelStatus; context: StatusContext }> {
  if (options.modelId === undefined || options.modelId === "") {
    throw missingInput("modelId", msg`pass the model id to look up, e.g. ${fieldRef("modelId")} 101`);
  }
  const modelId = parseModelId("modelId", options.modelId);
  const chainId = await checkNetwork(hre);
  const tokenManager = await requireAddress(hre, chainId, "tokenManager", options.tokenManager);
  const ammFactory = await requireAddress(hre, chainId, "ammFactory", options.ammFactory);
  const addresses = { tokenManager: tokenManager.address, ammFactory: ammFactory.address };
  const status = await readModelStatus(rpcProvider(hre), addresses, modelId, {
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
      sources: { tokenManager: tokenManager.source, ammFactory: ammFactory.source },
    },
  };
}
