import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { expect } from "chai";
import hre from "hardhat";

import { HokusaiPluginError } from "../../src/errors";

/**
 * `refused(work, pattern)`: the helper fails with one HokusaiPluginError line matching
 * `pattern`, and `account` sent nothing (its nonce did not move).
 */
export function expectRefused(account: HardhatEthersSigner) {
  return async (work: () => Promise<unknown>, pattern: RegExp): Promise<void> => {
    const before = await hre.ethers.provider.getTransactionCount(account.address);
    const error = await work().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, `expected a failure matching ${pattern}`).to.be.instanceOf(HokusaiPluginError);
    const message = (error as Error).message;
    expect(message).to.match(pattern);
    expect(message, "the error is one line").to.not.contain("\n");
    expect(
      await hre.ethers.provider.getTransactionCount(account.address),
      `${account.address} sent a transaction`,
    ).to.equal(before);
  };
}
