import { expect } from "chai";
import hre from "hardhat";
import { keccak256, parseUnits, toUtf8Bytes } from "ethers";

// typechain's `ethers.getContractAt("Mock…")` overloads: tsconfig.json does not include typechain-types/.
import type {} from "../../typechain-types/hardhat";
import type { DistributeResult } from "../../src/core/backend";
import { ensureLocalSystem, type LocalSystem } from "../../src/hardhat/local-system";
import { TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION } from "../../src/task-names";
import { capture } from "../helpers/capture";
import { expectRefusedWithoutSending } from "../helpers/refused";
import { useLocalStack } from "../helpers/local-stack";

const SUPPLIER = parseUnits("400000", 18);
const INVESTOR = parseUnits("600000", 18);

describe("backend tasks on the in-process network", function () {
  useLocalStack("guide");
  let system: LocalSystem;
  let counter = 0;
  const uniqueId = () => `backend-${Date.now()}-${counter++}`;

  before(async function () {
    system = await ensureLocalSystem(hre);
  });

  async function account(index: number) {
    return (await hre.ethers.getSigners())[index];
  }

  async function nonce(): Promise<number> {
    return hre.ethers.provider.getTransactionCount((await account(0)).address);
  }

  /** A model token deployed straight through a TokenManager (the developer's step), signed by account 0. */
  async function deployModel(modelId: string, recipient: string, tokenManager = system.tokenManager) {
    const manager = await hre.ethers.getContractAt("MockTokenManager", tokenManager);
    await (
      await manager.deployTokenWithAllocations(
        modelId,
        "Sentiment Model",
        "SENT",
        SUPPLIER,
        recipient,
        INVESTOR,
        {
          tokensPerDeltaOne: parseUnits("100000", 18),
          infrastructureAccrualBps: 5000,
          initialOraclePricePerThousandUsd: 0n,
          licenseHash: keccak256(toUtf8Bytes("license")),
          licenseURI: "ipfs://bafkreiexample/license.md",
          governor: (await account(0)).address,
        },
      )
    ).wait();
    return hre.ethers.getContractAt("MockHokusaiToken", await manager.getTokenAddress(modelId));
  }

  describe("hokusai:distribute-supplier-allocation", function () {
    const distribute = (args: Record<string, unknown>) =>
      hre.run(TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION, args) as Promise<DistributeResult>;

    it("mints the supplier allocation to the recipient and reports recipient and amount", async function () {
      const modelId = uniqueId();
      const recipient = await account(2);
      const token = await deployModel(modelId, recipient.address);
      const before = await token.balanceOf(recipient.address);

      const { result, stdout, stderr } = await capture(() => distribute({ modelId }));

      expect(result.status).to.equal("distributed");
      expect(result.recipient).to.equal(recipient.address);
      expect(result.amount).to.equal(SUPPLIER);
      expect(await token.balanceOf(recipient.address)).to.equal(before + SUPPLIER);
      expect(await token.modelSupplierDistributed()).to.be.true;
      expect(await token.totalSupply()).to.equal(SUPPLIER);
      expect(stdout).to.contain(
        `Distributed the supplier allocation of model "${modelId}" on hardhat: 400,000 tokens to ${recipient.address} at once.`,
      );
      expect(stdout).to.match(/recipient balance\s+400,000 tokens/);
      expect(stderr).to.match(
        new RegExp(`Sent transaction 0x[0-9a-f]{64} \\(distributeModelSupplierAllocation\\("${modelId}"\\)`),
      );
      expect(result.transaction?.hash).to.match(/^0x[0-9a-f]{64}$/);
    });

    it("says a rerun after success is done and sends nothing", async function () {
      const modelId = uniqueId();
      const recipient = await account(2);
      const token = await deployModel(modelId, recipient.address);
      await capture(() => distribute({ modelId }));
      const balance = await token.balanceOf(recipient.address);
      const before = await nonce();

      const { result, stdout } = await capture(() => distribute({ modelId }));

      expect(result.status).to.equal("already-distributed");
      expect(stdout).to.contain(
        `The supplier allocation of model "${modelId}" was already distributed: nothing was sent.`,
      );
      expect(await nonce()).to.equal(before);
      expect(await token.balanceOf(recipient.address)).to.equal(balance);
    });

    it("--json prints one document with version 1; --dry-run sends nothing", async function () {
      const modelId = uniqueId();
      const recipient = await account(3);
      const token = await deployModel(modelId, recipient.address);

      const before = await nonce();
      const dry = await capture(() => distribute({ modelId, dryRun: true, json: true }));
      expect(JSON.parse(dry.stdout)).to.include({
        version: 1,
        status: "dry-run",
        modelId,
        amount: SUPPLIER.toString(),
      });
      expect(await nonce()).to.equal(before);
      expect(await token.modelSupplierDistributed()).to.be.false;

      const { stdout } = await capture(() => distribute({ modelId, json: true }));
      const doc = JSON.parse(stdout);
      expect(doc).to.include({
        version: 1,
        status: "distributed",
        network: "hardhat",
        chainId: 31337,
        modelId,
        recipient: recipient.address,
        amount: SUPPLIER.toString(),
      });
      expect(doc.transaction.hash).to.match(/^0x[0-9a-f]{64}$/);
    });

    it("refuses a signer that does not own the TokenManager, naming the owner and the fix", async function () {
      const owner = await account(1);
      const signer = await account(0);
      const manager = await hre.ethers.deployContract("MockTokenManager", [owner.address, 0n, false]);
      const tokenManager = await manager.getAddress();
      const modelId = uniqueId();
      const token = await deployModel(modelId, (await account(2)).address, tokenManager);

      await expectRefusedWithoutSending(
        () => distribute({ modelId, tokenManager }),
        new RegExp(
          `HOK408: only the owner of the TokenManager ${tokenManager} may distribute the supplier allocation, and ${signer.address} is not the owner \\(owner\\(\\) is ${owner.address}\\); sign with the owner account`,
        ),
      );
      expect(await token.modelSupplierDistributed()).to.be.false;
    });

    it("refuses a model id without a token, with the deploy-token command", async function () {
      const modelId = uniqueId();
      await expectRefusedWithoutSending(
        () => distribute({ modelId }),
        new RegExp(
          `HOK311: model id "${modelId}" has no token on the TokenManager .*hokusai:deploy-token --model-id ${modelId}`,
        ),
      );
    });

    it("after a timeout, a rerun sends nothing twice: it waits for the pending transaction, then says done", async function () {
      const modelId = uniqueId();
      const recipient = await account(2);
      const token = await deployModel(modelId, recipient.address);
      const signer = (await account(0)).address;
      const pending = () => hre.ethers.provider.getTransactionCount(signer, "pending");
      const exitCode = process.exitCode;
      await hre.network.provider.send("evm_setAutomine", [false]);
      try {
        const timedOut = await capture(() => distribute({ modelId, timeout: 1 }));
        expect(timedOut.result).to.equal(undefined);
        expect(timedOut.stderr).to.match(/HOK421: transaction 0x[0-9a-f]{64} was not confirmed within 1 s/);
        expect(process.exitCode).to.equal(4);
        const inFlight = await pending();

        process.exitCode = exitCode;
        const rerun = await capture(() => distribute({ modelId }));
        expect(rerun.stderr).to.match(
          new RegExp(
            `HOK605: account ${signer} has 1 transaction\\(s\\) waiting to be mined .*nothing was sent`,
          ),
        );
        expect(process.exitCode).to.equal(4);
        expect(await pending(), "the rerun sent another transaction").to.equal(inFlight);

        process.exitCode = exitCode;
        await hre.network.provider.send("evm_mine", []);
        const after = await capture(() => distribute({ modelId }));
        expect(after.result.status).to.equal("already-distributed");
        expect(await token.balanceOf(recipient.address)).to.equal(SUPPLIER);
      } finally {
        process.exitCode = exitCode;
        await hre.network.provider.send("evm_setAutomine", [true]);
      }
    });

    it("refuses a signer without the gas money before sending", async function () {
      const modelId = uniqueId();
      await deployModel(modelId, (await account(2)).address);
      const signer = (await account(0)).address;
      const balance = await hre.ethers.provider.getBalance(signer);
      await hre.network.provider.send("hardhat_setBalance", [signer, "0x1"]);
      try {
        await expectRefusedWithoutSending(
          () => distribute({ modelId }),
          new RegExp(
            `HOK304: account ${signer} holds 0.000000000000000001 ETH but the calls need about .* ETH`,
          ),
        );
      } finally {
        await hre.network.provider.send("hardhat_setBalance", [signer, `0x${balance.toString(16)}`]);
      }
    });

    it("asks for the model id", async function () {
      await expectRefusedWithoutSending(() => distribute({}), /HOK200: --model-id is required/);
    });
  });
});
