/**
 * A script that catches an hre.hokusai error and prints it with console.error, as
 * scripts usually do, shows the error's one line: its code and message.
 */
import path from "path";

import { expect } from "chai";

import { allOutput, runHardhat } from "../helpers/process";

const SCRIPT = path.join("test", "fixtures", "scripts", "print-error.ts");

describe("errors in a user's script", function () {
  this.timeout(120_000);

  it("console.error(e) prints the HOK line of an hre.hokusai error, not a blank line", async function () {
    const result = await runHardhat(["run", "--no-compile", SCRIPT]);
    expect(result.code, allOutput(result)).to.equal(1);
    const lines = result.stderr.split("\n").filter((line) => line.trim() !== "");
    expect(lines).to.deep.equal([
      "Error in plugin hardhat-hokusai: HOK200: modelId is required: pass the model id the platform assigned (decimal digits), e.g. modelId 101",
    ]);
  });

  it("--show-stack-traces still gives the stack", async function () {
    const result = await runHardhat(["run", "--no-compile", "--show-stack-traces", SCRIPT]);
    expect(result.stderr).to.match(/HOK200: modelId is required/);
    expect(result.stderr).to.match(/\n\s+at /);
  });
});
