/**
 * The guide's first best practice, checked after the fact: keccak256 of the bytes
 * published at licenseURI (and of a local copy) against the licenseHash stored in
 * the token's params contract, with a diagnosis when they differ. Reads the chain
 * only; never signs.
 */
import { ZeroAddress, ZeroHash, type Provider } from "ethers";

import {
  HokusaiError,
  modelNotDeployedError,
  noCodeError,
  notHokusaiContractError,
  notHokusaiTokenError,
} from "../errors";
import { fetchLicense, type LicenseFetchOptions } from "./fetch";
import { hashLicenseBytes, hashLicenseText, readLicenseFile } from "./hash";
import type { CidCheck } from "./ipfs";
import { findNormalisation, NORMALISATION_WORDING, type NormalisationStep } from "./normalize";
import { contractFor } from "../chain/contract";

const TOKEN_MANAGER_ABI = [
  "function getTokenAddress(string modelId) view returns (address)",
  "function getParamsAddress(string modelId) view returns (address)",
];
const TOKEN_ABI = ["function params() view returns (address)"];
const PARAMS_ABI = [
  "function licenseHash() view returns (bytes32)",
  "function licenseURI() view returns (string)",
  "function governor() view returns (address)",
];

/** Which token's license: by model id through the TokenManager, or by token address. */
export type LicenseTarget = { tokenManager: string; modelId: string } | { token: string };

export interface OnChainLicense {
  chainId: number;
  /** licenseHash() of the params contract. */
  hash: string;
  /** licenseURI() of the params contract. */
  uri: string;
  params: string;
  token: string;
  modelId?: string;
  tokenManager?: string;
  /** governor() of the params contract, who can call setLicenseRef; absent if it has no such getter. */
  governor?: string;
}

export interface LicenseSource {
  kind: "file" | "uri";
  /** The file path, or the URI fetched. */
  location: string;
  /** Where the bytes came from: the URL after the gateway and redirects, or the file path. */
  fetchedFrom?: string;
  redirects?: string[];
  /** Byte length. */
  size?: number;
  /** keccak256 of the bytes. */
  hash?: string;
  matches: boolean;
  /** Changes after which the bytes match the on-chain hash, when they do not match as they are. */
  normalisation?: NormalisationStep[];
  /** ipfs:// only: whether the gateway's bytes are the ones the CID names. */
  cid?: CidCheck;
  /** Why the bytes could not be had; kept only when the verdict does not depend on them. */
  error?: { code: string; message: string };
}

export type LicenseDiagnosisCode =
  | "ZERO_HASH"
  | "URI_STRING_HASH"
  | "NORMALISATION"
  | "GATEWAY_BYTES_NOT_CID"
  | "LOCAL_COPY_DIFFERS"
  | "PUBLISHED_BYTES_DIFFER"
  | "CONTENT_DIFFERS";

export interface LicenseDiagnosis {
  code: LicenseDiagnosisCode;
  /** The source it is about, when it is about one. */
  source?: "file" | "uri";
  /** What explains the mismatch, as a sentence. */
  explanation: string;
  /** What to do, as a sentence. */
  fix: string;
}

export type LicenseVerdict = "MATCH" | "MISMATCH";

export interface VerifyLicenseResult {
  /** MATCH: every source checked hashes to the on-chain licenseHash, and that hash is not zero. */
  verdict: LicenseVerdict;
  onChain: OnChainLicense;
  sources: LicenseSource[];
  diagnoses: LicenseDiagnosis[];
  warnings: string[];
}

export interface VerifyLicenseOptions {
  /** A local copy of the license to check, as well as or instead of the URI. */
  file?: string;
  /** Fetch this URI instead of the on-chain licenseURI (a mirror, or before a setLicenseRef). */
  uri?: string;
  /** Fetch the URI (default true); false checks `file` only. */
  fetch?: boolean;
  fetchOptions?: LicenseFetchOptions;
}

async function requireCode(
  provider: Provider,
  what: string,
  address: string,
  chainId: number,
): Promise<void> {
  if ((await provider.getCode(address)) === "0x") {
    throw noCodeError(
      what,
      address,
      `chain ${chainId}`,
      what === "TokenManager" ? "tokenManager" : undefined,
    );
  }
}

function reason(error: unknown, call: string): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === "CALL_EXCEPTION" || code === "BAD_DATA"
    ? `${call} reverted or returned nothing`
    : `${call} failed`;
}

