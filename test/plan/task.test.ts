/** hokusai:plan as a user meets it: through hre.run, output captured. */
import fs from "fs";
import path from "path";

import { expect } from "chai";
import hre from "hardhat";

import { TASK_HOKUSAI_PLAN } from "../../src/task-names";
import { capture } from "../helpers/capture";
import { EXAMPLES, fullPlan, planDir, writePlan } from "./helpers";
import { useLocalStack } from "../helpers/local-stack";

describe("hokusai:plan", function () {
  useLocalStack("guide");
  it("--json prints one object with version 1 and the projection's figures", async function () {
    const { stdout, stderr } = await capture(() =>
      hre.run(TASK_HOKUSAI_PLAN, { plan: path.join(EXAMPLES, "hokusai.model.yaml"), json: true }),
    );
    expect(stderr).to.equal("");
    const json = JSON.parse(stdout);
    expect(json.version).to.equal(1);
    expect(json.valid).to.equal(true);
    expect(json.modelId).to.equal("102");
    expect(json.metadata.metric).to.equal("accuracy");
    expect(json.metadata.baseline).to.equal(0.884);
    // Growth preset: 400,000 + 600,000 = 1,000,000 max supply; 8 DeltaOnes × 25,000 = 200,000 minted.
    expect(json.tokenomics.maxSupplyWei).to.equal("1000000000000000000000000");
    expect(json.projection.steps.map((s: { deltaOnes: number }) => s.deltaOnes)).to.deep.equal([0, 1, 4, 8]);
    expect(json.projection.steps[3].mintedWei).to.equal("200000000000000000000000");
    expect(json.projection.steps[3].dilutionPercent).to.equal("16.6667");
    expect(json.warnings).to.deep.equal([]);
  });

  it("prints the text projection and returns the loaded plan", async function () {
    const { result, stdout } = await capture(() =>
      hre.run(TASK_HOKUSAI_PLAN, { plan: path.join(EXAMPLES, "hokusai.model.json") }),
    );
    expect(stdout).to.match(/^Launch plan .*hokusai\.model\.json is valid: Chest X-Ray Classifier \(CHEST\)/);
    expect(stdout).to.contain(
      "  8 (N)          96.4%  200,000     1,200,000          33.33%          50.00%    16.67%",
    );
    expect(result.deployFields.symbol).to.equal("CHEST");
    expect(result.projection.maxSupply).to.equal(10n ** 24n);
  });

  it("warns on stderr when the expected DeltaOnes exceed what the metric can still gain", async function () {
    const plan = fullPlan();
    plan.metrics.baseline = 0.95;
    const file = writePlan(planDir(), plan);
    const { stdout, stderr } = await capture(() => hre.run(TASK_HOKUSAI_PLAN, { plan: file, json: true }));
    expect(JSON.parse(stdout).warnings).to.have.length(1);
    expect(stderr).to.equal(
      "Warning: f1 cannot rise above 100%: from its baseline of 95% there is room for 5 whole DeltaOnes, but the plan expects 10; lower tokenomics.expectedDeltaOnes to at most 5",
    );
  });

  it("fails with every problem of the plan, one line each, and prints nothing on stdout", async function () {
    const plan = fullPlan();
    plan.model.ticker = "sent";
    plan.tokenomics.tokensPerDeltaOne = "99";
    const file = writePlan(planDir(), plan);
    const printed: unknown[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void printed.push(...args);
    try {
      await expect(hre.run(TASK_HOKUSAI_PLAN, { plan: file, json: true })).to.be.rejectedWith(
        [
          `HOK701: launch plan ${file} has 2 errors; fix them and rerun \`npx hardhat hokusai:plan --plan ${file}\`:`,
          '  model.ticker "sent" is invalid: must be 3 to 6 uppercase letters or digits, starting with a letter (e.g. SENT); did you mean SENT?',
          '  tokenomics.tokensPerDeltaOne "99" is invalid: must be from 100 to 10,000,000 tokens',
        ].join("\n"),
      );
    } finally {
      console.log = log;
    }
    expect(printed).to.deep.equal([]);
  });

  it("says so when the plan file does not exist", async function () {
    const file = path.join(planDir(), "missing.json");
    expect(fs.existsSync(file)).to.equal(false);
    await expect(hre.run(TASK_HOKUSAI_PLAN, { plan: file })).to.be.rejectedWith(
      /HOK702: launch plan .*missing\.json does not exist/,
    );
  });
});
