/**
 * A nonce taken by another process between the preflight and the send: the core must
 * say which nonce and which transaction took it, deploy nothing, mark the record
 * abandoned, and let the next run deploy with the next nonce.
 */
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";
import { parseEther, Wallet, ZeroAddress } from "ethers";
import hre from "hardhat";

import type { TransactionSender } from "../../src/core/chain/transaction";
import { deployToken } from "../../src/core/deploy/deploy";
import { preflightDeploy } from "../../src/core/deploy/preflight";
import { recordPath } from "../../src/core/deploy/record";
import { HokusaiError } from "../../src/core/errors";
import { coreContext, coreRequest } from "../helpers/core-request";

// Hardhat's well-known development key of account #2: public, never a secret.
const ACCOUNT_2_KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

describe("a nonce taken between preflight and send", function () {
  let records: string;
  let wallet: Wallet;
  let tokenManager: string;

  before(async function () {
    records = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-nonce-race-"));
    wallet = new Wallet(ACCOUNT_2_KEY, hre.ethers.provider);
    // Other suites share the in-process chain: give the account a known, ample balance.
    await hre.network.provider.send("hardhat_setBalance", [
      wallet.address,
      "0x" + parseEther("1000").toString(16),
    ]);
    const [owner] = await hre.ethers.getSigners();
    const manager = await hre.ethers.deployContract("MockTokenManager", [owner.address, 0n, false]);
    tokenManager = await manager.getAddress();
  });

  after(function () {
    fs.rmSync(records, { recursive: true, force: true });
  });

  const request = (modelId: string) =>
    coreRequest(modelId, wallet.address, { name: "Nonce Race Model", symbol: "RACE" });

  /** Signs locally, as the key-holding network does; `before` runs first, as another process would. */
  function sender(before?: (nonce: number) => Promise<void>): TransactionSender {
    return {
      address: wallet.address,
      signTransaction: async (tx) => {
        await before?.(Number(tx.nonce));
        return wallet.signTransaction({ ...tx, from: undefined });
      },
      sendTransaction: async (tx) => (await wallet.sendTransaction(tx)).hash,
    };
  }

  it("fails with HOK422 naming the nonce and the other transaction, deploys nothing, and the next run uses the next nonce", async function () {
    const modelId = `nonce-race-${Date.now()}`;
    const deployRequest = request(modelId);
    const provider = hre.ethers.provider;
    const recordFile = recordPath(records, "hardhat", modelId);
    const context = (sending: TransactionSender) => coreContext(provider, sending, records);

    const preflight = await preflightDeploy(provider, wallet.address, tokenManager, deployRequest, {
      network: "hardhat",
      chainId: 31337,
    });
    expect(preflight.existing).to.equal(undefined);
    const nonceAtPreflight = await provider.getTransactionCount(wallet.address, "pending");

    let otherHash: string | undefined;
    let takenNonce: number | undefined;
    const racing = sender(async (nonce) => {
      takenNonce = nonce;
      // Another process (another terminal, a bot) sends from the same account first and is mined.
      const other = await wallet.sendTransaction({ to: wallet.address, value: 1n, nonce });
      otherHash = other.hash;
      await other.wait();
    });

    let failure: unknown;
    try {
      await deployToken(context(racing), { request: deployRequest, preflight, notes: [] });
    } catch (error) {
      failure = error;
    }

    expect(failure).to.be.instanceOf(HokusaiError);
    const error = failure as HokusaiError;
    expect(takenNonce).to.equal(nonceAtPreflight);
    expect(otherHash).to.match(/^0x[0-9a-f]{64}$/);
    expect(error.code).to.equal("HOK422");
    expect(error.message).to.equal(
      `HOK422: nonce ${nonceAtPreflight} of ${wallet.address} was used by another transaction (${otherHash}), not by deployTokenWithAllocations; nothing of it was sent: rerun to send it with the next nonce`,
    );

    const manager = await hre.ethers.getContractAt("MockTokenManager", tokenManager);
    expect(await manager.getTokenAddress(modelId)).to.equal(ZeroAddress);
    expect(await manager.queryFilter(manager.filters.TokenDeployed(modelId))).to.have.length(0);
    const abandoned = JSON.parse(fs.readFileSync(recordFile, "utf8"));
    expect(abandoned.status).to.equal("abandoned");
    expect(abandoned.transaction.nonce).to.equal(nonceAtPreflight);
    expect(abandoned.failure).to.contain(`nonce ${nonceAtPreflight}`);
    expect(await provider.getTransactionCount(wallet.address, "latest")).to.equal(nonceAtPreflight + 1);

    // The rerun the message asks for: it starts afresh with the next nonce and deploys once.
    const result = await deployToken(context(sender()), { request: deployRequest, preflight, notes: [] });
    expect(result.status).to.equal("deployed");
    const deployTx = await provider.getTransaction(result.txHash!);
    expect(deployTx?.nonce).to.equal(nonceAtPreflight + 1);
    expect(deployTx?.from).to.equal(wallet.address);
    expect(await manager.getTokenAddress(modelId)).to.equal(result.token);
    expect(await manager.queryFilter(manager.filters.TokenDeployed(modelId))).to.have.length(1);
    const confirmed = JSON.parse(fs.readFileSync(recordFile, "utf8"));
    expect(confirmed.status).to.equal("confirmed");
    expect(confirmed.transaction.nonce).to.equal(nonceAtPreflight + 1);
    expect(confirmed.result.token).to.equal(result.token);
  });
});