/** The license reference stored for a token: licenseHash(), licenseURI() and where they were read. */
export async function readOnChainLicense(provider: Provider, target: LicenseTarget): Promise<OnChainLicense> {
  const chainId = Number((await provider.getNetwork()).chainId);
  let token: string;
  let params: string = ZeroAddress;
  if ("modelId" in target) {
    await requireCode(provider, "TokenManager", target.tokenManager, chainId);
    const manager = contractFor(target.tokenManager, TOKEN_MANAGER_ABI, provider);
    try {
      token = (await manager.getTokenAddress(target.modelId)) as string;
      if (token !== ZeroAddress) params = (await manager.getParamsAddress(target.modelId)) as string;
    } catch (error) {
      throw notHokusaiContractError(
        "TokenManager",
        target.tokenManager,
        "tokenManager",
        reason(error, "getTokenAddress(modelId)"),
      );
    }
    if (token === ZeroAddress) {
      throw modelNotDeployedError(target.modelId, target.tokenManager, `chain ${chainId}`, "token");
    }
  } else {
    token = target.token;
  }
  await requireCode(provider, "token", token, chainId);
  if (params === ZeroAddress) {
    try {
      params = (await contractFor(token, TOKEN_ABI, provider).params()) as string;
    } catch (error) {
      throw notHokusaiTokenError(token, reason(error, "params()"));
    }
    if (params === ZeroAddress) throw notHokusaiTokenError(token, "params() is the zero address");
  }
  await requireCode(provider, "params contract", params, chainId);
  const paramsContract = contractFor(params, PARAMS_ABI, provider);
  let hash: string;
  let uri: string;
  try {
    [hash, uri] = (await Promise.all([paramsContract.licenseHash(), paramsContract.licenseURI()])) as [
      string,
      string,
    ];
  } catch (error) {
    throw notHokusaiTokenError(
      token,
      `its params contract ${params}: ${reason(error, "licenseHash()/licenseURI()")}`,
    );
  }
  let governor: string | undefined;
  try {
    governor = (await paramsContract.governor()) as string;
  } catch {
    governor = undefined;
  }
  return {
    chainId,
    hash: hash.toLowerCase(),
    uri,
    params,
    token,
    ...("modelId" in target ? { modelId: target.modelId, tokenManager: target.tokenManager } : {}),
    ...(governor === undefined ? {} : { governor }),
  };
}

function checkBytes(
  kind: "file" | "uri",
  location: string,
  bytes: Uint8Array,
  onChainHash: string,
): Omit<LicenseSource, "fetchedFrom" | "redirects" | "cid"> {
  const hash = hashLicenseBytes(bytes);
  const matches = hash === onChainHash;
  const normalisation =
    matches || onChainHash === ZeroHash ? undefined : findNormalisation(bytes, onChainHash);
  return { kind, location, size: bytes.length, hash, matches, ...(normalisation ? { normalisation } : {}) };
}

/**
 * Compares keccak256 of the license bytes (a local file, the bytes at licenseURI,
 * or both) with the on-chain licenseHash and explains a mismatch. A fetch that
 * fails throws, unless the on-chain hash is zero or the hash of the URI string,
 * where the bytes cannot change the verdict: the failure is then recorded in the
 * source.
 */
export async function verifyLicense(
  provider: Provider,
  target: LicenseTarget,
  options: VerifyLicenseOptions = {},
): Promise<VerifyLicenseResult> {
  const onChain = await readOnChainLicense(provider, target);
  const zeroHash = onChain.hash === ZeroHash;
  const uriStringHash = !zeroHash && onChain.uri !== "" && hashLicenseText(onChain.uri) === onChain.hash;
  const sources: LicenseSource[] = [];

  if (options.file !== undefined) {
    sources.push(checkBytes("file", options.file, await readLicenseFile(options.file), onChain.hash));
  }
  if (options.fetch !== false) {
    const uri = options.uri ?? onChain.uri;
    try {
      const fetched = await fetchLicense(uri, options.fetchOptions);
      sources.push({
        ...checkBytes("uri", uri, fetched.bytes, onChain.hash),
        fetchedFrom: fetched.url,
        redirects: fetched.redirects,
        ...(fetched.cid ? { cid: fetched.cid } : {}),
      });
    } catch (error) {
      if (!(error instanceof HokusaiError) || !(zeroHash || uriStringHash)) throw error;
      sources.push({
        kind: "uri",
        location: uri,
        matches: false,
        error: { code: error.code, message: error.message },
      });
    }
  }

  const verdict: LicenseVerdict =
    !zeroHash && sources.length > 0 && sources.every((s) => s.matches) ? "MATCH" : "MISMATCH";
  return {
    verdict,
    onChain,
    sources,
    diagnoses: verdict === "MATCH" ? [] : diagnose(onChain, sources, { zeroHash, uriStringHash }),
    warnings: warningsFor(onChain, sources, options.uri),
  };
}

function governance(onChain: OnChainLicense, hash: string, uri: string): string {
  const who = onChain.governor === undefined ? "governance" : `governance (the governor ${onChain.governor})`;
  return `have ${who} call setLicenseRef(${hash}, "${uri}") on the params contract ${onChain.params}`;
}

/** The hash the license bytes actually have, if a source gave them: the published bytes first. */
function bytesHash(sources: LicenseSource[]): string | undefined {
  return (sources.find((s) => s.kind === "uri" && s.hash) ?? sources.find((s) => s.hash))?.hash;
}

