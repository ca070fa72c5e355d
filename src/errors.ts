/**
 * The errors as Hardhat shows them (`hardhat-hokusai/errors`). The core throws plain
 * HokusaiErrors whose messages name inputs by field; at the boundary of a task or of
 * `hre.hokusai` they become HokusaiPluginErrors, which Hardhat prints as one line, with
 * each field named the way that face takes it (`--model-id` for a task).
 */
import { HardhatPluginError } from "hardhat/plugins";

import { type FieldNamer, HokusaiError, keyNamer } from "./core/errors/error";

export { ERRORS, codeOf, type ErrorName } from "./core/errors/codes";
export { HokusaiError, isHokusaiError } from "./core/errors/error";

export const PLUGIN_NAME = "hardhat-hokusai";

/**
 * `modelId` → `--model-id`, as Hardhat names a task's params on the command line. A name
 * that is no param's (`TOKEN_MANAGER_ADDRESS`, `hokusai.networks.sepolia.usdc`, where an
 * address came from) is shown as it is.
 */
export const flagNamer: FieldNamer = (field) =>
  /^[a-z][a-zA-Z0-9]*$/.test(field) ? `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : field;

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** The task names whose errors Hardhat's command line prints itself (with the stack on CI). */
const CLI_TASKS = /^(hokusai:|ignition$)/;

export class HokusaiPluginError extends HardhatPluginError {
  public readonly code: string;
  /** 1, or the code of a failure that a plain rerun resolves (3: fee cap, 4: not mined yet). */
  public readonly exitCode: number;
  /** The failure's name in the catalogue of codes. */
  public readonly kind?: string;
  public readonly problems?: string[];

  constructor(
    code: string,
    message: string,
    options: { exitCode?: number; kind?: string; problems?: string[]; parent?: Error } = {},
  ) {
    super(PLUGIN_NAME, `${code}: ${message}`, options.parent);
    this.code = code;
    this.exitCode = options.exitCode ?? 1;
    this.kind = options.kind;
    this.problems = options.problems;
    Object.setPrototypeOf(this, new.target.prototype);
  }

  /**
   * What `console.error(error)` prints: the one line. Hardhat's command line prints
   * that line itself and then the error again on CI servers, so for a task of this
   * plugin run from the command line the second print stays empty; a script that
   * catches the error sees its line. `--show-stack-traces` always shows the stack.
   */
  [INSPECT](): string {
    // `hardhat run` runs a script in a process of its own and passes the flag in the environment.
    if (process.argv.includes("--show-stack-traces") || process.env.HARDHAT_SHOW_STACK_TRACES === "true") {
      // Hardhat 2's own rendering: the stack and the cause's (its `stack` getter calls this method).
      // Hardhat 3's error has none: its stack as it is.
      const inherited = (
        HardhatPluginError.prototype as unknown as Record<symbol, (() => string) | undefined>
      )[INSPECT];
      return inherited === undefined ? (this.stack ?? this.message) : inherited.call(this);
    }
    const runByCli = process.argv.slice(2).some((arg) => CLI_TASKS.test(arg));
    return runByCli ? "" : `Error in plugin ${this.pluginName}: ${this.message}`;
  }
}

/** True for errors this plugin raised on purpose (as opposed to bugs). */
export function isHokusaiPluginError(error: unknown): error is HokusaiPluginError {
  return error instanceof HokusaiPluginError;
}

/** A core error as the face shows it, fields named by `namer`; any other error unchanged. */
export function toPluginError(error: unknown, namer: FieldNamer = keyNamer): unknown {
  if (!(error instanceof HokusaiError)) return error;
  return new HokusaiPluginError(error.code, error.render(namer).slice(error.code.length + 2), {
    exitCode: error.exitCode,
    kind: error.kind,
    problems: error.problems,
    parent: error,
  });
}

/** Runs a face's work and converts what the core throws. */
export async function withPluginErrors<T>(work: () => Promise<T>, namer: FieldNamer = keyNamer): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toPluginError(error, namer);
  }
}
