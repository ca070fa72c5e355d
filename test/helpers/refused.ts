/**
 * A refusal in process: the task fails with the expected one-line error, and the
 * signer (account 0 of the in-process network, who sends every task's transactions)
 * sent nothing, so its nonce did not move.
 */
import { expect } from "chai";
import hre from "hardhat";

import { capture } from "./capture";

/** The signer's nonce. */
export async function signerNonce(): Promise<number> {
  const [signer] = await hre.ethers.getSigners();
  return hre.ethers.provider.getTransactionCount(signer.address);
}

export async function expectRefusedWithoutSending(
  work: () => Promise<unknown>,
  pattern: RegExp,
): Promise<void> {
  const before = await signerNonce();
  await expect(capture(work)).to.be.rejectedWith(pattern);
  expect(await signerNonce(), "the signer's nonce moved: something was sent").to.equal(before);
}
