/** The supply projection and its printed forms, against figures computed by hand. */
import path from "path";

import { expect } from "chai";
import { parseUnits } from "ethers";

import { loadPlan, projectPlan, projectSupply } from "../../src/core/plan";
import { columns, formatPlan, formatProjectionTable, percent, planJson } from "../../src/ui/plan";
import { EXAMPLES, fullPlan, planDir, writePlan } from "./helpers";

const tokens = (whole: string) => parseUnits(whole, 18);

describe("launch plans: the supply projection", function () {
  it("projects the growth example at launch, after 1, N/2 and N DeltaOnes", async function () {
    const projection = projectPlan(await loadPlan(path.join(EXAMPLES, "hokusai.model.json")));
    // By hand: supplier cap S = 400,000, investor cap I = 600,000, max supply M = S + I = 1,000,000;
    // T = 25,000 tokens per DeltaOne, N = 8 expected, N/2 = 4. After k DeltaOnes minted = k × T and
    // the total potential supply = M + k × T: 1 → 1,025,000; 4 → 1,100,000; 8 → 1,200,000.
    expect(projection.maxSupply).to.equal(tokens("1000000"));
    expect(projection.tokensPerDeltaOne).to.equal(tokens("25000"));
    expect(projection.headroomDeltaOnes).to.equal(11); // 88.4% + 11 points = 99.4%; a 12th would pass 100%
    expect(
      projection.steps.map((s) => [s.deltaOnes, s.marks, s.minted, s.totalSupply, s.metricValue]),
    ).to.deep.equal([
      [0, ["launch"], 0n, tokens("1000000"), 884_000_000n],
      [1, ["first"], tokens("25000"), tokens("1025000"), 894_000_000n],
      [4, ["half"], tokens("100000"), tokens("1100000"), 924_000_000n],
      [8, ["expected"], tokens("200000"), tokens("1200000"), 964_000_000n],
    ]);
    expect(projection.warnings).to.deep.equal([]);

    const json = planJson(await loadPlan(path.join(EXAMPLES, "hokusai.model.json")), projection);
    // Split S/M = 400,000 / 1,000,000 = 40%, I/M = 60%.
    expect([json.tokenomics.supplierPercent, json.tokenomics.investorPercent]).to.deep.equal([
      "40.0000",
      "60.0000",
    ]);
    // Shares of M + minted, and dilution = minted / (M + minted):
    //   k=1: 400,000/1,025,000 = 39.02439%, 600,000/1,025,000 = 58.53659%, 25,000/1,025,000 = 2.43902%
    //   k=4: 400,000/1,100,000 = 36.36364%, 600,000/1,100,000 = 54.54545%, 100,000/1,100,000 = 9.09091%
    //   k=8: 400,000/1,200,000 = 33.33333%, 600,000/1,200,000 = 50.00000%, 200,000/1,200,000 = 16.66667%
    expect(
      json.projection.steps.map((s) => [
        s.metricValue,
        s.supplierSharePercent,
        s.investorSharePercent,
        s.dilutionPercent,
      ]),
    ).to.deep.equal([
      ["0.884", "40.0000", "60.0000", "0.0000"],
      ["0.894", "39.0244", "58.5366", "2.4390"],
      ["0.924", "36.3636", "54.5455", "9.0909"],
      ["0.964", "33.3333", "50.0000", "16.6667"],
    ]);
  });

  it("rounds N/2 down for an odd N (experimental preset, 7 expected)", function () {
    const projection = projectSupply({
      modelSupplierAllocation: tokens("500000"),
      investorAllocation: tokens("500000"),
      tokensPerDeltaOne: tokens("100000"),
      expectedDeltaOnes: 7,
      metric: "accuracy",
      baseline: 0.5,
      direction: "maximize",
    });
    // By hand: M = 1,000,000, T = 100,000; N/2 = 3. Totals 1,100,000 / 1,300,000 / 1,700,000;
    // supplier = investor = 500,000/total: 45.45%, 38.46%, 29.41%; dilution 9.09%, 23.08%, 41.18%.
    expect(formatProjectionTable(projection, "accuracy")).to.equal(
      [
        "  DeltaOnes   accuracy   minted  total supply  supplier share  investor share  dilution",
        "  0 (launch)       50%        0     1,000,000          50.00%          50.00%     0.00%",
        "  1 (first)        51%  100,000     1,100,000          45.45%          45.45%     9.09%",
        "  3 (N/2)          53%  300,000     1,300,000          38.46%          38.46%    23.08%",
        "  7 (N)            57%  700,000     1,700,000          29.41%          29.41%    41.18%",
      ].join("\n"),
    );
  });

  it("merges steps that coincide: N = 1 and N = 2", function () {
    const base = {
      modelSupplierAllocation: tokens("400000"),
      investorAllocation: tokens("600000"),
      tokensPerDeltaOne: tokens("25000"),
      metric: "f1",
      baseline: 0.5,
      direction: "maximize" as const,
    };
    expect(
      projectSupply({ ...base, expectedDeltaOnes: 1 }).steps.map((s) => [s.deltaOnes, s.marks]),
    ).to.deep.equal([
      [0, ["launch"]],
      [1, ["first", "expected"]],
    ]);
    expect(
      projectSupply({ ...base, expectedDeltaOnes: 2 }).steps.map((s) => [s.deltaOnes, s.marks]),
    ).to.deep.equal([
      [0, ["launch"]],
      [1, ["first", "half"]],
      [2, ["expected"]],
    ]);
  });

  it("moves a metric to minimize down, and warns when the expected DeltaOnes pass 0%", function () {
    const projection = projectSupply({
      modelSupplierAllocation: tokens("300000"),
      investorAllocation: tokens("700000"),
      tokensPerDeltaOne: tokens("5000"),
      expectedDeltaOnes: 25,
      metric: "error rate",
      baseline: 0.2,
      direction: "minimize",
    });
    // By hand: 20% - 1 point = 19%, - 12 = 8%, - 25 = -5%; room for 20 DeltaOnes (20% down to 0%).
    expect(projection.steps.map((s) => s.metricValue)).to.deep.equal([
      200_000_000n,
      190_000_000n,
      80_000_000n,
      -50_000_000n,
    ]);
    expect(projection.headroomDeltaOnes).to.equal(20);
    expect(projection.warnings).to.deep.equal([
      "error rate cannot fall below 0%: from its baseline of 20% there is room for 20 whole DeltaOnes, but the plan expects 25; lower tokenomics.expectedDeltaOnes to at most 20",
    ]);
  });

  it("stays exact with amounts beyond 2^53 wei and odd shares", function () {
    const projection = projectSupply({
      modelSupplierAllocation: 1n,
      investorAllocation: tokens("999999.999999999999999999"),
      tokensPerDeltaOne: tokens("100"),
      expectedDeltaOnes: 100,
      metric: "accuracy",
      baseline: 0,
      direction: "maximize",
    });
    expect(projection.maxSupply).to.equal(10n ** 24n);
    expect(projection.steps[3].totalSupply).to.equal(10n ** 24n + 100n * 100n * 10n ** 18n);
  });
});

