/**
 * Checks that bytes fetched through an IPFS gateway are the bytes the CID names,
 * by re-importing them locally with the standard UnixFS settings, so that a
 * gateway cannot serve other bytes unnoticed.
 */
import { createHash } from "crypto";

import type { CID } from "multiformats/cid";
import type { ImporterOptions } from "ipfs-unixfs-importer";

import { invalidIpfsCidError } from "../errors";

/**
 * A real `import()`. Under `"module": "commonjs"` TypeScript compiles `import()` to
 * `require()`, which cannot load these ESM-only packages on Node releases without
 * require(esm) (before 20.19). Module resolution starts from this file.
 */
const importEsm = new Function("specifier", "return import(specifier)") as <T>(
  specifier: string,
) => Promise<T>;

type MultiformatsCid = typeof import("multiformats/cid");
type Base36 = typeof import("multiformats/bases/base36");
type Importer = typeof import("ipfs-unixfs-importer");

const RAW_CODEC = 0x55;
const DAG_PB_CODEC = 0x70;
const SHA2_256 = 0x12;

/**
 * verified     the bytes hash to the CID under the named import profile
 * mismatch     they do not (for a dag-pb CID: under none of the standard profiles)
 * not-checked  the check cannot be made (a path under the CID, another hash function)
 */
export type CidCheckStatus = "verified" | "mismatch" | "not-checked";

export interface CidCheck {
  cid: string;
  path: string;
  status: CidCheckStatus;
  /** One sentence: how it was verified, or why not. */
  detail: string;
}

/** The ways `ipfs add` lays out a file; a CID made with other settings cannot be reproduced. */
const PROFILES: { name: string; options: ImporterOptions }[] = [
  // `ipfs add` with its long-standing defaults: CIDv0, 256 KiB chunks, dag-pb leaves.
  { name: "unixfs-v0-2015", options: { profile: "unixfs-v0-2015" } },
  // IPIP-499's modern profile: CIDv1, 1 MiB chunks, raw leaves.
  { name: "unixfs-v1-2025", options: { profile: "unixfs-v1-2025" } },
  // `ipfs add --cid-version=1`: 256 KiB chunks, raw leaves.
  { name: "cid-version=1", options: { cidVersion: 1, rawLeaves: true } },
  // `ipfs add --cid-version=1 --raw-leaves=false`.
  { name: "cid-version=1 raw-leaves=false", options: { cidVersion: 1, rawLeaves: false } },
];

/** Parses a CID string (base58btc Qm..., base32 b..., base36 k...); throws HOK506 when it is none. */
export async function parseCid(uri: string, text: string): Promise<CID> {
  const { CID } = await importEsm<MultiformatsCid>("multiformats/cid");
  try {
    if (text.startsWith("k")) {
      const { base36 } = await importEsm<Base36>("multiformats/bases/base36");
      return CID.parse(text, base36);
    }
    return CID.parse(text);
  } catch {
    throw invalidIpfsCidError(uri, text);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Whether `bytes` are the content of `cid`. Only a CID that names the file itself
 * is checked: for `ipfs://<cid>/<path>` the CID names a directory, and checking a
 * file under it needs the directory's blocks, which a plain gateway fetch does not
 * give, so the result is "not-checked".
 */
export async function checkCid(
  uri: string,
  cidText: string,
  path: string,
  bytes: Uint8Array,
): Promise<CidCheck> {
  const cid = await parseCid(uri, cidText);
  const result = (status: CidCheckStatus, detail: string): CidCheck => ({
    cid: cidText,
    path,
    status,
    detail,
  });
  if (path !== "") {
    return result(
      "not-checked",
      `CID not checked: path (${cidText} names a directory, and the file /${path} under it cannot be checked without the directory's blocks)`,
    );
  }
  if (cid.multihash.code !== SHA2_256) {
    return result(
      "not-checked",
      `CID not checked: its hash function 0x${cid.multihash.code.toString(16)} is not sha2-256`,
    );
  }
  if (cid.code === RAW_CODEC) {
    const digest = createHash("sha256").update(bytes).digest();
    return sameBytes(digest, cid.multihash.digest)
      ? result("verified", `the bytes hash to CID ${cidText} (a raw block)`)
      : result("mismatch", `the bytes do not hash to CID ${cidText} (a raw block: sha2-256 of the bytes)`);
  }
  if (cid.code !== DAG_PB_CODEC) {
    return result("not-checked", `CID not checked: codec 0x${cid.code.toString(16)} is not a UnixFS file`);
  }
  const { importBytes } = await importEsm<Importer>("ipfs-unixfs-importer");
  // Nothing is stored: only the root CID is wanted.
  const blockstore = { put: async (key: CID) => key };
  for (const profile of PROFILES) {
    const { cid: root } = await importBytes(bytes, blockstore, { ...profile.options });
    if (root.code === cid.code && sameBytes(root.multihash.bytes, cid.multihash.bytes)) {
      return result("verified", `the bytes hash to CID ${cidText} (UnixFS import profile ${profile.name})`);
    }
  }
  return result(
    "mismatch",
    `the bytes do not hash to CID ${cidText} under any standard UnixFS import (${PROFILES.map((p) => p.name).join(", ")}); either other bytes were served, or the file was added with non-default settings`,
  );
}
