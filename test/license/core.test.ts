/** The pure parts: hashing, reading a license file, URIs, normalisation, CID checks. */
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";
import { keccak256, toUtf8Bytes } from "ethers";

import {
  checkCid,
  describeLicenseBytes,
  findNormalisation,
  hashLicense,
  hashLicenseBytes,
  hashLicenseText,
  ipfsGatewayUrl,
  parseLicenseLocation,
  parseVerifyLicenseRequest,
  readLicenseFile,
} from "../../src/core/license";
import { HokusaiError } from "../../src/core/errors";
import { flagNamer, HokusaiPluginError, toPluginError } from "../../src/errors";
import { CRLF_LICENSE_BYTES, LICENSE_BYTES, LICENSE_TEXT, cidV0OfSmallFile, cidV1Raw } from "./helpers";

const HELLO = new TextEncoder().encode("hello\n");
/** `echo hello | ipfs add` prints this CID; it appears throughout the IPFS docs. */
const HELLO_CID_V0 = "QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN";

/** The core's error, as a task shows it (fields named by their flags). */
async function rejection(promise: Promise<unknown>): Promise<HokusaiPluginError> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(HokusaiError);
    return toPluginError(error, flagNamer) as HokusaiPluginError;
  }
  throw new Error("expected a rejection");
}

function thrown(fn: () => unknown): HokusaiPluginError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(HokusaiError);
    return toPluginError(error, flagNamer) as HokusaiPluginError;
  }
  throw new Error("expected an error");
}

