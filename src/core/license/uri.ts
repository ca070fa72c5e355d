/** Where a license URI points: an HTTP(S) URL, a CID (and path) on IPFS, or a local file. */
import { fileURLToPath } from "url";

import { unsupportedLicenseUriError } from "../errors";

/** Where ipfs:// licenses are fetched from when no gateway is configured. */
export const DEFAULT_IPFS_GATEWAY = "https://ipfs.io";

export const SUPPORTED_LICENSE_SCHEMES = ["https", "http", "ipfs", "file"] as const;

export type LicenseLocation =
  | { kind: "http"; uri: string; url: string }
  | { kind: "ipfs"; uri: string; cid: string; path: string }
  | { kind: "file"; uri: string; path: string };

/** Splits a license URI into what the fetcher needs; an unknown scheme lists the supported ones. */
export function parseLicenseLocation(uri: string): LicenseLocation {
  const text = uri.trim();
  if (text === "") throw unsupportedLicenseUriError(uri, "is empty (no licenseURI was set)");
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) throw unsupportedLicenseUriError(uri, "is not a URI (it has no scheme)");
  if (scheme === "ipfs") return parseIpfsUri(text);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw unsupportedLicenseUriError(uri, "is not a valid URI");
  }
  if (scheme === "http" || scheme === "https") return { kind: "http", uri: text, url: url.toString() };
  if (scheme === "file") {
    try {
      return { kind: "file", uri: text, path: fileURLToPath(url) };
    } catch (error) {
      throw unsupportedLicenseUriError(uri, `is not a local file URI (${(error as Error).message})`);
    }
  }
  throw unsupportedLicenseUriError(uri, `has the unsupported scheme "${scheme}:"`);
}

/**
 * `ipfs://<cid>[/<path>]`. Parsed by hand because a WHATWG URL may lower-case the
 * authority, and base58 CIDs are case-sensitive. The legacy `ipfs://ipfs/<cid>` is
 * accepted too.
 */
function parseIpfsUri(uri: string): LicenseLocation {
  if (!/^ipfs:\/\//i.test(uri)) {
    throw unsupportedLicenseUriError(uri, "is not of the form ipfs://<cid>/<path>");
  }
  const rest = uri.slice("ipfs://".length).split(/[?#]/)[0] ?? "";
  const segments = rest.split("/").filter((s) => s !== "");
  if (segments[0] === "ipfs") segments.shift();
  const [cid, ...path] = segments;
  if (cid === undefined) throw unsupportedLicenseUriError(uri, "names no CID (expected ipfs://<cid>/<path>)");
  return { kind: "ipfs", uri, cid, path: path.map(decodeSegment).join("/") };
}

/**
 * The gateway URL of a CID and path. A gateway containing `{cid}` is a template
 * (`{path}` is replaced by "/<path>" or nothing); otherwise `/ipfs/<cid>/<path>` is
 * appended, the path form every public gateway serves.
 */
export function ipfsGatewayUrl(gateway: string, cid: string, path: string): string {
  const encodedPath = path === "" ? "" : "/" + path.split("/").map(encodeURIComponent).join("/");
  if (gateway.includes("{cid}")) {
    return gateway.replace("{cid}", cid).replace("{path}", encodedPath);
  }
  return `${gateway.replace(/\/+$/, "")}/ipfs/${cid}${encodedPath}`;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
