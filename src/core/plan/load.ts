/**
 * loadPlan: from a hokusai.model.json / .yaml file to the typed plan, the fields of
 * the deployment and the metadata for the deployment record. The schema catches the
 * shape; the rules of the deployment's fields (src/core/deploy/fields.ts, the same
 * ones deploy-token's flags go through) catch what a schema cannot say, such as
 * address checksums and the contract's bounds. Every problem is reported at once.
 */
import path from "path";

import { DEPLOY_FIELD_KEYS, DEPLOY_FIELDS, type DeployFieldKey } from "../deploy/fields";
import { parseDeployField } from "../deploy/parse-fields";
import type { DeployFields } from "../deploy/request";
import { HokusaiError, invalidPlanError, ruleOf } from "../errors";
import { hashLicenseBytes, readLicenseFile } from "../license/hash";
import { PRESETS } from "../presets";
import { parseTokenAmount, parseTokensPerDeltaOne } from "../validate";
import { parsePlanText, planFormat, readPlanText } from "./parse";
import { checkPlanSchema, fieldPath, invalidLine, type PlanProblem, sortProblems } from "./schema";
import type { FigureSource, LaunchPlan, LoadedPlan, PlanMetadata, PlanTokenomics } from "./types";

/** Reads, parses and checks a launch plan; throws InvalidPlanError with every problem. */
export async function loadPlan(file: string): Promise<LoadedPlan> {
  const absolute = path.resolve(file);
  const format = planFormat(file);
  const data = await parsePlanText(await readPlanText(absolute), format, file);
  return checkPlan(data, { file, absolute, format });
}

/**
 * The deployment fields a plan holds, by pointer, checked by their own rules. The
 * license file is read below (its path is relative to the plan), and the preset is
 * the schema's to check.
 */
const PLAN_FIELDS = new Map<string, DeployFieldKey>(
  DEPLOY_FIELD_KEYS.flatMap((key): Array<[string, DeployFieldKey]> => {
    const pointer = (DEPLOY_FIELDS[key] as { plan?: string }).plan;
    return pointer === undefined || key === "licenseFile" || key === "preset" ? [] : [[pointer, key]];
  }),
);

/** The plan's names of the deployment's fields: `modelId` → `contract.modelId`. */
export function planFieldName(field: string): string {
  const pointer = (DEPLOY_FIELDS as Record<string, { plan?: string }>)[field]?.plan;
  return pointer === undefined ? field : fieldPath(pointer);
}

/**
 * Checks parsed plan data (from loadPlan, or built in code). `absolute` is the
 * plan file's path: license.file is resolved against its folder.
 */
export async function checkPlan(
  data: unknown,
  source: { file: string; absolute: string; format: "json" | "yaml" },
): Promise<LoadedPlan> {
  const schemaProblems = await checkPlanSchema(data);
  // A pattern the schema refused is said again by the rule of validate.ts, which knows more
  // (a ticker in lower case gets "did you mean SENT?"); any other refusal stands.
  const retold = new Map(
    schemaProblems
      .filter((p) => p.keyword === "pattern" && PLAN_FIELDS.has(p.pointer))
      .map((p) => [p.pointer, p]),
  );
  const problems: PlanProblem[] = schemaProblems.filter((p) => !retold.has(p.pointer));
  // A field the schema already refused (or whose section it refused) is not checked again.
  const refused = problems.map((p) => p.pointer);
  const blocked = (pointer: string) =>
    refused.some((r) => r === pointer || pointer.startsWith(`${r}/`) || r === "");

  const plan = data as LaunchPlan;
  const get = (pointer: string): unknown =>
    pointer
      .split("/")
      .slice(1)
      .reduce<unknown>(
        (node, key) =>
          node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined,
        plan,
      );

  const parsed = new Map<string, unknown>();
  const fields: DeployFields = {};
  for (const [pointer, key] of PLAN_FIELDS) {
    const value = get(pointer);
    if (value === undefined || blocked(pointer)) continue;
    try {
      const typed = parseDeployField(key, typeof value === "number" ? String(value) : value);
      parsed.set(pointer, typed);
      (fields as Record<string, unknown>)[key] = typed;
      // The schema is stricter here than the field's rule: its line stands.
      const schemaLine = retold.get(pointer);
      if (schemaLine !== undefined) problems.push(schemaLine);
    } catch (error) {
      if (!(error instanceof HokusaiError) || error.field === undefined) throw error;
      problems.push({ pointer, line: invalidLine(pointer, value, ruleOf(error, planFieldName)) });
    }
  }

  const customName = get("/metrics/customName");
  if (customName !== undefined && !blocked("/metrics/customName") && get("/metrics/metric") !== "custom") {
    problems.push({
      pointer: "/metrics/customName",
      line: invalidLine(
        "/metrics/customName",
        customName,
        'names a custom metric; set metrics.metric to "custom", or drop customName',
      ),
    });
  }
  const writtenHash = parsed.get("/license/hash") as string | undefined;

  let licenseFile: string | undefined;
  let licenseHash = writtenHash;
  const fileValue = get("/license/file");
  if (typeof fileValue === "string" && !blocked("/license/file")) {
    licenseFile = path.resolve(path.dirname(source.absolute), fileValue);
    try {
      licenseHash = hashLicenseBytes(await readLicenseFile(licenseFile));
      if (writtenHash !== undefined && writtenHash !== licenseHash) {
        problems.push({
          pointer: "/license/hash",
          line: invalidLine(
            "/license/hash",
            get("/license/hash"),
            `it differs from keccak256 of license.file ${fileValue} (${licenseHash}); drop license.hash, or publish and name the file it was computed from`,
          ),
        });
      }
    } catch (error) {
      if (!(error instanceof HokusaiError)) throw error;
      problems.push({
        pointer: "/license/file",
        line: invalidLine("/license/file", fileValue, licenseFileRule(error, licenseFile)),
      });
    }
  }

  if (problems.length > 0) {
    throw invalidPlanError(
      source.file,
      (await sortProblems(problems)).map((p) => p.line),
    );
  }

  const tokenomics = resolveTokenomics(plan, {
    supplier: parsed.get("/tokenomics/modelSupplierAllocation") as bigint | undefined,
    investor: parsed.get("/tokenomics/investorAllocation") as bigint | undefined,
    perDeltaOne: parsed.get("/tokenomics/tokensPerDeltaOne") as bigint | undefined,
    bps: parsed.get("/contract/infrastructureAccrualBps") as number | undefined,
  });
  return {
    file: source.absolute,
    format: source.format,
    plan,
    deployFields: {
      ...fields,
      ...(licenseFile === undefined ? {} : { licenseFile }),
      ...(tokenomics.preset === undefined ? {} : { preset: tokenomics.preset }),
    },
    metadata: planMetadata(plan, tokenomics),
    tokenomics,
    licenseFile,
    licenseHash: licenseHash as string,
  };
}

