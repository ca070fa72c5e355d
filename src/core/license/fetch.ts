/**
 * Fetches the bytes published at a license URI: https:// and http:// with Node's
 * fetch (redirects followed by hand, with a limit), ipfs:// through a gateway with
 * the bytes checked against the CID, and file://. Every failure is a
 * HokusaiError that names the URL and the fix.
 */
import {
  HokusaiError,
  licenseConnectionError,
  licenseFetchError,
  licenseFetchTimeoutError,
  licenseHostNotFoundError,
  LicenseHttpStatusError,
  licenseRedirectError,
  licenseTooLargeError,
} from "../errors";
import { readLicenseFile } from "./hash";
import { checkCid, parseCid, type CidCheck } from "./ipfs";
import { DEFAULT_IPFS_GATEWAY, ipfsGatewayUrl, parseLicenseLocation } from "./uri";

export { DEFAULT_IPFS_GATEWAY };

export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;
/** A license is a few kilobytes; a megabyte is room enough and stops a wrong URI early. */
export const DEFAULT_MAX_LICENSE_BYTES = 1_048_576;
export const DEFAULT_MAX_REDIRECTS = 5;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface LicenseFetchOptions {
  /** For the whole fetch: connection, redirects and body. Default 30 s. */
  timeoutMs?: number;
  /** Largest body accepted, counted while it streams. Default 1 MiB. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Gateway for ipfs:// URIs: a base URL, or a template with `{cid}` and `{path}`. Default https://ipfs.io */
  ipfsGateway?: string;
  /** Stands in for Node's global fetch (tests). */
  fetch?: FetchLike;
}

export interface FetchedLicense {
  /** The URI as asked for. */
  uri: string;
  kind: "http" | "ipfs" | "file";
  /** Where the bytes came from: the last URL after the gateway and redirects, or the file path. */
  url: string;
  /** The URLs redirected to, in order. */
  redirects: string[];
  bytes: Uint8Array;
  /** ipfs:// only: whether the bytes are the ones the CID names. */
  cid?: CidCheck;
}

/** Fetches the exact bytes at a license URI (the body as delivered, after any content-encoding). */
export async function fetchLicense(uri: string, options: LicenseFetchOptions = {}): Promise<FetchedLicense> {
  const location = parseLicenseLocation(uri);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_LICENSE_BYTES;
  if (location.kind === "file") {
    const bytes = await readLicenseFile(location.path);
    if (bytes.length > maxBytes) throw licenseTooLargeError(uri, maxBytes, bytes.length);
    return { uri: location.uri, kind: "file", url: location.path, redirects: [], bytes };
  }
  if (location.kind === "http") {
    const got = await fetchHttp(location.url, options);
    return { uri: location.uri, kind: "http", ...got };
  }
  // Reject a malformed CID before asking a gateway about it.
  await parseCid(location.uri, location.cid);
  const gatewayUrl = ipfsGatewayUrl(options.ipfsGateway ?? DEFAULT_IPFS_GATEWAY, location.cid, location.path);
  const got = await fetchHttp(gatewayUrl, options, location.uri);
  const cid = await checkCid(location.uri, location.cid, location.path, got.bytes);
  return { uri: location.uri, kind: "ipfs", ...got, cid };
}

