/** Errors of license files, fetching and verification. */
import { fieldRef, HokusaiError, msg, templateParts } from "./error";

const f = fieldRef;

export function licenseFileNotFoundError(file: string, field = "file"): HokusaiError {
  return new HokusaiError(
    "licenseFileNotFound",
    msg`license file ${file} does not exist; pass the path of the exact file you publish at licenseURI, e.g. ${f(field)} ./LICENSE.md`,
    { field },
  );
}

export function licenseFileIsDirectoryError(file: string, field = "file"): HokusaiError {
  return new HokusaiError(
    "licenseFileIsDirectory",
    msg`license file ${file} is a directory; pass the license file itself, e.g. ${f(field)} ${file.replace(/\/+$/, "")}/LICENSE.md`,
    { field },
  );
}

export function licenseFileEmptyError(file: string, field = "file"): HokusaiError {
  return new HokusaiError(
    "licenseFileEmpty",
    `license file ${file} is empty (0 bytes), and a hash of nothing proves nothing; write the license text into it, or pass the file you publish at licenseURI`,
    { field },
  );
}

export function licenseFileUnreadableError(file: string, reason: string, field = "file"): HokusaiError {
  return new HokusaiError(
    "licenseFileUnreadable",
    `cannot read license file ${file} (${reason}); check its permissions, or copy it somewhere readable`,
    { field },
  );
}

export function unsupportedLicenseUriError(uri: string, reason: string): HokusaiError {
  return new HokusaiError(
    "unsupportedLicenseUri",
    msg`license URI "${uri}" ${reason}; supported are https://, http://, ipfs://<cid>[/path] and file://. Pass ${f("uri")} with a URI of one of these kinds where the license is published`,
  );
}

export function invalidIpfsCidError(uri: string, cid: string): HokusaiError {
  return new HokusaiError(
    "invalidIpfsCid",
    msg`"${cid}" in license URI "${uri}" is not an IPFS CID (expected e.g. Qm... or bafy...); pass ${f("uri")} ipfs://<cid>/<path> with the CID printed by \`ipfs add\``,
  );
}

export function licenseHostNotFoundError(url: string, host: string): HokusaiError {
  return new HokusaiError(
    "licenseHostNotFound",
    msg`cannot fetch ${url}: the host name ${host} does not resolve (DNS); check the spelling of the URI and your network, or pass ${f("uri")} with where the license is published`,
  );
}

export function licenseConnectionError(url: string, reason: string): HokusaiError {
  return new HokusaiError(
    "licenseConnection",
    msg`cannot fetch ${url}: ${reason}; check that the server is up and the URI is right, then rerun (or pass ${f("uri")} with a mirror)`,
  );
}

export class LicenseHttpStatusError extends HokusaiError {
  constructor(
    url: string,
    public readonly status: number,
    statusText: string,
    fix: string,
  ) {
    super("licenseHttpStatus", [
      `${url} answered HTTP ${status}${statusText === "" ? "" : ` ${statusText}`}; `,
      ...templateParts(fix),
    ]);
  }
}

export function licenseTooLargeError(url: string, maxBytes: number, declared?: number): HokusaiError {
  const size = declared === undefined ? `more than ${maxBytes} bytes` : `${declared} bytes`;
  return new HokusaiError(
    "licenseTooLarge",
    msg`${url} serves ${size}, above the cap of ${maxBytes} bytes; a license is usually a few kilobytes, so check the URI names the license text itself, or raise the cap with ${f("maxBytes")}`,
  );
}

export function licenseFetchTimeoutError(url: string, timeoutMs: number): HokusaiError {
  return new HokusaiError(
    "licenseFetchTimeout",
    msg`${url} did not deliver the license within ${timeoutMs / 1000} s; the server is slow or unreachable: rerun with a longer ${f("timeout")} (seconds), or pass ${f("uri")} with a mirror`,
  );
}

export function licenseRedirectError(url: string, problem: string): HokusaiError {
  return new HokusaiError(
    "licenseRedirect",
    msg`${url} ${problem}; fix the server's redirects, or pass ${f("uri")} with the final address of the license`,
  );
}

export function licenseFetchError(url: string, reason: string): HokusaiError {
  return new HokusaiError(
    "licenseFetch",
    `cannot fetch ${url} (${reason}); check the URI and your network, then rerun`,
  );
}

export function notHokusaiTokenError(address: string, reason: string): HokusaiError {
  return new HokusaiError(
    "notHokusaiToken",
    msg`${address} does not look like a Hokusai model token (${reason}); pass the token address (TokenManager.getTokenAddress(modelId)), or ${f("modelId")} instead`,
  );
}

export function nothingToVerifyError(): HokusaiError {
  return new HokusaiError(
    "nothingToVerify",
    msg`${f("noFetch")} leaves nothing to check; pass ${f("file")} <path> with a local copy of the license, or drop ${f("noFetch")} to fetch licenseURI`,
  );
}

export function publishedLicenseMismatchError(
  uri: string,
  fileHash: string,
  publishedHash: string,
  explanation: string,
): HokusaiError {
  return new HokusaiError(
    "publishedLicenseMismatch",
    msg`the license published at ${uri} hashes to ${publishedHash}, not to ${fileHash} of ${f("licenseFile")}${explanation}; publish the exact bytes of the file (or pass the published file), then rerun`,
  );
}
