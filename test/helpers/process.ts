/**
 * Runs the project's Hardhat CLI as a child process, as a user would from a shell:
 * `runHardhat` waits for it to end, `spawnHardhat` returns at once so a test can watch
 * its output and kill it mid-run. Every child is the Hardhat process itself (the node
 * binary running Hardhat's CLI, not npx or npm), so its PID is the one to kill.
 */
import { spawn, type ChildProcess } from "child_process";
import fs from "fs";
import path from "path";

import { ACCOUNT_KEYS_VARIABLE, hardhatAccountKeys } from "../e2e/configs/accounts";

export const PROJECT_ROOT = path.resolve(__dirname, "../..");
export const HARDHAT_BIN = path.join(PROJECT_ROOT, "node_modules", ".bin", "hardhat");
/** hardhat.config.ts as a .js config: the project's CLI, started without ts-node (test/e2e/configs/ts-hook.js). */
export const PROJECT_CONFIG = path.join(PROJECT_ROOT, "test", "e2e", "configs", "project.config.js");

export interface RunOptions {
  /** Working directory (default: the project root). */
  cwd?: string;
  /** Added to the test's own environment and the defaults of `hardhatEnv`. */
  env?: NodeJS.ProcessEnv;
  /** Kill the process and fail after this long (default 120 s). */
  timeoutMs?: number;
  /** Written to the child's stdin, which is then closed. */
  input?: string;
  /** An IPC channel to the child (child.send, "message" events). */
  ipc?: boolean;
}

export interface RunResult {
  /** The exit code, or null when a signal ended the process. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface SpawnedHardhat {
  readonly pid: number;
  readonly child: ChildProcess;
  /** Output so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has ended, however it ended. */
  readonly done: Promise<RunResult>;
  /** Resolves when stdout or stderr matches `pattern`; rejects if the process ends first or on timeout. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends `signal` (default SIGKILL, as a crash or a closed laptop would) and waits for the end. */
  kill(signal?: NodeJS.Signals): Promise<RunResult>;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const live = new Set<ChildProcess>();

// A failed test must not leave Hardhat processes behind.
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

/**
 * npm as on a CI machine whose cache `npm ci` has just filled: packages and their metadata
 * come from the cache where it has them (the registry only for what it lacks), with no audit
 * or funding requests. The commands the tests run are the README's, as written.
 */
export const NPM_FROM_CACHE: NodeJS.ProcessEnv = {
  npm_config_prefer_offline: "true",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
};

/**
 * The environment every child runs with: no telemetry prompt, no Ignition
 * confirmation prompt (they would wait on stdin), no colours in the output, and the keys
 * of Hardhat's accounts for the process tests' config (test/e2e/configs/accounts.ts).
 */
export function hardhatEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    [ACCOUNT_KEYS_VARIABLE]: hardhatAccountKeys().join(","),
    HARDHAT_DISABLE_TELEMETRY_PROMPT: "true",
    HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: "false",
    FORCE_COLOR: "0",
    NO_COLOR: "1",
    ...extra,
  };
}

/** Starts `hardhat <args>` and returns at once; in the project, with PROJECT_CONFIG unless args name a --config. */
export function spawnHardhat(args: string[], options: RunOptions = {}): SpawnedHardhat {
  const inProject = options.cwd === undefined || path.resolve(options.cwd) === PROJECT_ROOT;
  const config = inProject && !args.includes("--config") ? ["--config", PROJECT_CONFIG] : [];
  // The bin is a symlink to Hardhat's bootstrap script; running it with this node keeps one process and one PID.
  return spawnNode([fs.realpathSync(HARDHAT_BIN), ...config, ...args], options);
}

/** Starts `node <args>` (this node) with the children's environment, and returns at once. */
export function spawnNode(args: string[], options: RunOptions = {}): SpawnedHardhat {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: hardhatEnv(options.env),
    stdio: options.ipc === true ? ["pipe", "pipe", "pipe", "ipc"] : ["pipe", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error(`could not start node ${args.join(" ")}`);
  live.add(child);

  let stdout = "";
  let stderr = "";
  const listeners = new Set<() => void>();
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    listeners.forEach((listener) => listener());
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    listeners.forEach((listener) => listener());
  });
  if (options.input !== undefined) child.stdin?.end(options.input);
  else child.stdin?.end();

  const done = new Promise<RunResult>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      live.delete(child);
      listeners.forEach((listener) => listener());
      resolve({ code, signal, stdout, stderr });
    });
  });
  let ended = false;
  void done.then(
    () => (ended = true),
    () => (ended = true),
  );

  const waitForOutput = (pattern: RegExp, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const match = pattern.exec(stdout) ?? pattern.exec(stderr);
        if (match) finish(() => resolve(match[0]));
        else if (ended) {
          finish(() => reject(new Error(`hardhat ended before printing ${pattern}\n${stdout}\n${stderr}`)));
        }
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms\n${stdout}\n${stderr}`))),
        timeoutMs,
      );
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      check();
    });

  return {
    pid: child.pid,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    done,
    waitForOutput,
    kill: async (signal: NodeJS.Signals = "SIGKILL") => {
      if (!ended) child.kill(signal);
      return done;
    },
  };
}

/** Runs `hardhat <args>` to its end; throws (after killing it) if it outlives `timeoutMs`. */
export async function runHardhat(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const run = spawnHardhat(args, options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const outcome = await Promise.race([run.done, timeout]);
  clearTimeout(timer);
  if (outcome === "timeout") {
    const result = await run.kill();
    throw new Error(
      `hardhat ${args.join(" ")} did not finish within ${timeoutMs} ms\n${result.stdout}\n${result.stderr}`,
    );
  }
  return outcome;
}

/** stdout and stderr together, for assertions and failure messages. */
export function allOutput(result: Pick<RunResult, "stdout" | "stderr">): string {
  return `${result.stdout}\n${result.stderr}`;
}