function describeSource(source: LicenseSource): string {
  return source.kind === "file"
    ? `the bytes of the local copy ${source.location}`
    : `the bytes at ${source.location}`;
}

function diagnose(
  onChain: OnChainLicense,
  sources: LicenseSource[],
  found: { zeroHash: boolean; uriStringHash: boolean },
): LicenseDiagnosis[] {
  const hashOfBytes = bytesHash(sources) ?? "<keccak256 of the license bytes>";
  const redeploy =
    "or redeploy the token with licenseHash = keccak256 of the exact license bytes (npx hardhat hokusai:license-hash --file <license>)";
  if (found.zeroHash) {
    return [
      {
        code: "ZERO_HASH",
        explanation:
          "the on-chain licenseHash is zero: the token was deployed without a license hash, so no bytes can match it",
        fix: `${governance(onChain, hashOfBytes, onChain.uri)}, ${redeploy}`,
      },
    ];
  }
  if (found.uriStringHash) {
    return [
      {
        code: "URI_STRING_HASH",
        explanation: `the on-chain licenseHash is keccak256 of the URI string "${onChain.uri}" itself, not of the license bytes published there (as some live tokens were deployed)`,
        fix: `${governance(onChain, hashOfBytes, onChain.uri)}, ${redeploy}`,
      },
    ];
  }
  const matching = sources.find((s) => s.matches);
  // ipfs:// names content by its hash: other bytes mean another URI, which only setLicenseRef can record.
  const republish = (bytes: string): string =>
    onChain.uri.toLowerCase().startsWith("ipfs://")
      ? `add ${bytes} to IPFS (a new CID) and ${governance(onChain, onChain.hash, "ipfs://<new cid>")}`
      : `publish ${bytes} at ${onChain.uri}`;
  return sources
    .filter((s) => !s.matches)
    .map((source): LicenseDiagnosis => {
      const what = describeSource(source);
      const anchor = governance(onChain, source.hash ?? hashOfBytes, onChain.uri);
      // The CID is the authority on what the URI names: a gateway that serves other bytes is the first suspect.
      if (source.kind === "uri" && source.cid?.status === "mismatch") {
        return {
          code: "GATEWAY_BYTES_NOT_CID",
          source: "uri",
          explanation: `the gateway served bytes that are not CID ${source.cid.cid}: ${source.cid.detail}`,
          fix: "fetch through another gateway with --ipfs-gateway <url> (config hokusai.ipfsGateway) or your own IPFS node, then rerun",
        };
      }
      if (source.normalisation !== undefined && source.normalisation.length > 0) {
        const differences = source.normalisation.map((step) => NORMALISATION_WORDING[step]).join("; and ");
        const explanation = `${what} differ from the hashed bytes only by ${differences}: the text is the same, the bytes are not`;
        return source.kind === "file"
          ? {
              code: "NORMALISATION",
              source: "file",
              explanation,
              fix: "hash the exact published bytes, not a copy that an editor or a git checkout converted (mark the license -text in .gitattributes and check it out again, or download it from licenseURI)",
            }
          : {
              code: "NORMALISATION",
              source: "uri",
              explanation,
              fix: `${republish("the exact hashed bytes")}, or ${anchor} to anchor the bytes as published`,
            };
      }
      if (source.kind === "file" && matching !== undefined) {
        return {
          code: "LOCAL_COPY_DIFFERS",
          source: "file",
          explanation: `the local copy ${source.location} differs from the published license, which matches the on-chain hash`,
          fix: "replace the local copy with the published bytes; nothing on-chain needs to change",
        };
      }
      if (source.kind === "uri" && matching !== undefined) {
        return {
          code: "PUBLISHED_BYTES_DIFFER",
          source: "uri",
          explanation: `the local copy ${matching.location} matches the on-chain hash, but ${source.location} serves other bytes`,
          fix: republish(`the exact bytes of ${matching.location}`),
        };
      }
      return {
        code: "CONTENT_DIFFERS",
        source: source.kind,
        explanation: `keccak256 of ${what} is ${source.hash}, not the on-chain ${onChain.hash}, and neither the URI string, line endings, a byte order mark nor a final newline explains it: the text differs`,
        fix: `find the exact bytes that were hashed and ${republish("them")}; if the on-chain hash is the wrong one, ${anchor}, ${redeploy}`,
      };
    });
}

function warningsFor(
  onChain: OnChainLicense,
  sources: LicenseSource[],
  override: string | undefined,
): string[] {
  const warnings: string[] = [];
  if (override !== undefined && override !== onChain.uri) {
    warnings.push(`checked --uri ${override} instead of the on-chain licenseURI ${onChain.uri}`);
  }
  for (const source of sources) {
    if (source.matches && source.cid?.status === "mismatch") {
      warnings.push(
        `the bytes match the on-chain hash, but they do not reproduce CID ${source.cid.cid} (${source.cid.detail}), so the URI may name other content`,
      );
    }
  }
  return warnings;
}
