import { expect } from "chai";
import hre from "hardhat";
import { keccak256, parseUnits, toUtf8Bytes } from "ethers";

// typechain's `ethers.getContractAt("Mock…")` overloads: tsconfig.json does not include typechain-types/.
import type {} from "../../typechain-types/hardhat";
import { preflightLaunch } from "../../src/core/launch/preflight";
import type { LaunchResult } from "../../src/core/launch/types";
import { ensureLocalSystem, type LocalSystem } from "../../src/hardhat/local-system";
import { TASK_HOKUSAI_CREATE_POOL } from "../../src/task-names";
import { asTask } from "../helpers/as-task";
import { capture } from "../helpers/capture";
import { expectRefusedWithoutSending } from "../helpers/refused";
import { useLocalStack } from "../helpers/local-stack";

const SUPPLIER = parseUnits("400000", 18);
const INVESTOR = parseUnits("600000", 18);
const DAY = 86_400n;

/**
 * hokusai:create-pool on the guide's stack (no ModelRegistry, no whitelist): the
 * pool, its authorisation and its reserve. The live stack's launch is in launch.test.ts.
 */
describe("hokusai:create-pool on the guide's stack", function () {
  useLocalStack("guide");
  let system: LocalSystem;
  let counter = 0;
  const uniqueId = () => `pool-${Date.now()}-${counter++}`;

  const createPool = (args: Record<string, unknown>) =>
    hre.run(TASK_HOKUSAI_CREATE_POOL, args) as Promise<LaunchResult>;

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
  async function deployModel(modelId: string, tokenManager = system.tokenManager) {
    const manager = await hre.ethers.getContractAt("MockTokenManager", tokenManager);
    await (
      await manager.deployTokenWithAllocations(
        modelId,
        "Sentiment Model",
        "SENT",
        SUPPLIER,
        (await account(2)).address,
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

  async function poolOf(modelId: string) {
    const factory = await hre.ethers.getContractAt("MockHokusaiAMMFactory", system.ammFactory);
    return hre.ethers.getContractAt("MockHokusaiAMM", await factory.getPool(modelId));
  }

  async function isAuthorized(pool: string, tokenManager = system.tokenManager) {
    return (await hre.ethers.getContractAt("MockTokenManager", tokenManager)).isAuthorizedAMM(pool);
  }

  const sent = (result: LaunchResult) =>
    result.steps.filter((step) => step.state === "sent").map((step) => step.name);

  it("creates the pool with the factory's defaults and authorises it: two transactions", async function () {
    const modelId = uniqueId();
    await deployModel(modelId);
    const before = await nonce();

    const { result, stdout, stderr } = await capture(() => createPool({ modelId }));

    const pool = await poolOf(modelId);
    expect(result.pool).to.equal(await pool.getAddress());
    expect(result.stack).to.equal("guide");
    expect(await isAuthorized(result.pool)).to.be.true;
    expect(await pool.crr()).to.equal(200_000n);
    expect(await pool.tradeFee()).to.equal(30n);
    expect(await pool.ibrDuration()).to.equal(7n * DAY);
    expect(await pool.flatCurveThreshold()).to.equal(25_000n * 10n ** 6n);
    expect(await pool.flatCurvePrice()).to.equal(10_000n);
    expect(await nonce()).to.equal(before + 2);
    expect(sent(result)).to.deep.equal(["createPool", "authorize"]);
    expect(result.steps.find((s) => s.name === "register")!.state).to.equal("skipped");
    expect(result.authorized).to.be.true;
    expect(result.trades, "an unseeded pool is not called trading").to.be.false;
    expect(stdout).to.contain(
      `The pool of model "${modelId}" on hardhat is at ${result.pool} (2 transaction(s) sent): authorised to mint, reserve 0 USDC; its reserve is empty: seed it with --initial-reserve before buyers come.`,
    );
    expect(stdout).to.match(/crr\s+200000 ppm \(20%\)/);
    expect(stdout).to.match(/buyers\s+anyone \(the guide's factory has no whitelist\)/);
    expect(stderr).to.contain(`Launching the pool of model "${modelId}":`);
    expect(stderr).to.contain(`[ ] create the pool: createPoolWithParams("${modelId}", ...)`);
    expect(stderr).to.contain("[-] register in the ModelRegistry: the guide's stack has no ModelRegistry");
  });

  it("creates the pool with explicit parameters (threshold and price in US dollars)", async function () {
    const modelId = uniqueId();
    await deployModel(modelId);

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
      await deployModel(modelId);
      await capture(() => createPool({ modelId, ...edges }));
      const pool = await poolOf(modelId);
      expect(await pool.crr()).to.equal(BigInt(edges.crr));
      expect(await pool.tradeFee()).to.equal(BigInt(edges.tradeFee));
      expect(await pool.ibrDuration()).to.equal(BigInt(edges.ibrDuration));
    }
  });

  describe("refuses a parameter beyond its bound before sending, naming the flag and range", function () {
    const cases: Array<[string, Record<string, string>, RegExp]> = [
      ["crr 49999", { crr: "49999" }, /HOK207: --crr "49999" is invalid: must be from 50000 to 1000000 ppm/],
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
      ["a reserve with 7 decimals", { initialReserve: "1.0000001" }, /HOK207: --initial-reserve "1.0000001"/],
    ];
    for (const [what, params, pattern] of cases) {
      it(`refuses ${what}`, async function () {
        const modelId = uniqueId();
        await deployModel(modelId);
        await expectRefusedWithoutSending(() => createPool({ modelId, ...params }), pattern);
        const factory = await hre.ethers.getContractAt("MockHokusaiAMMFactory", system.ammFactory);
        expect(await factory.hasPool(modelId)).to.be.false;
      });
    }
  });

  it("refuses --public together with --whitelist", async function () {
    const modelId = uniqueId();
    await deployModel(modelId);
    await expectRefusedWithoutSending(
      () => createPool({ modelId, public: true, whitelist: system.usdc }),
      /HOK530: --public and --whitelist cannot be used together; --public makes a pool anyone can buy from, --whitelist one behind that whitelist: pass one of them/,
    );
  });

  it("says a rerun after success is done and sends nothing", async function () {
    const modelId = uniqueId();
    await deployModel(modelId);
    const first = await capture(() => createPool({ modelId }));
    const before = await nonce();

    const { result, stdout } = await capture(() => createPool({ modelId }));

    expect(result.pool).to.equal(first.result.pool);
    expect(sent(result)).to.deep.equal([]);
    expect(result.steps.find((s) => s.name === "createPool")!.state).to.equal("done");
    expect(stdout).to.contain(`(nothing was sent, every step was done)`);
    expect(await nonce()).to.equal(before);
  });

  it("refuses a rerun that asks for other parameters than the existing pool's, sending nothing", async function () {
    const modelId = uniqueId();
    await deployModel(modelId);
    const { result } = await capture(() => createPool({ modelId }));
    await expectRefusedWithoutSending(
      () => createPool({ modelId, crr: "300000" }),
      new RegExp(
        `HOK611: the pool of model "${modelId}" exists at ${result.pool} with other settings \\(crr is 200000 on chain, not 300000\\)`,
      ),
    );
  });

  it("finishes a half-done pair: a pool created but not authorised only gets authorizeAMM", async function () {
    const modelId = uniqueId();
    const token = await deployModel(modelId);
    const factory = await hre.ethers.getContractAt("MockHokusaiAMMFactory", system.ammFactory);
    await (await factory.createPool(modelId, await token.getAddress())).wait();
    const pool = await factory.getPool(modelId);
    expect(await isAuthorized(pool)).to.be.false;
    const before = await nonce();

    const { result } = await capture(() => createPool({ modelId }));

    expect(result.pool).to.equal(pool);
    expect(await isAuthorized(pool)).to.be.true;
    expect(await nonce()).to.equal(before + 1);
    expect(sent(result)).to.deep.equal(["authorize"]);
    expect(result.steps.find((s) => s.name === "authorize")!.tx!.description).to.equal(
      `authorizeAMM(${pool})`,
    );
  });

  it("seeds the reserve with --initial-reserve (approve, then depositFees) and the pool sells tokens", async function () {
    const modelId = uniqueId();
    const token = await deployModel(modelId);
    const usdc = await hre.ethers.getContractAt("MockUSDC", system.usdc);
    const owner = (await account(0)).address;
    await (await usdc.mint(owner, parseUnits("100", 6))).wait();
    const before = await nonce();

    const { result, stdout } = await capture(() => createPool({ modelId, initialReserve: "100" }));

    expect(sent(result)).to.deep.equal(["createPool", "authorize", "approveReserve", "depositReserve"]);
    expect(await nonce()).to.equal(before + 4);
    const pool = await hre.ethers.getContractAt("MockHokusaiAMM", result.pool);
    // The guide's depositFees sends the infrastructure share (5000 bps here) to the treasury.
    expect(await pool.reserveBalance()).to.equal(parseUnits("50", 6));
    expect(result.reserveBalance).to.equal(parseUnits("50", 6));
    expect(result.trades).to.be.true;
    expect(stdout).to.contain("reserve 50 USDC; the model trades.");

    const buyer = await account(4);
    const amount = parseUnits("100", 6);
    await (await usdc.mint(buyer.address, amount)).wait();
    await (await usdc.connect(buyer).approve(result.pool, amount)).wait();
    const quote = await pool.getBuyQuote(amount);
    const deadline = (await hre.ethers.provider.getBlock("latest"))!.timestamp + 600;
    await (await pool.connect(buyer).buy(amount, 0n, buyer.address, deadline)).wait();
    expect(quote).to.be.greaterThan(0n);
    expect(await token.balanceOf(buyer.address)).to.equal(quote);

    const again = await capture(() => createPool({ modelId, initialReserve: "100" }));
    expect(sent(again.result), "a seeded reserve is not seeded twice").to.deep.equal([]);
  });

  it("refuses a reserve the signer's USDC cannot pay, before sending anything", async function () {
    const modelId = uniqueId();
    await deployModel(modelId);
    await expectRefusedWithoutSending(
      () => createPool({ modelId, initialReserve: "1000000000" }),
      /HOK612: account 0x[0-9a-fA-F]{40} holds [\d.]+ USDC of the USDC .* but the reserve to seed is 1000000000 USDC/,
    );
  });

  it("hre.hokusai.createPool takes bigints and returns the launch's result", async function () {
    const modelId = uniqueId();
    await deployModel(modelId);
    const { result, stderr } = await capture(() => hre.hokusai.createPool({ modelId, crr: 300_000n }));
    expect(await isAuthorized(result.pool)).to.be.true;
    expect(await (await poolOf(modelId)).crr()).to.equal(300_000n);
    expect(sent(result)).to.have.length(2);
    expect(stderr).to.equal("");
  });

  it("--json prints one document with version 1; --dry-run --json sends nothing", async function () {
    const modelId = uniqueId();
    await deployModel(modelId);
    const before = await nonce();
    const dry = await capture(() => createPool({ modelId, dryRun: true, json: true }));
    const plan = JSON.parse(dry.stdout);
    expect(plan).to.include({
      version: 1,
      status: "dry-run",
      network: "hardhat",
      chainId: 31337,
      stack: "guide",
    });
    expect(plan.steps.map((s: { name: string; state: string }) => `${s.name}:${s.state}`)).to.deep.equal([
      "distribute:skipped",
      "register:skipped",
      "createPool:to-send",
      "authorize:to-send",
      "approveReserve:skipped",
      "depositReserve:skipped",
    ]);
    expect(await nonce()).to.equal(before);

    const { stdout, stderr } = await capture(() => createPool({ modelId, json: true }));
    const doc = JSON.parse(stdout);
    expect(doc).to.include({ version: 1, status: "launched", network: "hardhat", chainId: 31337, modelId });
    expect(doc.params).to.deep.equal({
      crr: "200000",
      tradeFee: "30",
      ibrDuration: "604800",
      flatCurveThreshold: "25000000000",
      flatCurvePrice: "10000",
    });
    expect(stderr).to.contain(`Launching the pool of model "${modelId}"`);
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
    await deployModel(modelId);
    await expectRefusedWithoutSending(
      () => createPool({ modelId, ammFactory }),
      new RegExp(
        `HOK408: only the owner of the AMM factory ${ammFactory} may send createPoolWithParams\\("${modelId}", \\.\\.\\.\\), and ${(await account(0)).address} is not the owner \\(owner\\(\\) is ${owner.address}\\)`,
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
    await deployModel(modelId, tokenManager);
    await expectRefusedWithoutSending(
      () => createPool({ modelId, tokenManager, ammFactory }),
      /HOK408: only the owner of the TokenManager .* may send authorizeAMM\(<pool>\)/,
    );
    expect(await factory.hasPool(modelId), "the pool was created before the refusal").to.be.false;
  });

  it("refuses a factory wired to another TokenManager", async function () {
    const manager = await hre.ethers.deployContract("MockTokenManager", [
      (await account(0)).address,
      0n,
      false,
    ]);
    const tokenManager = await manager.getAddress();
    const modelId = uniqueId();
    await deployModel(modelId, tokenManager);
    await expectRefusedWithoutSending(
      () => createPool({ modelId, tokenManager }),
      new RegExp(
        `HOK604: the AMM factory ${system.ammFactory} creates pools for the TokenManager ${system.tokenManager}, not for ${tokenManager}`,
      ),
    );
  });

  it("refuses a model id without a token, with the deploy-token command", async function () {
    const modelId = uniqueId();
    await expectRefusedWithoutSending(
      () => createPool({ modelId }),
      new RegExp(`HOK311: model id "${modelId}" has no token .*hokusai:deploy-token --model-id ${modelId}`),
    );
  });

  describe("decodes the factory's reverts in the core preflight (bounds not pre-checked there)", function () {
    async function preflight(modelId: string, pool: Record<string, bigint>) {
      return asTask(
        preflightLaunch(
          hre.ethers.provider,
          (await account(0)).address,
          { modelId, tokenManager: system.tokenManager, ammFactory: system.ammFactory, pool },
          { network: "hardhat" },
        ),
      );
    }

    it("names ValueOutOfBounds for the crr", async function () {
      const modelId = uniqueId();
      await deployModel(modelId);
      await expect(preflight(modelId, { crr: 10n })).to.be.rejectedWith(
        /HOK405: preflight of createPoolWithParams\(.*\) \(static call\): ValueOutOfBounds: crr 10 is outside 50000 to 1000000; pass a value from 50000 to 1000000/,
      );
    });

    it("names FeeTooHigh and the flag", async function () {
      const modelId = uniqueId();
      await deployModel(modelId);
      await expect(preflight(modelId, { tradeFee: 1001n })).to.be.rejectedWith(
        /HOK405: .*FeeTooHigh: the trade fee 1001 bps is above 1000 bps; pass --trade-fee at most 1000/,
      );
    });
  });
});
