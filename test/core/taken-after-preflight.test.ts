/**
 * A model id taken after the preflight said it was free: another account's deployment
 * lands between the check and the send. The deployment must not take that token for
 * ours: it is refused as the preflight refuses a model someone else holds, and nothing
 * is sent.
 */
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";
import hre from "hardhat";

import { type DeployProgress, deployToken } from "../../src/core/deploy/deploy";
import { preflightDeploy } from "../../src/core/deploy/preflight";
import { HokusaiError } from "../../src/core/errors";
import { formatDeployProgress } from "../../src/ui/deploy";
import { CORE_PREFLIGHT, coreContext, coreRequest, signerSender } from "../helpers/core-request";

describe("a model id taken between the preflight and the send", function () {
  let records: string;
  let tokenManager: string;

  before(async function () {
    records = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-taken-"));
    const [owner] = await hre.ethers.getSigners();
    const manager = await hre.ethers.deployContract("MockTokenManager", [owner.address, 0n, false]);
    tokenManager = await manager.getAddress();
  });

  after(function () {
    fs.rmSync(records, { recursive: true, force: true });
  });

  /** Our preflight of `modelId`, which finds it free, and another account's deployment of it, not yet sent. */
  async function race(modelId: string) {
    const [ours, other] = await hre.ethers.getSigners();
    const provider = hre.ethers.provider;
    const request = coreRequest(modelId, ours.address);
    const preflight = await preflightDeploy(provider, ours.address, tokenManager, request, CORE_PREFLIGHT);
    const { transaction: theirs } = await preflightDeploy(
      provider,
      other.address,
      tokenManager,
      coreRequest(modelId, other.address),
      CORE_PREFLIGHT,
    );
    return { ours, other, provider, request, preflight, theirs };
  }

  it("refuses another account's token with its own governor (HOK313) and sends nothing", async function () {
    const { ours, other, provider, request, preflight, theirs } = await race(`taken-${Date.now()}`);
    expect(preflight.existing).to.equal(undefined);

    // Another account deploys the same model id, governed by itself, before we send.
    await (await other.sendTransaction(theirs)).wait();

    const sender = await signerSender(ours);
    const context = coreContext(provider, sender, records);
    const nonce = await provider.getTransactionCount(ours.address, "latest");
    const failure = await deployToken(context, { request, preflight, notes: [] }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).to.be.instanceOf(HokusaiError);
    expect((failure as HokusaiError).code).to.equal("HOK313");
    expect((failure as HokusaiError).message).to.contain(other.address);
    expect(await provider.getTransactionCount(ours.address, "latest")).to.equal(nonce);
  });

  it("waits for another account's deployment still pending, tells it is not this record's, then refuses it (HOK313)", async function () {
    const { ours, other, provider, request, preflight, theirs } = await race(`pending-${Date.now()}`);
    const sender = await signerSender(ours);
    const context = { ...coreContext(provider, sender, records), pollMs: 10 };
    const nonce = await provider.getTransactionCount(ours.address, "latest");
    const events: DeployProgress[] = [];
    await provider.send("evm_setAutomine", [false]);
    try {
      // Another account's deployment of the same model id waits in the pending block.
      await other.sendTransaction(theirs);
      const failure = await deployToken(
        context,
        { request, preflight, notes: [] },
        {
          onProgress: (event) => {
            events.push(event);
            if (event.type === "pending-elsewhere") void provider.send("evm_mine", []);
          },
        },
      ).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).to.be.instanceOf(HokusaiError);
      expect((failure as HokusaiError).code).to.equal("HOK313");
      expect((failure as HokusaiError).message).to.contain(other.address);
    } finally {
      await provider.send("evm_setAutomine", [true]);
    }
    expect(events.map((event) => event.type)).to.deep.equal(["pending-elsewhere"]);
    const told = formatDeployProgress(events[0]);
    expect(told).to.match(
      /^A deployment of this model is pending on the chain, not one from this project's record/,
    );
    expect(told).not.to.contain("Resuming");
    expect(await provider.getTransactionCount(ours.address, "latest")).to.equal(nonce);
  });
});
