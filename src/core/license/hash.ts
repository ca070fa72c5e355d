/**
 * The license hash of the guide's step 2: keccak256 of the exact bytes published
 * at licenseURI. For UTF-8 text this equals the guide's keccak256(toUtf8Bytes(text)).
 */
import { readFile, stat } from "fs/promises";

import { keccak256, toUtf8Bytes } from "ethers";

import {
  licenseFileEmptyError,
  licenseFileIsDirectoryError,
  licenseFileNotFoundError,
  licenseFileUnreadableError,
} from "../errors";

/** keccak256 of the exact bytes, as a 0x-prefixed lower-case hex string. */
export function hashLicenseBytes(bytes: Uint8Array): string {
  return keccak256(bytes);
}

/** keccak256 of the UTF-8 encoding of `text`: the guide's `keccak256(toUtf8Bytes(licenseText))`. */
export function hashLicenseText(text: string): string {
  return keccak256(toUtf8Bytes(text));
}

/**
 * The bytes of a license file, exactly as stored (no decoding, no newline
 * conversion). A missing file, a directory or an empty file is an error that says
 * what to pass instead.
 */
export async function readLicenseFile(file: string, field = "file"): Promise<Uint8Array> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(file)).isDirectory();
  } catch (error) {
    throw fileError(file, error, field);
  }
  if (isDirectory) throw licenseFileIsDirectoryError(file, field);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw fileError(file, error, field);
  }
  if (bytes.length === 0) throw licenseFileEmptyError(file, field);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function fileError(file: string, error: unknown, field: string): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT" || code === "ENOTDIR") return licenseFileNotFoundError(file, field);
  if (code === "EISDIR") return licenseFileIsDirectoryError(file, field);
  return licenseFileUnreadableError(
    file,
    code ?? (error instanceof Error ? error.message : String(error)),
    field,
  );
}

/** What a person should know about a license's bytes before publishing them. */
export interface LicenseByteTraits {
  /** Number of CRLF line endings. */
  crlf: number;
  /** Number of bare LF line endings. */
  lf: number;
  /** Starts with the UTF-8 byte order mark EF BB BF. */
  bom: boolean;
  /** Ends with a newline (LF or CRLF). */
  trailingNewline: boolean;
  /** Decodes as UTF-8. */
  utf8: boolean;
}

export function describeLicenseBytes(bytes: Uint8Array): LicenseByteTraits {
  let crlf = 0;
  let lf = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    if (i > 0 && bytes[i - 1] === 0x0d) crlf++;
    else lf++;
  }
  let utf8 = true;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    utf8 = false;
  }
  return {
    crlf,
    lf,
    bom: bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf,
    trailingNewline: bytes.length > 0 && bytes[bytes.length - 1] === 0x0a,
    utf8,
  };
}

export type LicenseHashInput = { file: string } | { text: string };

export interface LicenseHashResult {
  /** The file hashed, or undefined for --text. */
  file?: string;
  /** Byte length of what was hashed. */
  size: number;
  /** keccak256, the value for InitialParams.licenseHash. */
  hash: string;
  traits: LicenseByteTraits;
}

/** The guide's step 2 for a file's exact bytes or for a string's UTF-8 bytes. */
export async function hashLicense(input: LicenseHashInput): Promise<LicenseHashResult> {
  const bytes = "file" in input ? await readLicenseFile(input.file) : toUtf8Bytes(input.text);
  return {
    ...("file" in input ? { file: input.file } : {}),
    size: bytes.length,
    hash: hashLicenseBytes(bytes),
    traits: describeLicenseBytes(bytes),
  };
}
