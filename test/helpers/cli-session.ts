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
import path from "path";

import { PROJECT_CONFIG, type RunResult, spawnNode } from "./process";

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
  /** The config the process runs, as `--config` (default: the project's, PROJECT_CONFIG). */
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

export async function startCliSession(options: CliSessionOptions): Promise<CliSession> {
  const session = spawnNode(["--require", "hardhat/register", SERVER], {
    env: {
      HARDHAT_NETWORK: options.network,
      HARDHAT_CONFIG: options.config ?? PROJECT_CONFIG,
      ...options.env,
    },
    ipc: true,
  });
  const { child } = session;
  const pending = new Map<number, (reply: Reply) => void>();
  let ready: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  child.on("message", (reply: Reply) => {
    if (reply.ready === true) ready();
    else if (reply.id !== undefined) pending.get(reply.id)?.(reply);
  });
  const failure = (what: string) =>
    new Error(`the CLI session ended ${what}\n${session.stdout()}\n${session.stderr()}`);
  const ended = session.done.then(() => Promise.reject(failure("before it answered")));
  ended.catch(() => undefined);
  await Promise.race([started, ended]);

  // What the process printed outside the console since the last command's answer.
  let seen = { stdout: session.stdout().length, stderr: session.stderr().length };
  const strayOf = (stream: "stdout" | "stderr") => session[stream]().slice(seen[stream]);
  const join = (parts: string[]) => parts.filter((part) => part !== "").join("\n");

  let next = 0;
  return {
    pid: session.pid,
    async run(argv) {
      const id = next++;
      const reply = await Promise.race([
        new Promise<Reply>((resolve) => {
          pending.set(id, resolve);
          child.send({ id, argv });
        }),
        ended,
      ]);
      pending.delete(id);
      const result = {
        code: reply.code,
        signal: null,
        stdout: join([reply.stdout, strayOf("stdout")]),
        stderr: join([reply.stderr, strayOf("stderr")]),
      };
      seen = { stdout: session.stdout().length, stderr: session.stderr().length };
      return result;
    },
    strayOutput: () => `${session.stdout()}${session.stderr()}`,
    stop: async () => void (await session.kill("SIGTERM")),
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
