/** What `hokusai:license-hash` and `hokusai:verify-license` print: pure functions, tested as strings. */
import type { LicenseHashResult } from "../core/license/hash";
import type { LicenseSource, VerifyLicenseResult } from "../core/license/verify";
import { table } from "./format";

/** Bumped when a field of the JSON output changes meaning or goes away. */
export const LICENSE_JSON_VERSION = 1;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** One sentence with the hash, for stdout. */
export function formatLicenseHash(result: LicenseHashResult): string {
  const what = result.file === undefined ? "the text" : result.file;
  return `keccak256 of ${what} (${plural(result.size, "byte")}): ${result.hash}`;
}

/**
 * What a person should know before publishing these bytes, for stderr: the hash
 * covers line endings, a byte order mark and the final newline exactly as they are.
 */
export function licenseHashNotes(result: LicenseHashResult): string[] {
  const what = result.file ?? "the text";
  const { traits } = result;
  const notes: string[] = [];
  if (traits.crlf > 0) {
    notes.push(
      `${what} has ${plural(traits.crlf, "CRLF line ending")}${traits.lf > 0 ? ` and ${plural(traits.lf, "LF line ending")}` : ""}; the hash covers them, so publish exactly these bytes (git's autocrlf or an editor may convert them)`,
    );
  }
  if (traits.bom) {
    notes.push(
      `${what} starts with a UTF-8 byte order mark (EF BB BF); the hash covers it, so publish it too`,
    );
  }
  if (!traits.trailingNewline) {
    notes.push(`${what} does not end with a newline; the hash covers that, so publish it without one`);
  }
  if (!traits.utf8) notes.push(`${what} is not UTF-8 text; the hash covers its raw bytes`);
  return notes;
}

export function licenseHashJson(result: LicenseHashResult): object {
  return {
    version: LICENSE_JSON_VERSION,
    hash: result.hash,
    size: result.size,
    ...(result.file === undefined ? { source: "text" } : { source: "file", file: result.file }),
    traits: result.traits,
  };
}

function describeSource(source: LicenseSource, onChainHash: string): string[] {
  const title = source.kind === "file" ? `file ${source.location}` : `uri  ${source.location}`;
  const lines = [`  ${title}`];
  const detail = (text: string) => lines.push(`        ${text}`);
  if (source.fetchedFrom !== undefined && source.fetchedFrom !== source.location) {
    detail(`fetched from ${source.fetchedFrom}`);
  }
  if (source.redirects !== undefined && source.redirects.length > 0) {
    detail(`after ${plural(source.redirects.length, "redirect")}`);
  }
  if (source.error !== undefined) {
    detail(`not fetched: ${source.error.message}`);
    return lines;
  }
  const verdict = source.matches ? "matches the on-chain licenseHash" : `differs from ${onChainHash}`;
  detail(`${plural(source.size ?? 0, "byte")}, keccak256 ${source.hash}: ${verdict}`);
  if (source.cid !== undefined) {
    // A "not-checked" detail already starts with "CID not checked: <reason>".
    const prefix = { verified: "CID verified: ", mismatch: "CID MISMATCH: ", "not-checked": "" }[
      source.cid.status
    ];
    detail(`${prefix}${source.cid.detail}`);
  }
  return lines;
}

/** The verification report for stdout; warnings go separately to stderr (verifyLicenseWarnings). */
export function formatVerifyLicense(result: VerifyLicenseResult): string {
  const { onChain } = result;
  const subject = onChain.modelId === undefined ? `token ${onChain.token}` : `model "${onChain.modelId}"`;
  const rows: Array<[string, string]> = [];
  if (onChain.tokenManager !== undefined) rows.push(["TokenManager", onChain.tokenManager]);
  rows.push(["token", onChain.token], ["params", onChain.params]);
  if (onChain.governor !== undefined) rows.push(["governor", onChain.governor]);
  rows.push(["licenseHash", onChain.hash], ["licenseURI", onChain.uri === "" ? "(empty)" : onChain.uri]);
  const lines = [`License of ${subject} on chain ${onChain.chainId}:`, table(rows), ""];
  if (result.sources.length > 0) {
    lines.push("Checked:");
    for (const source of result.sources) lines.push(...describeSource(source, onChain.hash));
    lines.push("");
  }
  if (result.verdict === "MATCH") {
    lines.push(`MATCH: keccak256 of the license bytes equals the on-chain licenseHash ${onChain.hash}.`);
    return lines.join("\n");
  }
  lines.push("MISMATCH: the license bytes do not hash to the on-chain licenseHash.");
  for (const diagnosis of result.diagnoses) {
    lines.push(`  Diagnosis (${diagnosis.code}): ${diagnosis.explanation}.`);
    lines.push(`  Fix: ${diagnosis.fix}.`);
  }
  return lines.join("\n");
}

export function verifyLicenseWarnings(result: VerifyLicenseResult): string[] {
  return result.warnings.map((warning) => `Warning: ${warning}.`);
}

/** One JSON object for CI: the result as returned, with a version. */
export function verifyLicenseJson(result: VerifyLicenseResult): object {
  return { version: LICENSE_JSON_VERSION, ...result };
}
