/**
 * Records: `deployments/<network>/<modelId>.json` for a model's deployment (and, beside
 * it, the records of the backend's steps). Written whole to a temporary file and
 * renamed over the old one, so a crash leaves either the old record or the new, never
 * half of one; the transaction is recorded before it is broadcast, so a rerun can
 * always find it.
 */
import fs from "fs";
import os from "os";
import path from "path";

import debug from "debug";

import { lockedError } from "../errors";
import type { JournaledTx, TxJournal } from "../chain/transaction";

const log = debug("hardhat:hokusai:record");

export const RECORD_VERSION = 2;

export type RecordStatus = "prepared" | "signed" | "sent" | "confirmed" | "failed" | "abandoned";

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
  /** The TokenManager's deployment fee kept, in wei (what was sent less the refund). */
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
  transaction?: JournaledTx;
  result?: DeploymentResultFacts;
  /** Why the last attempt ended, when it failed. */
  failure?: string;
  updatedAt: string;
}

/** A file name for a model id: safe characters kept, anything else encoded. */
export function recordFileName(modelId: string, suffix = ""): string {
  const safe = /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(modelId) && modelId.length <= 100;
  return `${safe ? modelId : encodeURIComponent(modelId).replace(/%/g, "_").slice(0, 180)}${suffix}.json`;
}

export function recordPath(deploymentsDir: string, network: string, modelId: string, suffix = ""): string {
  return path.join(deploymentsDir, network, recordFileName(modelId, suffix));
}

export type RecordReadResult<T> =
  | { kind: "missing" }
  | { kind: "ok"; record: T }
  | { kind: "damaged"; reason: string };

/** A version 1 record (before the transaction engine): its call fields lived in `parameters.__tx`. */
function upgradeV1(old: Record<string, unknown>): DeploymentRecord {
  const parameters = { ...(old.parameters as Record<string, unknown>) };
  const call = parameters.__tx as { data: string; value: string; gasLimit: string } | undefined;
  delete parameters.__tx;
  const tx = old.transaction as
    | { nonce: number; from: string; to: string; hash?: string; raw?: string }
    | undefined;
  const status = old.status as RecordStatus;
  return {
    ...(old as unknown as DeploymentRecord),
    version: RECORD_VERSION,
    parameters,
    transaction:
      tx === undefined || call === undefined
        ? undefined
        : {
            description: "deployTokenWithAllocations",
            ...tx,
            ...call,
            chainId: old.chainId as number,
            status: status === "confirmed" ? "mined" : status,
          },
  };
}

/** Reads a JSON record; a file cut short or edited into invalid JSON is reported as damaged. */
export function readJsonRecord<T extends { version: number }>(
  file: string,
  version: number,
): RecordReadResult<T> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "missing" };
    throw error;
  }
  try {
    const record = JSON.parse(text) as T;
    if (record === null || typeof record !== "object" || record.version !== version) {
      return { kind: "damaged", reason: `not a version ${version} record` };
    }
    return { kind: "ok", record };
  } catch (error) {
    return { kind: "damaged", reason: (error as Error).message };
  }
}

/** Reads a deployment record, upgrading one of version 1. */
export function readRecord(file: string): RecordReadResult<DeploymentRecord> {
  const old = readJsonRecord<{ version: number }>(file, 1);
  if (old.kind === "ok")
    return { kind: "ok", record: upgradeV1(old.record as Record<string, unknown> & { version: number }) };
  return readJsonRecord<DeploymentRecord>(file, RECORD_VERSION);
}

/** Writes the whole record atomically (temporary file, fsync, rename). */
export function writeJsonRecord(file: string, record: object & { status?: string }): void {
  const writeFileAtomic = require("write-file-atomic") as typeof import("write-file-atomic");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const text = JSON.stringify({ ...record, updatedAt: new Date().toISOString() }, null, 2) + "\n";
  writeFileAtomic.sync(file, text, { fsync: true });
  log("wrote %s (%s)", file, record.status ?? "");
}

export function writeRecord(file: string, record: DeploymentRecord): void {
  writeJsonRecord(file, record);
}

/** The journal of a record's transaction: saving the transaction writes the whole record. */
export function recordJournal(file: string, record: DeploymentRecord): TxJournal {
  return {
    save: (tx) => {
      record.transaction = tx;
      if (tx.status !== "mined") record.status = tx.status;
      record.failure = tx.failure;
      writeRecord(file, record);
    },
  };
}

/** Moves a record aside (kept for inspection) and returns where it went. */
export function moveRecordAside(file: string, why: string): string {
  const target = `${file}.${why}-${Date.now()}`;
  fs.renameSync(file, target);
  return target;
}

/** Who holds a record's lock: written beside the lock once it is taken, removed before it is let go. */
export interface LockHolder {
  pid: number;
  host: string;
}

/** A lock goes stale when its holder has not touched it for this long (it touches it every second). */
const LOCK_STALE_MS = 5_000;
/** ... or for this long (proper-lockfile's least) when its holder is known to be gone. */
const GONE_HOLDER_STALE_MS = 2_000;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: a process of another user has the PID.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True when the holder was a process of this machine and no process has its PID any more. */
export function holderIsGone(holder: LockHolder | undefined, running = isRunning): boolean {
  return holder !== undefined && holder.host === os.hostname() && !running(holder.pid);
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LockHolder>;
    return typeof holder.pid === "number" && typeof holder.host === "string"
      ? { pid: holder.pid, host: holder.host }
      : undefined;
  } catch {
    return undefined;
  }
}

/** How long the lock must have gone untouched before it is taken over: less when its holder is gone. */
export function staleAfterMs(holder: LockHolder | undefined, running = isRunning): number {
  return holderIsGone(holder, running) ? GONE_HOLDER_STALE_MS : LOCK_STALE_MS;
}

/** Where a record's lock names its holder. */
export function lockHolderFile(file: string): string {
  return `${file}.lock.holder`;
}

/**
 * Runs `work` holding the lock of one record, so two runs cannot work on it at once. A run
 * that crashed leaves its lock, which goes stale when nobody touches it: a rerun waits that
 * long rather than failing at once, and less when the crashed run's process is known to be
 * gone. The lock itself (proper-lockfile's, by its mtime) decides: a live holder touches it
 * every second, so a lock still held is never taken.
 */
export async function withRecordLock<T>(
  file: string,
  identity: { activity: string; network: string },
  work: () => Promise<T>,
): Promise<T> {
  const lockfile = require("proper-lockfile") as typeof import("proper-lockfile");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const holderFile = lockHolderFile(file);
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      stale: staleAfterMs(readHolder(holderFile)),
      update: 1_000,
      retries: { retries: 7, factor: 1, minTimeout: 1_000, maxTimeout: 1_000 },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") {
      throw lockedError(identity.activity, `network "${identity.network}"`, `${file}.lock`);
    }
    throw error;
  }
  fs.writeFileSync(
    holderFile,
    JSON.stringify({ pid: process.pid, host: os.hostname() } satisfies LockHolder),
  );
  try {
    return await work();
  } finally {
    fs.rmSync(holderFile, { force: true });
    await release().catch(() => undefined);
  }
}
