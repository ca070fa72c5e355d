/** Plans for the tests: a complete one to start from, and temp folders to write them in. */
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";

import { HokusaiError } from "../../src/core/errors";
import { loadPlan } from "../../src/core/plan";

export const LICENSE_TEXT =
  "# Commercial Model License\n\nReplace this text with the exact license you will publish off-chain.\n";
/** keccak256(toUtf8Bytes(LICENSE_TEXT)), as `hokusai:license-hash` prints it. */
export const LICENSE_HASH = "0x2b0875e51f5d2e8520ad5d96d9be9056e1928cff9109a8b6131cd0fa36b29e63";

export const GOVERNOR = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
export const RECIPIENT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

export const EXAMPLES = path.join(__dirname, "..", "..", "examples");

/** Plan data as tests bend it: sections of loosely typed fields. */
export type PlanData = Record<string, Record<string, unknown>>;

/** A plan with every field written out and no preset: the guide's programmatic example. */
export function fullPlan(): PlanData {
  return {
    model: {
      name: "Sentiment Model",
      ticker: "SENT",
      description: "Classifies the sentiment of product reviews.",
      category: "nlp",
      tags: ["sentiment", "reviews"],
    },
    metrics: { metric: "f1", baseline: 0.812, direction: "maximize" },
    license: { type: "decentralized", file: "license.md", uri: "ipfs://bafkreiexample/license.md" },
    tokenomics: {
      modelSupplierAllocation: "400000",
      investorAllocation: 600000,
      tokensPerDeltaOne: "100_000",
      expectedDeltaOnes: 10,
    },
    contract: {
      modelId: "sentiment-v2",
      governor: GOVERNOR,
      modelSupplierRecipient: RECIPIENT,
      infrastructureAccrualBps: 5000,
      initialOraclePricePerThousandUsd: 0,
    },
  };
}

const planDirs: string[] = [];
// The suites make a folder per case; the worker removes them all when it ends.
process.once("exit", () => {
  for (const dir of planDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temp folder holding license.md, for plans to be written into (removed when the process ends). */
export function planDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-plan-"));
  planDirs.push(dir);
  fs.writeFileSync(path.join(dir, "license.md"), LICENSE_TEXT);
  return dir;
}

export function writePlan(dir: string, data: unknown, name = "hokusai.model.json"): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof data === "string" ? data : JSON.stringify(data, null, 2));
  return file;
}

/** The lines of the invalid-plan error (HOK701) that loading `file` throws. */
export async function problemsOf(file: string): Promise<string[]> {
  try {
    await loadPlan(file);
  } catch (error) {
    expect(error).to.be.instanceOf(HokusaiError);
    expect((error as HokusaiError).kind).to.equal("invalidPlan");
    return (error as HokusaiError).problems ?? [];
  }
  expect.fail(`${file} loaded without an error`);
}
