/**
 * Running a model's launch: each step asked again at its turn (done on chain: skipped),
 * checked by a static call, sent through the transaction engine and journaled in the
 * model's launch record, `<records>/<network>/<modelId>.launch.json`. A rerun after a
 * crash resumes a step that was in flight (waiting for it, or sending the very same
 * transaction again) and never sends a step twice.
 */
import { getAddress } from "ethers";

import { AMM_POOL_READ_ABI } from "../abi";
import { isPoolAuthorized } from "../backend/reads";
import { isInFlight, type JournaledTx, type TxJournal, type TxProgress } from "../chain/transaction";
import { type DeployContext, engineFor } from "../deploy/context";
import { readJsonRecord, recordPath, withRecordLock, writeJsonRecord } from "../deploy/record";
import { optionalGetter } from "../read";
import { readRegistration } from "../registry";
import { existingPool, launchSteps, type LaunchScene } from "./steps";
import type { LaunchPreflight, LaunchResult, LaunchStepName, StepState } from "./types";
import { contractFor } from "../chain/contract";

export const LAUNCH_RECORD_VERSION = 1;

export interface LaunchRecord {
  version: typeof LAUNCH_RECORD_VERSION;
  network: string;
  chainId: number;
  modelId: string;
  status: "running" | "done";
  /** What was asked, bigints as decimal strings. */
  target: Record<string, unknown>;
  /** Off-chain facts kept beside the on-chain ones (a launch file's configKey, the pool's name). */
  metadata?: Record<string, unknown>;
  steps: Partial<Record<LaunchStepName, JournaledTx>>;
  updatedAt: string;
}

export type LaunchProgress =
  | {
      type: "step";
      modelId: string;
      step: LaunchStepName;
      state: StepState | "sending";
      why?: string;
      description: string;
    }
  | { type: "tx"; modelId: string; step: LaunchStepName; event: TxProgress };

export function launchRecordFile(context: DeployContext, modelId: string): string {
  return recordPath(context.recordsDir, context.network, modelId, ".launch");
}

function serialize(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v))) as Record<
    string,
    unknown
  >;
}

/** True when the model's launch record holds a step an earlier run sent or began to send. */
export function launchInFlight(context: DeployContext, modelId: string): boolean {
  const found = readJsonRecord<LaunchRecord>(launchRecordFile(context, modelId), LAUNCH_RECORD_VERSION);
  return found.kind === "ok" && Object.values(found.record.steps).some((tx) => isInFlight(tx));
}

/** Runs the launch a preflight checked, holding the model's launch lock. */
export function runLaunch(
  context: DeployContext,
  preflight: LaunchPreflight,
  options: { metadata?: Record<string, unknown>; onProgress?: (event: LaunchProgress) => void } = {},
): Promise<LaunchResult> {
  const { modelId } = preflight.target;
  const file = launchRecordFile(context, modelId);
  return withRecordLock(file, { activity: `launching model "${modelId}"`, network: context.network }, () =>
    launch(context, preflight, file, options),
  );
}

async function launch(
  context: DeployContext,
  preflight: LaunchPreflight,
  file: string,
  options: { metadata?: Record<string, unknown>; onProgress?: (event: LaunchProgress) => void },
): Promise<LaunchResult> {
  const { target } = preflight;
  const progress = options.onProgress ?? (() => undefined);
  const found = readJsonRecord<LaunchRecord>(file, LAUNCH_RECORD_VERSION);
  const record: LaunchRecord =
    found.kind === "ok"
      ? found.record
      : {
          version: LAUNCH_RECORD_VERSION,
          network: context.network,
          chainId: context.chainId,
          modelId: target.modelId,
          status: "running",
          target: serialize(target),
          metadata: options.metadata,
          steps: {},
          updatedAt: "",
        };
  record.status = "running";
  if (options.metadata !== undefined) record.metadata = { ...record.metadata, ...options.metadata };
  const journal = (step: LaunchStepName): TxJournal => ({
    save: (tx) => {
      record.steps[step] = tx;
      writeJsonRecord(file, record);
    },
  });
  const scene: LaunchScene = {
    provider: context.provider,
    from: context.sender.address,
    target,
    stack: preflight.stack,
    token: preflight.token,
    registry: preflight.registry,
    usdc: preflight.usdc,
    params: preflight.params,
    pool: () => existingPool({ provider: context.provider, target }),
  };
  const revertContext = { modelId: target.modelId, account: context.sender.address };
  const steps: LaunchResult["steps"] = [];
  for (const step of launchSteps(scene)) {
    const say = (state: StepState | "sending", why?: string) =>
      progress({
        type: "step",
        modelId: target.modelId,
        step: step.name,
        state,
        why,
        description: step.description,
      });
    if (step.skip !== undefined) {
      steps.push({ name: step.name, description: step.description, state: "skipped", why: step.skip });
      say("skipped", step.skip);
      continue;
    }
    const engine = engineFor(context, (event) =>
      progress({ type: "tx", modelId: target.modelId, step: step.name, event }),
    );
    const journaled = record.steps[step.name];
    if (journaled !== undefined && isInFlight(journaled)) {
      const resumed = await engine.resume(journaled, journal(step.name));
      await engine.wait(resumed, journal(step.name), revertContext);
      steps.push({ name: step.name, description: resumed.description, state: "sent", tx: resumed });
      continue;
    }
    const done = await step.done();
    if (done !== undefined) {
      steps.push({
        name: step.name,
        description: step.description,
        state: "done",
        why: done,
        tx: record.steps[step.name],
      });
      say("done", done);
      continue;
    }
    const call = await engine.plan(await step.call(), revertContext);
    say("sending");
    const { tx } = await engine.sendAndWait(call, journal(step.name), revertContext);
    steps.push({ name: step.name, description: call.description, state: "sent", tx });
  }
  record.status = "done";
  writeJsonRecord(file, record);
  return finalState(context, preflight, steps, file);
}

async function finalState(
  context: DeployContext,
  preflight: LaunchPreflight,
  steps: LaunchResult["steps"],
  recordFile: string,
): Promise<LaunchResult> {
  const { provider } = context;
  const { target } = preflight;
  const pool = (await existingPool({ provider, target }))!;
  const p = contractFor(pool, AMM_POOL_READ_ABI, provider);
  const [authorized, reserveBalance, registration] = await Promise.all([
    isPoolAuthorized(provider, target.tokenManager, pool),
    optionalGetter(() => p.reserveBalance() as Promise<bigint>),
    preflight.registry === undefined
      ? undefined
      : readRegistration(provider, preflight.registry, target.modelId),
  ]);
  const seeded = target.initialReserve === undefined || (reserveBalance ?? 0n) > 0n;
  return {
    modelId: target.modelId,
    stack: preflight.stack,
    token: preflight.token,
    registry: preflight.registry,
    pool: getAddress(pool),
    params: preflight.params,
    whitelist: target.whitelist,
    registered: registration?.registered,
    authorized,
    reserveBalance,
    trades: authorized && seeded && (reserveBalance ?? 0n) > 0n,
    steps,
    warnings: preflight.warnings,
    recordFile,
  };
}