describe("license core", function () {
  let dir: string;

  before(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-license-core-"));
  });

  after(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe("hashing", function () {
    it("hashes bytes exactly as the guide's keccak256(toUtf8Bytes(text)) does", function () {
      const guide = keccak256(toUtf8Bytes(LICENSE_TEXT));
      expect(hashLicenseBytes(LICENSE_BYTES)).to.equal(guide);
      expect(hashLicenseText(LICENSE_TEXT)).to.equal(guide);
      expect(hashLicenseBytes(CRLF_LICENSE_BYTES)).to.not.equal(guide);
    });

    it("hashes non-ASCII text as UTF-8 and a file byte for byte", async function () {
      const text = "Lizenz: Nutzung gemäß § 3 — 許可\n";
      const file = path.join(dir, "utf8.md");
      fs.writeFileSync(file, text, "utf8");
      const result = await hashLicense({ file });
      expect(result.hash).to.equal(keccak256(toUtf8Bytes(text)));
      expect(result.size).to.equal(Buffer.byteLength(text, "utf8"));
      expect((await hashLicense({ text })).hash).to.equal(result.hash);
    });

    it("describes line endings, a BOM, the final newline and non-UTF-8 bytes", function () {
      expect(describeLicenseBytes(LICENSE_BYTES)).to.deep.equal({
        crlf: 0,
        lf: 3,
        bom: false,
        trailingNewline: true,
        utf8: true,
      });
      const odd = Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a, 0x62, 0xff]);
      expect(describeLicenseBytes(odd)).to.deep.equal({
        crlf: 1,
        lf: 0,
        bom: true,
        trailingNewline: false,
        utf8: false,
      });
    });
  });

  describe("reading a license file", function () {
    it("returns the exact bytes, CRLF and all", async function () {
      const file = path.join(dir, "crlf.md");
      fs.writeFileSync(file, CRLF_LICENSE_BYTES);
      expect(Buffer.from(await readLicenseFile(file)).equals(Buffer.from(CRLF_LICENSE_BYTES))).to.be.true;
    });

    it("rejects a missing file with HOK501 and the flag to pass", async function () {
      const error = await rejection(readLicenseFile(path.join(dir, "missing.md")));
      expect(error.code).to.equal("HOK501");
      expect(error.message).to.match(/missing\.md does not exist; pass .*--file/);
    });

    it("rejects a directory with HOK502", async function () {
      const error = await rejection(readLicenseFile(dir));
      expect(error.code).to.equal("HOK502");
      expect(error.message).to.contain("is a directory");
    });

    it("names the input its caller reads the file from", async function () {
      const missing = await rejection(readLicenseFile(path.join(dir, "missing.md"), "licenseFile"));
      expect(missing.message).to.match(/e\.g\. --license-file \.\/LICENSE\.md$/);
      const directory = await rejection(readLicenseFile(dir, "licenseFile"));
      expect(directory.message).to.contain("e.g. --license-file ");
    });

    it("rejects an empty file with HOK503", async function () {
      const file = path.join(dir, "empty.md");
      fs.writeFileSync(file, "");
      const error = await rejection(readLicenseFile(file));
      expect(error.code).to.equal("HOK503");
      expect(error.message).to.contain("is empty (0 bytes)");
    });
  });

  describe("license URIs", function () {
    it("parses https, http, file and ipfs URIs, keeping the CID's case", function () {
      expect(parseLicenseLocation("https://hokus.ai/terms")).to.deep.include({ kind: "http" });
      expect(parseLicenseLocation("http://127.0.0.1:1/x")).to.deep.include({ kind: "http" });
      expect(parseLicenseLocation(`file://${dir}/a.md`)).to.deep.include({
        kind: "file",
        path: `${dir}/a.md`,
      });
      expect(parseLicenseLocation(`ipfs://${HELLO_CID_V0}/docs/license.md`)).to.deep.include({
        kind: "ipfs",
        cid: HELLO_CID_V0,
        path: "docs/license.md",
      });
      expect(parseLicenseLocation(`ipfs://ipfs/${HELLO_CID_V0}`)).to.deep.include({
        cid: HELLO_CID_V0,
        path: "",
      });
    });

    it("rejects an unknown scheme with HOK505, listing the supported ones", function () {
      const error = thrown(() => parseLicenseLocation("ar://abc"));
      expect(error.code).to.equal("HOK505");
      expect(error.message).to.contain('unsupported scheme "ar:"');
      expect(error.message).to.contain("https://, http://, ipfs://<cid>[/path] and file://");
      expect(thrown(() => parseLicenseLocation("license.md")).message).to.contain("has no scheme");
      expect(thrown(() => parseLicenseLocation("")).message).to.contain("is empty (no licenseURI was set)");
    });

    it("builds gateway URLs from a base or a template", function () {
      expect(ipfsGatewayUrl("https://ipfs.io/", "Qm1", "")).to.equal("https://ipfs.io/ipfs/Qm1");
      expect(ipfsGatewayUrl("https://ipfs.io", "Qm1", "a b/c.md")).to.equal(
        "https://ipfs.io/ipfs/Qm1/a%20b/c.md",
      );
      expect(ipfsGatewayUrl("https://{cid}.ipfs.dweb.link{path}", "bafy1", "c.md")).to.equal(
        "https://bafy1.ipfs.dweb.link/c.md",
      );
    });
  });

  describe("normalisation", function () {
    const expected = hashLicenseBytes(LICENSE_BYTES);

    it("finds CRLF where LF was hashed, and the reverse", function () {
      expect(findNormalisation(CRLF_LICENSE_BYTES, expected)).to.deep.equal(["crlf-to-lf"]);
      expect(findNormalisation(LICENSE_BYTES, hashLicenseBytes(CRLF_LICENSE_BYTES))).to.deep.equal([
        "lf-to-crlf",
      ]);
    });

    it("finds a BOM, a missing or extra final newline, and combinations", function () {
      const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...LICENSE_BYTES]);
      expect(findNormalisation(bom, expected)).to.deep.equal(["strip-bom"]);
      expect(findNormalisation(LICENSE_BYTES.subarray(0, LICENSE_BYTES.length - 1), expected)).to.deep.equal([
        "add-final-newline",
      ]);
      expect(findNormalisation(Uint8Array.from([...LICENSE_BYTES, 0x0a]), expected)).to.deep.equal([
        "strip-final-newline",
      ]);
      const all = Uint8Array.from([
        0xef,
        0xbb,
        0xbf,
        ...CRLF_LICENSE_BYTES.subarray(0, CRLF_LICENSE_BYTES.length - 2),
      ]);
      expect(findNormalisation(all, expected)).to.deep.equal([
        "crlf-to-lf",
        "strip-bom",
        "add-final-newline",
      ]);
    });

    it("returns an empty list for equal bytes and undefined for other text", function () {
      expect(findNormalisation(LICENSE_BYTES, expected)).to.deep.equal([]);
      expect(findNormalisation(new TextEncoder().encode("# Other License\n"), expected)).to.equal(undefined);
    });
  });

  describe("CID check", function () {
    it("computes the helpers' CIDs the way `ipfs add` does (the docs' CID of hello)", function () {
      expect(cidV0OfSmallFile(HELLO)).to.equal(HELLO_CID_V0);
      expect(cidV1Raw(HELLO)).to.equal("bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am");
    });

    it("verifies a CIDv0 (dag-pb) and a CIDv1 raw CID of the bytes", async function () {
      const v0 = await checkCid("ipfs://x", cidV0OfSmallFile(LICENSE_BYTES), "", LICENSE_BYTES);
      expect(v0.status).to.equal("verified");
      expect(v0.detail).to.contain("unixfs-v0-2015");
      const raw = await checkCid("ipfs://x", cidV1Raw(LICENSE_BYTES), "", LICENSE_BYTES);
      expect(raw.status).to.equal("verified");
    });

    it("reports other bytes as a mismatch", async function () {
      expect(
        (await checkCid("ipfs://x", cidV0OfSmallFile(LICENSE_BYTES), "", CRLF_LICENSE_BYTES)).status,
      ).to.equal("mismatch");
      expect((await checkCid("ipfs://x", cidV1Raw(LICENSE_BYTES), "", CRLF_LICENSE_BYTES)).status).to.equal(
        "mismatch",
      );
    });

    it("does not check a CID with a path, and says so", async function () {
      const check = await checkCid("ipfs://x", HELLO_CID_V0, "license.md", HELLO);
      expect(check.status).to.equal("not-checked");
      expect(check.detail).to.match(/^CID not checked: path/);
    });

    it("rejects a string that is no CID with HOK506", async function () {
      const error = await rejection(checkCid("ipfs://Qm.../license.md", "Qm...", "license.md", HELLO));
      expect(error.code).to.equal("HOK506");
    });
  });

  describe("verification inputs", function () {
    it("needs exactly one of --model-id and --token", function () {
      expect(thrown(() => parseVerifyLicenseRequest({})).code).to.equal("HOK200");
      const both = thrown(() => parseVerifyLicenseRequest({ modelId: "m", token: `0x${"11".repeat(20)}` }));
      expect(both.code).to.equal("HOK530");
    });

    it("rejects --no-fetch without --file, and bad limits", function () {
      expect(thrown(() => parseVerifyLicenseRequest({ modelId: "m", fetch: false })).code).to.equal("HOK531");
      expect(thrown(() => parseVerifyLicenseRequest({ modelId: "m", timeoutMs: 0 })).message).to.contain(
        "--timeout",
      );
      expect(thrown(() => parseVerifyLicenseRequest({ modelId: "m", maxBytes: 1.5 })).message).to.contain(
        "--max-bytes",
      );
      expect(thrown(() => parseVerifyLicenseRequest({ modelId: "m", uri: "gopher://x" })).code).to.equal(
        "HOK505",
      );
      expect(
        thrown(() => parseVerifyLicenseRequest({ modelId: "m", ipfsGateway: "ipfs.io" })).message,
      ).to.contain("--ipfs-gateway");
    });
  });
});