interface HttpResult {
  url: string;
  redirects: string[];
  bytes: Uint8Array;
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

/**
 * GET with redirects followed by hand (so that loops and their length are ours to
 * report), one deadline for the whole exchange and the size cap enforced while the
 * body streams. `ipfsUri` marks a gateway fetch, for the wording of the fixes.
 */
async function fetchHttp(url: string, options: LicenseFetchOptions, ipfsUri?: string): Promise<HttpResult> {
  const fetchImpl: FetchLike = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_LICENSE_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const signal = AbortSignal.timeout(timeoutMs);
  const label = (u: string) => (ipfsUri === undefined ? u : `${u} (gateway for ${ipfsUri})`);
  const redirects: string[] = [];
  let current = url;
  for (;;) {
    let response: Response;
    try {
      response = await fetchImpl(current, {
        redirect: "manual",
        signal,
        headers: { accept: "text/plain, text/markdown, text/*;q=0.9, */*;q=0.8" },
      });
    } catch (error) {
      throw classifyFetchError(error, label(current), signal, timeoutMs);
    }
    if (isRedirect(response.status)) {
      discard(response);
      current = nextHop(url, current, response, redirects, maxRedirects);
      continue;
    }
    if (!response.ok) {
      discard(response);
      throw new LicenseHttpStatusError(
        label(current),
        response.status,
        response.statusText,
        statusFix(response.status, ipfsUri !== undefined),
      );
    }
    const declared = Number(response.headers.get("content-length") ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      discard(response);
      throw licenseTooLargeError(label(current), maxBytes, declared);
    }
    const bytes = await readCapped(response, label(current), maxBytes, signal, timeoutMs);
    if (bytes.length === 0) {
      throw licenseFetchError(
        label(current),
        `it answered HTTP ${response.status} with an empty body: no license is published there`,
      );
    }
    return { url: current, redirects, bytes };
  }
}

/** The URL a redirect points to, after the checks for a missing Location, a loop and the limit. */
function nextHop(
  first: string,
  current: string,
  response: Response,
  seen: string[],
  maxRedirects: number,
): string {
  const location = response.headers.get("location");
  if (location === null || location === "") {
    throw licenseRedirectError(
      current,
      `answered HTTP ${response.status} (a redirect) without a Location header`,
    );
  }
  let next: string;
  try {
    next = new URL(location, current).toString();
  } catch {
    throw licenseRedirectError(current, `redirects to "${location}", which is not a URL`);
  }
  const chain = [first, ...seen, next].join(" -> ");
  if (next === first || seen.includes(next))
    throw licenseRedirectError(first, `redirects in a loop (${chain})`);
  if (!/^https?:$/.test(new URL(next).protocol)) {
    throw licenseRedirectError(current, `redirects to ${next}, which is not an http(s) URL`);
  }
  if (seen.length >= maxRedirects) {
    throw licenseRedirectError(first, `redirects more than ${maxRedirects} times (${chain})`);
  }
  seen.push(next);
  return next;
}

async function readCapped(
  response: Response,
  label: string,
  maxBytes: number,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        reader.cancel().catch(() => undefined);
        throw licenseTooLargeError(label, maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof HokusaiError) throw error;
    throw classifyFetchError(error, label, signal, timeoutMs);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function statusFix(status: number, gateway: boolean): string {
  const otherGateway = "or use another gateway with {ipfsGateway} (config hokusai.ipfsGateway)";
  if (status === 404 || status === 410) {
    return gateway
      ? `the gateway cannot find the content: check that the CID and path are right and the file is pinned, ${otherGateway}`
      : "the license is not published there: publish the exact license bytes at this URL, or pass {uri} with where it is published";
  }
  if (status === 401 || status === 403) {
    return "the server refuses to serve it: a licenseURI must be readable by anyone, so publish the license where it is";
  }
  if (status === 429)
    return `the server limits requests: wait and rerun${gateway ? `, ${otherGateway}` : ""}`;
  if (status >= 500) {
    return gateway
      ? `the gateway failed (gateways answer 502/504 when they cannot find a CID in time): rerun later, check the file is pinned, ${otherGateway}`
      : "the server failed: rerun later, or pass {uri} with a mirror";
  }
  return "check the URI, or pass {uri} with where the license is published";
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url.split(" ")[0]).host;
  } catch {
    return url;
  }
}

/**
 * Names the failure of a fetch: undici rejects with `TypeError: fetch failed` and
 * puts the system error (ENOTFOUND, ECONNREFUSED, ...) in `cause`.
 */
export function classifyFetchError(
  error: unknown,
  label: string,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): HokusaiError {
  const name = (error as { name?: unknown } | undefined)?.name;
  if (signal?.aborted === true || name === "TimeoutError" || name === "AbortError") {
    return licenseFetchTimeoutError(label, timeoutMs);
  }
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  const code = errorCode(cause) ?? errorCode(error);
  const host = hostOf(label);
  switch (code) {
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_NONAME":
    case "EAI_FAIL":
      return licenseHostNotFoundError(label, host);
    case "ECONNREFUSED":
      return licenseConnectionError(label, `${host} refused the connection`);
    case "ECONNRESET":
    case "EPIPE":
    case "UND_ERR_SOCKET":
    case "UND_ERR_CLOSED":
      return licenseConnectionError(label, `${host} closed the connection before the license was received`);
    case "UND_ERR_CONNECT_TIMEOUT":
    case "ETIMEDOUT":
      return licenseConnectionError(label, `no connection to ${host} could be made in time`);
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return licenseConnectionError(label, `${host} is unreachable from this machine`);
    default:
      break;
  }
  if (code !== undefined && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return licenseConnectionError(label, `the TLS certificate of ${host} was rejected (${code})`);
  }
  const message = error instanceof Error ? error.message : String(error);
  const detail = cause instanceof Error ? `${message}: ${cause.message}` : message;
  return licenseFetchError(label, code === undefined ? detail : `${detail} [${code}]`);
}
