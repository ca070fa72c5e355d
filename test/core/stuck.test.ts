/**
 * A transaction stuck below the base fee (src/core/chain/stuck.ts): when it is stuck, the
 * fees of its replacement (+12.5% at least on both fees, enough for the base fee, within the
 * cap), and a rerun that finds either the replaced transaction or its replacement mined.
 */
import { expect } from "chai";
import { keccak256, parseEther, parseUnits, Wallet } from "ethers";
import hre from "hardhat";

import { adoptHash, hashesOf } from "../../src/core/chain/journal";
import { bumpFee, isBelowBaseFee, replacementFor } from "../../src/core/chain/stuck";
import { type JournaledTx, TransactionEngine } from "../../src/core/chain/transaction";

const gwei = (n: string) => parseUnits(n, "gwei");
const pending1559 = (maxFee: string, priority: string) => ({
  type: 2,
  maxFeePerGas: gwei(maxFee),
  maxPriorityFeePerGas: gwei(priority),
  gasPrice: gwei(maxFee),
});
const quote = (perGas: string, priority = "1") => ({
  perGas: gwei(perGas),
  eip1559: true,
  maxPriorityFeePerGas: gwei(priority),
});

describe("stuck transactions", function () {
  it("bumps a fee by 12.5%, rounded up, and at least 1 wei", function () {
    expect(bumpFee(800n)).to.equal(900n);
    expect(bumpFee(801n)).to.equal(902n);
    expect(bumpFee(0n)).to.equal(1n);
    // Nodes refuse a replacement below +10% on each fee.
    for (const fee of [1n, 7n, 10n ** 9n, 123_456_789n])
      expect(bumpFee(fee) * 10n >= fee * 11n).to.equal(true);
  });

  it("is stuck only while its max fee is below the base fee", function () {
    expect(isBelowBaseFee(pending1559("2", "1"), gwei("3"))).to.equal(true);
    expect(isBelowBaseFee(pending1559("3", "1"), gwei("3"))).to.equal(false);
    expect(isBelowBaseFee(pending1559("2", "1"), null)).to.equal(false);
    expect(replacementFor(pending1559("3", "1"), gwei("3"), quote("7"), undefined)).to.deep.equal({
      kind: "not-stuck",
    });
  });

  it("replaces with the network's fee now when that is above the bumped fees", function () {
    const check = replacementFor(pending1559("2", "1"), gwei("50"), quote("101", "1"), undefined);
    expect(check).to.deep.equal({
      kind: "replace",
      fees: { type: 2, maxFeePerGas: gwei("101"), maxPriorityFeePerGas: gwei("1.125") },
      maxFeeGwei: "101.0",
      oldMaxFeeGwei: "2.0",
      baseFeeGwei: "50.0",
    });
  });

  it("lowers the replacement to the cap while that still clears the base fee, and refuses below it", function () {
    const capped = replacementFor(pending1559("2", "1"), gwei("50"), quote("101"), 60);
    expect(capped.kind).to.equal("replace");
    expect(capped.kind === "replace" && capped.fees.maxFeePerGas).to.equal(gwei("60"));

    const over = replacementFor(pending1559("2", "1"), gwei("50"), quote("101"), 40);
    expect(over).to.deep.equal({
      kind: "over-cap",
      neededGwei: "51.125",
      oldMaxFeeGwei: "2.0",
      baseFeeGwei: "50.0",
    });
  });

  it("replaces a legacy transaction by its gas price", function () {
    const legacy = { type: 0, maxFeePerGas: null, maxPriorityFeePerGas: null, gasPrice: gwei("8") };
    const check = replacementFor(legacy, gwei("20"), { perGas: gwei("21"), eip1559: false }, undefined);
    expect(check.kind === "replace" && check.fees).to.deep.equal({ type: 0, gasPrice: gwei("21") });
  });

  it("keeps every attempt's hash, the adopted one current", function () {
    const tx = { hash: "0xb", raw: "0xbb", earlier: [{ hash: "0xa", raw: "0xaa" }] } as JournaledTx;
    expect(hashesOf(tx)).to.deep.equal(["0xb", "0xa"]);
    adoptHash(tx, "0xa");
    expect(tx).to.deep.include({ hash: "0xa", raw: "0xaa", earlier: [{ hash: "0xb", raw: "0xbb" }] });
  });

  describe("a rerun after a replacement was recorded", function () {
    // Hardhat's well-known development key of account #4: public, never a secret.
    const wallet = new Wallet(
      "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
      hre.ethers.provider,
    );

    before(async function () {
      await hre.network.provider.send("hardhat_setBalance", [
        wallet.address,
        "0x" + parseEther("100").toString(16),
      ]);
    });

    async function journaled(): Promise<{ tx: JournaledTx; original: string; replacement: string }> {
      const nonce = await hre.ethers.provider.getTransactionCount(wallet.address, "pending");
      const fields = { to: wallet.address, value: 1n, gasLimit: 21_000n, nonce, chainId: 31337, type: 2 };
      const original = await wallet.signTransaction({
        ...fields,
        maxFeePerGas: gwei("100"),
        maxPriorityFeePerGas: gwei("1"),
      });
      const replacement = await wallet.signTransaction({
        ...fields,
        maxFeePerGas: gwei("200"),
        maxPriorityFeePerGas: gwei("2"),
      });
      const tx: JournaledTx = {
        description: "a transfer",
        from: wallet.address,
        to: wallet.address,
        data: "0x",
        value: "1",
        gasLimit: "21000",
        chainId: 31337,
        nonce,
        status: "signed",
        // As the engine records it: the replacement current, signed and saved before its broadcast.
        hash: keccak256(replacement),
        raw: replacement,
        earlier: [{ hash: keccak256(original), raw: original }],
      };
      return { tx, original, replacement };
    }

    const engine = () =>
      new TransactionEngine(
        hre.ethers.provider,
        { address: wallet.address, sendTransaction: async () => "0x" },
        { chainId: 31337, confirmations: 1, timeoutSeconds: 30, pollMs: 50 },
      );
    const noJournal = { save: () => undefined };

    it("takes the replaced transaction, mined before its replacement went out, as ours", async function () {
      const { tx, original } = await journaled();
      await hre.ethers.provider.broadcastTransaction(original);
      const resumed = await engine().resume(tx, noJournal);
      const receipt = await engine().wait(resumed!, noJournal, { account: wallet.address });
      expect(receipt.hash).to.equal(keccak256(original));
      expect(tx.hash).to.equal(keccak256(original));
      expect(tx.status).to.equal("mined");
    });

    it("takes the replacement, once broadcast and mined, as ours", async function () {
      const { tx, replacement } = await journaled();
      await hre.ethers.provider.broadcastTransaction(replacement);
      const receipt = await engine().wait((await engine().resume(tx, noJournal))!, noJournal, {
        account: wallet.address,
      });
      expect(receipt.hash).to.equal(keccak256(replacement));
    });

    it("broadcasts the recorded replacement when neither went out, and nothing else", async function () {
      const { tx, replacement } = await journaled();
      const before = await hre.ethers.provider.getTransactionCount(wallet.address);
      const receipt = await engine().wait((await engine().resume(tx, noJournal))!, noJournal, {
        account: wallet.address,
      });
      expect(receipt.hash).to.equal(keccak256(replacement));
      expect(await hre.ethers.provider.getTransactionCount(wallet.address)).to.equal(before + 1);
    });
  });
});
