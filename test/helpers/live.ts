/**
 * What the live-stack suites share (test/tasks/live-stack.test.ts, test/tasks/launch.test.ts,
 * test/e2e/live-devnet.e2e.test.ts): the platform's launch file and its variants, a fresh
 * live-like stack in process, the exports `hokusai:devnet` prints, a crash hook for the
 * launch's steps, and a contract copied to another address of a node.
 */
import fs from "fs";
import os from "os";
import path from "path";

import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { jsonRpc } from "./node";

export const LAUNCH_FIXTURES = path.join(__dirname, "..", "fixtures", "launch");
/** A verbatim copy of the platform's ../shared/hokusai-live/sepolia-launch-tokens.json. */
export const PLATFORM_LAUNCH_FILE = path.join(LAUNCH_FIXTURES, "sepolia-launch-tokens.json");
/** The same file with hlead (27) naming a governor other than requiredGovernor. */
export const WRONG_GOVERNOR_LAUNCH_FILE = path.join(LAUNCH_FIXTURES, "sepolia-launch-wrong-governor.json");
/** The same file with hrout (30) marked public. */
export const ONE_PUBLIC_LAUNCH_FILE = path.join(LAUNCH_FIXTURES, "sepolia-launch-one-public.json");

/** The platform's admin Safe: requiredGovernor and every governor of its launch file. */
export const PLATFORM_SAFE = "0x158B985CC667b4E022AD05B99E89007790da66E2";
/** The supplier recipient of every token of the launch file. */
export const LAUNCH_RECIPIENT = "0x3018Cf81729c932Bc3E733A264e5F4a0A08deD5B";
/** The launch file's model ids, in its order. */
export const LAUNCH_MODEL_IDS = ["28", "27", "30"];

/** The launch file's curve, as the contracts store it (USDC with 6 decimals). */
export const LAUNCH_CURVE = {
  crr: 200_000n,
  tradeFee: 30n,
  ibrSeconds: 604_800n,
  flatCurveThreshold: 25_000n * 10n ** 6n,
  flatCurvePrice: 10_000n,
  initialReserve: 100n * 10n ** 6n,
};

/**
 * A copy of the platform's launch file under other model ids (and symbols, so that the
 * tokens stay apart), written to `dir`: for runs that must not meet the file's own ids.
 */
export function launchFileWithIds(ids: string[], dir: string): string {
  const doc = JSON.parse(fs.readFileSync(PLATFORM_LAUNCH_FILE, "utf8")) as {
    tokens: Array<Record<string, unknown>>;
  };
  doc.tokens.forEach((token, i) => {
    token.modelId = ids[i];
    token.symbol = `${String(token.symbol).slice(0, 4)}${ids[i]}`.slice(0, 6);
  });
  const file = path.join(dir, `launch-${ids.join("-")}.json`);
  fs.writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}

/** The `export NAME=value` lines a devnet printed, as an environment. */
export function exportsOf(printed: string): Record<string, string> {
  return Object.fromEntries(
    [...printed.matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]] as [string, string]),
  );
}

/** The addresses of a live-like stack deployed anew through its Ignition module. */
export interface FreshLiveStack {
  tokenManager: string;
  ammFactory: string;
  modelRegistry: string;
  purchaserWhitelist: string;
  vestingVault: string;
  usdc: string;
  /** The flags that point a task at this stack rather than the plugin's own. */
  flags: { tokenManager: string; ammFactory: string; whitelist: string };
}

/**
 * A live-like stack of its own, owned by account 0 (who also holds its 1,000,000 USDC):
 * the launch file's fixed ids can then be launched once per stack. (The module's `owner`
 * parameter is left at account 0: with another owner its MintOwnerUsdc call, sent by
 * account 0, is refused by the MockUSDC that owner owns.)
 */
