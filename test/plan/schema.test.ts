/**
 * The plan format: the published schema and the contract's rules on top of it,
 * every problem at once, one line each naming the field, the value and the rule.
 */
import fs from "fs";
import path from "path";

import { expect } from "chai";
import { parseUnits } from "ethers";

import schema from "../../schemas/hokusai-model.schema.json";
import { resolveDeployRequest } from "../../src/core/deploy/request";
import { asTask } from "../helpers/as-task";
import { checkPlanSchema, findDefaultPlan, loadPlan } from "../../src/core/plan";
import { PRESET_NAMES, PRESETS } from "../../src/core/presets";
import { BOUNDS } from "../../src/core/validate";
import {
  EXAMPLES,
  fullPlan,
  GOVERNOR,
  LICENSE_HASH,
  planDir,
  problemsOf,
  RECIPIENT,
  writePlan,
} from "./helpers";

describe("launch plans: schema and loadPlan", function () {
  describe("valid plans", function () {
    it("loads the JSON example with the growth preset filled in and the plan's figure over it", async function () {
      const loaded = await loadPlan(path.join(EXAMPLES, "hokusai.model.json"));
      expect(loaded.format).to.equal("json");
      expect(loaded.tokenomics).to.deep.equal({
        preset: "growth",
        modelSupplierAllocation: parseUnits("400000", 18),
        investorAllocation: parseUnits("600000", 18),
        tokensPerDeltaOne: parseUnits("25000", 18),
        expectedDeltaOnes: 8,
        infrastructureAccrualBps: 5000,
        sources: {
          modelSupplierAllocation: "preset",
          investorAllocation: "preset",
          tokensPerDeltaOne: "preset",
          expectedDeltaOnes: "plan",
          infrastructureAccrualBps: "preset",
        },
      });
      expect(loaded.licenseFile).to.equal(path.join(EXAMPLES, "LICENSE-model.md"));
      expect(loaded.licenseHash).to.equal(LICENSE_HASH);
    });

    it("gives the same plan from the YAML example as from the JSON one", async function () {
      const json = await loadPlan(path.join(EXAMPLES, "hokusai.model.json"));
      const yaml = await loadPlan(path.join(EXAMPLES, "hokusai.model.yaml"));
      expect(yaml.format).to.equal("yaml");
      const { $schema: _schema, ...jsonPlan } = json.plan;
      expect(yaml.plan).to.deep.equal(jsonPlan);
      expect(yaml.deployFields).to.deep.equal(json.deployFields);
      expect(yaml.metadata).to.deep.equal(json.metadata);
      expect(yaml.tokenomics).to.deep.equal(json.tokenomics);
    });

    it("turns a plan into a deployment's typed fields and metadata, which resolve to the guide's request", async function () {
      const dir = planDir();
      const loaded = await loadPlan(writePlan(dir, fullPlan()));
      expect(loaded.deployFields).to.deep.equal({
        modelId: "sentiment-v2",
        name: "Sentiment Model",
        symbol: "SENT",
        modelSupplierAllocation: parseUnits("400000", 18),
        investorAllocation: parseUnits("600000", 18),
        tokensPerDeltaOne: parseUnits("100000", 18),
        infrastructureAccrualBps: 5000,
        initialOraclePricePerThousandUsd: 0n,
        licenseFile: path.join(dir, "license.md"),
        licenseUri: "ipfs://bafkreiexample/license.md",
        governor: GOVERNOR,
        modelSupplierRecipient: RECIPIENT,
      });
      expect(loaded.metadata).to.deep.equal({
        name: "Sentiment Model",
        description: "Classifies the sentiment of product reviews.",
        category: "nlp",
        tags: ["sentiment", "reviews"],
        metric: "f1",
        metricType: "f1",
        baseline: 0.812,
        direction: "maximize",
        licenseType: "decentralized",
        expectedDeltaOnes: 10,
        preset: null,
      });
      // The same bigints as the guide's Step 3 call: the fields are typed, so --wei cannot change them.
      {
        const { request } = await resolveDeployRequest(loaded.deployFields);
        expect(request.modelSupplierAllocation).to.equal(parseUnits("400000", 18));
        expect(request.investorAllocation).to.equal(parseUnits("600000", 18));
        expect(request.tokensPerDeltaOne).to.equal(parseUnits("100000", 18));
        expect(request.licenseHash).to.equal(LICENSE_HASH);
        expect(request.governor).to.equal(GOVERNOR);
        expect(request.modelSupplierRecipient).to.equal(RECIPIENT);
        expect(request.initialOraclePricePerThousandUsd).to.equal(0n);
      }
    });

    it("takes a custom metric with its name, wei amounts, a license hash without a file, and lower-case addresses", async function () {
      const plan = fullPlan();
      plan.metrics = { metric: "custom", customName: "top-5 recall", baseline: 0.2, direction: "minimize" };
      plan.license = { type: "decentralized", uri: "https://example.com/license.md", hash: LICENSE_HASH };
      plan.tokenomics.investorAllocation = "600000000000000000000000wei";
      plan.contract.governor = GOVERNOR.toLowerCase();
      const loaded = await loadPlan(writePlan(planDir(), plan));
      expect(loaded.metadata.metric).to.equal("top-5 recall");
      expect(loaded.metadata.metricType).to.equal("custom");
      expect(loaded.tokenomics.investorAllocation).to.equal(parseUnits("600000", 18));
      expect(loaded.licenseFile).to.equal(undefined);
      expect(loaded.licenseHash).to.equal(LICENSE_HASH);
      expect(loaded.deployFields.licenseHash).to.equal(LICENSE_HASH);
      expect(loaded.deployFields).not.to.have.property("licenseFile");
    });

    it("fills every figure from a preset, and the plan's own figures override it", async function () {
      const plan = fullPlan();
      plan.tokenomics = { preset: "mature", tokensPerDeltaOne: 7500 };
      delete plan.contract.infrastructureAccrualBps;
      const { tokenomics } = await loadPlan(writePlan(planDir(), plan));
      expect(tokenomics.modelSupplierAllocation).to.equal(
        parseUnits(PRESETS.mature.modelSupplierAllocation, 18),
      );
      expect(tokenomics.investorAllocation).to.equal(parseUnits(PRESETS.mature.investorAllocation, 18));
      expect(tokenomics.tokensPerDeltaOne).to.equal(parseUnits("7500", 18));
      expect(tokenomics.expectedDeltaOnes).to.equal(PRESETS.mature.expectedDeltaOnes);
      expect(tokenomics.infrastructureAccrualBps).to.equal(PRESETS.mature.infrastructureAccrualBps);
      expect(tokenomics.sources.tokensPerDeltaOne).to.equal("plan");
      expect(tokenomics.sources.investorAllocation).to.equal("preset");
    });

    it("resolves license.file against the plan's folder, not the working directory", async function () {
      const dir = planDir();
      fs.mkdirSync(path.join(dir, "nested"));
      const plan = fullPlan();
      plan.license.file = "../license.md";
      const loaded = await loadPlan(writePlan(path.join(dir, "nested"), plan));
      expect(loaded.licenseFile).to.equal(path.join(dir, "license.md"));
    });

    it("finds hokusai.model.json, .yaml or .yml in a folder", async function () {
      const dir = planDir();
      await expect(findDefaultPlan(dir)).to.be.rejectedWith(/HOK702: no launch plan found/);
      writePlan(dir, "{}", "hokusai.model.yml");
      expect(await findDefaultPlan(dir)).to.equal(path.join(dir, "hokusai.model.yml"));
      writePlan(dir, "{}", "hokusai.model.json");
      expect(await findDefaultPlan(dir)).to.equal(path.join(dir, "hokusai.model.json"));
    });
  });

  describe("invalid plans: every problem at once, one line each", function () {
    it("reports schema and contract-rule problems together, in the plan's field order", async function () {
      const plan = fullPlan();
      plan.model.ticker = "sent";
      plan.model.category = "Health";
      plan.model.tags = ["X Ray", "a", "a"];
      plan.model.colour = "red";
      plan.metrics.metric = "custom";
      plan.metrics.baseline = 1.2;
      plan.license.uri = "gopher://x/license";
      plan.tokenomics.modelSupplierAllocation = "0";
      plan.tokenomics.tokensPerDeltaOne = "50";
      plan.tokenomics.expectedDeltaOnes = 2.5;
      plan.contract.governor = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266".replace("f39f", "f39F");
      plan.contract.modelSupplierRecipient = "0x0000000000000000000000000000000000000000";
      plan.contract.infrastructureAccrualBps = 500;
      plan.contract.initialOraclePricePerThousandUsd = "2.1234567";
      const problems = await problemsOf(writePlan(planDir(), plan));
      expect(problems).to.deep.equal([
        'model.ticker "sent" is invalid: must be 3 to 6 uppercase letters or digits, starting with a letter (e.g. SENT); did you mean SENT?',
        'model.category "Health" is invalid: must be one of "healthcare", "finance", "nlp", "computer-vision", "audio", "time-series", "recommendation", "robotics", "science", "other"',
        'model.tags ["X Ray","a","a"] is invalid: must not repeat an entry ([1] and [2] are the same)',
        'model.tags[0] "X Ray" is invalid: a tag is lowercase letters and digits, joined by hyphens or dots (e.g. x-ray)',
        "model.colour is not a field of model; the fields are name, ticker, description, category, tags",
        'metrics.customName is required: a custom metric needs a name; e.g. "top-5 recall"',
        "metrics.baseline 1.2 is invalid: must be at most 1",
        'license.uri "gopher://x/license" is invalid: unknown scheme "gopher:"; use one of ipfs://, https://, http://, file://',
        'tokenomics.modelSupplierAllocation "0" is invalid: must be greater than zero (the contract reverts InvalidAmount)',
        'tokenomics.tokensPerDeltaOne "50" is invalid: must be from 100 to 10,000,000 tokens',
        "tokenomics.expectedDeltaOnes 2.5 is invalid: must be a whole number",
        'contract.governor "0xf39Fd6e51aad88f6f4ce6ab8827279cfffb92266" is invalid: its mixed-case checksum is wrong; copy the address again, or write it in all lower case',
        'contract.modelSupplierRecipient "0x0000000000000000000000000000000000000000" is invalid: must be a non-zero address',
        "contract.infrastructureAccrualBps 500 is invalid: must be at least 1000",
        'contract.initialOraclePricePerThousandUsd "2.1234567" is invalid: expected US dollars per 1000 calls with at most 6 decimals, e.g. 2.5 (0 leaves it unset)',
      ]);
    });

    it("names each missing field, with why when it is needed only sometimes", async function () {
      const plan = fullPlan();
      delete plan.model.ticker;
      delete plan.metrics.direction;
      delete plan.license.file;
      plan.tokenomics = { investorAllocation: "600000" };
      delete plan.contract.infrastructureAccrualBps;
      plan.contract.modleId = plan.contract.modelId;
      delete plan.contract.modelId;
      const problems = await problemsOf(writePlan(planDir(), plan));
      expect(problems).to.deep.equal([
        'model.ticker is required, e.g. "CHEST"',
        'metrics.direction is required, e.g. "maximize"',
        "license.hash is required: without license.file, give the hash of the published license (or add license.file)",
        'tokenomics.modelSupplierAllocation is required: without tokenomics.preset, the plan gives every figure; e.g. "400000"',
        'tokenomics.tokensPerDeltaOne is required: without tokenomics.preset, the plan gives every figure; e.g. "25000"',
        "tokenomics.expectedDeltaOnes is required: without tokenomics.preset, the plan gives every figure; e.g. 10",
        'contract.modelId is required, e.g. "102"',
        "contract.infrastructureAccrualBps is required: without tokenomics.preset, give the infrastructure share in basis points (1000 to 10000); e.g. 5000",
        "contract.modleId is not a field of contract (did you mean modelId?); the fields are modelId, governor, modelSupplierRecipient, infrastructureAccrualBps, initialOraclePricePerThousandUsd",
      ]);
    });

    it("refuses wrong types, unknown presets and sections, and numbers too large to be exact", async function () {
      const plan: Record<string, unknown> = fullPlan();
      (plan.tokenomics as Record<string, unknown>).preset = "aggressive";
      (plan.tokenomics as Record<string, unknown>).investorAllocation = 600000000000000000000000;
      (plan.metrics as Record<string, unknown>).baseline = "0.8";
      (plan.metrics as Record<string, unknown>).direction = "maximise";
      (plan.contract as Record<string, unknown>).governor = 42;
      plan.license = "MIT";
      plan.version = 2;
      plan.extra = true;
      const problems = await problemsOf(writePlan(planDir(), plan));
      expect(problems).to.deep.equal([
        "version 2 is invalid: must be 1",
        'metrics.baseline "0.8" is invalid: must be a number',
        'metrics.direction "maximise" is invalid: must be one of "maximize", "minimize" (did you mean maximize?)',
        'license "MIT" is invalid: must be an object',
        'tokenomics.preset "aggressive" is invalid: must be one of "experimental", "growth", "mature"',
        'tokenomics.investorAllocation 6e+23 is invalid: is too large to be exact as a number; write it as a string, e.g. "400000"',
        "contract.governor 42 is invalid: must be a string",
        "extra is not a field of a plan; the fields are $schema, version, model, metrics, license, tokenomics, contract",
      ]);
    });

    it("checks license.file: missing, and a license.hash that is not its hash", async function () {
      const dir = planDir();
      const missing = fullPlan();
      missing.license.file = "LICENSE-missing.md";
      expect(await problemsOf(writePlan(dir, missing))).to.deep.equal([
        `license.file "LICENSE-missing.md" is invalid: there is no file at ${path.join(dir, "LICENSE-missing.md")} (the path is relative to the plan's folder)`,
      ]);
      const mismatch = fullPlan();
      mismatch.license.hash = `0x${"ab".repeat(32)}`;
      expect(await problemsOf(writePlan(dir, mismatch))).to.deep.equal([
        `license.hash "0xababababababababababababababababababababababababababab... is invalid: it differs from keccak256 of license.file license.md (${LICENSE_HASH}); drop license.hash, or publish and name the file it was computed from`,
      ]);
    });

    it("refuses customName without a custom metric, a blank name and a ticker with a space", async function () {
      const plan = fullPlan();
      plan.metrics.customName = "recall";
      plan.model.name = "";
      // validate.ts would trim this ticker; the schema is stricter, and its line stands.
      plan.model.ticker = " SENT";
      expect(await problemsOf(writePlan(planDir(), plan))).to.deep.equal([
        'model.name "" is invalid: must not be empty',
        'model.ticker " SENT" is invalid: must be 3 to 6 uppercase letters or digits, starting with a letter (e.g. CHEST)',
        'metrics.customName "recall" is invalid: names a custom metric; set metrics.metric to "custom", or drop customName',
      ]);
    });

    it("says where a JSON or YAML file is broken, and refuses other extensions and missing files", async function () {
      const dir = planDir();
      await expect(loadPlan(writePlan(dir, '{\n  "model": {,\n}', "bad.json"))).to.be.rejectedWith(
        /HOK703: launch plan .*bad\.json is not valid JSON at line 2, column 13: /,
      );
      await expect(loadPlan(writePlan(dir, "model:\n  name: a\nmodel: b\n", "dup.yaml"))).to.be.rejectedWith(
        /HOK703: launch plan .*dup\.yaml is not valid YAML at line 3, column 1: Map keys must be unique/,
      );
      await expect(loadPlan(writePlan(dir, "{}", "plan.toml"))).to.be.rejectedWith(
        /HOK704: .*plan\.toml has neither a \.json, \.yaml nor \.yml extension/,
      );
      await expect(asTask(loadPlan(path.join(dir, "nope.json")))).to.be.rejectedWith(
        /HOK702: launch plan .*nope\.json does not exist; pass --plan/,
      );
      await expect(loadPlan(writePlan(dir, "", "empty.yaml"))).to.be.rejectedWith(
        /HOK701: .*1 error.*\n {2}\(plan\) null is invalid: must be an object/,
      );
    });

    it("keeps an unquoted 0x address in YAML a string, so its checksum is checked", async function () {
      const dir = planDir();
      const yaml = [
        "model: {name: Sentiment Model, ticker: SENT, description: Reviews., category: nlp}",
        "metrics: {metric: f1, baseline: 0.812, direction: maximize}",
        "license: {type: decentralized, file: license.md, uri: ipfs://bafkreiexample/license.md}",
        "tokenomics: {preset: growth}",
        "contract:",
        "  modelId: sentiment-v2",
        `  governor: ${GOVERNOR}`,
        `  modelSupplierRecipient: ${RECIPIENT.replace("7099", "7O99")}`,
      ].join("\n");
      expect(await problemsOf(writePlan(dir, yaml, "hokusai.model.yaml"))).to.deep.equal([
        'contract.modelSupplierRecipient "0x7O997970C51812dc3A010C7d01b50e0d17dc79C8" is invalid: expected an address: 0x followed by 40 hex digits',
      ]);
      const fixed = yaml.replace("7O99", "7099");
      const loaded = await loadPlan(writePlan(dir, fixed, "hokusai.model.yaml"));
      expect(loaded.plan.contract.governor).to.equal(GOVERNOR);
    });
  });

  describe("the published schema", function () {
    it("matches the rules of src/core (presets, bounds), so the two cannot drift apart", function () {
      const props = schema.properties;
      expect(props.tokenomics.properties.preset.enum).to.deep.equal(PRESET_NAMES);
      expect(props.contract.properties.infrastructureAccrualBps.minimum).to.equal(
        BOUNDS.infrastructureAccrualBpsMin,
      );
      expect(props.contract.properties.infrastructureAccrualBps.maximum).to.equal(
        BOUNDS.infrastructureAccrualBpsMax,
      );
      expect(props.contract.properties.initialOraclePricePerThousandUsd.maximum * 1e6).to.equal(
        Number(BOUNDS.oraclePriceMax),
      );
    });

    it("documents every field", function () {
      const undocumented: string[] = [];
      const walk = (node: Record<string, unknown>, at: string) => {
        for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, object>)) {
          const field = child as Record<string, unknown>;
          if (typeof field.description !== "string") undocumented.push(`${at}${name}`);
          walk(field, `${at}${name}.`);
        }
      };
      walk(schema as Record<string, unknown>, "");
      expect(undocumented).to.deep.equal([]);
    });

    it("accepts both examples as they are", async function () {
      const YAML = await import("yaml");
      const json = JSON.parse(fs.readFileSync(path.join(EXAMPLES, "hokusai.model.json"), "utf8"));
      const yaml = YAML.parse(fs.readFileSync(path.join(EXAMPLES, "hokusai.model.yaml"), "utf8"));
      expect(await checkPlanSchema(json)).to.deep.equal([]);
      expect(await checkPlanSchema(yaml)).to.deep.equal([]);
    });
  });
});
