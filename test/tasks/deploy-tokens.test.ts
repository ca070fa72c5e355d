import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";
import hre from "hardhat";
import { parseUnits } from "ethers";

import type { DeployTokensOutcome } from "../../src/hardhat/actions/deploy-tokens";
import { loadManifest } from "../../src/core/manifest";
import { ensureLocalSystem } from "../../src/hardhat/local-system";
import { TASK_HOKUSAI_DEPLOY_TOKENS } from "../../src/task-names";
import { asTask } from "../helpers/as-task";
import { capture } from "../helpers/capture";
import { useLocalStack } from "../helpers/local-stack";

const EXAMPLES = path.join(__dirname, "..", "..", "examples");

describe("hokusai:deploy-tokens", function () {
  useLocalStack("guide");
  let dir: string;
  let run = 0;

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-manifest-"));
    fs.copyFileSync(path.join(EXAMPLES, "LICENSE-model.md"), path.join(dir, "license.md"));
    await ensureLocalSystem(hre);
  });

  after(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function writeManifest(content: unknown, ext = "json"): string {
    const file = path.join(dir, `manifest-${run++}.${ext}`);
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
    return file;
  }

  const defaults = { preset: "growth", licenseFile: "license.md", licenseUri: "ipfs://bafkreiexample" };
  const model = (id: string, symbol: string, extra: Record<string, unknown> = {}) => ({
    modelId: id,
    name: `Model ${id}`,
    symbol,
    ...extra,
  });

  async function nonce(): Promise<number> {
    const [signer] = await hre.ethers.getSigners();
    return hre.ethers.provider.getTransactionCount(signer.address);
  }

  it("deploys every model, and a rerun skips them all and sends nothing", async function () {
    const prefix = `batch-${Date.now()}`;
    const file = writeManifest({
      defaults,
      models: [
        model(`${prefix}-a`, "AAA"),
        model(`${prefix}-b`, "BBB", { investorAllocation: "700000" }),
        model(`${prefix}-c`, "CCC"),
      ],
    });
    const first = await capture(
      () => hre.run(TASK_HOKUSAI_DEPLOY_TOKENS, { manifest: file }) as Promise<DeployTokensOutcome>,
    );
    expect(first.result.results.map((r) => r.status)).to.deep.equal(["deployed", "deployed", "deployed"]);
    expect(first.stdout).to.contain("3 models on hardhat: 3 deployed, 0 already deployed, 0 failed.");
    expect(first.stderr).to.contain("Checked 3 models on hardhat: 3 to deploy, 0 already deployed");
    expect(first.stderr).to.match(/\[[123]\/3\] batch-\d+-b: deployed 0x/);
    const b = await hre.ethers.getContractAt("MockHokusaiToken", first.result.results[1].token!);
    expect(await b.investorAllocation()).to.equal(parseUnits("700000", 18));

    const before = await nonce();
    const second = await capture(
      () => hre.run(TASK_HOKUSAI_DEPLOY_TOKENS, { manifest: file }) as Promise<DeployTokensOutcome>,
    );
    expect(second.result.results.map((r) => r.status)).to.deep.equal([
      "already-deployed",
      "already-deployed",
      "already-deployed",
    ]);
    expect(await nonce()).to.equal(before);
  });

  it("reports every bad value of the file at once, named as the file names it, and sends nothing", async function () {
    const prefix = `bad-${Date.now()}`;
    const file = writeManifest({
      defaults,
      models: [
        model(`${prefix}-ok`, "OKAY"),
        model(`${prefix}-lower`, "low"),
        model(`${prefix}-bps`, "BPS", { infrastructureAccrualBps: 999 }),
        model(`${prefix}-zero`, "ZERO", { investorAllocation: "0" }),
      ],
    });
    const before = await nonce();
    const error = await capture(() => hre.run(TASK_HOKUSAI_DEPLOY_TOKENS, { manifest: file })).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).to.match(/^HOK216: manifest .* has 3 problems; fix them and rerun/);
    expect(error?.message).to.contain('models[1].symbol "low" is invalid: must be 3 to 6 uppercase letters');
    expect(error?.message).to.contain("did you mean LOW?");
    expect(error?.message).to.contain(
      "models[2].infrastructureAccrualBps 999 is invalid: must be from 1000 to 10000",
    );
    expect(error?.message).to.contain(
      'models[3].investorAllocation "0" is invalid: must be greater than zero',
    );
    expect(await nonce()).to.equal(before);
  });

  it("reports every model the chain would refuse at once, with its flags, and sends nothing", async function () {
    const prefix = `taken-${Date.now()}`;
    const first = writeManifest({ defaults, models: [model(`${prefix}-a`, "AAA")] });
    await capture(() => hre.run(TASK_HOKUSAI_DEPLOY_TOKENS, { manifest: first }));
    const file = writeManifest({
      defaults,
      models: [model(`${prefix}-a`, "OTHER"), model(`${prefix}-b`, "BBB")],
    });
    const before = await nonce();
    const error = await capture(() => hre.run(TASK_HOKUSAI_DEPLOY_TOKENS, { manifest: file })).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).to.match(/^HOK217: a model of the manifest would fail, so nothing was sent/);
    expect(error?.message).to.contain(
      `models[0] (${prefix}-a): HOK303: model id "${prefix}-a" already has a token`,
    );
    expect(error?.message).to.contain("symbol is AAA on chain, not OTHER");
    expect(error?.message).to.contain("pick a new --model-id");
    expect(await nonce()).to.equal(before);
  });

  it("refuses duplicate model ids and unknown fields, naming each", async function () {
    const file = writeManifest([
      { ...defaults, ...model("dup", "DUP") },
      { ...defaults, ...model("dup", "DUPE"), sybmol: "X" },
    ]);
    await expect(asTask(loadManifest(file))).to.be.rejectedWith(
      /HOK216: manifest .* has 2 problems[\s\S]*models\[1\]\.sybmol is not a deploy-token parameter[\s\S]*models\[1\]\.modelId "dup" is also the model id of models\[0\]/,
    );
  });

  it("puts a single problem on one line, and names --manifest for a manifest it cannot read", async function () {
    const file = writeManifest([
      { ...defaults, ...model("dup1", "DUP") },
      { ...defaults, ...model("dup1", "DUPE") },
    ]);
    const error = await asTask(loadManifest(file)).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).to.match(
      /^HOK216: manifest .*: models\[1\]\.modelId "dup1" is also the model id of models\[0\]; each model needs its own; fix it and rerun$/,
    );

    await expect(asTask(loadManifest(path.join(dir, "absent.json")))).to.be.rejectedWith(
      /^HOK702: manifest .*absent\.json does not exist; pass --manifest with its path \(JSON or YAML\), e\.g\. --manifest \.\/models\.json$/,
    );
    await expect(asTask(loadManifest(writeManifest("[1,", "json")))).to.be.rejectedWith(
      /^HOK703: manifest .* is not valid JSON/,
    );
    await expect(asTask(loadManifest(writeManifest("[]", "toml")))).to.be.rejectedWith(
      /^HOK704: manifest .*\.toml has neither a \.json, \.yaml nor \.yml extension; rename it, e\.g\. models\.json or models\.yaml$/,
    );
  });

  it("reads YAML, plan files and inline launch plans, the format of hokusai.model.json", async function () {
    fs.copyFileSync(path.join(EXAMPLES, "hokusai.model.json"), path.join(dir, "chest.json"));
    fs.copyFileSync(path.join(EXAMPLES, "LICENSE-model.md"), path.join(dir, "LICENSE-model.md"));
    const inline = JSON.parse(fs.readFileSync(path.join(EXAMPLES, "hokusai.model.json"), "utf8"));
    inline.contract.modelId = "inline-plan";
    inline.model.ticker = "INLN";
    const file = writeManifest(
      [
        "models:",
        "  - plan: chest.json",
        "    modelId: from-plan-file",
        `  - ${JSON.stringify(inline)}`,
        "  - { modelId: flat-yaml, name: Flat, symbol: FLAT, preset: mature, licenseHash: '0x" +
          "ab".repeat(32) +
          "', licenseUri: 'https://x.org/l' }",
      ].join("\n"),
      "yaml",
    );
    const manifest = await loadManifest(file);
    expect(manifest.entries.map((e) => e.fields.modelId)).to.deep.equal([
      "from-plan-file",
      "inline-plan",
      "flat-yaml",
    ]);
    expect(manifest.entries[0].metadata).to.deep.include({ category: "healthcare", planFile: "chest.json" });
    expect(manifest.entries[0].fields.licenseFile).to.equal(path.join(dir, "LICENSE-model.md"));
    const { result } = await capture(
      () =>
        hre.run(TASK_HOKUSAI_DEPLOY_TOKENS, { manifest: file, json: true }) as Promise<DeployTokensOutcome>,
    );
    expect(result.results.map((r) => r.status)).to.deep.equal(["deployed", "deployed", "deployed"]);
  });

  it("--dry-run checks everything and sends nothing", async function () {
    const file = writeManifest({ defaults, models: [model(`dry-${Date.now()}`, "DRY")] });
    const before = await nonce();
    const { result, stdout } = await capture(
      () =>
        hre.run(TASK_HOKUSAI_DEPLOY_TOKENS, { manifest: file, dryRun: true }) as Promise<DeployTokensOutcome>,
    );
    expect(result.results[0].status).to.equal("would-deploy");
    expect(stdout).to.contain("1 would be deployed (dry run)");
    expect(await nonce()).to.equal(before);
  });
});
