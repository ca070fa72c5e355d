/**
 * The one error type of the core. A failure a user can act on carries a stable
 * code, a one-line message with the values involved and the fix, and an exit code.
 *
 * The core does not know how its caller names things: a flag on the command line
 * (`--model-id`), an option of `hre.hokusai` (`modelId`), a field of a launch plan
 * (`contract.modelId`) or an Ignition parameter (`ModelTokenModule.modelId`). A message
 * refers to such a name as a field (`fieldRef("modelId")`), and whoever shows the
 * error renders it with the names of its own face.
 */
import { type ErrorName, ERRORS } from "./codes";

/** A reference to a named input, rendered by the face that shows the message. */
export interface FieldRef {
  readonly field: string;
}

export type MessagePart = string | FieldRef;

/** How a face names an input: e.g. `modelId` → `--model-id`. */
export type FieldNamer = (field: string) => string;

/** The names the core itself uses: the camelCase keys of the options. */
export const keyNamer: FieldNamer = (field) => field;

export function fieldRef(field: string): FieldRef {
  return { field };
}

function isFieldRef(value: unknown): value is FieldRef {
  return typeof value === "object" && value !== null && "field" in value && Object.keys(value).length === 1;
}

/**
 * A message with field references: msg`pass ${fieldRef("modelId")} 28`. Any other
 * value is written as text.
 */
export function msg(strings: TemplateStringsArray, ...values: unknown[]): MessagePart[] {
  const parts: MessagePart[] = [];
  strings.forEach((text, i) => {
    if (text !== "") parts.push(text);
    if (i < values.length) {
      const value = values[i];
      if (isFieldRef(value)) parts.push(value);
      else if (Array.isArray(value) && value.every((v) => typeof v === "string" || isFieldRef(v)))
        parts.push(...(value as MessagePart[]));
      else parts.push(String(value));
    }
  });
  return parts;
}

/** Text in which `{key}` refers to an input, as message parts: "pass {modelId} 28". */
export function templateParts(text: string): MessagePart[] {
  return text
    .split(/(\{[A-Za-z]+\})/)
    .filter((piece) => piece !== "")
    .map((piece) => (/^\{[A-Za-z]+\}$/.test(piece) ? fieldRef(piece.slice(1, -1)) : piece));
}

/** Renders message parts with a face's names. */
export function renderParts(parts: readonly MessagePart[], name: FieldNamer = keyNamer): string {
  return parts.map((part) => (typeof part === "string" ? part : name(part.field))).join("");
}

export interface HokusaiErrorOptions {
  /** The input the error is about, when there is one. */
  field?: string;
  /** The value given for that input, as shown. */
  value?: string;
  /** What that input allows, for messages that name the input their own way. */
  rule?: readonly MessagePart[];
  /** Separate problems of a file, one line each (a plan or manifest with several). */
  problems?: string[];
  cause?: unknown;
}

export class HokusaiError extends Error {
  /** The failure's name in the catalogue (src/core/errors/codes.ts). */
  public readonly kind: ErrorName;
  public readonly code: string;
  /** 1, or the code of a failure that a plain rerun resolves (3: fee cap, 4: not mined yet). */
  public readonly exitCode: number;
  public readonly parts: readonly MessagePart[];
  public readonly field?: string;
  public readonly value?: string;
  public readonly rule?: readonly MessagePart[];
  public readonly problems?: string[];

  constructor(name: ErrorName, parts: readonly MessagePart[] | string, options: HokusaiErrorOptions = {}) {
    const list = typeof parts === "string" ? [parts] : parts;
    const entry = ERRORS[name];
    super(
      `${entry.code}: ${renderParts(list)}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = "HokusaiError";
    this.kind = name;
    this.code = entry.code;
    this.exitCode = "exit" in entry ? entry.exit : 1;
    this.parts = list;
    this.field = options.field;
    this.value = options.value;
    this.rule = options.rule;
    this.problems = options.problems;
  }

  /** `HOKnnn: message`, with fields named by `name`. */
  public render(name: FieldNamer = keyNamer): string {
    return `${this.code}: ${renderParts(this.parts, name)}`;
  }
}

export function isHokusaiError(error: unknown): error is HokusaiError {
  return error instanceof HokusaiError;
}

/** The error's message without its `HOKnnn: ` prefix, rendered with `name`. */
export function bareMessage(error: HokusaiError, name: FieldNamer = keyNamer): string {
  return renderParts(error.parts, name);
}

/** Any error as one line, a HokusaiError's fields named as the face names them. */
export function renderError(error: unknown, name: FieldNamer = keyNamer): string {
  return error instanceof HokusaiError ? error.render(name) : (error as Error).message;
}
