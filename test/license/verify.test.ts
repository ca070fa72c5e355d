/**
 * verifyLicense against tokens deployed on the mock TokenManager (in-process network)
 * and licenses served by real servers on 127.0.0.1: each case gives its verdict and
 * diagnosis, and the diagnosed fix, once applied, gives MATCH.
 */
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";
import hre from "hardhat";
import { keccak256, parseUnits, toUtf8Bytes, ZeroHash } from "ethers";

import HokusaiSystemModule from "../../ignition/modules/HokusaiSystem";
import { verifyLicense, type LicenseTarget, type VerifyLicenseOptions } from "../../src/core/license";
import { HokusaiError } from "../../src/core/errors";
import { flagNamer, HokusaiPluginError, toPluginError } from "../../src/errors";
import { freePort } from "../helpers/node";
import {
  CRLF_LICENSE_BYTES,
  LICENSE_BYTES,
  LICENSE_TEXT,
  cidV0OfSmallFile,
  gateway,
  routes,
  startServer,
  type TestServer,
} from "./helpers";

const LICENSE_HASH = keccak256(toUtf8Bytes(LICENSE_TEXT));
const OTHER_TEXT = "# Another License\n\nNot the one that was hashed.\n";

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

describe("verifyLicense on the mock TokenManager", function () {
  let site: TestServer;
  let honestGateway: TestServer;
  let lyingGateway: TestServer;
  let tokenManager: string;
  let governor: string;
  let lfFile: string;
  let crlfFile: string;
  let dir: string;
  let counter = 0;
  const cid = cidV0OfSmallFile(LICENSE_BYTES);

  /** deployTokenWithAllocations with the guide's parameters and the given license reference. */
  async function deployToken(
    licenseHash: string,
    licenseURI: string,
  ): Promise<{ modelId: string; token: string }> {
    const modelId = `license-test-${counter++}`;
    const manager = await hre.ethers.getContractAt("MockTokenManager", tokenManager);
    const [, , recipient] = await hre.ethers.getSigners();
    await (
      await manager.deployTokenWithAllocations(
        modelId,
        "Sentiment Model",
        "SENT",
        parseUnits("400000", 18),
        recipient.address,
        parseUnits("600000", 18),
        {
          tokensPerDeltaOne: parseUnits("100000", 18),
          infrastructureAccrualBps: 5000,
          initialOraclePricePerThousandUsd: 0n,
          licenseHash,
          licenseURI,
          governor,
        },
      )
    ).wait();
    return { modelId, token: await manager.getTokenAddress(modelId) };
  }

  const verify = (target: { modelId: string } | LicenseTarget, options: VerifyLicenseOptions = {}) =>
    verifyLicense(hre.ethers.provider, "token" in target ? target : { tokenManager, ...target }, {
      ...options,
      fetchOptions: { ipfsGateway: honestGateway.url, timeoutMs: 5_000, ...options.fetchOptions },
    });

  before(async function () {
    site = await startServer(
      routes({
        "/license.md": LICENSE_BYTES,
        "/license-crlf.md": CRLF_LICENSE_BYTES,
        "/terms": LICENSE_BYTES,
        "/other.md": OTHER_TEXT,
      }),
    );
    honestGateway = await startServer(gateway({ [cid]: LICENSE_BYTES }));
    lyingGateway = await startServer(gateway({ [cid]: CRLF_LICENSE_BYTES }));
    const deployed = await hre.ignition.deploy(HokusaiSystemModule, { displayUi: false });
    tokenManager = await deployed.tokenManager.getAddress();
    governor = (await hre.ethers.getSigners())[1].address;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-verify-"));
    lfFile = path.join(dir, "license.md");
    crlfFile = path.join(dir, "license-crlf.md");
    fs.writeFileSync(lfFile, LICENSE_BYTES);
    fs.writeFileSync(crlfFile, CRLF_LICENSE_BYTES);
  });

  after(async function () {
    await Promise.all([site, honestGateway, lyingGateway].map((server) => server?.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("MATCH: the right hash, the bytes at an https-style URI and a local copy", async function () {
    const uri = `${site.url}/license.md`;
    const { modelId, token } = await deployToken(LICENSE_HASH, uri);
    const result = await verify({ modelId }, { file: lfFile });
    expect(result.verdict).to.equal("MATCH");
    expect(result.diagnoses).to.deep.equal([]);
    expect(result.onChain).to.deep.include({
      hash: LICENSE_HASH,
      uri,
      token,
      modelId,
      tokenManager,
      governor,
    });
    expect(result.sources.map((s) => [s.kind, s.matches, s.hash])).to.deep.equal([
      ["file", true, LICENSE_HASH],
      ["uri", true, LICENSE_HASH],
    ]);
  });

  it("MATCH by token address, and with --no-fetch on the local copy alone", async function () {
    const { token } = await deployToken(LICENSE_HASH, `${site.url}/license.md`);
    expect((await verify({ token })).verdict).to.equal("MATCH");
    const requests = site.requests.length;
    const local = await verify({ token }, { file: lfFile, fetch: false });
    expect(local.verdict).to.equal("MATCH");
    expect(local.sources.map((s) => s.kind)).to.deep.equal(["file"]);
    expect(site.requests.length, "--no-fetch fetched the URI").to.equal(requests);
  });

  it("MISMATCH URI_STRING_HASH: the hash of the URI string, and setLicenseRef as diagnosed fixes it", async function () {
    const uri = `${site.url}/terms`;
    const { modelId } = await deployToken(keccak256(toUtf8Bytes(uri)), uri);
    const result = await verify({ modelId });
    expect(result.verdict).to.equal("MISMATCH");
    expect(result.diagnoses).to.have.length(1);
    const [diagnosis] = result.diagnoses;
    expect(diagnosis.code).to.equal("URI_STRING_HASH");
    expect(diagnosis.explanation).to.contain(`keccak256 of the URI string "${uri}" itself`);
    expect(diagnosis.fix).to.contain(
      `setLicenseRef(${LICENSE_HASH}, "${uri}") on the params contract ${result.onChain.params}`,
    );
    expect(diagnosis.fix).to.contain(`the governor ${governor}`);
    expect(diagnosis.fix).to.contain("redeploy");

    // The fix, as the diagnosis words it.
    const params = await hre.ethers.getContractAt("MockHokusaiParams", result.onChain.params);
    await (
      await params.connect(await hre.ethers.getSigner(governor)).setLicenseRef(LICENSE_HASH, uri)
    ).wait();
    expect((await verify({ modelId })).verdict).to.equal("MATCH");
  });

  it("MISMATCH URI_STRING_HASH even when the URI cannot be fetched (the failure is recorded)", async function () {
    const uri = `http://127.0.0.1:${await freePort()}/terms`;
    const { modelId } = await deployToken(keccak256(toUtf8Bytes(uri)), uri);
    const result = await verify({ modelId });
    expect(result.verdict).to.equal("MISMATCH");
    expect(result.diagnoses.map((d) => d.code)).to.deep.equal(["URI_STRING_HASH"]);
    expect(result.sources[0].error?.code).to.equal("HOK511");
    expect(result.diagnoses[0].fix).to.contain("<keccak256 of the license bytes>");
  });

  it("MISMATCH NORMALISATION: the URI serves CRLF text where LF text was hashed", async function () {
    const { modelId } = await deployToken(LICENSE_HASH, `${site.url}/license-crlf.md`);
    const result = await verify({ modelId });
    expect(result.verdict).to.equal("MISMATCH");
    const [source] = result.sources;
    expect(source.hash).to.equal(keccak256(CRLF_LICENSE_BYTES));
    expect(source.normalisation).to.deep.equal(["crlf-to-lf"]);
    expect(result.diagnoses).to.have.length(1);
    expect(result.diagnoses[0]).to.deep.include({ code: "NORMALISATION", source: "uri" });
    expect(result.diagnoses[0].explanation).to.contain("CRLF line endings where the hashed bytes had LF");
    expect(result.diagnoses[0].fix).to.contain(
      `publish the exact hashed bytes at ${site.url}/license-crlf.md`,
    );
    expect(result.diagnoses[0].fix).to.contain(`setLicenseRef(${keccak256(CRLF_LICENSE_BYTES)}`);
  });

  it("MISMATCH NORMALISATION: the token hashed the CRLF text, the LF text is published", async function () {
    const { modelId } = await deployToken(keccak256(CRLF_LICENSE_BYTES), `${site.url}/license.md`);
    const result = await verify({ modelId });
    expect(result.sources[0].normalisation).to.deep.equal(["lf-to-crlf"]);
    expect(result.diagnoses[0].explanation).to.contain("LF line endings where the hashed bytes had CRLF");
  });

  it("MISMATCH NORMALISATION of a local copy a checkout converted to CRLF", async function () {
    const { modelId } = await deployToken(LICENSE_HASH, `${site.url}/license.md`);
    const result = await verify({ modelId }, { file: crlfFile });
    expect(result.verdict).to.equal("MISMATCH");
    expect(result.sources.map((s) => s.matches)).to.deep.equal([false, true]);
    expect(result.diagnoses).to.have.length(1);
    expect(result.diagnoses[0]).to.deep.include({ code: "NORMALISATION", source: "file" });
    expect(result.diagnoses[0].fix).to.contain(".gitattributes");
  });

  it("MISMATCH ZERO_HASH: a token deployed with a zero licenseHash", async function () {
    const { modelId } = await deployToken(ZeroHash, `${site.url}/license.md`);
    const result = await verify({ modelId });
    expect(result.verdict).to.equal("MISMATCH");
    expect(result.sources[0].hash).to.equal(LICENSE_HASH);
    expect(result.diagnoses.map((d) => d.code)).to.deep.equal(["ZERO_HASH"]);
    expect(result.diagnoses[0].explanation).to.contain("the on-chain licenseHash is zero");
    expect(result.diagnoses[0].fix).to.contain(`setLicenseRef(${LICENSE_HASH}, "${site.url}/license.md")`);
  });

  it("MISMATCH CONTENT_DIFFERS: other text, with the guide's fix", async function () {
    const { modelId } = await deployToken(LICENSE_HASH, `${site.url}/other.md`);
    const result = await verify({ modelId });
    expect(result.diagnoses.map((d) => d.code)).to.deep.equal(["CONTENT_DIFFERS"]);
    expect(result.diagnoses[0].fix).to.contain("find the exact bytes that were hashed");
    expect(result.diagnoses[0].fix).to.contain("redeploy");
  });

  it("MISMATCH PUBLISHED_BYTES_DIFFER / LOCAL_COPY_DIFFERS when the file and the URI disagree", async function () {
    const { modelId } = await deployToken(LICENSE_HASH, `${site.url}/other.md`);
    const published = await verify({ modelId }, { file: lfFile });
    expect(published.diagnoses.map((d) => d.code)).to.deep.equal(["PUBLISHED_BYTES_DIFFER"]);
    expect(published.diagnoses[0].fix).to.contain(
      `publish the exact bytes of ${lfFile} at ${site.url}/other.md`,
    );

    const otherFile = path.join(dir, "other.md");
    fs.writeFileSync(otherFile, OTHER_TEXT);
    const good = await deployToken(LICENSE_HASH, `${site.url}/license.md`);
    const local = await verify({ modelId: good.modelId }, { file: otherFile });
    expect(local.diagnoses.map((d) => d.code)).to.deep.equal(["LOCAL_COPY_DIFFERS"]);
  });

  it("ipfs://: MATCH with the CID verified through an honest gateway", async function () {
    const { modelId } = await deployToken(LICENSE_HASH, `ipfs://${cid}`);
    const result = await verify({ modelId });
    expect(result.verdict).to.equal("MATCH");
    expect(result.sources[0].fetchedFrom).to.equal(`${honestGateway.url}/ipfs/${cid}`);
    expect(result.sources[0].cid?.status).to.equal("verified");
  });

  it("ipfs://: MISMATCH GATEWAY_BYTES_NOT_CID when a gateway serves other bytes", async function () {
    const { modelId } = await deployToken(LICENSE_HASH, `ipfs://${cid}`);
    const result = await verify({ modelId }, { fetchOptions: { ipfsGateway: lyingGateway.url } });
    expect(result.verdict).to.equal("MISMATCH");
    expect(result.sources[0].cid?.status).to.equal("mismatch");
    expect(result.diagnoses.map((d) => d.code)).to.deep.equal(["GATEWAY_BYTES_NOT_CID"]);
    expect(result.diagnoses[0].fix).to.contain("--ipfs-gateway");
  });

  it("ipfs://: republishing means a new CID and setLicenseRef", async function () {
    const { modelId } = await deployToken(keccak256(CRLF_LICENSE_BYTES), `ipfs://${cid}`);
    const result = await verify({ modelId });
    expect(result.diagnoses[0].code).to.equal("NORMALISATION");
    expect(result.diagnoses[0].fix).to.contain("to IPFS (a new CID)");
    expect(result.diagnoses[0].fix).to.contain('"ipfs://<new cid>")');
  });

  it("--uri checks another URI and warns that it is not the on-chain one", async function () {
    const { modelId } = await deployToken(LICENSE_HASH, `${site.url}/other.md`);
    const result = await verify({ modelId }, { uri: `${site.url}/license.md` });
    expect(result.verdict).to.equal("MATCH");
    expect(result.warnings.join("\n")).to.contain(`instead of the on-chain licenseURI ${site.url}/other.md`);
  });

  it("throws for an unknown model (HOK311), no contract (HOK301) and a non-token (HOK522)", async function () {
    const unknown = await rejection(verify({ modelId: "no-such-model" }));
    expect(unknown.code).to.equal("HOK311");
    expect(unknown.message).to.contain(
      `model id "no-such-model" has no token on the TokenManager ${tokenManager}`,
    );
    expect(unknown.message).to.contain("or pass --token 0x... with the token address");

    const empty = "0x00000000000000000000000000000000000000aa";
    expect((await rejection(verify({ tokenManager: empty, modelId: "x" })))?.code).to.equal("HOK301");
    expect((await rejection(verify({ token: tokenManager }))).code).to.equal("HOK522");
  });

  it("throws when the URI fails and the verdict depends on its bytes (HOK512)", async function () {
    const { modelId } = await deployToken(LICENSE_HASH, `${site.url}/missing.md`);
    expect((await rejection(verify({ modelId }))).code).to.equal("HOK512");
  });
});
