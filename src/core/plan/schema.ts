/**
 * Validation against the published schema (schemas/hokusai-model.schema.json)
 * with ajv, every error at once, each turned into one line that names the field
 * path, the value and the rule. ajv is loaded on first use: the plugin's entry
 * point stays light.
 */
import type { ErrorObject, ValidateFunction } from "ajv";

interface CompiledSchema {
  validate: ValidateFunction;
  schema: Record<string, unknown>;
}

let compiled: Promise<CompiledSchema> | undefined;

/** The schema and its validator, built once per process. */
export function planSchema(): Promise<CompiledSchema> {
  compiled ??= (async () => {
    const { default: Ajv2020 } = await import("ajv/dist/2020");
    const { default: addFormats } = await import("ajv-formats");
    const schema = (await import("../../../schemas/hokusai-model.schema.json")).default as Record<
      string,
      unknown
    >;
    const ajv = new Ajv2020({
      allErrors: true,
      verbose: true,
      strict: true,
      strictTypes: false,
      strictRequired: false,
    });
    addFormats(ajv, ["uri"]);
    // The message editors (VS Code) show for a failed pattern; here it is the rule of the line.
    ajv.addKeyword({ keyword: "patternErrorMessage", schemaType: "string" });
    return { validate: ajv.compile(schema), schema };
  })();
  return compiled;
}

/** A problem found in a plan: where, and the line that says it. */
export interface PlanProblem {
  /** JSON pointer of the field, e.g. /tokenomics/investorAllocation. */
  pointer: string;
  line: string;
  /** The schema keyword that failed, for problems found by the schema. */
  keyword?: string;
}

/** "/model/tags/2" → "model.tags[2]"; "" → "(plan)". */
export function fieldPath(pointer: string): string {
  if (pointer === "") return "(plan)";
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce(
      (path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path === "" ? part : `${path}.${part}`),
      "",
    );
}

/** A value as the line shows it: JSON, cut short. */
export function showValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The line for a field with a bad value. */
export function invalidLine(pointer: string, value: unknown, rule: string): string {
  return `${fieldPath(pointer)} ${showValue(value)} is invalid: ${rule}`;
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  integer: "a whole number",
  object: "an object",
  array: "a list",
  boolean: "true or false",
  null: "null",
};

function typeRule(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return `must be ${types.map((t) => TYPE_NAMES[String(t)] ?? String(t)).join(" or ")}`;
}

function oneOf(values: unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}

type SchemaNode = Record<string, unknown>;

/** The schema of the field at a JSON pointer, following "properties" from the root. */
function fieldSchema(root: SchemaNode, pointer: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const part of pointer.split("/").slice(1)) {
    node = (node?.properties as Record<string, SchemaNode> | undefined)?.[part];
  }
  return node;
}

/**
 * One ajv error → one line, or undefined for errors that only restate others.
 * `root` is the whole schema, where a missing field's example is found.
 */
