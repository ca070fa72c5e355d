/** `npm run demo`, as the README's first commands promise: a model's whole launch in process. */
import { expect } from "chai";

import { allOutput, runHardhat } from "../helpers/process";

describe("npm run demo", function () {
  this.timeout(300_000);

  it("deploys, verifies, distributes, launches the pool, shows it trading, and reruns with nothing sent", async function () {
    // hardhat.config.ts itself, as `npm run demo` reads it.
    const result = await runHardhat(["--config", "hardhat.config.ts", "run", "scripts/demo.ts"]);
    expect(result.code, allOutput(result)).to.equal(0);
    const out = result.stdout;
    expect(out).to.contain('Deployed model token "101" on hardhat.');
    expect(out).to.match(/MATCH: keccak256 of the license bytes equals the on-chain licenseHash/);
    expect(out).to.contain(
      "40,000 tokens to 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 at once and 360,000 vested",
    );
    expect(out).to.match(
      /The pool of model "101" on hardhat is at 0x[0-9a-fA-F]{40} \(5 transaction\(s\) sent\): registered, authorised to mint, reserve 100 USDC; the model trades\./,
    );
    expect(out).to.contain('Model "101" on hardhat (chain 31337): DEPLOYED');
    expect(out).to.contain('Model "101" is already deployed on hardhat: nothing was sent.');
  });
});
