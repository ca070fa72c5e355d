import { expect } from "chai";
import hre from "hardhat";
import { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } from "hardhat/builtin-tasks/task-names";

import { installedSolcVersion, offlineSolcBuild } from "../../src/solc-offline";

describe("the offline compiler (npm package solc)", function () {
  it("is the version the config asks for, as solc-js with its real long version", async function () {
    const build = await hre.run(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, { quiet: true, solcVersion: "0.8.30" });
    expect(build).to.include({ version: "0.8.30", isSolcJs: true });
    expect(build.longVersion).to.match(/^0\.8\.30\+commit\.[0-9a-f]{8}$/);
    expect(build.compilerPath).to.match(/solc[/\\]soljson\.js$/);
  });

  it("fails with one line naming both versions when the config asks for another", function () {
    expect(() => offlineSolcBuild("0.8.20")).to.throw(
      `HOK101: the config asks for solc 0.8.20 but the installed npm package "solc" is ${installedSolcVersion()}; set solidity.version to "${installedSolcVersion()}" in hardhat.config.ts, or run \`npm install --save-dev --save-exact solc@0.8.20\``,
    );
  });
});
