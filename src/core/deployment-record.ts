/**
 * Deployment records: `deployments/<network>/<modelId>.json`. Written whole to a
 * temporary file and renamed over the old one, so a crash leaves either the old
 * record or the new, never half of one; the transaction is recorded before it is
 * broadcast, so a rerun can always find it.
 */
import fs from "fs";
import path from "path";

import debug from "debug";

import { DeploymentLockedError } from "../errors";

const log = debug("hardhat:hokusai:record");

export const RECORD_VERSION = 1;

export type RecordStatus = "prepared" | "signed" | "sent" | "confirmed" | "failed" | "abandoned";

export interface RecordedTransaction {
  nonce: number;
  from: string;
  to: string;
  /** Present once known: before broadcast when the key signs locally, right after otherwise. */
  hash?: string;
  /** The signed transaction, when it was signed locally, so a dropped one can be sent again as is. */
  raw?: string;
  sentAt?: string;
}

export interface DeploymentResultFacts {
  token: string;
  params: string;
  txHash?: string;
  blockNumber?: number;
  blockHash?: string;
  gasUsed?: string;
  effectiveGasPrice?: string;
  /** Gas paid, in wei. */
  gasCost?: string;
  /** The TokenManager's deployment fee paid, in wei. */
  deploymentFee?: string;
  confirmedAt: string;
  explorer?: { transaction?: string; token?: string; params?: string };
}

export interface DeploymentRecord {
  version: typeof RECORD_VERSION;
  network: string;
  chainId: number;
  modelId: string;
  tokenManager: string;
  abi: string;
  status: RecordStatus;
  /** The deployment's parameters, bigints as decimal strings. */
  parameters: Record<string, unknown>;
  /** Off-chain facts kept beside the on-chain ones (e.g. from a launch plan). */
  metadata?: Record<string, unknown>;
  transaction?: RecordedTransaction;
  result?: DeploymentResultFacts;
  /** Why the last attempt ended, when it failed. */
  failure?: string;
  updatedAt: string;
}

/** A file name for a model id: safe characters kept, anything else encoded. */
export function recordFileName(modelId: string): string {
  const safe = /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(modelId) && modelId.length <= 100;
  return `${safe ? modelId : encodeURIComponent(modelId).replace(/%/g, "_").slice(0, 180)}.json`;
}

export function recordPath(deploymentsDir: string, network: string, modelId: string): string {
  return path.join(deploymentsDir, network, recordFileName(modelId));
}

export type RecordReadResult =
  | { kind: "missing" }
  | { kind: "ok"; record: DeploymentRecord }
  | { kind: "damaged"; reason: string };

/** Reads a record; a file cut short or edited into invalid JSON is reported as damaged. */
export function readRecord(file: string): RecordReadResult {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "missing" };
    throw error;
  }
  try {
    const record = JSON.parse(text) as DeploymentRecord;
    if (record === null || typeof record !== "object" || record.version !== RECORD_VERSION) {
      return { kind: "damaged", reason: "not a version 1 deployment record" };
    }
    return { kind: "ok", record };
  } catch (error) {
    return { kind: "damaged", reason: (error as Error).message };
  }
}

/** Writes the whole record atomically (temporary file, fsync, rename). */
export function writeRecord(file: string, record: DeploymentRecord): void {
  const writeFileAtomic = require("write-file-atomic") as typeof import("write-file-atomic");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const text = JSON.stringify({ ...record, updatedAt: new Date().toISOString() }, null, 2) + "\n";
  writeFileAtomic.sync(file, text, { fsync: true });
  log("wrote %s (%s)", file, record.status);
}

/** Moves a record aside (kept for inspection) and returns where it went. */
export function moveRecordAside(file: string, why: string): string {
  const target = `${file}.${why}-${Date.now()}`;
  fs.renameSync(file, target);
  return target;
}

/** Runs `work` holding the lock of one model's record, so two runs cannot deploy it at once. */
export async function withRecordLock<T>(
  file: string,
  identity: { modelId: string; network: string },
  work: () => Promise<T>,
): Promise<T> {
  const lockfile = require("proper-lockfile") as typeof import("proper-lockfile");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let release: () => Promise<void>;
  try {
    // A run that crashed leaves a lock that goes stale after `stale` ms: a rerun
    // waits that long for it rather than failing at once.
    release = await lockfile.lock(file, {
      realpath: false,
      stale: 5_000,
      update: 1_000,
      retries: { retries: 7, factor: 1, minTimeout: 1_000, maxTimeout: 1_000 },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") {
      throw new DeploymentLockedError(identity.modelId, identity.network, `${file}.lock`);
    }
    throw error;
  }
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}