function licenseFileRule(error: HokusaiError, absolute: string): string {
  switch (error.kind) {
    case "licenseFileNotFound":
      return `there is no file at ${absolute} (the path is relative to the plan's folder)`;
    case "licenseFileIsDirectory":
      return "is a directory; name the license file itself";
    case "licenseFileEmpty":
      return "the file is empty (0 bytes), and a hash of nothing proves nothing; write the license text into it";
    default:
      return ruleOf(error, planFieldName);
  }
}

/** The preset's figures under the plan's own. */
function resolveTokenomics(
  plan: LaunchPlan,
  parsed: { supplier?: bigint; investor?: bigint; perDeltaOne?: bigint; bps?: number },
): PlanTokenomics {
  const preset = plan.tokenomics.preset === undefined ? undefined : PRESETS[plan.tokenomics.preset];
  const from = (planValue: unknown): FigureSource => (planValue === undefined ? "preset" : "plan");
  // The schema guarantees a preset for every figure the plan leaves out.
  const presetFigures = preset as NonNullable<typeof preset>;
  return {
    preset: preset?.name,
    modelSupplierAllocation:
      parsed.supplier ?? parseTokenAmount("preset", presetFigures.modelSupplierAllocation),
    investorAllocation: parsed.investor ?? parseTokenAmount("preset", presetFigures.investorAllocation),
    tokensPerDeltaOne:
      parsed.perDeltaOne ?? parseTokensPerDeltaOne("preset", presetFigures.tokensPerDeltaOne),
    expectedDeltaOnes: plan.tokenomics.expectedDeltaOnes ?? presetFigures.expectedDeltaOnes,
    infrastructureAccrualBps: parsed.bps ?? presetFigures.infrastructureAccrualBps,
    sources: {
      modelSupplierAllocation: from(plan.tokenomics.modelSupplierAllocation),
      investorAllocation: from(plan.tokenomics.investorAllocation),
      tokensPerDeltaOne: from(plan.tokenomics.tokensPerDeltaOne),
      expectedDeltaOnes: from(plan.tokenomics.expectedDeltaOnes),
      infrastructureAccrualBps: from(plan.contract.infrastructureAccrualBps),
    },
  };
}

/** The plan's off-chain facts, for the deployment record. */
export function planMetadata(
  plan: LaunchPlan,
  tokenomics: Pick<PlanTokenomics, "expectedDeltaOnes" | "preset">,
): PlanMetadata {
  const { model, metrics, license } = plan;
  return {
    name: model.name,
    description: model.description,
    category: model.category,
    tags: model.tags ?? [],
    metric: metrics.metric === "custom" ? (metrics.customName as string) : metrics.metric,
    metricType: metrics.metric,
    baseline: metrics.baseline,
    direction: metrics.direction,
    licenseType: license.type,
    expectedDeltaOnes: tokenomics.expectedDeltaOnes,
    preset: tokenomics.preset ?? null,
  };
}
