/** The mock TokenManager on a running node, deployed with plain ethers for process-level tests. */
import { ContractFactory, id, JsonRpcProvider } from "ethers";
import hre from "hardhat";

import type { RunningNode } from "./node";

export interface NodeSystem {
  tokenManager: string;
  provider: JsonRpcProvider;
  /** Account 0 of the node, the owner and (with node-managed accounts) the deployer. */
  account0: string;
}

export async function deploySystem(
  node: RunningNode,
  options: { deploymentFee?: bigint } = {},
): Promise<NodeSystem> {
  const provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true, cacheTimeout: -1 });
  const owner = await provider.getSigner(0);
  const artifact = await hre.artifacts.readArtifact("MockTokenManager");
  const factory = new ContractFactory(artifact.abi, artifact.bytecode, owner);
  const manager = await factory.deploy(await owner.getAddress(), options.deploymentFee ?? 0n, false);
  await manager.waitForDeployment();
  return { tokenManager: await manager.getAddress(), provider, account0: await owner.getAddress() };
}

/** The TokenDeployed logs of a model id (its indexed string is stored as keccak256). */
export async function tokenDeployedLogs(provider: JsonRpcProvider, tokenManager: string, modelId: string) {
  const topic = id("TokenDeployed(string,address,address,string,string,uint256)");
  return provider.getLogs({ address: tokenManager, topics: [topic, id(modelId)], fromBlock: 0 });
}
