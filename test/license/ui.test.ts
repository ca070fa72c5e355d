/** The printed forms, as strings. */
import { expect } from "chai";

import type { LicenseHashResult, VerifyLicenseResult } from "../../src/core/license";
import {
  formatLicenseHash,
  formatVerifyLicense,
  licenseHashJson,
  licenseHashNotes,
  verifyLicenseJson,
  verifyLicenseWarnings,
} from "../../src/ui/license";

const HASH = `0x${"ab".repeat(32)}`;
const OTHER = `0x${"cd".repeat(32)}`;
const TOKEN = `0x${"11".repeat(20)}`;
const PARAMS = `0x${"22".repeat(20)}`;
const MANAGER = `0x${"33".repeat(20)}`;

const traits = { crlf: 0, lf: 3, bom: false, trailingNewline: true, utf8: true };

function result(overrides: Partial<VerifyLicenseResult> = {}): VerifyLicenseResult {
  return {
    verdict: "MATCH",
    onChain: {
      chainId: 31337,
      hash: HASH,
      uri: "ipfs://QmX/license.md",
      params: PARAMS,
      token: TOKEN,
      modelId: "sentiment-v2",
      tokenManager: MANAGER,
    },
    sources: [
      {
        kind: "uri",
        location: "ipfs://QmX/license.md",
        fetchedFrom: "https://ipfs.io/ipfs/QmX/license.md",
        redirects: [],
        size: 97,
        hash: HASH,
        matches: true,
        cid: { cid: "QmX", path: "license.md", status: "not-checked", detail: "CID not checked: path (...)" },
      },
    ],
    diagnoses: [],
    warnings: [],
    ...overrides,
  };
}

describe("license output", function () {
  it("license-hash: one sentence, and notes only for what needs noting", function () {
    const plain: LicenseHashResult = { file: "LICENSE.md", size: 97, hash: HASH, traits };
    expect(formatLicenseHash(plain)).to.equal(`keccak256 of LICENSE.md (97 bytes): ${HASH}`);
    expect(formatLicenseHash({ size: 1, hash: HASH, traits })).to.equal(
      `keccak256 of the text (1 byte): ${HASH}`,
    );
    expect(licenseHashNotes(plain)).to.deep.equal([]);
    const odd = licenseHashNotes({
      ...plain,
      traits: { crlf: 2, lf: 1, bom: true, trailingNewline: false, utf8: false },
    });
    expect(odd).to.have.length(4);
    expect(odd[0]).to.equal(
      "LICENSE.md has 2 CRLF line endings and 1 LF line ending; the hash covers them, so publish exactly these bytes (git's autocrlf or an editor may convert them)",
    );
    expect(licenseHashJson(plain)).to.deep.equal({
      version: 1,
      hash: HASH,
      size: 97,
      source: "file",
      file: "LICENSE.md",
      traits,
    });
  });

  it("verify-license MATCH: the on-chain reference, each source and the verdict", function () {
    expect(formatVerifyLicense(result())).to.equal(
      [
        'License of model "sentiment-v2" on chain 31337:',
        `  TokenManager  ${MANAGER}`,
        `  token         ${TOKEN}`,
        `  params        ${PARAMS}`,
        `  licenseHash   ${HASH}`,
        "  licenseURI    ipfs://QmX/license.md",
        "",
        "Checked:",
        "  uri  ipfs://QmX/license.md",
        "        fetched from https://ipfs.io/ipfs/QmX/license.md",
        `        97 bytes, keccak256 ${HASH}: matches the on-chain licenseHash`,
        "        CID not checked: path (...)",
        "",
        `MATCH: keccak256 of the license bytes equals the on-chain licenseHash ${HASH}.`,
      ].join("\n"),
    );
  });

  it("verify-license MISMATCH: each diagnosis with its fix; warnings apart", function () {
    const text = formatVerifyLicense(
      result({
        verdict: "MISMATCH",
        onChain: { chainId: 1, hash: HASH, uri: "https://hokus.ai/terms", params: PARAMS, token: TOKEN },
        sources: [
          {
            kind: "uri",
            location: "https://hokus.ai/terms",
            matches: false,
            error: { code: "HOK510", message: "HOK510: cannot fetch" },
          },
          { kind: "file", location: "LICENSE.md", size: 10, hash: OTHER, matches: false },
        ],
        diagnoses: [{ code: "URI_STRING_HASH", explanation: "because", fix: "do this" }],
        warnings: ["careful"],
      }),
    );
    expect(text).to.contain(`License of token ${TOKEN} on chain 1:`);
    expect(text).to.contain("        not fetched: HOK510: cannot fetch");
    expect(text).to.contain(`        10 bytes, keccak256 ${OTHER}: differs from ${HASH}`);
    expect(text).to.match(
      /MISMATCH: the license bytes do not hash to the on-chain licenseHash\.\n {2}Diagnosis \(URI_STRING_HASH\): because\.\n {2}Fix: do this\.$/,
    );
    expect(text).to.not.contain("careful");
    expect(verifyLicenseWarnings(result({ warnings: ["careful"] }))).to.deep.equal(["Warning: careful."]);
  });

  it("verify-license JSON: the result with version 1", function () {
    const json = verifyLicenseJson(result()) as Record<string, unknown>;
    expect(json.version).to.equal(1);
    expect(json.verdict).to.equal("MATCH");
    expect(JSON.parse(JSON.stringify(json))).to.deep.equal(json);
  });
});
