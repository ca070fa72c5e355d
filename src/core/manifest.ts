/**
 * A manifest of many deployments: `hokusai:deploy-tokens --manifest models.json`.
 * JSON or YAML, read like launch plans. Either a list of entries, or
 * `{ "defaults": { ... }, "models": [ ... ] }`. Each entry is one of:
 *   - deploy-token's parameters, flat, as its flags are named (`modelId`, `symbol`, ...);
 *   - `{ "plan": "path/to/hokusai.model.json", ...parameters over it }`;
 *   - a launch plan written inline (an object with `model`, `tokenomics`, `contract`, ...).
 * Defaults apply under every entry.
 */
import path from "path";

import { InvalidManifestError, MANIFEST } from "../errors";
import type { DeployTokenInput } from "./deploy-args";
import { mergePlanInput } from "./deploy-args";
import { checkPlan, loadPlan, parsePlanText, planFormat } from "./plan";
import { readPlanText } from "./plan/parse";

/** The parameters an entry may give: deploy-token's inputs. */
export const ENTRY_FIELDS: ReadonlyArray<keyof DeployTokenInput> = [
  "modelId",
  "name",
  "symbol",
  "modelSupplierAllocation",
  "modelSupplierRecipient",
  "investorAllocation",
  "tokensPerDeltaOne",
  "infrastructureAccrualBps",
  "initialOraclePricePerThousandUsd",
  "licenseFile",
  "licenseHash",
  "licenseUri",
  "governor",
  "preset",
  "wei",
  "vesting",
  "fee",
];

export interface ManifestEntry {
  /** 1-based position in the manifest, for messages. */
  index: number;
  input: DeployTokenInput;
  metadata?: Record<string, unknown>;
}

export interface Manifest {
  file: string;
  entries: ManifestEntry[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asText(value: unknown): string | boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value;
  return String(value);
}

/** Flat parameters of an entry or of the defaults, with unknown keys reported. */
function flatInput(
  raw: Record<string, unknown>,
  where: string,
  problems: string[],
  skip: string[] = [],
): DeployTokenInput {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (skip.includes(key)) continue;
    if (!(ENTRY_FIELDS as readonly string[]).includes(key)) {
      problems.push(`${where}.${key} is not a deploy-token parameter (they are ${ENTRY_FIELDS.join(", ")})`);
      continue;
    }
    input[key] = asText(value);
  }
  return input as DeployTokenInput;
}

/** Makes a licenseFile relative to the manifest absolute. */
function resolveLicense(input: DeployTokenInput, dir: string): DeployTokenInput {
  return input.licenseFile === undefined || input.licenseFile === ""
    ? input
    : { ...input, licenseFile: path.resolve(dir, input.licenseFile) };
}

/** Reads a manifest, checking its shape; entries are checked as deployments later. */
export async function loadManifest(file: string): Promise<Manifest> {
  const absolute = path.resolve(file);
  const dir = path.dirname(absolute);
  const format = planFormat(absolute, MANIFEST);
  const data = await parsePlanText(await readPlanText(absolute, MANIFEST), format, file, MANIFEST);
  const problems: string[] = [];
  let defaults: DeployTokenInput = {};
  let list: unknown;
  if (Array.isArray(data)) {
    list = data;
  } else if (isObject(data) && Array.isArray(data.models)) {
    for (const key of Object.keys(data)) {
      if (!["models", "defaults", "version", "$schema"].includes(key))
        problems.push(`${key} is not a manifest field (models, defaults)`);
    }
    if (data.defaults !== undefined) {
      if (isObject(data.defaults))
        defaults = resolveLicense(flatInput(data.defaults, "defaults", problems), dir);
      else problems.push("defaults must be an object of deploy-token parameters");
    }
    list = data.models;
  } else {
    throw new InvalidManifestError(file, ['expected a list of models, or an object with "models": [...]']);
  }

  const entries: ManifestEntry[] = [];
  for (const [i, raw] of (list as unknown[]).entries()) {
    const where = `models[${i}]`;
    if (!isObject(raw)) {
      problems.push(`${where} must be an object`);
      continue;
    }
    try {
      if (typeof raw.plan === "string") {
        const loaded = await loadPlan(path.resolve(dir, raw.plan));
        const overrides = resolveLicense(flatInput(raw, where, problems, ["plan"]), dir);
        entries.push({
          index: i + 1,
          input: mergePlanInput(mergePlanInput(defaults, loaded.deployInput), overrides),
          metadata: { ...loaded.metadata, planFile: raw.plan },
        });
      } else if ("model" in raw || "contract" in raw || "tokenomics" in raw) {
        const loaded = await checkPlan(raw, { file: `${file} ${where}`, absolute, format });
        entries.push({
          index: i + 1,
          input: mergePlanInput(defaults, loaded.deployInput),
          metadata: loaded.metadata,
        });
      } else {
        entries.push({
          index: i + 1,
          input: mergePlanInput(defaults, resolveLicense(flatInput(raw, where, problems), dir)),
        });
      }
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message.replace(/^HOK\d+: /, "")}`);
    }
  }
  if (entries.length === 0 && problems.length === 0) problems.push("the manifest lists no models");
  const seen = new Map<string, number>();
  for (const entry of entries) {
    const id = entry.input.modelId;
    if (id === undefined || id === "") continue;
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push(
        `models[${entry.index - 1}].modelId "${id}" is also the model id of models[${first - 1}]; each model needs its own`,
      );
    } else {
      seen.set(id, entry.index);
    }
  }
  if (problems.length > 0) throw new InvalidManifestError(file, problems);
  return { file: absolute, entries };
}
