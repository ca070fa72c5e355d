/**
 * deploy-token on a Hardhat network: resolves addresses and signer from the HRE,
 * then runs the core's preflight and journaled deployment. The task and
 * `hre.hokusai.deployToken` are both this function.
 */
import os from "os";
import path from "path";

import { Wallet } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { NoSignerError, PublishedLicenseMismatchError } from "../errors";
import type { SimulationOutput } from "../core/fork-simulation";
import { type DeployTokenInput, mergePlanInput, resolveDeployRequest } from "../core/deploy-args";
import {
  DEV_CHAIN_ID,
  type DeployProgress,
  deployToken,
  type DeployTokenRequest,
  type DeployTokenResult,
  preflightDeploy,
  type PreflightResult,
  type TransactionSender,
} from "../core/deploy-token";
import { recordPath } from "../core/deployment-record";
import { confirmLiveSend, defaultConfirmations } from "./send-policy";
import { checkNetwork, isInProcess, redactRpcUrl, resolveContractAddress } from "../network";

export interface DeployTokenOptions extends DeployTokenInput {
  /** A launch plan file (hokusai.model.json or .yaml): its values, with the other options over them. */
  plan?: string;
  tokenManager?: string;
  dryRun?: boolean;
  /** With dryRun: send the transaction on an in-process fork of the network and report its effects. */
  fork?: boolean;
  /** Send without asking on a live chain. */
  yes?: boolean;
  strict?: boolean;
  confirmations?: number;
  timeoutSeconds?: number;
  maxFeeGwei?: number;
  metadata?: Record<string, unknown>;
  /** Asked on a live chain unless `yes`; resolve true to send. */
  confirm?: (summary: string) => Promise<boolean>;
  onSummary?: (summary: { request: DeployTokenRequest; preflight: PreflightResult; chainId: number }) => void;
  onProgress?: (event: DeployProgress) => void;
  /** Notes that are not warnings (e.g. the published license was checked). */
  onNote?: (note: string) => void;
}

export type DeployTokenOutcome =
  | {
      kind: "dry-run";
      request: DeployTokenRequest;
      preflight: PreflightResult;
      chainId: number;
      simulation?: SimulationOutput;
    }
  | { kind: "done"; request: DeployTokenRequest; preflight: PreflightResult; result: DeployTokenResult };

/** The network's first account, able to sign locally when the network holds its key. */
export async function senderFor(hre: HardhatRuntimeEnvironment): Promise<TransactionSender> {
  const signers = await hre.ethers.getSigners();
  if (signers.length === 0) throw new NoSignerError(hre.network.name);
  const signer = signers[0];
  const accounts = hre.network.config.accounts;
  const key = Array.isArray(accounts) && typeof accounts[0] === "string" ? accounts[0] : undefined;
  const wallet = key === undefined ? undefined : new Wallet(key);
  return {
    address: signer.address,
    signTransaction:
      wallet !== undefined && wallet.address === signer.address
        ? (tx) => wallet.signTransaction({ ...tx, from: undefined })
        : undefined,
    sendTransaction: async (tx) => (await signer.sendTransaction(tx)).hash,
  };
}

