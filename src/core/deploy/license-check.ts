/**
 * The guide's first best practice, before sending: the bytes published at the
 * license URI must be the license file's.
 */
import { publishedLicenseMismatchError } from "../errors";
import { fetchLicense } from "../license/fetch";
import { hashLicenseBytes } from "../license/hash";
import { findNormalisation, NORMALISATION_WORDING } from "../license/normalize";

/**
 * Local URIs (file://, loopback http) are always checked; others only off development
 * chains, where the license is usually not published yet. An unreachable URI is a
 * warning, different bytes an error.
 */
export async function checkPublishedLicense(
  uri: string,
  fileBytes: Uint8Array,
  options: { dev: boolean; ipfsGateway: string },
): Promise<{ warning: boolean; text: string }> {
  const url = new URL(uri);
  const local =
    url.protocol === "file:" ||
    (/^https?:$/.test(url.protocol) && /^(127\.|localhost$|\[::1\]$)/.test(url.hostname));
  if (options.dev && !local) {
    return {
      warning: false,
      text: `Not fetching ${uri} on a development chain; check it later with hokusai:verify-license.`,
    };
  }
  let published: Uint8Array;
  try {
    published = (await fetchLicense(uri, { ipfsGateway: options.ipfsGateway, timeoutMs: 15_000 })).bytes;
  } catch (error) {
    return {
      warning: true,
      text: `could not fetch the published license to compare (${(error as Error).message}); once it is published, run hokusai:verify-license`,
    };
  }
  const fileHash = hashLicenseBytes(fileBytes);
  const publishedHash = hashLicenseBytes(published);
  if (fileHash !== publishedHash) {
    const steps = findNormalisation(published, fileHash);
    const explanation =
      steps === undefined
        ? ""
        : ` (the published bytes differ only by ${steps.map((st) => NORMALISATION_WORDING[st]).join(" and ")})`;
    throw publishedLicenseMismatchError(uri, fileHash, publishedHash, explanation);
  }
  return { warning: false, text: `The license published at ${uri} matches the license file (${fileHash}).` };
}