describe("launch plans: what hokusai:plan prints", function () {
  it("percent() rounds half up in bigint arithmetic", function () {
    expect(percent(1n, 3n)).to.equal("33.33");
    expect(percent(2n, 3n)).to.equal("66.67");
    expect(percent(1n, 8n)).to.equal("12.50");
    expect(percent(5n, 1000n, 0)).to.equal("1");
    expect(percent(1n, 3n, 4)).to.equal("33.3333");
    expect(percent(10n ** 30n, 3n * 10n ** 30n, 6)).to.equal("33.333333");
  });

  it("columns() left-aligns the first column and right-aligns the others", function () {
    expect(
      columns([
        ["a", "bb"],
        ["ccc", "d"],
      ]),
    ).to.equal("  a    bb\n  ccc   d");
  });

  it("prints the example plan as the README shows it", async function () {
    const loaded = await loadPlan(path.join(EXAMPLES, "hokusai.model.json"));
    const text = formatPlan(loaded, projectPlan(loaded), path.join(EXAMPLES, ".."));
    expect(text).to.equal(
      [
        'Launch plan examples/hokusai.model.json is valid: Chest X-Ray Classifier (CHEST), model id "102".',
        "",
        "  Category              healthcare",
        "  Tags                  radiology, x-ray, classification",
        "  Metric                accuracy, baseline 88.4%, maximize: one DeltaOne is +1 percentage point",
        "  License               decentralized, published at ipfs://bafkreiajocsqci6gc3xjcbsqfuzllbnz4wcr7c22b3slnfyil4l4tgtqpi",
        "  License hash          0x2b0875e51f5d2e8520ad5d96d9be9056e1928cff9109a8b6131cd0fa36b29e63 (keccak256 of examples/LICENSE-model.md)",
        "  Governor              not in the plan: deploy-token takes hokusai.networks.<network>.governor, GOVERNOR_ADDRESS, or on a dev chain the signer",
        "  Supplier recipient    not in the plan: deploy-token takes hokusai.networks.<network>.modelSupplierRecipient, MODEL_SUPPLIER_RECIPIENT, or on a dev chain the signer",
        "  Infrastructure share  5000 bps, 50.00% of usage fees (preset growth)",
        "  Oracle price          $2.5 per 1000 calls",
        "",
        "Supply (preset growth, plan values over it)",
        "  Supplier allocation  400,000 tokens, 40.00% of max supply (preset growth)",
        "  Investor allocation  600,000 tokens, 60.00% of max supply (preset growth)",
        "  Max supply           1,000,000 tokens (supplier + investor caps)",
        "  Per DeltaOne         25,000 tokens, 2.50% of max supply (preset growth)",
        "  Expected DeltaOnes   8 over two years (N); the metric has room for 11",
        "",
        "Projection after the first, half (N/2, rounded down) and all (N) expected DeltaOnes",
        "  DeltaOnes   accuracy   minted  total supply  supplier share  investor share  dilution",
        "  0 (launch)     88.4%        0     1,000,000          40.00%          60.00%     0.00%",
        "  1 (first)      89.4%   25,000     1,025,000          39.02%          58.54%     2.44%",
        "  4 (N/2)        92.4%  100,000     1,100,000          36.36%          54.55%     9.09%",
        "  8 (N)          96.4%  200,000     1,200,000          33.33%          50.00%    16.67%",
        "",
        "Shares are of the total potential supply: the max supply (both caps, assumed fully minted) plus the tokens minted by DeltaOnes, which go to contributors.",
        "Dilution is the part of their share that supplier and investor holders lose: 1 - share after / share at launch = minted / (max supply + minted), the share the rewards hold; it is the same for both groups, since both allocations are fixed caps.",
      ].join("\n"),
    );
  });

  it("shows the plan's own addresses, and no preset when there is none", async function () {
    const loaded = await loadPlan(writePlan(planDir(), fullPlan()));
    const text = formatPlan(loaded, projectPlan(loaded));
    expect(text).to.contain("  Governor              0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\n");
    expect(text).to.contain("\nSupply\n  Supplier allocation  400,000 tokens, 40.00% of max supply\n");
    expect(text).to.contain("  Oracle price          unset (0) per 1000 calls\n");
    expect(text).not.to.contain("preset");
  });
});
