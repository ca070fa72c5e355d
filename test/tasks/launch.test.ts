/**
 * The platform's launch in process, on the live-like stack: hokusai:create-pool as the launch
 * of one model (register, pool behind the whitelist or public, authorise, seed the reserve),
 * and hokusai:launch of the platform's own launch file, with requiredGovernor enforced, as
 * deploy-tokens --manifest enforces it too.
 */
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";
import hre from "hardhat";
import { id, keccak256, parseUnits, toUtf8Bytes, ZeroAddress } from "ethers";

// typechain's `ethers.getContractAt("Live…")` overloads: tsconfig.json does not include typechain-types/.
import type {} from "../../typechain-types/hardhat";
import type { DeployTokenResult } from "../../src/core/deploy/deploy";
import { preflightLaunch } from "../../src/core/launch/preflight";
import type { LaunchResult } from "../../src/core/launch/types";
import type { ModelStatus } from "../../src/core/status";
import type { LaunchOutcome } from "../../src/hardhat/actions/launch";
import { recordsDir } from "../../src/hardhat/context";
import { ensureLocalSystem, type LocalSystem } from "../../src/hardhat/local-system";
import {
  TASK_HOKUSAI_CREATE_POOL,
  TASK_HOKUSAI_DEPLOY_TOKEN,
  TASK_HOKUSAI_DEPLOY_TOKENS,
  TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION,
  TASK_HOKUSAI_LAUNCH,
  TASK_HOKUSAI_STATUS,
} from "../../src/task-names";
import type { DeployTokensOutcome } from "../../src/ui/manifest";
import { asTask } from "../helpers/as-task";
import { capture } from "../helpers/capture";
import { expectRefusedWithoutSending } from "../helpers/refused";
import {
  deployFreshLiveStack,
  type FreshLiveStack,
  LAUNCH_CURVE,
  LAUNCH_MODEL_IDS,
  LAUNCH_RECIPIENT,
  ONE_PUBLIC_LAUNCH_FILE,
  PLATFORM_LAUNCH_FILE,
  PLATFORM_SAFE,
  WRONG_GOVERNOR_LAUNCH_FILE,
} from "../helpers/live";
import { useLocalStack } from "../helpers/local-stack";

const LICENSE_HASH = keccak256(toUtf8Bytes("https://hokus.ai/terms"));
const TOKENS = (amount: string) => parseUnits(amount, 18);
const MINTER_ROLE = id("MINTER_ROLE");
const RESERVE = 100n * 10n ** 6n;

