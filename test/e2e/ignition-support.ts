/**
 * What the Ignition process-level tests share: the CLI command against a running node,
 * parameter files, deployment ids that are cleaned up afterwards, and chain reads over
 * plain JSON-RPC (nothing that keeps the test process alive).
 */
import fs from "fs";
import os from "os";
import path from "path";

import { Interface, ZeroAddress, id as eventTopic, keccak256, toUtf8Bytes } from "ethers";

import type { CliSessions } from "../helpers/cli-session";
import { E2E_CONFIG, jsonRpc, type RunningNode } from "../helpers/node";
import {
  PROJECT_ROOT,
  runHardhat,
  spawnHardhat,
  type RunResult,
  type SpawnedHardhat,
} from "../helpers/process";

/** Account 0 of Hardhat's default mnemonic: the deployer and owner in every test. */
export const DEPLOYER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
export const GOVERNOR = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
export const SUPPLIER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

export const MODULES = {
  system: "ignition/modules/HokusaiSystem.ts",
  modelToken: "ignition/modules/ModelToken.ts",
  localModelToken: "ignition/modules/LocalModelToken.ts",
  modelPool: "ignition/modules/ModelPool.ts",
};

/** The guide's example, as a person writes it in a parameter file: whole tokens. */
export function guideTokenParameters(modelId: string): Record<string, unknown> {
  return {
    modelId,
    name: "Sentiment Model",
    symbol: "SENT",
    modelSupplierAllocation: "400000",
    modelSupplierRecipient: SUPPLIER,
    investorAllocation: "600000",
    tokensPerDeltaOne: "100000",
    infrastructureAccrualBps: 5000,
    initialOraclePricePerThousandUsd: "0",
    licenseHash: keccak256(toUtf8Bytes("# Commercial Model License\n")),
    licenseURI: "ipfs://QmLicense/license.md",
    governor: GOVERNOR,
  };
}

export const IGNITION_DEPLOYMENTS = path.join(PROJECT_ROOT, "ignition", "deployments");
const INSTANCES_FILE = path.join(PROJECT_ROOT, "cache", ".hardhat-network-instances.json");

/**
 * Unique deployment ids and parameter files for one test file; `cleanup` removes the
 * deployment folders, the files and the ids Ignition noted in its instances file.
 */
export class Workspace {
  private readonly ids: string[] = [];
  private readonly files: string[] = [];
  private readonly tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-ignition-"));
  private readonly prefix: string;

  constructor(label: string) {
    this.prefix = `e2e-${label}-${process.pid}-${Date.now().toString(36)}`;
  }

  deploymentId(name: string): string {
    const deploymentId = `${this.prefix}-${name}`;
    this.ids.push(deploymentId);
    return deploymentId;
  }

  deploymentDir(deploymentId: string): string {
    return path.join(IGNITION_DEPLOYMENTS, deploymentId);
  }

  parametersFile(parameters: Record<string, unknown>): string {
    const file = path.join(this.tmpDir, `parameters-${this.files.length}.json`);
    fs.writeFileSync(file, JSON.stringify(parameters, null, 2));
    this.files.push(file);
    return file;
  }

  /** deployed_addresses.json of a deployment: future id to address. */
  addresses(deploymentId: string): Record<string, string> {
    return JSON.parse(
      fs.readFileSync(path.join(this.deploymentDir(deploymentId), "deployed_addresses.json"), "utf8"),
    );
  }

  journal(deploymentId: string): Array<Record<string, unknown>> {
    const file = path.join(this.deploymentDir(deploymentId), "journal.jsonl");
    if (!fs.existsSync(file)) return [];
    return fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line));
  }

  cleanup(): void {
    for (const deploymentId of this.ids)
      fs.rmSync(this.deploymentDir(deploymentId), { recursive: true, force: true });
    fs.rmSync(this.tmpDir, { recursive: true, force: true });
    if (fs.existsSync(INSTANCES_FILE)) {
      const instances = JSON.parse(fs.readFileSync(INSTANCES_FILE, "utf8")) as Record<string, string>;
      for (const deploymentId of this.ids) delete instances[deploymentId];
      fs.writeFileSync(INSTANCES_FILE, JSON.stringify(instances, null, 2));
    }
  }
}

export interface DeployOptions {
  parametersFile?: string;
  deploymentId: string;
  extraArgs?: string[];
  env?: NodeJS.ProcessEnv;
}

/** `ignition deploy <module> ...` without the CLI's --config and --network. */
function ignitionDeployTask(modulePath: string, options: DeployOptions): string[] {
  return [
    "ignition",
    "deploy",
    modulePath,
    ...(options.parametersFile === undefined ? [] : ["--parameters", options.parametersFile]),
    "--deployment-id",
    options.deploymentId,
    ...(options.extraArgs ?? []),
  ];
}

