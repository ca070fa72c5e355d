/**
 * A manifest of many deployments: `hokusai:deploy-tokens --manifest models.json`.
 * JSON or YAML, read like launch plans. Either a list of entries, or
 * `{ "defaults": { ... }, "models": [ ... ] }`. Each entry is one of:
 *   - a deployment's fields, flat, named as in src/core/deploy/fields.ts (`modelId`, `symbol`, ...);
 *   - `{ "plan": "path/to/hokusai.model.json", ...fields over it }`;
 *   - a launch plan written inline (an object with `model`, `tokenomics`, `contract`, ...).
 * Defaults apply under every entry. The platform's own launch file (version 1, with
 * `tokens`) is read too (./launch/file.ts). Every value is read by its field's rule
 * here, so every bad value of the file is reported at once, before the chain is asked
 * anything.
 */
import path from "path";

import { DEPLOY_FIELD_KEYS, type DeployFieldKey } from "./deploy/fields";
import { parseDeployField } from "./deploy/parse-fields";
import { type DeployFields, mergeDeployFields } from "./deploy/request";
import { HokusaiError, invalidManifestError, MANIFEST, ruleOf } from "./errors";
import { checkLaunchFile, isLaunchFile } from "./launch/file";
import { checkPlan, loadPlan, parsePlanText, planFormat } from "./plan";
import { readPlanText } from "./plan/parse";
import { showValue } from "./plan/schema";

/** The keys an entry may give: a deployment's fields, and `wei` for amounts given in wei. */
export const ENTRY_FIELDS: ReadonlyArray<string> = [...DEPLOY_FIELD_KEYS, "wei"];

export interface ManifestEntry {
  /** 1-based position in the manifest, for messages. */
  index: number;
  /** How messages name the entry: `models[0] (28)`. */
  label: string;
  fields: DeployFields;
  metadata?: Record<string, unknown>;
}

export interface Manifest {
  file: string;
  entries: ManifestEntry[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The flat fields of an entry or of the defaults, every bad key and value reported. */
function flatFields(
  raw: Record<string, unknown>,
  where: string,
  dir: string,
  problems: string[],
  skip: string[] = [],
): DeployFields {
  const fields: Record<string, unknown> = {};
  const inWei = raw.wei === true || raw.wei === "true";
  for (const [key, value] of Object.entries(raw)) {
    if (skip.includes(key) || key === "wei") continue;
    if (!ENTRY_FIELDS.includes(key)) {
      problems.push(`${where}.${key} is not a deploy-token parameter (they are ${ENTRY_FIELDS.join(", ")})`);
      continue;
    }
    if (value === undefined || value === null || value === "") continue;
    try {
      fields[key] = parseDeployField(
        key as DeployFieldKey,
        typeof value === "number" ? String(value) : value,
        {
          inWei,
          baseDir: dir,
        },
      );
    } catch (error) {
      if (!(error instanceof HokusaiError) || error.field === undefined) throw error;
      problems.push(`${where}.${key} ${showValue(value)} is invalid: ${ruleOf(error)}`);
    }
  }
  return fields as DeployFields;
}

/** Reads a manifest, checking its shape and every value; the chain is checked later. */
export async function loadManifest(file: string): Promise<Manifest> {
  const absolute = path.resolve(file);
  const dir = path.dirname(absolute);
  const format = planFormat(absolute, MANIFEST);
  const data = await parsePlanText(await readPlanText(absolute, MANIFEST), format, file, MANIFEST);
  if (isLaunchFile(data)) {
    // The platform's own launch file: its tokens are the models, requiredGovernor is enforced.
    const launch = checkLaunchFile(data, file, absolute);
    return {
      file: absolute,
      entries: launch.entries.map(({ index, label, fields, metadata }) => ({
        index,
        label,
        fields,
        metadata,
      })),
    };
  }
  const problems: string[] = [];
  let defaults: DeployFields = {};
  let list: unknown;
  if (Array.isArray(data)) {
    list = data;
  } else if (isObject(data) && Array.isArray(data.models)) {
    for (const key of Object.keys(data)) {
      if (!["models", "defaults", "version", "$schema"].includes(key))
        problems.push(`${key} is not a manifest field (models, defaults)`);
    }
    if (data.defaults !== undefined) {
      if (isObject(data.defaults)) defaults = flatFields(data.defaults, "defaults", dir, problems);
      else problems.push("defaults must be an object of deployment fields");
    }
    list = data.models;
  } else {
    throw invalidManifestError(file, ['expected a list of models, or an object with "models": [...]']);
  }

  const entries: ManifestEntry[] = [];
  for (const [i, raw] of (list as unknown[]).entries()) {
    const where = `models[${i}]`;
    if (!isObject(raw)) {
      problems.push(`${where} must be an object`);
      continue;
    }
    try {
      let fields: DeployFields;
      let metadata: Record<string, unknown> | undefined;
      if (typeof raw.plan === "string") {
        const loaded = await loadPlan(path.resolve(dir, raw.plan));
        const overrides = flatFields(raw, where, dir, problems, ["plan"]);
        fields = mergeDeployFields(mergeDeployFields(defaults, loaded.deployFields), overrides);
        metadata = { ...loaded.metadata, planFile: raw.plan };
      } else if ("model" in raw || "contract" in raw || "tokenomics" in raw) {
        const loaded = await checkPlan(raw, { file: `${file} ${where}`, absolute, format });
        fields = mergeDeployFields(defaults, loaded.deployFields);
        metadata = loaded.metadata;
      } else {
        fields = mergeDeployFields(defaults, flatFields(raw, where, dir, problems));
      }
      const label = `${where}${fields.modelId ? ` (${fields.modelId})` : ""}`;
      entries.push({ index: i + 1, label, fields, metadata });
    } catch (error) {
      if (!(error instanceof HokusaiError)) throw error;
      problems.push(`${where}: ${error.render().replace(/^HOK\d+: /, "")}`);
    }
  }
  if (entries.length === 0 && problems.length === 0) problems.push("the manifest lists no models");
  const seen = new Map<string, number>();
  for (const entry of entries) {
    const id = entry.fields.modelId;
    if (id === undefined) continue;
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push(
        `models[${entry.index - 1}].modelId "${id}" is also the model id of models[${first - 1}]; each model needs its own`,
      );
    } else {
      seen.set(id, entry.index);
    }
  }
  if (problems.length > 0) throw invalidManifestError(file, problems);
  return { file: absolute, entries };
}
