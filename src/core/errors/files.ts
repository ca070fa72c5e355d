/** Errors of the files the tools read: launch plans, manifests, launch files. */
import path from "path";

import { fieldRef, HokusaiError, msg } from "./error";
import { problemsMessage } from "./input";

/** Which file is being read: a launch plan, or a manifest of many models. */
export interface DocumentKind {
  noun: string;
  /** The option that names the file. */
  field: string;
  example: string;
}

export const LAUNCH_PLAN: DocumentKind = {
  noun: "launch plan",
  field: "plan",
  example: "./hokusai.model.json",
};
export const MANIFEST: DocumentKind = { noun: "manifest", field: "manifest", example: "./models.json" };

export function invalidPlanError(file: string, problems: string[]): HokusaiError {
  const count = problems.length === 1 ? "1 error" : `${problems.length} errors`;
  return new HokusaiError(
    "invalidPlan",
    `launch plan ${file} has ${count}; fix them and rerun \`npx hardhat hokusai:plan --plan ${file}\`:\n${problems.map((p) => `  ${p}`).join("\n")}`,
    { problems },
  );
}

export function planNotFoundError(
  file: string,
  doc: DocumentKind = LAUNCH_PLAN,
  searched?: string[],
): HokusaiError {
  return new HokusaiError(
    "planNotFound",
    searched === undefined
      ? msg`${doc.noun} ${file} does not exist; pass ${fieldRef(doc.field)} with its path (JSON or YAML), e.g. ${fieldRef(doc.field)} ${doc.example}`
      : msg`no launch plan found (looked for ${searched.join(", ")}); pass ${fieldRef("plan")} FILE, or copy examples/hokusai.model.json into the project root and edit it`,
    { field: doc.field },
  );
}

export function planSyntaxError(
  file: string,
  format: "JSON" | "YAML",
  where: string,
  reason: string,
  doc: DocumentKind = LAUNCH_PLAN,
): HokusaiError {
  return new HokusaiError(
    "planSyntax",
    `${doc.noun} ${file} is not valid ${format}${where}: ${reason}; fix the syntax and rerun`,
  );
}

export function planFormatError(file: string, doc: DocumentKind = LAUNCH_PLAN): HokusaiError {
  return new HokusaiError(
    "planFormat",
    `${doc.noun} ${file} has neither a .json, .yaml nor .yml extension; rename it, e.g. ${path.basename(doc.example)} or ${path.basename(doc.example, ".json")}.yaml`,
  );
}

export function planUnreadableError(
  file: string,
  reason: string,
  doc: DocumentKind = LAUNCH_PLAN,
): HokusaiError {
  return new HokusaiError(
    "planUnreadable",
    msg`cannot read ${doc.noun} ${file} (${reason}); pass ${fieldRef(doc.field)} with a readable file`,
    { field: doc.field },
  );
}

export function invalidMetricValueError(field: string, value: string): HokusaiError {
  return new HokusaiError(
    "invalidMetricValue",
    `${field} "${value}" is invalid: a metric value is a fraction from 0 to 1, e.g. 0.884 for 88.4%`,
  );
}

export function invalidManifestError(file: string, problems: string[]): HokusaiError {
  return new HokusaiError(
    "invalidManifest",
    problemsMessage(
      (p) => `manifest ${file}: ${p}; fix it and rerun`,
      `manifest ${file} has ${problems.length} problems; fix them and rerun`,
      problems,
    ),
    { problems },
  );
}

export function manifestPreflightError(file: string, problems: string[]): HokusaiError {
  return new HokusaiError(
    "manifestPreflight",
    problemsMessage(
      (p) => `a model of the manifest would fail, so nothing was sent: ${p}; fix ${file} and rerun`,
      `${problems.length} of the manifest's models would fail, so nothing was sent; fix ${file} and rerun`,
      problems,
    ),
    { problems },
  );
}

export function batchFailedError(failed: number, total: number): HokusaiError {
  return new HokusaiError(
    "batchFailed",
    `${failed} of ${total} deployments failed (see the summary above); rerun the same command to retry them: the deployed ones are skipped`,
  );
}