/** Preflight, then (unless a dry run) deploy, resuming any earlier run of the same model. */
export async function runDeployToken(
  hre: HardhatRuntimeEnvironment,
  options: DeployTokenOptions,
): Promise<DeployTokenOutcome> {
  const chainId = await checkNetwork(hre);
  const sender = await senderFor(hre);
  const networkConfig = hre.config.hokusai.networks[hre.network.name] ?? {};
  // On a development chain the signer stands in for the governor and recipient.
  const dev = chainId === DEV_CHAIN_ID;
  let input: DeployTokenInput = options;
  let metadata = options.metadata;
  if (options.plan !== undefined && options.plan !== "") {
    const { loadPlan } = await import("../core/plan");
    const loaded = await loadPlan(options.plan);
    const fromPreset = (
      [
        "modelSupplierAllocation",
        "investorAllocation",
        "tokensPerDeltaOne",
        "infrastructureAccrualBps",
      ] as const
    ).filter((field) => loaded.tokenomics.sources[field] === "preset");
    const { plan: _plan, ...flags } = options;
    input = mergePlanInput(loaded.deployInput, flags, fromPreset);
    metadata = {
      ...loaded.metadata,
      planFile: path.relative(hre.config.paths.root, loaded.file),
      ...options.metadata,
    };
  }
  const { request, licenseBytes } = await resolveDeployRequest(input, {
    governor: networkConfig.governor ?? (dev ? sender.address : undefined),
    modelSupplierRecipient: networkConfig.modelSupplierRecipient ?? (dev ? sender.address : undefined),
  });
  const tokenManager = await resolveContractAddress(hre, "tokenManager", options.tokenManager);
  const provider = hre.ethers.provider;
  const preflight = await preflightDeploy(provider, sender.address, tokenManager, request, {
    network: hre.network.name,
    chainId,
    strict: options.strict,
  });
  if (preflight.existing === undefined && licenseBytes !== undefined) {
    const note = await checkPublishedLicense(request.licenseURI, licenseBytes, {
      dev: chainId === DEV_CHAIN_ID,
      ipfsGateway: hre.config.hokusai.ipfsGateway,
    });
    if (note.warning) preflight.warnings.push(note.text);
    else options.onNote?.(note.text);
  }
  options.onSummary?.({ request, preflight, chainId });
  if (options.dryRun) {
    if (!options.fork || preflight.existing !== undefined)
      return { kind: "dry-run", request, preflight, chainId };
    const { simulateDeployOnFork } = await import("./fork-dry-run");
    const simulation = await simulateDeployOnFork(hre, {
      from: sender.address,
      modelId: request.modelId,
      transaction: { ...preflight.transaction, value: preflight.transaction.value.toString() },
    });
    return { kind: "dry-run", request, preflight, chainId, simulation };
  }

  if (preflight.existing === undefined) {
    await confirmLiveSend(hre, chainId, options, `Send this deployment on ${hre.network.name}?`);
  }

  const result = await deployToken(provider, sender, request, preflight, {
    network: hre.network.name,
    chainId,
    recordFile: recordPath(recordsDir(hre), hre.network.name, request.modelId),
    confirmations: options.confirmations ?? (await defaultConfirmations(hre, chainId)),
    timeoutSeconds: options.timeoutSeconds ?? 600,
    maxFeePerGasGwei: options.maxFeeGwei ?? hre.config.hokusai.maxFeePerGasGwei,
    explorerUrl: networkConfig.explorerUrl,
    metadata,
    onProgress: options.onProgress,
  });
  return { kind: "done", request, preflight, result };
}

/**
 * Where records go: the configured folder, except for the in-process network,
 * whose chain ends with the process; its records go to a folder of the process.
 */
export function recordsDir(hre: HardhatRuntimeEnvironment): string {
  if (!isInProcess(hre)) return hre.config.hokusai.deploymentsDir;
  return path.join(os.tmpdir(), `hardhat-hokusai-${process.pid}`);
}

/**
 * The guide's first best practice, before sending: the bytes published at the
 * license URI must be the license file's. Local URIs (file://, loopback http) are
 * always checked; others only off development chains, where the license is
 * usually not published yet. An unreachable URI is a warning, a different one an error.
 */
export async function checkPublishedLicense(
  uri: string,
  fileBytes: Uint8Array,
  options: { dev: boolean; ipfsGateway: string },
): Promise<{ warning: boolean; text: string }> {
  const url = new URL(uri);
  const local =
    url.protocol === "file:" ||
    (/^https?:$/.test(url.protocol) && /^(127\.|localhost$|\[::1\]$)/.test(url.hostname));
  if (options.dev && !local) {
    return {
      warning: false,
      text: `Not fetching ${uri} on a development chain; check it later with hokusai:verify-license.`,
    };
  }
  const { fetchLicense } = await import("../core/license/fetch");
  const { hashLicenseBytes } = await import("../core/license/hash");
  const { findNormalisation, NORMALISATION_WORDING } = await import("../core/license/normalize");
  let published: Uint8Array;
  try {
    published = (await fetchLicense(uri, { ipfsGateway: options.ipfsGateway, timeoutMs: 15_000 })).bytes;
  } catch (error) {
    return {
      warning: true,
      text: `could not fetch the published license to compare (${(error as Error).message}); once it is published, run hokusai:verify-license`,
    };
  }
  const fileHash = hashLicenseBytes(fileBytes);
  const publishedHash = hashLicenseBytes(published);
  if (fileHash !== publishedHash) {
    const steps = findNormalisation(published, fileHash);
    const explanation =
      steps === undefined
        ? ""
        : ` (the published bytes differ only by ${steps.map((st) => NORMALISATION_WORDING[st]).join(" and ")})`;
    throw new PublishedLicenseMismatchError(uri, fileHash, publishedHash, explanation);
  }
  return { warning: false, text: `The license published at ${uri} matches --license-file (${fileHash}).` };
}

/** The RPC host of the current network, safe to print. */
export function rpcHost(hre: HardhatRuntimeEnvironment): string | undefined {
  const config = hre.network.config;
  return "url" in config ? redactRpcUrl(config.url) : undefined;
}