function deployArgs(modulePath: string, options: DeployOptions): string[] {
  return ["--config", E2E_CONFIG, "--network", "localhost", ...ignitionDeployTask(modulePath, options)];
}

/** The environment of a deploy against `node`. */
const deployEnv = (node: RunningNode, options: DeployOptions): NodeJS.ProcessEnv => ({
  HOKUSAI_E2E_RPC_URL: node.url,
  ...options.env,
});

/** `npx hardhat ignition deploy <module>` against `node`, to its end. */
export function ignitionDeploy(
  node: RunningNode,
  modulePath: string,
  options: DeployOptions,
): Promise<RunResult> {
  return runHardhat(deployArgs(modulePath, options), {
    env: deployEnv(node, options),
  });
}

/** The same, returned at once so that the test can kill it. */
export function spawnIgnitionDeploy(
  node: RunningNode,
  modulePath: string,
  options: DeployOptions,
): SpawnedHardhat {
  return spawnHardhat(deployArgs(modulePath, options), {
    env: deployEnv(node, options),
  });
}

/**
 * The same command line in a CLI session of the process tests' config on localhost
 * (test/helpers/cli-session.ts), to its end.
 */
export function ignitionDeployInSession(
  sessions: CliSessions,
  node: RunningNode,
  modulePath: string,
  options: DeployOptions,
): Promise<RunResult> {
  return sessions.run(deployEnv(node, options), ignitionDeployTask(modulePath, options));
}

// --- chain reads -------------------------------------------------------------

const abi = new Interface([
  "function getTokenAddress(string modelId) view returns (address)",
  "function isAuthorizedAMM(address amm) view returns (bool)",
  "function hasPool(string modelId) view returns (bool)",
  "function name() view returns (string)",
  "function symbol() view returns (string)",
  "function maxSupply() view returns (uint256)",
  "function balanceOf(address account) view returns (uint256)",
  "function mint(address to, uint256 amount)",
  "function approve(address spender, uint256 amount) returns (bool)",
  "function buy(uint256 reserveIn, uint256 minTokensOut, address to, uint256 deadline) returns (uint256)",
  "event TokenDeployed(string indexed modelId, address indexed tokenAddress, address indexed deployer, string name, string symbol, uint256 totalSupply)",
]);

export async function blockNumber(node: RunningNode): Promise<number> {
  return Number(await jsonRpc<string>(node.url, "eth_blockNumber"));
}

export async function nonce(node: RunningNode, account = DEPLOYER, tag = "latest"): Promise<number> {
  return Number(await jsonRpc<string>(node.url, "eth_getTransactionCount", [account, tag]));
}

export async function codeAt(node: RunningNode, address: string): Promise<string> {
  return jsonRpc<string>(node.url, "eth_getCode", [address, "latest"]);
}

/** A view call, decoded: `read(node, tokenManager, "getTokenAddress", ["m"])`. */
export async function read(
  node: RunningNode,
  to: string,
  fn: string,
  args: unknown[] = [],
): Promise<unknown> {
  const data = abi.encodeFunctionData(fn, args);
  const result = await jsonRpc<string>(node.url, "eth_call", [{ to, data }, "latest"]);
  return abi.decodeFunctionResult(fn, result)[0];
}

/** A transaction from an unlocked account of the node, mined (automine). */
export async function send(
  node: RunningNode,
  to: string,
  fn: string,
  args: unknown[],
  from = DEPLOYER,
): Promise<void> {
  const hash = await jsonRpc<string>(node.url, "eth_sendTransaction", [
    { from, to, data: abi.encodeFunctionData(fn, args) },
  ]);
  const receipt = await jsonRpc<{ status: string }>(node.url, "eth_getTransactionReceipt", [hash]);
  if (receipt.status !== "0x1") throw new Error(`${fn} reverted (${hash})`);
}

export async function tokenOf(node: RunningNode, tokenManager: string, modelId: string): Promise<string> {
  return (await read(node, tokenManager, "getTokenAddress", [modelId])) as string;
}

/** TokenDeployed logs of the TokenManager for `modelId` (its keccak256 is the indexed topic). */
export async function tokenDeployedLogs(
  node: RunningNode,
  tokenManager: string,
  modelId: string,
): Promise<unknown[]> {
  return jsonRpc<unknown[]>(node.url, "eth_getLogs", [
    {
      address: tokenManager,
      fromBlock: "0x0",
      toBlock: "latest",
      topics: [
        eventTopic("TokenDeployed(string,address,address,string,string,uint256)"),
        keccak256(toUtf8Bytes(modelId)),
      ],
    },
  ]);
}

export { ZeroAddress };

/** Polls `condition` every 50 ms until it holds; fails after `timeoutMs`. */
export async function waitUntil(
  what: string,
  condition: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A run's output without the progress display's cursor codes. */
export function plain(result: Pick<RunResult, "stdout" | "stderr">): string {
  // eslint-disable-next-line no-control-regex
  return `${result.stdout}\n${result.stderr}`.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
}
