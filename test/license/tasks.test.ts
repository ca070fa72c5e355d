/**
 * The two tasks as a user meets them: through hre.run (output captured) and as
 * `hardhat` child processes, checking exit codes and that --json prints one JSON
 * object and nothing else on stdout.
 */
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";
import hre from "hardhat";
import { TASK_NODE_CREATE_SERVER } from "hardhat/builtin-tasks/task-names";
import { keccak256, parseUnits, toUtf8Bytes } from "ethers";

import HokusaiSystemModule from "../../ignition/modules/HokusaiSystem";
import type { LicenseHashResult, VerifyLicenseResult } from "../../src/core/license";
import { TASK_HOKUSAI_LICENSE_HASH, TASK_HOKUSAI_VERIFY_LICENSE } from "../../src/task-names";
import { capture } from "../helpers/capture";
import { E2E_CONFIG } from "../helpers/node";
import { runHardhat } from "../helpers/process";
import {
  CRLF_LICENSE_BYTES,
  LICENSE_BYTES,
  LICENSE_TEXT,
  routes,
  startServer,
  type TestServer,
} from "./helpers";
import { useLocalStack } from "../helpers/local-stack";

const LICENSE_HASH = keccak256(toUtf8Bytes(LICENSE_TEXT));

/** The JSON-RPC server of `hardhat node`, here over the in-process network of this test run. */
interface RpcServer {
  listen(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}

describe("hokusai:license-hash and hokusai:verify-license", function () {
  useLocalStack("guide");
  this.timeout(180_000);

  let dir: string;
  let licenseFile: string;
  let crlfFile: string;
  let site: TestServer;
  let tokenManager: string;
  let counter = 0;
  let savedExitCode: typeof process.exitCode;

  async function deployToken(licenseHash: string, licenseURI: string): Promise<string> {
    const modelId = `license-task-${counter++}`;
    const manager = await hre.ethers.getContractAt("MockTokenManager", tokenManager);
    const [, governor, recipient] = await hre.ethers.getSigners();
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
          governor: governor.address,
        },
      )
    ).wait();
    return modelId;
  }

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-license-task-"));
    licenseFile = path.join(dir, "LICENSE.md");
    crlfFile = path.join(dir, "LICENSE-crlf.md");
    fs.writeFileSync(licenseFile, LICENSE_BYTES);
    fs.writeFileSync(crlfFile, CRLF_LICENSE_BYTES);
    site = await startServer(
      routes({ "/license.md": LICENSE_BYTES, "/license-crlf.md": CRLF_LICENSE_BYTES }),
    );
    const deployed = await hre.ignition.deploy(HokusaiSystemModule, { displayUi: false });
    tokenManager = await deployed.tokenManager.getAddress();
  });

  after(async function () {
    await site?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(function () {
    savedExitCode = process.exitCode;
    process.exitCode = undefined;
  });

  afterEach(function () {
    process.exitCode = savedExitCode;
  });

  describe("hokusai:license-hash through hre.run", function () {
    it("prints the hash of a file as one sentence", async function () {
      const { result, stdout, stderr } = await capture(
        () => hre.run(TASK_HOKUSAI_LICENSE_HASH, { file: licenseFile }) as Promise<LicenseHashResult>,
      );
      expect(result.hash).to.equal(LICENSE_HASH);
      expect(stdout).to.equal(`keccak256 of ${licenseFile} (97 bytes): ${LICENSE_HASH}`);
      expect(stderr).to.equal("");
    });

    it("--json prints one object with version 1 and nothing else", async function () {
      const { stdout } = await capture(() =>
        hre.run(TASK_HOKUSAI_LICENSE_HASH, { text: LICENSE_TEXT, json: true }),
      );
      const parsed = JSON.parse(stdout);
      expect(parsed).to.deep.include({ version: 1, hash: LICENSE_HASH, size: 97, source: "text" });
    });

    it("notes CRLF line endings on stderr", async function () {
      const { result, stderr } = await capture(
        () => hre.run(TASK_HOKUSAI_LICENSE_HASH, { file: crlfFile }) as Promise<LicenseHashResult>,
      );
      expect(result.hash).to.equal(keccak256(CRLF_LICENSE_BYTES));
      expect(stderr).to.contain("has 3 CRLF line endings; the hash covers them");
    });

    it("needs exactly one of --file and --text", async function () {
      await expect(hre.run(TASK_HOKUSAI_LICENSE_HASH, {})).to.be.rejectedWith(
        /HOK200: --file or --text is required/,
      );
      await expect(hre.run(TASK_HOKUSAI_LICENSE_HASH, { file: licenseFile, text: "x" })).to.be.rejectedWith(
        /HOK530: --file and --text cannot be used together/,
      );
      await expect(hre.run(TASK_HOKUSAI_LICENSE_HASH, { text: "" })).to.be.rejectedWith(
        /HOK503: --text is empty/,
      );
    });
  });

  describe("hokusai:verify-license through hre.run", function () {
    it("MATCH: prints the report and leaves the exit code alone", async function () {
      const modelId = await deployToken(LICENSE_HASH, `${site.url}/license.md`);
      const { result, stdout } = await capture(
        () =>
          hre.run(TASK_HOKUSAI_VERIFY_LICENSE, {
            modelId,
            tokenManager,
            file: licenseFile,
          }) as Promise<VerifyLicenseResult>,
      );
      expect(result.verdict).to.equal("MATCH");
      expect(process.exitCode).to.equal(undefined);
      expect(stdout).to.contain(`License of model "${modelId}" on chain 31337:`);
      expect(stdout).to.contain(
        `MATCH: keccak256 of the license bytes equals the on-chain licenseHash ${LICENSE_HASH}.`,
      );
    });

    it("MISMATCH: returns the result and sets exit code 1; --json prints one object", async function () {
      const modelId = await deployToken(LICENSE_HASH, `${site.url}/license-crlf.md`);
      const { result, stdout, stderr } = await capture(
        () =>
          hre.run(TASK_HOKUSAI_VERIFY_LICENSE, {
            modelId,
            tokenManager,
            json: true,
          }) as Promise<VerifyLicenseResult>,
      );
      expect(process.exitCode).to.equal(1);
      expect(result.verdict).to.equal("MISMATCH");
      const parsed = JSON.parse(stdout);
      expect(parsed.version).to.equal(1);
      expect(parsed.verdict).to.equal("MISMATCH");
      expect(parsed.diagnoses[0].code).to.equal("NORMALISATION");
      expect(parsed.onChain.modelId).to.equal(modelId);
      expect(stderr).to.equal("");
    });

    it("MISMATCH in words: the diagnosis and the fix", async function () {
      const uri = `${site.url}/license.md`;
      const modelId = await deployToken(keccak256(toUtf8Bytes(uri)), uri);
      const { stdout } = await capture(() => hre.run(TASK_HOKUSAI_VERIFY_LICENSE, { modelId, tokenManager }));
      expect(process.exitCode).to.equal(1);
      expect(stdout).to.contain("MISMATCH: the license bytes do not hash to the on-chain licenseHash.");
      expect(stdout).to.contain(
        `Diagnosis (URI_STRING_HASH): the on-chain licenseHash is keccak256 of the URI string`,
      );
      expect(stdout).to.contain(`Fix: have governance (the governor`);
      expect(stdout).to.contain(`call setLicenseRef(${LICENSE_HASH}, "${uri}")`);
    });

    it("failures throw HokusaiPluginError with the fix (timeout as seconds)", async function () {
      await expect(hre.run(TASK_HOKUSAI_VERIFY_LICENSE, { tokenManager })).to.be.rejectedWith(
        /HOK200: --model-id or --token is required/,
      );
      await expect(
        hre.run(TASK_HOKUSAI_VERIFY_LICENSE, { modelId: "x", tokenManager, noFetch: true }),
      ).to.be.rejectedWith(/HOK531: --no-fetch leaves nothing to check/);
      await expect(
        hre.run(TASK_HOKUSAI_VERIFY_LICENSE, { modelId: "x", tokenManager, timeout: -1 }),
      ).to.be.rejectedWith(/HOK532: --timeout "-1" is invalid/);
      const modelId = await deployToken(LICENSE_HASH, `${site.url}/missing.md`);
      await expect(hre.run(TASK_HOKUSAI_VERIFY_LICENSE, { modelId, tokenManager })).to.be.rejectedWith(
        /HOK512: .*answered HTTP 404/,
      );
    });
  });

  describe("as child processes", function () {
    it("license-hash --file: exit 0, the sentence on stdout; a missing file: exit 1, HOK501", async function () {
      const ok = await runHardhat(["hokusai:license-hash", "--file", licenseFile]);
      expect(ok.code, ok.stderr).to.equal(0);
      expect(ok.stdout.trim()).to.equal(`keccak256 of ${licenseFile} (97 bytes): ${LICENSE_HASH}`);

      const missing = await runHardhat([
        "hokusai:license-hash",
        "--file",
        path.join(dir, "missing.md"),
        "--json",
      ]);
      expect(missing.code).to.equal(1);
      expect(missing.stdout.trim()).to.equal("");
      expect(missing.stderr).to.contain("HOK501: license file");
    });

    describe("verify-license against this test's chain over JSON-RPC", function () {
      let server: RpcServer;
      let rpcUrl: string;

      before(async function () {
        server = (await hre.run(TASK_NODE_CREATE_SERVER, {
          hostname: "127.0.0.1",
          port: 0,
          provider: hre.network.provider,
        })) as RpcServer;
        const { port } = await server.listen();
        rpcUrl = `http://127.0.0.1:${port}`;
      });

      after(async function () {
        await server?.close();
      });

      const verifyCli = (modelId: string) =>
        runHardhat(
          [
            "--config",
            E2E_CONFIG,
            "--network",
            "localhost",
            "hokusai:verify-license",
            "--model-id",
            modelId,
            "--token-manager",
            tokenManager,
            "--json",
          ],
          { env: { HOKUSAI_E2E_RPC_URL: rpcUrl } },
        );

      it("exit 0 and a MATCH object on stdout", async function () {
        const modelId = await deployToken(LICENSE_HASH, `${site.url}/license.md`);
        const run = await verifyCli(modelId);
        expect(run.code, run.stderr).to.equal(0);
        expect(JSON.parse(run.stdout)).to.deep.include({ version: 1, verdict: "MATCH" });
      });

      it("exit 1 and a MISMATCH object on stdout", async function () {
        const modelId = await deployToken(LICENSE_HASH, `${site.url}/license-crlf.md`);
        const run = await verifyCli(modelId);
        expect(run.code, run.stderr).to.equal(1);
        const parsed = JSON.parse(run.stdout);
        expect(parsed.verdict).to.equal("MISMATCH");
        expect(parsed.diagnoses.map((d: { code: string }) => d.code)).to.deep.equal(["NORMALISATION"]);
      });
    });
  });
});
