/**
 * Explains a hash mismatch by the byte changes that editors, git and web servers
 * make to text without anyone noticing: line endings, a UTF-8 byte order mark
 * and the final newline.
 */
import { hashLicenseBytes } from "./hash";

/** One change that turns the bytes we have into the bytes that were hashed. */
export type NormalisationStep =
  | "crlf-to-lf"
  | "lf-to-crlf"
  | "strip-bom"
  | "add-bom"
  | "strip-final-newline"
  | "add-final-newline";

const BOM = Uint8Array.of(0xef, 0xbb, 0xbf);

/** What each step undoes, said of the bytes we have compared with the bytes that were hashed. */
export const NORMALISATION_WORDING: Record<NormalisationStep, string> = {
  "crlf-to-lf": "CRLF line endings where the hashed bytes had LF",
  "lf-to-crlf": "LF line endings where the hashed bytes had CRLF",
  "strip-bom": "a UTF-8 byte order mark (EF BB BF) at the start that the hashed bytes lacked",
  "add-bom": "no UTF-8 byte order mark where the hashed bytes started with one",
  "strip-final-newline": "a final newline that the hashed bytes lacked",
  "add-final-newline": "no final newline where the hashed bytes ended with one",
};

function crlfToLf(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) continue;
    out.push(bytes[i]);
  }
  return Uint8Array.from(out);
}

function lfToCrlf(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a && (i === 0 || bytes[i - 1] !== 0x0d)) out.push(0x0d);
    out.push(bytes[i]);
  }
  return Uint8Array.from(out);
}

function hasBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function finalNewlineLength(bytes: Uint8Array): number {
  const n = bytes.length;
  if (n >= 2 && bytes[n - 2] === 0x0d && bytes[n - 1] === 0x0a) return 2;
  return n >= 1 && bytes[n - 1] === 0x0a ? 1 : 0;
}

interface Variant {
  steps: NormalisationStep[];
  bytes: Uint8Array;
}

function lineEndingVariants(bytes: Uint8Array): Variant[] {
  const variants: Variant[] = [{ steps: [], bytes }];
  const lf = crlfToLf(bytes);
  if (lf.length !== bytes.length) variants.push({ steps: ["crlf-to-lf"], bytes: lf });
  const crlf = lfToCrlf(bytes);
  if (crlf.length !== bytes.length) variants.push({ steps: ["lf-to-crlf"], bytes: crlf });
  return variants;
}

function bomVariants(v: Variant): Variant[] {
  if (hasBom(v.bytes)) return [v, { steps: [...v.steps, "strip-bom"], bytes: v.bytes.subarray(3) }];
  return [v, { steps: [...v.steps, "add-bom"], bytes: concat(BOM, v.bytes) }];
}

function finalNewlineVariants(v: Variant): Variant[] {
  const out = [v];
  const tail = finalNewlineLength(v.bytes);
  if (tail > 0) {
    out.push({
      steps: [...v.steps, "strip-final-newline"],
      bytes: v.bytes.subarray(0, v.bytes.length - tail),
    });
  }
  // Add the newline the text already uses; a text without any line ending gets LF.
  const crlfText = v.bytes.includes(0x0a) && lfToCrlf(v.bytes).length === v.bytes.length;
  const newline = crlfText ? Uint8Array.of(0x0d, 0x0a) : Uint8Array.of(0x0a);
  out.push({ steps: [...v.steps, "add-final-newline"], bytes: concat(v.bytes, newline) });
  return out;
}

/**
 * The smallest set of steps (line endings, BOM, final newline) after which
 * keccak256 of `bytes` equals `expectedHash`, or undefined when none does.
 * An empty array means the bytes already match.
 */
export function findNormalisation(bytes: Uint8Array, expectedHash: string): NormalisationStep[] | undefined {
  const expected = expectedHash.toLowerCase();
  const candidates = lineEndingVariants(bytes).flatMap(bomVariants).flatMap(finalNewlineVariants);
  candidates.sort((a, b) => a.steps.length - b.steps.length);
  return candidates.find((c) => hashLicenseBytes(c.bytes) === expected)?.steps;
}
