import { expect } from "chai";
import hre from "hardhat";
import { keccak256, parseUnits, toUtf8Bytes } from "ethers";

// typechain's `ethers.getContractAt("Mock…")` overloads: tsconfig.json does not include typechain-types/.
import type {} from "../../typechain-types/hardhat";
import { type CreatePoolResult, type DistributeResult, preflightCreatePool } from "../../src/core/backend";
import { poolDeploymentId } from "../../src/hardhat/actions/backend";
import { ensureLocalSystem, type LocalSystem } from "../../src/hardhat/local-system";
import { asTask } from "../helpers/as-task";
import { TASK_HOKUSAI_CREATE_POOL, TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION } from "../../src/task-names";
import { capture } from "../helpers/capture";
import { useLocalStack } from "../helpers/local-stack";

const SUPPLIER = parseUnits("400000", 18);
const INVESTOR = parseUnits("600000", 18);
const DAY = 86_400n;

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

  async function expectRefusedWithoutSending(work: () => Promise<unknown>, pattern: RegExp) {
    const before = await nonce();
    await expect(capture(work)).to.be.rejectedWith(pattern);
    expect(await nonce(), "the signer's nonce moved: something was sent").to.equal(before);
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

  describe("hokusai:create-pool", function () {
    const createPool = (args: Record<string, unknown>) =>
      hre.run(TASK_HOKUSAI_CREATE_POOL, args) as Promise<CreatePoolResult>;

    async function poolOf(modelId: string) {
      const factory = await hre.ethers.getContractAt("MockHokusaiAMMFactory", system.ammFactory);
      return hre.ethers.getContractAt("MockHokusaiAMM", await factory.getPool(modelId));
    }

    async function isAuthorized(pool: string, tokenManager = system.tokenManager) {
      return (await hre.ethers.getContractAt("MockTokenManager", tokenManager)).isAuthorizedAMM(pool);
    }

    it("creates the pool with the factory's defaults and authorises it, through the Ignition module", async function () {
      const modelId = uniqueId();
      await deployModel(modelId, (await account(2)).address);
      const before = await nonce();

      const { result, stdout } = await capture(() => createPool({ modelId }));

      expect(result.status).to.equal("created");
      const pool = await poolOf(modelId);
      expect(result.pool).to.equal(await pool.getAddress());
      expect(await isAuthorized(result.pool)).to.be.true;
      expect(await pool.crr()).to.equal(200_000n);
      expect(await pool.tradeFee()).to.equal(30n);
      expect(await pool.ibrDuration()).to.equal(7n * DAY);
      expect(await pool.flatCurveThreshold()).to.equal(25_000n * 10n ** 6n);
      expect(await pool.flatCurvePrice()).to.equal(10_000n);
      expect(await nonce()).to.equal(before + 2);
      expect(result.transactions.map((t) => t.description)).to.deep.equal([
        `createPoolWithParams("${modelId}", ...)`,
        `authorizeAMM(${result.pool})`,
      ]);
      expect(stdout).to.contain(
        `Created the AMM pool of model "${modelId}" on hardhat and authorised it to mint: ${result.pool}.`,
      );
      expect(stdout).to.match(/crr\s+200000 ppm \(20%\)/);
      expect(stdout).to.match(new RegExp(`Ignition deployment\\s+hokusai-pool-31337-${modelId}`));
    });

    it("creates the pool with explicit parameters (threshold and price in US dollars)", async function () {
      const modelId = uniqueId();
      await deployModel(modelId, (await account(2)).address);

      const { result } = await capture(() =>
        createPool({
          modelId,
          crr: "100000",
          tradeFee: "50",
          ibrDuration: "86400",
          flatCurveThreshold: "1000",
          flatCurvePrice: "0.05",
        }),
      );

      const pool = await poolOf(modelId);
      expect(await pool.crr()).to.equal(100_000n);
      expect(await pool.tradeFee()).to.equal(50n);
      expect(await pool.ibrDuration()).to.equal(DAY);
      expect(await pool.flatCurveThreshold()).to.equal(1000n * 10n ** 6n);
      expect(await pool.flatCurvePrice()).to.equal(50_000n);
      expect(result.params).to.deep.equal({
        crr: 100_000n,
        tradeFee: 50n,
        ibrDuration: DAY,
        flatCurveThreshold: 1000n * 10n ** 6n,
        flatCurvePrice: 50_000n,
      });
    });

    it("accepts every parameter at its edge", async function () {
      for (const edges of [
        {
          crr: "50000",
          tradeFee: "1000",
          ibrDuration: "2592000",
          flatCurveThreshold: "0.000001",
          flatCurvePrice: "0.000001",
        },
        {
          crr: "1000000",
          tradeFee: "0",
          ibrDuration: "86400",
          flatCurveThreshold: "25000",
          flatCurvePrice: "0.01",
        },
      ]) {
        const modelId = uniqueId();
        await deployModel(modelId, (await account(2)).address);
        const { result } = await capture(() => createPool({ modelId, ...edges }));
        expect(result.status).to.equal("created");
        const pool = await poolOf(modelId);
        expect(await pool.crr()).to.equal(BigInt(edges.crr));
        expect(await pool.tradeFee()).to.equal(BigInt(edges.tradeFee));
        expect(await pool.ibrDuration()).to.equal(BigInt(edges.ibrDuration));
      }
    });

    describe("refuses a parameter beyond its bound before sending, naming the flag and range", function () {
      const cases: Array<[string, Record<string, string>, RegExp]> = [
        [
          "crr 49999",
          { crr: "49999" },
          /HOK207: --crr "49999" is invalid: must be from 50000 to 1000000 ppm/,
        ],
        [
          "crr 1000001",
          { crr: "1000001" },
          /HOK207: --crr "1000001" is invalid: must be from 50000 to 1000000 ppm/,
        ],
        ["a fractional crr", { crr: "200000.5" }, /HOK207: --crr .*whole number from 50000 to 1000000/],
        [
          "trade fee 1001",
          { tradeFee: "1001" },
          /HOK207: --trade-fee "1001" is invalid: must be from 0 to 1000 basis points/,
        ],
        [
          "a negative trade fee",
          { tradeFee: "-1" },
          /HOK207: --trade-fee "-1" is invalid: must be from 0 to 1000/,
        ],
        [
          "ibrDuration one second short of a day",
          { ibrDuration: "86399" },
          /HOK207: --ibr-duration "86399" is invalid: must be from 86400 to 2592000 seconds \(1 to 30 days\)/,
        ],
        [
          "ibrDuration above 30 days",
          { ibrDuration: "2592001" },
          /HOK207: --ibr-duration "2592001" is invalid/,
        ],
        [
          "a zero flat-curve threshold",
          { flatCurveThreshold: "0" },
          /HOK207: --flat-curve-threshold "0" is invalid: must be greater than zero/,
        ],
        [
          "a zero flat-curve price",
          { flatCurvePrice: "0.000000" },
          /HOK207: --flat-curve-price "0.000000" is invalid: must be greater than zero/,
        ],
        [
          "a price with 7 decimals",
          { flatCurvePrice: "0.0000001" },
          /HOK207: --flat-curve-price "0.0000001" is invalid: expected US dollars \(USDC\) with at most 6 decimals/,
        ],
        [
          "a threshold that is not a number",
          { flatCurveThreshold: "lots" },
          /HOK207: --flat-curve-threshold "lots"/,
        ],
      ];
      for (const [what, params, pattern] of cases) {
        it(`refuses ${what}`, async function () {
          const modelId = uniqueId();
          await deployModel(modelId, (await account(2)).address);
          await expectRefusedWithoutSending(() => createPool({ modelId, ...params }), pattern);
          const factory = await hre.ethers.getContractAt("MockHokusaiAMMFactory", system.ammFactory);
          expect(await factory.hasPool(modelId)).to.be.false;
        });
      }
    });

    it("gives a model id with characters Ignition refuses a deployment id it accepts", async function () {
      const modelId = `${uniqueId()} v2.1`;
      expect(poolDeploymentId(31337, modelId)).to.match(
        new RegExp(`^hokusai-pool-31337-${modelId.replace(/[ .]/g, "_")}-[0-9a-f]{8}$`),
      );
      expect(poolDeploymentId(31337, "sentiment-v2")).to.equal("hokusai-pool-31337-sentiment-v2");
      await deployModel(modelId, (await account(2)).address);
      const { result } = await capture(() => createPool({ modelId }));
      expect(result.status).to.equal("created");
      expect(await isAuthorized(result.pool)).to.be.true;
    });

    it("says a rerun after success is done and sends nothing", async function () {
      const modelId = uniqueId();
      await deployModel(modelId, (await account(2)).address);
      const first = await capture(() => createPool({ modelId }));
      const before = await nonce();

      const { result, stdout } = await capture(() => createPool({ modelId }));

      expect(result.status).to.equal("already-done");
      expect(result.pool).to.equal(first.result.pool);
      expect(result.transactions).to.deep.equal([]);
      expect(stdout).to.contain(
        `The AMM pool of model "${modelId}" is already created and authorised to mint: nothing was sent.`,
      );
      expect(await nonce()).to.equal(before);
    });

    it("warns when a rerun asks for other parameters than the existing pool's", async function () {
      const modelId = uniqueId();
      await deployModel(modelId, (await account(2)).address);
      await capture(() => createPool({ modelId }));
      const { stderr } = await capture(() => createPool({ modelId, crr: "300000" }));
      expect(stderr).to.contain(
        "Warning: --crr 300000 differs from the existing pool's crr 200000; a pool's parameters are fixed when it is created",
      );
    });

    it("finishes a half-done pair: a pool created but not authorised only gets authorizeAMM", async function () {
      const modelId = uniqueId();
      const token = await deployModel(modelId, (await account(2)).address);
      const factory = await hre.ethers.getContractAt("MockHokusaiAMMFactory", system.ammFactory);
      await (await factory.createPool(modelId, await token.getAddress())).wait();
      const pool = await factory.getPool(modelId);
      expect(await isAuthorized(pool)).to.be.false;
      const before = await nonce();

      const { result, stdout } = await capture(() => createPool({ modelId }));

      expect(result.status).to.equal("authorized");
      expect(result.pool).to.equal(pool);
      expect(await isAuthorized(pool)).to.be.true;
      expect(await nonce()).to.equal(before + 1);
      expect(result.transactions.map((t) => t.description)).to.deep.equal([`authorizeAMM(${pool})`]);
      expect(stdout).to.contain(
        `The AMM pool of model "${modelId}" existed on hardhat but could not mint; authorised it: ${pool}.`,
      );
    });

    it("leaves a pool that can sell tokens: a buy mints to the buyer", async function () {
      const modelId = uniqueId();
      const token = await deployModel(modelId, (await account(2)).address);
      const { result } = await capture(() => createPool({ modelId }));
      const buyer = await account(4);
      const usdc = await hre.ethers.getContractAt("MockUSDC", system.usdc);
      const amount = parseUnits("100", 6);
      await (await usdc.mint(buyer.address, amount)).wait();
      await (await usdc.connect(buyer).approve(result.pool, amount)).wait();
      const pool = await hre.ethers.getContractAt("MockHokusaiAMM", result.pool);
      const quote = await pool.getBuyQuote(amount);
      const deadline = (await hre.ethers.provider.getBlock("latest"))!.timestamp + 600;

      await (await pool.connect(buyer).buy(amount, 0n, buyer.address, deadline)).wait();

      expect(quote).to.be.greaterThan(0n);
      expect(await token.balanceOf(buyer.address)).to.equal(quote);
      expect(await token.investorMinted()).to.equal(quote);
      expect(await pool.reserveBalance()).to.be.greaterThan(0n);
    });

    it("creates and authorises with two direct calls when asked (hre.hokusai.createPool, via: direct)", async function () {
      const modelId = uniqueId();
      await deployModel(modelId, (await account(2)).address);
      const { result, stderr } = await capture(() =>
        hre.hokusai.createPool({ modelId, crr: 300_000n, via: "direct" }),
      );
      expect(result.status).to.equal("created");
      expect(await isAuthorized(result.pool)).to.be.true;
      expect(await (await poolOf(modelId)).crr()).to.equal(300_000n);
      expect(result.transactions).to.have.length(2);
      expect(stderr).to.equal("");
    });

    it("--json prints one document with version 1", async function () {
      const modelId = uniqueId();
      await deployModel(modelId, (await account(2)).address);
      const { stdout, stderr } = await capture(() => createPool({ modelId, json: true }));
      const doc = JSON.parse(stdout);
      expect(doc).to.include({
        version: 1,
        status: "created",
        network: "hardhat",
        chainId: 31337,
        modelId,
        via: "ignition",
      });
      expect(doc.params).to.deep.equal({
        crr: "200000",
        tradeFee: "30",
        ibrDuration: "604800",
        flatCurveThreshold: "25000000000",
        flatCurvePrice: "10000",
      });
      expect(stderr).to.contain(`Creating the AMM pool of model "${modelId}"`);
    });

    it("refuses a signer that does not own the factory, naming the owner and the fix", async function () {
      const owner = await account(1);
      const factory = await hre.ethers.deployContract("MockHokusaiAMMFactory", [
        owner.address,
        system.tokenManager,
        system.usdc,
        owner.address,
      ]);
      const ammFactory = await factory.getAddress();
      const modelId = uniqueId();
      await deployModel(modelId, (await account(2)).address);
      await expectRefusedWithoutSending(
        () => createPool({ modelId, ammFactory }),
        new RegExp(
          `HOK408: only the owner of the AMM factory ${ammFactory} may create pools, and ${(await account(0)).address} is not the owner \\(owner\\(\\) is ${owner.address}\\)`,
        ),
      );
    });

    it("refuses a signer that does not own the TokenManager, which must authorise the pool", async function () {
      const owner = await account(1);
      const manager = await hre.ethers.deployContract("MockTokenManager", [owner.address, 0n, false]);
      const tokenManager = await manager.getAddress();
      const factory = await hre.ethers.deployContract("MockHokusaiAMMFactory", [
        (await account(0)).address,
        tokenManager,
        system.usdc,
        owner.address,
      ]);
      const ammFactory = await factory.getAddress();
      const modelId = uniqueId();
      await deployModel(modelId, (await account(2)).address, tokenManager);
      await expectRefusedWithoutSending(
        () => createPool({ modelId, tokenManager, ammFactory }),
        /HOK408: only the owner of the TokenManager .* may authorise a pool to mint \(authorizeAMM\)/,
      );
    });

    it("refuses a factory wired to another TokenManager", async function () {
      const manager = await hre.ethers.deployContract("MockTokenManager", [
        (await account(0)).address,
        0n,
        false,
      ]);
      const tokenManager = await manager.getAddress();
      const modelId = uniqueId();
      await deployModel(modelId, (await account(2)).address, tokenManager);
      await expectRefusedWithoutSending(
        () => createPool({ modelId, tokenManager }),
        new RegExp(
          `HOK604: the AMM factory ${system.ammFactory} creates pools for the TokenManager ${system.tokenManager}, not for ${tokenManager}`,
        ),
      );
    });

    it("refuses a model id without a token", async function () {
      const modelId = uniqueId();
      await expectRefusedWithoutSending(() => createPool({ modelId }), /HOK311: model id ".*" has no token/);
    });

    describe("decodes the factory's reverts like deploy-token (core preflight, bounds not pre-checked)", function () {
      it("names ValueOutOfBounds for the crr", async function () {
        const modelId = uniqueId();
        await deployModel(modelId, (await account(2)).address);
        const from = (await account(0)).address;
        await expect(
          asTask(
            preflightCreatePool(
              hre.ethers.provider,
              from,
              system,
              modelId,
              { crr: 10n },
              { network: "hardhat" },
            ),
          ),
        ).to.be.rejectedWith(
          /HOK405: preflight of createPoolWithParams\(.*\) \(static call\): ValueOutOfBounds: crr 10 is outside 50000 to 1000000; pass a value from 50000 to 1000000/,
        );
      });

      it("names FeeTooHigh and the flag", async function () {
        const modelId = uniqueId();
        await deployModel(modelId, (await account(2)).address);
        const from = (await account(0)).address;
        await expect(
          asTask(
            preflightCreatePool(
              hre.ethers.provider,
              from,
              system,
              modelId,
              { tradeFee: 1001n },
              { network: "hardhat" },
            ),
          ),
        ).to.be.rejectedWith(
          /HOK405: .*FeeTooHigh: the trade fee 1001 bps is above 1000 bps; pass --trade-fee at most 1000/,
        );
      });
    });
  });
});
