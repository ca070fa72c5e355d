import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";
import hre from "hardhat";
import { parseUnits } from "ethers";

import { type DeployFields, mergeDeployFields } from "../../src/core/deploy/request";
import type { DeployTokenResult } from "../../src/core/deploy/deploy";
import { TASK_HOKUSAI_DEPLOY_TOKEN } from "../../src/task-names";
import { capture } from "../helpers/capture";
import { useLocalStack } from "../helpers/local-stack";

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "hokusai.model.json");

describe("hokusai:deploy-token --plan", function () {
  useLocalStack("guide");
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

  describe("merging a plan with flags, as typed fields", function () {
    // A plan's own fields: its preset's figures are not among them, they come in when resolved.
    const plan: DeployFields = {
      modelId: "m",
      licenseFile: "/plan/license.md",
      licenseHash: "0xaa",
      modelSupplierAllocation: 1n,
      preset: "growth",
    };

    it("takes a license flag over both license fields of the plan", function () {
      expect(mergeDeployFields(plan, { licenseHash: "0xbb" })).to.deep.include({ licenseHash: "0xbb" });
      expect(mergeDeployFields(plan, { licenseHash: "0xbb" })).to.not.have.property("licenseFile");
    });

    it("takes a --preset flag over the plan's preset, and keeps the plan's own values", function () {
      const merged = mergeDeployFields(plan, { preset: "mature" });
      expect(merged).to.not.have.property("tokensPerDeltaOne");
      expect(merged).to.include({ modelSupplierAllocation: 1n, preset: "mature" });
    });

    it("ignores flags that were not given", function () {
      expect(mergeDeployFields(plan, { modelId: undefined })).to.deep.equal(plan);
    });
  });
});

describe("hre.hokusai.deployToken", function () {
  useLocalStack("guide");
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