export async function deployFreshLiveStack(hre: HardhatRuntimeEnvironment): Promise<FreshLiveStack> {
  const { default: HokusaiLiveSystemModule } = await import("../../ignition/modules/HokusaiLiveSystem");
  const s = await hre.ignition.deploy(HokusaiLiveSystemModule, { displayUi: false });
  const at = (contract: { getAddress(): Promise<string> }) => contract.getAddress();
  const stack = {
    tokenManager: await at(s.tokenManager),
    ammFactory: await at(s.ammFactory),
    modelRegistry: await at(s.modelRegistry),
    purchaserWhitelist: await at(s.purchaserWhitelist),
    vestingVault: await at(s.vestingVault),
    usdc: await at(s.usdc),
  };
  return {
    ...stack,
    flags: {
      tokenManager: stack.tokenManager,
      ammFactory: stack.ammFactory,
      whitelist: stack.purchaserWhitelist,
    },
  };
}

/**
 * The crash hook of the launch's steps, written to a temporary file for `node --require`:
 * with HOKUSAI_LAUNCH_CRASH_AT=<modelId>:<step>:<point> the process kills itself (SIGKILL)
 * at that point of that model's step. test/helpers/crash-at.js reads the first "status"
 * of a record, which in a launch record is the record's own ("running"), so it only ever
 * hits a token's deployment; this one reads the step's transaction.
 *
 *   step   token (the deployment record), distribute, register, createPool, authorize,
 *          approveReserve, depositReserve (the launch record's steps)
 *   point  before-send: the step's transaction is recorded "prepared", not signed or sent;
 *          after-send: broadcast, and killed before the record says "sent"
 */
export function writeLaunchCrashHook(dir = os.tmpdir()): string {
  const file = path.join(dir, `hokusai-launch-crash-${process.pid}.js`);
  fs.writeFileSync(file, LAUNCH_CRASH_HOOK);
  return file;
}

const LAUNCH_CRASH_HOOK = `"use strict";
const Module = require("module");
const [modelId, step, point] = (process.env.HOKUSAI_LAUNCH_CRASH_AT || "").split(":");
if (!["before-send", "after-send"].includes(point)) {
  throw new Error("HOKUSAI_LAUNCH_CRASH_AT=" + process.env.HOKUSAI_LAUNCH_CRASH_AT + ": expected <modelId>:<step>:before-send|after-send");
}
const crash = () => process.kill(process.pid, "SIGKILL");
function statusOf(text) {
  let record;
  try { record = JSON.parse(String(text)); } catch (e) { return undefined; }
  if (record === null || typeof record !== "object" || record.modelId !== modelId) return undefined;
  if (step === "token") return record.steps === undefined && record.transaction ? record.transaction.status : undefined;
  const tx = record.steps && record.steps[step];
  return tx ? tx.status : undefined;
}
const load = Module._load;
let patched;
Module._load = function (request, ...rest) {
  const exported = load.call(this, request, ...rest);
  if (request !== "write-file-atomic") return exported;
  if (patched === undefined) {
    const sync = exported.sync;
    exported.sync = (file, text, ...more) => {
      const status = statusOf(text);
      if (point === "after-send" && status === "sent") crash();
      const result = sync(file, text, ...more);
      if (point === "before-send" && status === "prepared") crash();
      return result;
    };
    patched = exported;
  }
  return patched;
};
`;

/**
 * Puts a copy of the contract at `from` at `to` on a Hardhat node: its runtime code (with
 * each `replace` address swapped in the code, where immutables keep addresses) and its
 * storage slots 0 to `slots - 1`. Mappings and other hashed slots stay behind: the copy
 * starts with none of the original's entries.
 */
export async function copyContract(
  url: string,
  from: string,
  to: string,
  options: { slots?: number; replace?: Array<[string, string]> } = {},
): Promise<void> {
  let code = await jsonRpc<string>(url, "eth_getCode", [from, "latest"]);
  for (const [oldAddress, newAddress] of options.replace ?? []) {
    code = code.split(oldAddress.slice(2).toLowerCase()).join(newAddress.slice(2).toLowerCase());
  }
  await jsonRpc(url, "hardhat_setCode", [to, code]);
  for (let slot = 0; slot < (options.slots ?? 32); slot++) {
    const key = `0x${slot.toString(16)}`;
    const value = await jsonRpc<string>(url, "eth_getStorageAt", [from, key, "latest"]);
    if (BigInt(value) !== 0n) await jsonRpc(url, "hardhat_setStorageAt", [to, key, value]);
  }
}