describe("the platform's launch in process (live-like stack)", function () {
  useLocalStack("live");
  let system: LocalSystem;
  let counter = 0;
  const uniqueId = () => String(720_000 + counter++);

  before(async function () {
    system = await ensureLocalSystem(hre);
    expect(system.stack).to.equal("live");
  });

  async function account(index: number) {
    return (await hre.ethers.getSigners())[index];
  }

  async function nonce(): Promise<number> {
    return hre.ethers.provider.getTransactionCount((await account(0)).address);
  }

  /** A token on the plugin's live stack, deployed by the developer's task. */
  async function deployModel(modelId: string): Promise<DeployTokenResult> {
    const { result } = await capture(
      () =>
        hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, {
          modelId,
          name: "Launch Model",
          symbol: "LNCH",
          preset: "growth",
          licenseHash: LICENSE_HASH,
          licenseUri: "https://hokus.ai/terms",
        }) as Promise<DeployTokenResult>,
    );
    return result;
  }

  const createPool = (args: Record<string, unknown>) =>
    capture(() => hre.run(TASK_HOKUSAI_CREATE_POOL, args) as Promise<LaunchResult>);

  describe("hokusai:create-pool as the live launch", function () {
    it("refuses with --governor a token another account governs (HOK313), and shows the governor before sending", async function () {
      const modelId = uniqueId();
      const squatter = await account(5);
      const manager = await hre.ethers.getContractAt("LiveTokenManager", system.tokenManager);
      await (
        await manager
          .connect(squatter)
          .deployTokenWithAllocations(
            modelId,
            "Squatted",
            "SQT",
            400_000n * 10n ** 18n,
            squatter.address,
            600_000n * 10n ** 18n,
            {
              tokensPerDeltaOne: 25_000n * 10n ** 18n,
              infrastructureAccrualBps: 5000,
              initialOraclePricePerThousandUsd: 0n,
              licenseHash: LICENSE_HASH,
              licenseURI: "https://hokus.ai/terms",
              governor: squatter.address,
              vestingConfig: {
                enabled: false,
                immediateUnlockBps: 0,
                vestingDurationSeconds: 0n,
                cliffSeconds: 0n,
              },
            },
          )
      ).wait();
      const developer = (await account(0)).address;
      await expectRefusedWithoutSending(
        () => createPool({ modelId, performanceMetric: "accuracy", governor: developer }),
        new RegExp(
          `HOK313: model id "${modelId}" already has a token at 0x[0-9a-fA-F]{40} \\(deployed by ${squatter.address}\\) whose governor is ${squatter.address}, not ${developer}`,
        ),
      );
      const { stderr } = await createPool({ modelId, performanceMetric: "accuracy", dryRun: true });
      expect(stderr).to.match(new RegExp(`governor +${squatter.address} \\(token owner\\(\\)\\)`));
    });

    it("warns when a rerun asks for another --initial-reserve than the reserve holds, and sends nothing", async function () {
      const modelId = uniqueId();
      await deployModel(modelId);
      await createPool({ modelId, performanceMetric: "accuracy", initialReserve: "100" });
      const before = await nonce();
      const { stderr } = await createPool({ modelId, initialReserve: "200" });
      expect(await nonce()).to.equal(before);
      expect(stderr).to.contain(
        "Warning: the pool's reserve holds 100 USDC, not the 200 USDC of --initial-reserve: a reserve is seeded once, so nothing is sent for it",
      );
    });

    it("registers, creates a whitelisted pool, authorises it and seeds 100 USDC; a rerun sends nothing", async function () {
      const modelId = uniqueId();
      const { token } = await deployModel(modelId);
      const { result, stdout } = await createPool({
        modelId,
        performanceMetric: "accuracy",
        initialReserve: "100",
      });

      expect(Object.fromEntries(result.steps.map((step) => [step.name, step.state]))).to.deep.equal({
        distribute: "skipped",
        register: "sent",
        createPool: "sent",
        authorize: "sent",
        approveReserve: "sent",
        depositReserve: "sent",
      });
      expect(result.registered).to.equal(true);
      expect(result.whitelist).to.equal(system.purchaserWhitelist);
      expect(result.trades).to.equal(true);
      expect(stdout).to.contain(
        `The pool of model "${modelId}" on hardhat is at ${result.pool} (5 transaction(s) sent)`,
      );
      expect(stdout).to.contain("the model trades");

      const registry = await hre.ethers.getContractAt("LiveModelRegistry", system.modelRegistry!);
      expect(await registry.isStringRegistered(modelId)).to.equal(true);
      expect(await registry.isStringActive(modelId)).to.equal(true);
      expect((await registry.modelsByString(modelId)).tokenAddress).to.equal(token);
      const factory = await hre.ethers.getContractAt("LiveHokusaiAMMFactory", system.ammFactory);
      expect(await factory.getPool(modelId)).to.equal(result.pool);
      const pool = await hre.ethers.getContractAt("LiveHokusaiAMM", result.pool);
      expect(await pool.purchaserWhitelist()).to.equal(system.purchaserWhitelist);
      expect(await pool.reserveBalance()).to.equal(RESERVE);
      const manager = await hre.ethers.getContractAt("LiveTokenManager", system.tokenManager);
      expect(await manager.hasRole(MINTER_ROLE, result.pool)).to.equal(true);

      const before = await nonce();
      const rerun = await createPool({ modelId, performanceMetric: "accuracy", initialReserve: "100" });
      expect(await nonce(), "the rerun sent something").to.equal(before);
      expect(rerun.stdout).to.contain("(nothing was sent, every step was done)");
      expect(rerun.result.steps.map((step) => step.state)).to.deep.equal([
        "skipped",
        "done",
        "done",
        "done",
        "done",
        "done",
      ]);
      expect(await pool.reserveBalance(), "the reserve was seeded twice").to.equal(RESERVE);
    });

    it("does not call an unseeded pool trading; status's next step seeds it, and a rerun seeds only", async function () {
      const modelId = uniqueId();
      await deployModel(modelId);
      await capture(() => hre.run(TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION, { modelId }));
      const { result, stdout } = await createPool({ modelId, performanceMetric: "accuracy" });
      expect(result.trades).to.equal(false);
      expect(result.reserveBalance).to.equal(0n);
      expect(stdout).to.contain("its reserve is empty: seed it with --initial-reserve before buyers come");
      const status = await capture(() => hre.run(TASK_HOKUSAI_STATUS, { modelId }) as Promise<ModelStatus>);
      expect(status.result.stage).to.not.equal("DEPLOYED");
      expect(status.result.next).to.equal("seed-reserve");
      expect(status.stdout).to.contain(
        `npx hardhat hokusai:create-pool --model-id ${modelId} --initial-reserve <USDC>`,
      );

      const before = await nonce();
      const seeded = await createPool({ modelId, initialReserve: "100" });
      expect(
        seeded.result.steps.filter((step) => step.state === "sent").map((step) => step.name),
      ).to.deep.equal(["approveReserve", "depositReserve"]);
      expect(await nonce()).to.equal(before + 2);
      expect(seeded.result.trades).to.equal(true);
    });

    it("--public leaves the pool without a whitelist", async function () {
      const modelId = uniqueId();
      await deployModel(modelId);
      const { result, stdout } = await createPool({
        modelId,
        performanceMetric: "accuracy",
        public: true,
        initialReserve: "100",
      });
      expect(result.whitelist).to.equal(null);
      const pool = await hre.ethers.getContractAt("LiveHokusaiAMM", result.pool);
      expect(await pool.purchaserWhitelist()).to.equal(ZeroAddress);
      expect(stdout).to.match(/buyers\s+anyone \(public pool\)/);
    });

    it("refuses --public with --whitelist (HOK530), sending nothing", async function () {
      const modelId = uniqueId();
      await deployModel(modelId);
      await expectRefusedWithoutSending(
        () =>
          hre.run(TASK_HOKUSAI_CREATE_POOL, {
            modelId,
            performanceMetric: "accuracy",
            public: true,
            whitelist: system.purchaserWhitelist,
          }),
        /HOK530: --public and --whitelist cannot be used together/,
      );
    });

    it("refuses a live pool that no whitelist gates and that is not public (HOK200 naming the whitelist)", async function () {
      const modelId = uniqueId();
      const { token } = await deployModel(modelId);
      expect(token).to.match(/^0x/);
      await expect(
        asTask(
          preflightLaunch(
            hre.ethers.provider,
            (await account(0)).address,
            {
              modelId,
              tokenManager: system.tokenManager,
              ammFactory: system.ammFactory,
              pool: {},
              performanceMetric: "accuracy",
              whitelist: undefined,
            },
            { network: "hardhat" },
          ),
        ),
      ).to.be.rejectedWith(
        /HOK200: --whitelist is required: a live pool is gated .*or --public for a pool anyone can buy from/,
      );
    });

    it("asks for --performance-metric for a model not registered yet (HOK200), sending nothing", async function () {
      const modelId = uniqueId();
      await deployModel(modelId);
      await expectRefusedWithoutSending(
        () => hre.run(TASK_HOKUSAI_CREATE_POOL, { modelId, initialReserve: "100" }),
        new RegExp(
          `HOK200: --performance-metric is required: registering model "${modelId}" needs its performance metric.*pass --performance-metric <metric>`,
        ),
      );
    });

    it("refuses a rerun with another --crr than the pool's (HOK611 naming crr)", async function () {
      const modelId = uniqueId();
      await deployModel(modelId);
      await createPool({ modelId, performanceMetric: "accuracy", initialReserve: "100" });
      await expectRefusedWithoutSending(
        () => hre.run(TASK_HOKUSAI_CREATE_POOL, { modelId, crr: "300000", initialReserve: "100" }),
        new RegExp(
          `HOK611: the pool of model "${modelId}" exists at 0x[0-9a-fA-F]{40} with other settings \\(crr is 200000 on chain, not 300000\\)`,
        ),
      );
    });

    it("refuses an --initial-reserve above the signer's USDC (HOK612), sending nothing", async function () {
      const modelId = uniqueId();
      await deployModel(modelId);
      await expectRefusedWithoutSending(
        () =>
          hre.run(TASK_HOKUSAI_CREATE_POOL, {
            modelId,
            performanceMetric: "accuracy",
            initialReserve: "5000000",
          }),
        new RegExp(
          `HOK612: account ${(await account(0)).address} holds [\\d.]+ USDC of the USDC ${system.usdc} but the reserve to seed is 5000000(\\.0)? USDC; nothing was sent: fund it, or pass a smaller --initial-reserve`,
        ),
      );
      const factory = await hre.ethers.getContractAt("LiveHokusaiAMMFactory", system.ammFactory);
      expect(await factory.getPool(modelId)).to.equal(ZeroAddress);
    });
  });

  // The platform writes each token's vesting as `vestingConfig`, in seconds: the file is
  // taken as it is.
  const copies = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-launch-files-"));
  after(() => fs.rmSync(copies, { recursive: true, force: true }));
  describe("hokusai:launch of the platform's launch file, as the platform writes it", function () {
    // The file as the platform ships it, governors and all: every token's governor is its
    // Safe, an address without code on this chain. That deploys on chain 31337, and the
    // launch never needs the governor to sign (distribution, registration, pool,
    // authorisation and reserve are the owner's steps), so the file need not be changed
    // to run here, and requiredGovernor is checked as the platform wrote it.
    const launch = (stack: FreshLiveStack, launchFile: string) =>
      capture(() => hre.run(TASK_HOKUSAI_LAUNCH, { launchFile, ...stack.flags }) as Promise<LaunchOutcome>);

    async function expectLaunched(stack: FreshLiveStack, publicIds: string[] = []) {
      const manager = await hre.ethers.getContractAt("LiveTokenManager", stack.tokenManager);
      const registry = await hre.ethers.getContractAt("LiveModelRegistry", stack.modelRegistry);
      const factory = await hre.ethers.getContractAt("LiveHokusaiAMMFactory", stack.ammFactory);
      const metrics = JSON.parse(fs.readFileSync(PLATFORM_LAUNCH_FILE, "utf8")).tokens.map(
        (t: { pool: { performanceMetric: string } }) => t.pool.performanceMetric,
      );
      for (const [i, modelId] of LAUNCH_MODEL_IDS.entries()) {
        const token = await hre.ethers.getContractAt(
          "LiveHokusaiToken",
          await manager.getTokenAddress(modelId),
        );
        expect(await token.owner(), `${modelId}: governor`).to.equal(PLATFORM_SAFE);
        // Pre-launch distribution: 10% of 1,000,000 to the recipient, the rest vesting.
        expect(await token.modelSupplierDistributed(), `${modelId}: distributed`).to.equal(true);
        expect(await token.balanceOf(LAUNCH_RECIPIENT)).to.equal(TOKENS("100000"));
        expect(await token.balanceOf(stack.vestingVault)).to.equal(TOKENS("900000"));

        expect(await registry.isStringActive(modelId), `${modelId}: registered`).to.equal(true);
        expect((await registry.modelsByString(modelId)).performanceMetric).to.equal(metrics[i]);

        const created = await factory.queryFilter(factory.filters.PoolCreated(modelId));
        expect(created, `${modelId}: pools created`).to.have.length(1);
        expect(created[0].args.ibrDuration).to.equal(LAUNCH_CURVE.ibrSeconds);
        const poolAddress = await factory.getPool(modelId);
        const pool = await hre.ethers.getContractAt("LiveHokusaiAMM", poolAddress);
        expect(await pool.crr()).to.equal(LAUNCH_CURVE.crr);
        expect(await pool.tradeFee()).to.equal(LAUNCH_CURVE.tradeFee);
        expect(await pool.FLAT_CURVE_THRESHOLD()).to.equal(LAUNCH_CURVE.flatCurveThreshold);
        expect(await pool.FLAT_CURVE_PRICE()).to.equal(LAUNCH_CURVE.flatCurvePrice);
        const block = await hre.ethers.provider.getBlock(created[0].blockNumber);
        expect((await pool.buyOnlyUntil()) - BigInt(block!.timestamp)).to.equal(LAUNCH_CURVE.ibrSeconds);
        expect(await pool.purchaserWhitelist(), `${modelId}: whitelist`).to.equal(
          publicIds.includes(modelId) ? ZeroAddress : stack.purchaserWhitelist,
        );
        expect(await manager.hasRole(MINTER_ROLE, poolAddress), `${modelId}: authorised`).to.equal(true);
        expect(await pool.reserveBalance(), `${modelId}: reserve`).to.equal(LAUNCH_CURVE.initialReserve);
      }
    }

    it("leaves every entry registered, with its curve, whitelist, authorisation and 100 USDC; a rerun sends nothing", async function () {
      const stack = await deployFreshLiveStack(hre);
      const { result, stdout, stderr } = await launch(stack, PLATFORM_LAUNCH_FILE);
      expect(result.results.map((r) => [r.modelId, r.configKey, r.tokenStatus, r.status])).to.deep.equal([
        ["28", "hmess", "deployed", "launched"],
        ["27", "hlead", "deployed", "launched"],
        ["30", "hrout", "deployed", "launched"],
      ]);
      expect(stdout).to.contain("on hardhat (chain 31337): 3 of 3 models done.");
      // One line per step sent, one per token broadcast (its hash to follow) and one per
      // model done (the tokens in flight together, in any order); the rest of a
      // transaction's routine is not told.
      const told = stderr.split("\n");
      expect(told.filter((line) => /^\d+ .*: sending /.test(line))).to.have.length(3 * 6);
      const tokensSent = told.filter((line) => /Sent transaction/.test(line));
      expect(
        tokensSent.map((line) => /^ {2}(\d+) token: Sent transaction 0x[0-9a-f]{64} \(/.exec(line)?.[1]),
      ).to.have.members(["28", "27", "30"]);
      expect(told.filter((line) => /^\[\s*\d\/3\] /.test(line))).to.have.length(3);
      expect(stderr).to.not.match(/Recorded |Signed transaction|Mined 0x/);
      await expectLaunched(stack);
      // What the chain does not keep goes into the records.
      const record = JSON.parse(fs.readFileSync(result.results[0].launch!.recordFile, "utf8"));
      expect(record.metadata).to.include({ configKey: "hmess", poolName: "HMESS Sepolia Pool" });

      const before = await nonce();
      const rerun = await launch(stack, PLATFORM_LAUNCH_FILE);
      expect(await nonce(), "the rerun sent something").to.equal(before);
      expect(rerun.stderr, "a rerun tells steps already done").to.not.contain("nothing sent");
      expect(rerun.result.results.map((r) => [r.tokenStatus, r.status])).to.deep.equal([
        ["already-deployed", "already-done"],
        ["already-deployed", "already-done"],
        ["already-deployed", "already-done"],
      ]);
      await expectLaunched(stack);
    });

    it("sends nothing on --dry-run, and says what each entry would do and its gas", async function () {
      const stack = await deployFreshLiveStack(hre);
      const before = await nonce();
      const { result, stdout } = await capture(
        () =>
          hre.run(TASK_HOKUSAI_LAUNCH, {
            launchFile: PLATFORM_LAUNCH_FILE,
            ...stack.flags,
            dryRun: true,
          }) as Promise<LaunchOutcome>,
      );
      expect(await nonce()).to.equal(before);
      expect(result.results.map((r) => [r.modelId, r.tokenStatus, r.status])).to.deep.equal([
        ["28", "would-deploy", "would-launch"],
        ["27", "would-deploy", "would-launch"],
        ["30", "would-deploy", "would-launch"],
      ]);
      for (const item of result.results) {
        expect(item.gas!.deploy, item.modelId).to.be.greaterThan(1_000_000n);
        expect(item.gas!.launchChecked).to.equal(false);
        // At least what the real contracts' seven steps used (about 3.34 M), not twice as much.
        expect(item.gas!.launch).to.be.within(3_400_000n, 5_000_000n);
      }
      const total = result.results.reduce((sum, r) => sum + r.gas!.deploy + r.gas!.launch, 0n);
      expect(result.dryRun!.gas).to.equal(total);
      expect(result.dryRun!.maxCost).to.be.greaterThan(0n);
      expect(stdout.split("\n")[0]).to.match(
        new RegExp(
          `^Dry run of .*sepolia-launch-tokens\\.json on hardhat \\(chain 31337\\): nothing was sent\\. 3 models would be launched \\(3 tokens to deploy\\), about ${total} gas, at most [\\d.]+ ETH at the fee now\\.`,
        ),
      );
      expect(stdout).not.to.contain("models done");

      // Once the tokens stand, the launch's steps are checked one by one.
      await capture(() => hre.run(TASK_HOKUSAI_LAUNCH, { launchFile: PLATFORM_LAUNCH_FILE, ...stack.flags }));
      const again = await capture(
        () =>
          hre.run(TASK_HOKUSAI_LAUNCH, {
            launchFile: PLATFORM_LAUNCH_FILE,
            ...stack.flags,
            dryRun: true,
          }) as Promise<LaunchOutcome>,
      );
      for (const item of again.result.results) {
        expect(item.tokenStatus).to.equal("already-deployed");
        expect(item.status).to.equal("already-done");
        expect(item.gas).to.deep.equal({ deploy: 0n, launch: 0n, launchChecked: true });
        expect(item.pool?.address).to.match(/^0x[0-9a-fA-F]{40}$/);
      }
      // The table shows the pools that stand, and the headline counts only what would be sent.
      expect(again.stdout).to.contain(
        "nothing was sent. 0 models would be launched (0 tokens to deploy), 3 already done",
      );
      expect(again.stdout).to.match(
        /\n28 +hmess +0x[0-9a-fA-F]{8}… \(already-deployed\) +0x[0-9a-fA-F]{8}… gated/,
      );
    });

    for (const sequential of [true, false]) {
      it(`goes on past an entry that fails (its reserve unfunded), and a rerun finishes only that one${sequential ? ", with --sequential" : ", models in flight together"}`, async function () {
        const stack = await deployFreshLiveStack(hre);
        const usdc = await hre.ethers.getContractAt("MockUSDC", stack.usdc);
        const signer = await account(0);
        // Enough USDC for two reserves of 100, not three.
        const spare = (await usdc.balanceOf(signer.address)) - 2n * LAUNCH_CURVE.initialReserve;
        await (await usdc.transfer((await account(9)).address, spare)).wait();

        const printed: string[] = [];
        const [log, error] = [console.log, console.error];
        console.log = (...args: unknown[]) => void printed.push(args.map(String).join(" "));
        console.error = () => undefined;
        try {
          await expect(
            hre.run(TASK_HOKUSAI_LAUNCH, { launchFile: PLATFORM_LAUNCH_FILE, ...stack.flags, sequential }),
          ).to.be.rejectedWith(/HOK425: 1 of 3 deployments failed .*rerun the same command to retry them/);
        } finally {
          console.log = log;
          console.error = error;
        }
        // In turn, the last one finds the USDC spent; in flight together, whichever is checked last.
        const failedLine = sequential ? /30\s+hrout .*FAILED: HOK612: account/ : /FAILED: HOK612: account/;
        expect(printed.join("\n")).to.match(failedLine);
        expect(printed.join("\n").match(/FAILED/g)).to.have.length(1);
        const factory = await hre.ethers.getContractAt("LiveHokusaiAMMFactory", stack.ammFactory);
        const pools = await Promise.all(["28", "27", "30"].map((id) => factory.getPool(id)));
        expect(pools.filter((pool) => pool === ZeroAddress)).to.have.length(1);
        if (sequential) expect(pools[2]).to.equal(ZeroAddress);

        await (await usdc.mint(signer.address, LAUNCH_CURVE.initialReserve)).wait();
        const before = await nonce();
        const { result } = await launch(stack, PLATFORM_LAUNCH_FILE);
        const unlaunched = pools.indexOf(ZeroAddress);
        expect(result.results.map((r) => r.tokenStatus)).to.deep.equal(Array(3).fill("already-deployed"));
        expect(result.results.map((r) => r.status)).to.deep.equal(
          [0, 1, 2].map((i) => (i === unlaunched ? "launched" : "already-done")),
        );
        // Only that model's launch: distribute, register, create, authorise, approve, deposit.
        expect(await nonce()).to.equal(before + 6);
        await expectLaunched(stack);
      });
    }

    it("leaves the pool of an entry marked public without a whitelist, and gates the others", async function () {
      const stack = await deployFreshLiveStack(hre);
      const { result } = await launch(stack, ONE_PUBLIC_LAUNCH_FILE);
      expect(result.results.map((r) => r.status)).to.deep.equal(["launched", "launched", "launched"]);
      expect(result.results.map((r) => r.launch?.whitelist)).to.deep.equal([
        stack.purchaserWhitelist,
        stack.purchaserWhitelist,
        null,
      ]);
      await expectLaunched(stack, ["30"]);
    });

    it('leaves the distribution of a "post-verification" entry out of the launch', async function () {
      const stack = await deployFreshLiveStack(hre);
      const doc = JSON.parse(fs.readFileSync(PLATFORM_LAUNCH_FILE, "utf8"));
      doc.tokens[0].distributionTiming = "post-verification";
      const later = path.join(copies, "sepolia-launch-post-verification.json");
      fs.writeFileSync(later, JSON.stringify(doc, null, 2));
      const { result } = await launch(stack, later);
      expect(result.results.map((r) => r.status)).to.deep.equal(["launched", "launched", "launched"]);
      const distribute = result.results[0].launch!.steps.find((step) => step.name === "distribute");
      expect(distribute?.state).to.equal("skipped");
      const manager = await hre.ethers.getContractAt("LiveTokenManager", stack.tokenManager);
      const token = await hre.ethers.getContractAt("LiveHokusaiToken", await manager.getTokenAddress("28"));
      expect(await token.modelSupplierDistributed()).to.equal(false);
      const pool = await hre.ethers.getContractAt("LiveHokusaiAMM", result.results[0].launch!.pool);
      expect(await pool.reserveBalance()).to.equal(LAUNCH_CURVE.initialReserve);
    });

    it("refuses a file whose governor is not its requiredGovernor (HOK613) before anything is sent", async function () {
      const stack = await deployFreshLiveStack(hre);
      await expectRefusedWithoutSending(
        () => hre.run(TASK_HOKUSAI_LAUNCH, { launchFile: WRONG_GOVERNOR_LAUNCH_FILE, ...stack.flags }),
        new RegExp(
          `HOK613: launch file .*sepolia-launch-wrong-governor.json requires every governor to be ${PLATFORM_SAFE}, and tokens\\[1\\] \\(hlead, 27\\) names 0x70997970C51812dc3A010C7d01b50e0d17dc79C8; nothing was sent`,
        ),
      );
      const manager = await hre.ethers.getContractAt("LiveTokenManager", stack.tokenManager);
      for (const modelId of LAUNCH_MODEL_IDS)
        expect(await manager.getTokenAddress(modelId)).to.equal(ZeroAddress);
    });

    it("deploy-tokens --manifest reads the launch file: deploys its tokens (no pools), and enforces requiredGovernor", async function () {
      const stack = await deployFreshLiveStack(hre);
      await expectRefusedWithoutSending(
        () =>
          hre.run(TASK_HOKUSAI_DEPLOY_TOKENS, {
            manifest: WRONG_GOVERNOR_LAUNCH_FILE,
            tokenManager: stack.tokenManager,
          }),
        /HOK613: .*requires every governor to be 0x158B985CC667b4E022AD05B99E89007790da66E2, and tokens\[1\] \(hlead, 27\) names/,
      );

      const { result } = await capture(
        () =>
          hre.run(TASK_HOKUSAI_DEPLOY_TOKENS, {
            manifest: PLATFORM_LAUNCH_FILE,
            tokenManager: stack.tokenManager,
          }) as Promise<DeployTokensOutcome>,
      );
      expect(result.results.map((r) => r.status)).to.deep.equal(["deployed", "deployed", "deployed"]);
      // What the chain does not keep goes into each token's record.
      const record = JSON.parse(fs.readFileSync(path.join(recordsDir(hre), "hardhat", "28.json"), "utf8"));
      expect(record.metadata).to.include({ configKey: "hmess", poolName: "HMESS Sepolia Pool" });
      const manager = await hre.ethers.getContractAt("LiveTokenManager", stack.tokenManager);
      const factory = await hre.ethers.getContractAt("LiveHokusaiAMMFactory", stack.ammFactory);
      for (const modelId of LAUNCH_MODEL_IDS) {
        const token = await hre.ethers.getContractAt(
          "LiveHokusaiToken",
          await manager.getTokenAddress(modelId),
        );
        expect(await token.owner()).to.equal(PLATFORM_SAFE);
        expect(await token.maxSupply()).to.equal(TOKENS("11000000"));
        const params = await hre.ethers.getContractAt(
          "LiveHokusaiParams",
          await manager.getParamsAddress(modelId),
        );
        expect(await params.tokensPerDeltaOne()).to.equal(TOKENS("250000"));
        expect(await params.vestingDurationSeconds()).to.equal(31_536_000n);
        expect(await params.immediateUnlockBps()).to.equal(1000n);
        expect(await factory.getPool(modelId)).to.equal(ZeroAddress);
      }

      const before = await nonce();
      const rerun = await capture(
        () =>
          hre.run(TASK_HOKUSAI_DEPLOY_TOKENS, {
            manifest: PLATFORM_LAUNCH_FILE,
            tokenManager: stack.tokenManager,
          }) as Promise<DeployTokensOutcome>,
      );
      expect(rerun.result.results.map((r) => r.status)).to.deep.equal([
        "already-deployed",
        "already-deployed",
        "already-deployed",
      ]);
      expect(await nonce()).to.equal(before);
    });
  });
});
