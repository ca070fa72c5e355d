/** License hashing, fetching and verification: plain functions over an ethers Provider. */
export {
  describeLicenseBytes,
  hashLicense,
  hashLicenseBytes,
  hashLicenseText,
  readLicenseFile,
} from "./hash";
export type { LicenseByteTraits, LicenseHashInput, LicenseHashResult } from "./hash";
export {
  DEFAULT_FETCH_TIMEOUT_MS,
  DEFAULT_MAX_LICENSE_BYTES,
  DEFAULT_MAX_REDIRECTS,
  classifyFetchError,
  fetchLicense,
} from "./fetch";
export type { FetchLike, FetchedLicense, LicenseFetchOptions } from "./fetch";
export { checkCid, parseCid } from "./ipfs";
export type { CidCheck, CidCheckStatus } from "./ipfs";
export { findNormalisation, NORMALISATION_WORDING } from "./normalize";
export type { NormalisationStep } from "./normalize";
export { SUPPORTED_LICENSE_SCHEMES, ipfsGatewayUrl, parseLicenseLocation } from "./uri";
export type { LicenseLocation } from "./uri";
export { readOnChainLicense, verifyLicense } from "./verify";
export type {
  LicenseDiagnosis,
  LicenseDiagnosisCode,
  LicenseSource,
  LicenseTarget,
  LicenseVerdict,
  OnChainLicense,
  VerifyLicenseOptions,
  VerifyLicenseResult,
} from "./verify";
export { parseVerifyLicenseRequest } from "./args";
export type { ParsedVerifyLicenseRequest, VerifyLicenseRequest } from "./args";
