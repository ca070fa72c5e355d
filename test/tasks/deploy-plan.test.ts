import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";
import hre from "hardhat";
import { parseUnits } from "ethers";

import { mergePlanInput } from "../../src/core/deploy-args";
import type { DeployTokenResult } from "../../src/core/deploy-token";
import { TASK_HOKUSAI_DEPLOY_TOKEN } from "../../src/task-names";
import { capture } from "../helpers/capture";

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "hokusai.model.json");

describe("hokusai:deploy-token --plan", function () {
  it("deploys the example plan and keeps its metadata beside the on-chain facts", async function () {
    const { result } = await capture(
      () => hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, { plan: EXAMPLE }) as Promise<DeployTokenResult>,
    );
    const token = await hre.ethers.getContractAt("MockHokusaiToken", result.token);
    expect(await token.symbol()).to.equal("CHEST");
    expect(await token.name()).to.equal("Chest X-Ray Classifier");
    expect(await token.modelSupplierAllocation()).to.equal(parseUnits("400000", 18));
    const params = await hre.ethers.getContractAt("MockHokusaiParams", result.params);
    expect(await params.initialOraclePricePerThousandUsd()).to.equal(2_500_000n);
    const record = JSON.parse(fs.readFileSync(result.recordFile, "utf8"));
    expect(record.metadata).to.deep.include({
      category: "healthcare",
      planFile: path.join("examples", "hokusai.model.json"),
    });
    expect(record.metadata).to.deep.include({ metric: "accuracy", baseline: 0.884, direction: "maximize" });
    expect(record.metadata.tags).to.deep.equal(["radiology", "x-ray", "classification"]);
  });

  it("lets flags override the plan", async function () {
    const { result } = await capture(
      () =>
        hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, {
          plan: EXAMPLE,
          modelId: "chest-xray-override",
          symbol: "XRAY",
          investorAllocation: "900000",
        }) as Promise<DeployTokenResult>,
    );
    const token = await hre.ethers.getContractAt("MockHokusaiToken", result.token);
    expect(await token.symbol()).to.equal("XRAY");
    expect(await token.investorAllocation()).to.equal(parseUnits("900000", 18));
    expect(await token.modelSupplierAllocation()).to.equal(parseUnits("400000", 18));
  });

  it("names a missing plan file", async function () {
    await expect(
      capture(() =>
        hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, { plan: path.join(os.tmpdir(), "no-such-plan.json") }),
      ),
    ).to.be.rejectedWith(/HOK702/);
  });

  describe("merging a plan with flags", function () {
    const plan = {
      modelId: "m",
      licenseFile: "/plan/license.md",
      licenseHash: "0xaa",
      modelSupplierAllocation: "1wei",
      tokensPerDeltaOne: "2wei",
    };

    it("takes a license flag over both license fields of the plan", function () {
      expect(mergePlanInput(plan, { licenseHash: "0xbb" })).to.deep.include({ licenseHash: "0xbb" });
      expect(mergePlanInput(plan, { licenseHash: "0xbb" })).to.not.have.property("licenseFile");
    });

    it("drops the plan's preset figures when --preset is given, and keeps its own values", function () {
      const merged = mergePlanInput(plan, { preset: "mature" }, ["tokensPerDeltaOne"]);
      expect(merged).to.not.have.property("tokensPerDeltaOne");
      expect(merged).to.include({ modelSupplierAllocation: "1wei", preset: "mature" });
    });

    it("ignores flags that were not given", function () {
      expect(mergePlanInput(plan, { modelId: undefined, wei: false })).to.deep.equal(plan);
    });
  });
});

describe("hre.hokusai.deployToken", function () {
  it("deploys from a script and returns the token", async function () {
    const outcome = await hre.hokusai.deployToken({
      plan: EXAMPLE,
      modelId: "runtime-api",
    });
    expect(outcome.kind).to.equal("done");
    if (outcome.kind !== "done") return;
    const token = await hre.ethers.getContractAt("MockHokusaiToken", outcome.result.token);
    expect(await token.symbol()).to.equal("CHEST");
  });
});
