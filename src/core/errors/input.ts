/** Errors of input: a parameter, a plan or manifest field, an Ignition parameter. */
import type { ErrorName } from "./codes";
import {
  type FieldNamer,
  fieldRef,
  HokusaiError,
  keyNamer,
  type MessagePart,
  msg,
  renderParts,
  templateParts,
} from "./error";

/** The value as a message shows it. */
function shown(value: unknown): string {
  return typeof value === "string" ? value : String(value);
}

/**
 * `<field> "<value>" is invalid: <rule>`. `field` is the input's key, rendered by the
 * face (a flag, a plan path, an Ignition parameter); `rule` says what is allowed.
 */
export function invalidInput(
  kind: ErrorName,
  field: string,
  value: unknown,
  rule: string | MessagePart[],
): HokusaiError {
  const text = shown(value);
  const ruleParts = typeof rule === "string" ? [rule] : rule;
  return new HokusaiError(
    kind,
    msg`${fieldRef(field)} ${text === "" ? "is empty" : `"${text}" is invalid`}: ${ruleParts}`,
    { field, value: text, rule: ruleParts },
  );
}

/** `<field> is required: <fix>`; with `alternative`, `<field> or <alternative> is required`. */
export function missingInput(field: string, fix: string | MessagePart[], alternative?: string): HokusaiError {
  const fixParts = typeof fix === "string" ? templateParts(fix) : fix;
  const what =
    alternative === undefined ? msg`${fieldRef(field)}` : msg`${fieldRef(field)} or ${fieldRef(alternative)}`;
  return new HokusaiError("missingParam", msg`${what} is required: ${fixParts}`, {
    field,
    rule: fixParts,
  });
}

/** What an input error says is allowed, rendered with `name`; its whole message when it has no rule. */
export function ruleOf(error: HokusaiError, name: FieldNamer = keyNamer): string {
  return error.rule === undefined ? renderParts(error.parts, name) : renderParts(error.rule, name);
}

/** One problem on its line, or several as a list under the headline. */
export function problemsMessage(one: (problem: string) => string, many: string, problems: string[]): string {
  return problems.length === 1 ? one(problems[0]) : `${many}:\n  ${problems.join("\n  ")}`;
}

/** A key that is not among those the module (or the object of a file) takes. */
export function unknownModuleParameterError(moduleId: string, name: string, known: string[]): HokusaiError {
  return new HokusaiError(
    "unknownModuleParameter",
    `${moduleId}.${name} is not a parameter of ${moduleId}; remove it or fix its name (the parameters are ${known.join(", ")})`,
  );
}

/** Two options that exclude each other. */
export function conflictingOptionsError(
  first: string,
  second: string,
  fix: string | MessagePart[],
): HokusaiError {
  return new HokusaiError(
    "conflictingOptions",
    msg`${fieldRef(first)} and ${fieldRef(second)} cannot be used together; ${fix}`,
  );
}
