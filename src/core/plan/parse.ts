/** Reading a plan file: JSON or YAML by its extension, syntax errors with line and column. */
import { readFile, stat } from "fs/promises";
import path from "path";

import {
  type DocumentKind,
  LAUNCH_PLAN,
  planFormatError,
  planNotFoundError,
  planSyntaxError,
  planUnreadableError,
} from "../errors";

export type PlanFormat = "json" | "yaml";

/** The names `hokusai:plan` looks for in the project root when --plan is not given. */
export const DEFAULT_PLAN_NAMES = ["hokusai.model.json", "hokusai.model.yaml", "hokusai.model.yml"];

/** .json → json, .yaml/.yml → yaml; anything else is refused. */
export function planFormat(file: string, doc: DocumentKind = LAUNCH_PLAN): PlanFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".json") return "json";
  if (ext === ".yaml" || ext === ".yml") return "yaml";
  throw planFormatError(file, doc);
}

/** The first of DEFAULT_PLAN_NAMES that exists in `dir`. */
export async function findDefaultPlan(dir: string): Promise<string> {
  for (const name of DEFAULT_PLAN_NAMES) {
    const candidate = path.join(dir, name);
    try {
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // not there: try the next name
    }
  }
  throw planNotFoundError(
    dir,
    LAUNCH_PLAN,
    DEFAULT_PLAN_NAMES.map((name) => path.join(dir, name)),
  );
}

/** The text of a plan file. */
export async function readPlanText(file: string, doc: DocumentKind = LAUNCH_PLAN): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw planNotFoundError(file, doc);
    if (code === "EISDIR") throw planUnreadableError(file, "it is a directory", doc);
    throw planUnreadableError(file, code ?? String(error), doc);
  }
}

/** Line and column (1-based) of a character offset. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return ` at line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/** Parses the text as JSON or YAML (1.2 core schema, but 0x... stays a string). */
export async function parsePlanText(
  text: string,
  format: PlanFormat,
  file: string,
  doc: DocumentKind = LAUNCH_PLAN,
): Promise<unknown> {
  const source = text.replace(/^\uFEFF/, "");
  if (format === "json") {
    try {
      return JSON.parse(source);
    } catch (error) {
      const message = (error as Error).message;
      const position = /at position (\d+)/.exec(message);
      const reason = message.replace(/\s*in JSON at position \d+.*$/s, "").replace(/^JSON\.parse: /, "");
      throw planSyntaxError(
        file,
        "JSON",
        position === null ? "" : lineAndColumn(source, Number(position[1])),
        reason,
        doc,
      );
    }
  }
  const YAML = await import("yaml");
  const parsed = YAML.parseDocument(source, {
    prettyErrors: true,
    uniqueKeys: true,
    // An address or hash written without quotes must not become a (rounded) hex number.
    customTags: (tags) =>
      tags.filter((tag) => !(typeof tag === "object" && ["HEX", "OCT"].includes(tag.format ?? ""))),
  });
  const error = parsed.errors[0];
  if (error !== undefined) {
    const where =
      error.linePos === undefined ? "" : ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}`;
    throw planSyntaxError(
      file,
      "YAML",
      where,
      error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, ""),
      doc,
    );
  }
  return parsed.toJS({ maxAliasCount: 100 });
}
