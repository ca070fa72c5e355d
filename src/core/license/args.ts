/**
 * Checks the inputs of a license verification before anything is read, and names
 * the input in every error, so that the task and `hre.hokusai` fail alike.
 */
import {
  conflictingOptionsError,
  fieldRef,
  invalidInput,
  missingInput,
  msg,
  nothingToVerifyError,
} from "../errors";
import { parseAddress, parseModelId } from "../validate";
import { parseLicenseLocation } from "./uri";
import type { VerifyLicenseOptions } from "./verify";

/** What a caller may pass; every field is checked by parseVerifyLicenseRequest. */
export interface VerifyLicenseRequest {
  /** Looked up through the TokenManager. */
  modelId?: string;
  /** The token address, instead of modelId. */
  token?: string;
  /** Needed with modelId; the Hardhat faces resolve it from config when absent. */
  tokenManager?: string;
  /** A local copy of the license. */
  file?: string;
  /** Fetch this URI instead of the on-chain licenseURI. */
  uri?: string;
  /** Fetch the URI (default true). */
  fetch?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  ipfsGateway?: string;
}

export interface ParsedVerifyLicenseRequest {
  by: { modelId: string } | { token: string };
  tokenManager?: string;
  options: VerifyLicenseOptions;
}

const MAX_TIMEOUT_MS = 3_600_000;

function positiveInteger(
  field: string,
  value: number | undefined,
  max: number,
  rule: string,
): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw invalidInput("invalidLicenseLimit", field, String(value), rule);
  }
  return value;
}

export function parseVerifyLicenseRequest(request: VerifyLicenseRequest): ParsedVerifyLicenseRequest {
  const given = (v: string | undefined): v is string => v !== undefined && v !== "";
  if (given(request.modelId) && given(request.token)) {
    throw conflictingOptionsError(
      "modelId",
      "token",
      msg`pass ${fieldRef("modelId")} to look the token up through the TokenManager, or ${fieldRef("token")} to name it directly`,
    );
  }
  let by: ParsedVerifyLicenseRequest["by"];
  if (given(request.token)) by = { token: parseAddress("token", request.token) };
  else if (given(request.modelId)) by = { modelId: parseModelId("modelId", request.modelId) };
  else {
    throw missingInput(
      "modelId",
      msg`pass ${fieldRef("modelId")} <id> (looked up through the TokenManager) or ${fieldRef("token")} 0x... (the token address)`,
      "token",
    );
  }
  const fetch = request.fetch !== false;
  if (!fetch && !given(request.file)) throw nothingToVerifyError();
  if (!fetch && given(request.uri)) {
    throw conflictingOptionsError(
      "noFetch",
      "uri",
      msg`${fieldRef("uri")} names what to fetch, so drop one of them`,
    );
  }
  if (given(request.uri)) parseLicenseLocation(request.uri);
  if (request.timeoutMs !== undefined && !(request.timeoutMs > 0 && request.timeoutMs <= MAX_TIMEOUT_MS)) {
    throw invalidInput(
      "invalidLicenseLimit",
      "timeout",
      String(request.timeoutMs / 1000),
      "must be a number of seconds above 0 and at most 3600",
    );
  }
  const maxBytes = positiveInteger(
    "maxBytes",
    request.maxBytes,
    Number.MAX_SAFE_INTEGER,
    "must be a whole number of bytes, at least 1",
  );
  const maxRedirects = request.maxRedirects;
  if (
    maxRedirects !== undefined &&
    !(Number.isInteger(maxRedirects) && maxRedirects >= 0 && maxRedirects <= 20)
  ) {
    throw invalidInput(
      "invalidLicenseLimit",
      "maxRedirects",
      String(maxRedirects),
      "must be a whole number from 0 to 20",
    );
  }
  if (given(request.ipfsGateway) && !/^https?:\/\/[^/]/i.test(request.ipfsGateway)) {
    throw invalidInput(
      "invalidLicenseLimit",
      "ipfsGateway",
      request.ipfsGateway,
      "expected an http(s) URL such as https://ipfs.io (or a template with {cid} and {path})",
    );
  }
  return {
    by,
    ...(given(request.tokenManager)
      ? { tokenManager: parseAddress("tokenManager", request.tokenManager) }
      : {}),
    options: {
      ...(given(request.file) ? { file: request.file } : {}),
      ...(given(request.uri) ? { uri: request.uri } : {}),
      fetch,
      fetchOptions: {
        ...(request.timeoutMs === undefined ? {} : { timeoutMs: request.timeoutMs }),
        ...(maxBytes === undefined ? {} : { maxBytes }),
        ...(maxRedirects === undefined ? {} : { maxRedirects }),
        ...(given(request.ipfsGateway) ? { ipfsGateway: request.ipfsGateway.replace(/\/+$/, "") } : {}),
      },
    },
  };
}
