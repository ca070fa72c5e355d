/**
 * One pipeline for every deployment: what deploy-token checks, a batch checks too (the
 * governor warning, --strict, the published license), the fee cap is checked in the
 * preflight (dry runs included, backend tasks included), and bad input of any task is
 * one line that names the flag.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { pathToFileURL } from "url";

import { expect } from "chai";
import hre from "hardhat";
import { Wallet } from "ethers";

import { prepareBatch } from "../../src/core/deploy/batch";
import type { DeployContext } from "../../src/core/deploy/context";
import { HokusaiError } from "../../src/core/errors";
import { senderFor } from "../../src/hardhat/context";
import { ensureLocalSystem } from "../../src/hardhat/local-system";
import {
  TASK_HOKUSAI_DEPLOY_TOKEN,
  TASK_HOKUSAI_DEPLOY_TOKENS,
  TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION,
} from "../../src/task-names";
import { capture } from "../helpers/capture";
import { useLocalStack } from "../helpers/local-stack";

const LICENSE_TEXT = "# License\n\nThe exact bytes that are published.\n";

describe("one deployment pipeline", function () {
  useLocalStack("guide");
  let dir: string;
  let licenseFile: string;
  let tokenManager: string;
  let counter = 0;
  const uniqueId = (what: string) => `pipe-${what}-${Date.now()}-${counter++}`;

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-pipeline-"));
    licenseFile = path.join(dir, "license.md");
    fs.writeFileSync(licenseFile, LICENSE_TEXT);
    ({ tokenManager } = await ensureLocalSystem(hre));
  });

  after(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function nonce(): Promise<number> {
    const [signer] = await hre.ethers.getSigners();
    return hre.ethers.provider.getTransactionCount(signer.address);
  }

  function writeManifest(models: unknown[]): string {
    const file = path.join(dir, `manifest-${counter++}.json`);
    fs.writeFileSync(file, JSON.stringify({ defaults: { preset: "growth" }, models }));
    return file;
  }

  const model = (modelId: string, extra: Record<string, unknown> = {}) => ({
    modelId,
    name: "Pipeline Model",
    symbol: "PIPE",
    preset: "growth",
    licenseFile,
    licenseUri: "ipfs://bafkreiexample/license.md",
    ...extra,
  });

  describe("a batch checks what deploy-token checks", function () {
    /** The in-process chain, presented to the core as a live chain: the checks that only run off 31337 run. */
    async function liveContext(): Promise<DeployContext> {
      const sender = await senderFor(hre);
      return {
        provider: hre.ethers.provider,
        sender,
        network: "sepolia-like",
        chainId: 11155111,
        dev: false,
        recordsDir: dir,
        confirmations: 1,
        timeoutSeconds: 30,
        ipfsGateway: "https://ipfs.io",
        defaults: { modelSupplierRecipient: sender.address },
      };
    }
    const items = (governor: string) => [
      {
        index: 1,
        label: "models[0] (eoa)",
        fields: {
          modelId: uniqueId("eoa"),
          name: "EOA Governed",
          symbol: "EOAG",
          preset: "growth" as const,
          licenseHash: "0x" + "ab".repeat(32),
          licenseUri: "https://example.org/license.md",
          governor,
        },
      },
    ];

    it("warns about a governor without code off development chains, as deploy-token does", async function () {
      const governor = Wallet.createRandom().address;
      const { prepared } = await prepareBatch(await liveContext(), tokenManager, items(governor), {
        file: "models.json",
        render: String,
      });
      expect(prepared[0].prepared.preflight.warnings.join("\n")).to.match(
        new RegExp(`governor ${governor} is an account without code; .*\\{strict\\} makes this an error`),
      );
    });

    it("with strict, refuses such a governor before anything is sent", async function () {
      const before = await nonce();
      const error = await prepareBatch(
        await liveContext(),
        tokenManager,
        items(Wallet.createRandom().address),
        {
          strict: true,
          file: "models.json",
          render: (e) => (e as HokusaiError).render(),
        },
      ).then(
        () => undefined,
        (e: unknown) => e as HokusaiError,
      );
      expect(error?.code).to.equal("HOK217");
      expect(error?.message).to.contain("models[0] (eoa): HOK305: governor");
      expect(await nonce()).to.equal(before);
    });

    it("checks the license published at a local URI against the license file, and refuses other bytes", async function () {
      const published = path.join(dir, "published.md");
      fs.writeFileSync(published, LICENSE_TEXT.replace("exact", "other"));
      const file = writeManifest([
        model(uniqueId("ok")),
        model(uniqueId("mismatch"), { licenseUri: pathToFileURL(published).href }),
      ]);
      const before = await nonce();
      await expect(capture(() => hre.run(TASK_HOKUSAI_DEPLOY_TOKENS, { manifest: file }))).to.be.rejectedWith(
        /^HOK217: a model of the manifest would fail, so nothing was sent: models\[1\] \(pipe-mismatch-\S+\): HOK310: the license published at file:\/\/.*published\.md hashes to 0x[0-9a-f]{64}, not to 0x[0-9a-f]{64} of --license-file/,
      );
      expect(await nonce()).to.equal(before);
    });

    it("takes --strict as a param", function () {
      expect(hre.tasks[TASK_HOKUSAI_DEPLOY_TOKENS].paramDefinitions).to.have.property("strict");
    });
  });

  describe("the fee cap", function () {
    const tiny = "0.000000001";

    it("stops a dry run whose cap is below the network's fee with exit code 3, before anything is signed", async function () {
      const exitCode = process.exitCode;
      const before = await nonce();
      try {
        const run = await capture(() =>
          hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, { ...model(uniqueId("cap")), dryRun: true, maxFeeGwei: tiny }),
        );
        expect(run.result).to.equal(undefined);
        expect(run.stderr).to.match(
          /HOK423: the network's fee is [\d.]+ gwei per gas, above the cap of 1e-9 gwei \(--max-fee-gwei/,
        );
        expect(process.exitCode).to.equal(3);
        expect(await nonce()).to.equal(before);
      } finally {
        process.exitCode = exitCode;
      }
    });

    it("shows the fee and the cap in the dry run's summary", async function () {
      const run = await capture(() =>
        hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, {
          ...model(uniqueId("summary")),
          dryRun: true,
          maxFeeGwei: "500",
        }),
      );
      expect(run.stderr).to.match(/fee now\s+[\d.]+ gwei per gas, cap 500 gwei/);
    });

    it("holds for the backend's tasks too", async function () {
      const modelId = uniqueId("backend-cap");
      await capture(() => hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, model(modelId)));
      const exitCode = process.exitCode;
      const before = await nonce();
      try {
        const run = await capture(() =>
          hre.run(TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION, { modelId, dryRun: true, maxFeeGwei: tiny }),
        );
        expect(run.stderr).to.match(/HOK423: the network's fee is/);
        expect(process.exitCode).to.equal(3);
        expect(await nonce()).to.equal(before);
      } finally {
        process.exitCode = exitCode;
      }
    });

    it("refuses a cap that is not a number in one line naming the flag, for a batch as for one model", async function () {
      const file = writeManifest([model(uniqueId("abc"))]);
      for (const [task, args] of [
        [TASK_HOKUSAI_DEPLOY_TOKENS, { manifest: file }],
        [TASK_HOKUSAI_DEPLOY_TOKEN, model(uniqueId("abc"))],
      ] as const) {
        const before = await nonce();
        await expect(capture(() => hre.run(task, { ...args, maxFeeGwei: "abc" }))).to.be.rejectedWith(
          /^HOK213: --max-fee-gwei "abc" is invalid: must be a positive number of gwei$/,
        );
        expect(await nonce()).to.equal(before);
      }
    });
  });
});