export function formatSchemaError(error: ErrorObject, root: SchemaNode = {}): PlanProblem | undefined {
  const params = error.params as Record<string, unknown>;
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const pointer = error.instancePath;
  const bad = (rule: string): PlanProblem => ({
    pointer,
    line: invalidLine(pointer, error.data, rule),
    keyword: error.keyword,
  });
  switch (error.keyword) {
    case "if":
      // Its "then" already reported what is missing.
      return undefined;
    case "required": {
      const missing = String(params.missingProperty);
      const child = `${pointer}/${missing}`;
      const property = fieldSchema(root, child);
      const example = Array.isArray(property?.examples) ? property.examples[0] : undefined;
      const why =
        error.schemaPath.includes("/then/") && typeof parent.description === "string"
          ? `: ${parent.description}`
          : "";
      const hint = example === undefined ? "" : `${why === "" ? "," : ";"} e.g. ${JSON.stringify(example)}`;
      return { pointer: child, line: `${fieldPath(child)} is required${why}${hint}` };
    }
    case "additionalProperties": {
      const extra = String(params.additionalProperty);
      const child = `${pointer}/${extra}`;
      const known = Object.keys((parent.properties as object | undefined) ?? {});
      const where = pointer === "" ? "a plan" : fieldPath(pointer);
      return {
        pointer: child,
        line: `${fieldPath(child)} is not a field of ${where}${suggest(extra, known)}; the fields are ${known.join(", ")}`,
      };
    }
    case "type":
      return bad(typeRule(params.type));
    case "enum":
      return bad(
        `must be one of ${oneOf(params.allowedValues as unknown[])}${
          typeof error.data === "string"
            ? suggest(error.data, (params.allowedValues as unknown[]).map(String))
            : ""
        }`,
      );
    case "const":
      return bad(`must be ${JSON.stringify(params.allowedValue)}`);
    case "pattern":
      return bad(
        typeof parent.patternErrorMessage === "string"
          ? parent.patternErrorMessage
          : `must match the pattern ${String(params.pattern)}`,
      );
    case "format":
      return bad(`must be a ${String(params.format).toUpperCase()}`);
    case "minimum":
    case "exclusiveMinimum":
    case "maximum":
    case "exclusiveMaximum": {
      const limit = Number(params.limit);
      if (error.keyword === "maximum" && limit === Number.MAX_SAFE_INTEGER) {
        return bad('is too large to be exact as a number; write it as a string, e.g. "400000"');
      }
      const words: Record<string, string> = {
        minimum: "at least",
        exclusiveMinimum: "greater than",
        maximum: "at most",
        exclusiveMaximum: "less than",
      };
      return bad(`must be ${words[error.keyword]} ${limit}`);
    }
    case "minLength":
      return bad(
        Number(params.limit) === 1 ? "must not be empty" : `must have at least ${params.limit} characters`,
      );
    case "maxLength":
      return bad(`must have at most ${params.limit} characters`);
    case "maxItems":
      return bad(`must have at most ${params.limit} entries`);
    case "uniqueItems":
      return bad(
        `must not repeat an entry ([${Math.min(Number(params.i), Number(params.j))}] and [${Math.max(Number(params.i), Number(params.j))}] are the same)`,
      );
    default:
      return bad(error.message ?? error.keyword);
  }
}

/** ", did you mean X?" for a field name one or two edits away from a known one. */
function suggest(name: string, known: string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best === undefined ? "" : ` (did you mean ${best}?)`;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}

/** Checks a parsed plan against the schema; returns every problem. */
export async function checkPlanSchema(data: unknown): Promise<PlanProblem[]> {
  const { validate, schema } = await planSchema();
  if (validate(data)) return [];
  const problems: PlanProblem[] = [];
  // One line per field: the first rule it breaks (an empty name breaks two).
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const problem = formatSchemaError(error, schema);
    if (problem === undefined || seen.has(problem.pointer)) continue;
    seen.add(problem.pointer);
    problems.push(problem);
  }
  return problems;
}

/**
 * Problems in the order of the schema's fields (model, metrics, license,
 * tokenomics, contract, and within each the order of its properties), so that
 * the lines read like the plan.
 */
export async function sortProblems(problems: PlanProblem[]): Promise<PlanProblem[]> {
  const { schema } = await planSchema();
  const key = (pointer: string): number[] => {
    let node: Record<string, unknown> | undefined = schema;
    return pointer
      .split("/")
      .slice(1)
      .map((part) => {
        if (/^\d+$/.test(part)) return Number(part);
        const properties = node?.properties as Record<string, Record<string, unknown>> | undefined;
        const names = Object.keys(properties ?? {});
        node = properties?.[part];
        const index = names.indexOf(part);
        return index === -1 ? names.length : index;
      });
  };
  const compare = (a: number[], b: number[]): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  };
  return problems
    .map((problem, index) => ({ problem, index, key: key(problem.pointer) }))
    .sort((a, b) => compare(a.key, b.key) || a.index - b.index)
    .map(({ problem }) => problem);
}
