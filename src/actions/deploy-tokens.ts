/**
 * `hokusai:deploy-tokens`: every model of a manifest checked first, all bad entries
 * reported at once, then deployed one after another through the same journaled
 * deployment as deploy-token, so a rerun skips what is deployed and finishes what
 * is pending.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { InsufficientBalanceError, ManifestPreflightError } from "../errors";
import { resolveDeployRequest } from "../core/deploy-args";
import {
  DEV_CHAIN_ID,
  deployToken,
  type DeployTokenRequest,
  preflightDeploy,
  type PreflightResult,
} from "../core/deploy-token";
import { recordPath } from "../core/deployment-record";
import { crashPoint } from "../core/faults";
import { loadManifest } from "../core/manifest";
import { confirmLiveSend, defaultConfirmations } from "./send-policy";
import { checkNetwork, resolveContractAddress } from "../network";
import { recordsDir, senderFor } from "./deploy-token";

export interface DeployTokensOptions {
  manifest: string;
  tokenManager?: string;
  dryRun?: boolean;
  yes?: boolean;
  confirmations?: number;
  timeoutSeconds?: number;
  maxFeeGwei?: number;
  confirm?: (question: string) => Promise<boolean>;
  /** Once the whole manifest passed its checks: how many will be sent. */
  onPlanned?: (planned: ManifestPlan) => void;
  onModelDone?: (result: ManifestItemResult, done: number, total: number) => void;
}

export interface ManifestPlan {
  total: number;
  toDeploy: number;
  alreadyDeployed: number;
  /** The most all of them can cost, in wei. */
  maxCost: bigint;
}

export interface ManifestItemResult {
  index: number;
  modelId: string;
  status: "deployed" | "already-deployed" | "failed" | "would-deploy";
  token?: string;
  txHash?: string;
  gasUsed?: bigint;
  seconds: number;
  error?: string;
}

export interface DeployTokensOutcome {
  manifest: string;
  network: string;
  chainId: number;
  plan: ManifestPlan;
  results: ManifestItemResult[];
}

export async function runDeployTokens(
  hre: HardhatRuntimeEnvironment,
  options: DeployTokensOptions,
): Promise<DeployTokensOutcome> {
  const chainId = await checkNetwork(hre);
  const sender = await senderFor(hre);
  const networkConfig = hre.config.hokusai.networks[hre.network.name] ?? {};
  const dev = chainId === DEV_CHAIN_ID;
  const tokenManager = await resolveContractAddress(hre, "tokenManager", options.tokenManager);
  const manifest = await loadManifest(options.manifest);
  const provider = hre.ethers.provider;

  // Every entry checked, by itself and against the chain, before anything is sent.
  const problems: string[] = [];
  const checked: Array<{
    index: number;
    request: DeployTokenRequest;
    preflight: PreflightResult;
    metadata?: Record<string, unknown>;
  }> = [];
  for (const entry of manifest.entries) {
    const label = `models[${entry.index - 1}]${entry.input.modelId ? ` (${entry.input.modelId})` : ""}`;
    try {
      const { request } = await resolveDeployRequest(entry.input, {
        governor: networkConfig.governor ?? (dev ? sender.address : undefined),
        modelSupplierRecipient: networkConfig.modelSupplierRecipient ?? (dev ? sender.address : undefined),
      });
      const preflight = await preflightDeploy(provider, sender.address, tokenManager, request, {
        network: hre.network.name,
        chainId,
      });
      checked.push({ index: entry.index, request, preflight, metadata: entry.metadata });
    } catch (error) {
      problems.push(`${label}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new ManifestPreflightError(options.manifest, problems);

  const pending = checked.filter((c) => c.preflight.existing === undefined);
  const maxCost = pending.reduce((sum, c) => sum + c.preflight.maxCost, 0n);
  const balance = await provider.getBalance(sender.address);
  if (balance < maxCost) {
    const { formatEther } = await import("ethers");
    throw new InsufficientBalanceError(sender.address, formatEther(balance), formatEther(maxCost));
  }
  const plan: ManifestPlan = {
    total: checked.length,
    toDeploy: pending.length,
    alreadyDeployed: checked.length - pending.length,
    maxCost,
  };
  options.onPlanned?.(plan);

  if (options.dryRun) {
    return {
      manifest: manifest.file,
      network: hre.network.name,
      chainId,
      plan,
      results: checked.map((c) => ({
        index: c.index,
        modelId: c.request.modelId,
        status: c.preflight.existing === undefined ? "would-deploy" : "already-deployed",
        token: c.preflight.existing?.token,
        seconds: 0,
      })),
    };
  }
  if (pending.length > 0) {
    await confirmLiveSend(
      hre,
      chainId,
      options,
      `Send ${pending.length} deployments on ${hre.network.name}?`,
    );
  }
  const confirmations = options.confirmations ?? (await defaultConfirmations(hre, chainId));

  const results: ManifestItemResult[] = [];
  for (const [done, c] of checked.entries()) {
    const started = Date.now();
    let item: ManifestItemResult;
    try {
      const result = await deployToken(provider, sender, c.request, c.preflight, {
        network: hre.network.name,
        chainId,
        recordFile: recordPath(recordsDir(hre), hre.network.name, c.request.modelId),
        confirmations,
        timeoutSeconds: options.timeoutSeconds ?? 600,
        maxFeePerGasGwei: options.maxFeeGwei ?? hre.config.hokusai.maxFeePerGasGwei,
        explorerUrl: networkConfig.explorerUrl,
        metadata: c.metadata,
      });
      item = {
        index: c.index,
        modelId: c.request.modelId,
        status: c.preflight.existing !== undefined ? "already-deployed" : result.status,
        token: result.token,
        txHash: result.txHash,
        gasUsed: result.gasUsed,
        seconds: (Date.now() - started) / 1000,
      };
    } catch (error) {
      item = {
        index: c.index,
        modelId: c.request.modelId,
        status: "failed",
        seconds: (Date.now() - started) / 1000,
        error: (error as Error).message,
      };
    }
    results.push(item);
    options.onModelDone?.(item, done + 1, checked.length);
    crashPoint("after-model", done + 1);
  }
  return { manifest: manifest.file, network: hre.network.name, chainId, plan, results };
}
