/**
 * One Hardhat process for many command lines of the same environment: the config, the
 * network and the environment variables (the key, the RPC URL) are read once when it starts,
 * as the CLI reads them, and each command runs in it through the same path as
 * runCliInProcess. It spares a child per case where what is checked is the task's exit code
 * and output, not what only a process shows; the suites keep true CLI cases beside it.
 *
 * Anything the process prints outside the console (a stray write to stdout or stderr) is
 * added to the output of the command that was running, so a check of the output misses
 * nothing the user would have seen.
 */
import { type ChildProcess, spawn } from "child_process";
import path from "path";

import { hardhatEnv, PROJECT_ROOT, type RunResult } from "./process";

const SERVER = path.join(__dirname, "cli-session-server.ts");

export interface CliSession {
  readonly pid: number;
  /** Runs `hardhat <argv>` (with the session's network) in the session's process. */
  run(argv: string[]): Promise<RunResult>;
  /** All the process printed outside the console since it started. */
  strayOutput(): string;
  /** Ends the process by its PID. */
  stop(): Promise<void>;
}

export interface CliSessionOptions {
  /** HARDHAT_NETWORK of the process. */
  network: string;
  /** A config other than the project's. */
  config?: string;
  env?: NodeJS.ProcessEnv;
}

interface Reply {
  id?: number;
  ready?: boolean;
  code: number;
  stdout: string;
  stderr: string;
}

const sessions = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of sessions) child.kill("SIGKILL");
});

export async function startCliSession(options: CliSessionOptions): Promise<CliSession> {
  const child = spawn(process.execPath, ["--require", "hardhat/register", SERVER], {
    cwd: PROJECT_ROOT,
    env: hardhatEnv({
      HARDHAT_NETWORK: options.network,
      ...(options.config === undefined ? {} : { HARDHAT_CONFIG: options.config }),
      ...options.env,
    }),
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  if (child.pid === undefined) throw new Error("could not start a CLI session");
  sessions.add(child);
  let stray = { stdout: "", stderr: "" };
  let everything = "";
  const collect = (stream: "stdout" | "stderr") => (chunk: string) => {
    stray[stream] += chunk;
    everything += chunk;
  };
  child.stdout?.setEncoding("utf8").on("data", collect("stdout"));
  child.stderr?.setEncoding("utf8").on("data", collect("stderr"));
  const ended = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const pending = new Map<number, (reply: Reply) => void>();
  let ready: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  child.on("message", (reply: Reply) => {
    if (reply.ready === true) ready();
    else if (reply.id !== undefined) pending.get(reply.id)?.(reply);
  });
  const failure = (what: string) =>
    new Error(`the CLI session ended ${what}\n${stray.stdout}\n${stray.stderr}`);
  await Promise.race([started, ended.then(() => Promise.reject(failure("before it was ready")))]);
  stray = { stdout: "", stderr: "" };

  let next = 0;
  return {
    pid: child.pid,
    async run(argv) {
      const id = next++;
      const reply = await Promise.race([
        new Promise<Reply>((resolve) => {
          pending.set(id, resolve);
          child.send({ id, argv });
        }),
        ended.then(() => Promise.reject(failure(`while running ${argv.join(" ")}`))),
      ]);
      pending.delete(id);
      const out = { stdout: [reply.stdout, stray.stdout], stderr: [reply.stderr, stray.stderr] };
      stray = { stdout: "", stderr: "" };
      const join = (parts: string[]) => parts.filter((part) => part !== "").join("\n");
      return { code: reply.code, signal: null, stdout: join(out.stdout), stderr: join(out.stderr) };
    },
    strayOutput: () => everything,
    async stop() {
      sessions.delete(child);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await ended;
    },
  };
}

/** The sessions of a suite, one per environment, each started at its first command. */
export class CliSessions {
  private readonly started = new Map<string, Promise<CliSession>>();

  constructor(private readonly options: Omit<CliSessionOptions, "env">) {}

  /** Runs `hardhat <argv>` in the session of `env`. */
  async run(env: NodeJS.ProcessEnv, argv: string[]): Promise<RunResult> {
    const id = JSON.stringify(env);
    if (!this.started.has(id)) this.started.set(id, startCliSession({ ...this.options, env }));
    return (await this.started.get(id)!).run(argv);
  }

  /** Stops every session by its PID; returns what each printed outside the console. */
  async stopAll(): Promise<string[]> {
    const stray: string[] = [];
    for (const started of this.started.values()) {
      const session = await started;
      await session.stop();
      stray.push(session.strayOutput());
    }
    this.started.clear();
    return stray;
  }
}
