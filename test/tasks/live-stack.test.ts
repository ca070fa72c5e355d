/**
 * The seven failures of "Right against the live Hokusai stack", each on the live-like mock
 * stack of the in-process network (the plugin's default): a rerun that compares governor and
 * vesting, the live oracle price getter, decimal model ids, the vested distribution, the
 * whole live state in status, the v1 stack's missing getters, and the live reverts.
 */
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";
import hre from "hardhat";
import { id, keccak256, parseEther, parseUnits, toUtf8Bytes } from "ethers";

// typechain's `ethers.getContractAt("Live…")` overloads: tsconfig.json does not include typechain-types/.
import type {} from "../../typechain-types/hardhat";
import HokusaiLegacySystemModule from "../../ignition/modules/HokusaiLegacySystem";
import type { DistributeResult } from "../../src/core/backend";
import { decodeRevertData, extractRevertData } from "../../src/core/chain/revert";
import type { DeployTokenResult } from "../../src/core/deploy/deploy";
import type { LaunchResult } from "../../src/core/launch/types";
import type { ModelStatus } from "../../src/core/status";
import { ensureLocalSystem, type LocalSystem } from "../../src/hardhat/local-system";
import {
  TASK_HOKUSAI_CREATE_POOL,
  TASK_HOKUSAI_DEPLOY_TOKEN,
  TASK_HOKUSAI_DEPLOY_TOKENS,
  TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION,
  TASK_HOKUSAI_STATUS,
} from "../../src/task-names";
import type { DeployTokensOutcome } from "../../src/ui/manifest";
import { capture } from "../helpers/capture";
import { expectRefusedWithoutSending } from "../helpers/refused";
import { deployFreshLiveStack } from "../helpers/live";
import { useLocalStack } from "../helpers/local-stack";

const LICENSE_HASH = keccak256(toUtf8Bytes("https://hokus.ai/terms"));
const LICENSE_URI = "https://hokus.ai/terms";
const TOKENS = (amount: string) => parseUnits(amount, 18);
const GOV_ROLE = id("GOV_ROLE");

describe("the live-like stack in process: the seven failures of the live stack", function () {
  useLocalStack("live");
  let system: LocalSystem;
  let counter = 0;
  // Decimal ids, as the live registry takes them, apart from those of other suites.
  const uniqueId = () => String(710_000 + counter++);

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

  /** The developer's deployment: the growth preset, signer, governor and recipient account 0. */
  const baseArgs = (modelId: string): Record<string, unknown> => ({
    modelId,
    name: "Live Model",
    symbol: "LIVE",
    preset: "growth",
    licenseHash: LICENSE_HASH,
    licenseUri: LICENSE_URI,
  });

  const deploy = (args: Record<string, unknown>) =>
    capture(() => hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, args) as Promise<DeployTokenResult>);

  describe("1. a rerun compares the governor and the vesting", function () {
    it("refuses a model id first deployed by another account with its own governor (HOK313), naming both", async function () {
      const modelId = uniqueId();
      const [developer, deployer, governor] = [await account(0), await account(3), await account(4)];
      // Account 3 takes the id first, with the very fields the developer will ask for, but governor account 4.
      const manager = await hre.ethers.getContractAt("LiveTokenManager", system.tokenManager, deployer);
      await (
        await manager.deployTokenWithAllocations(
          modelId,
          "Live Model",
          "LIVE",
          TOKENS("400000"),
          developer.address,
          TOKENS("600000"),
          {
            tokensPerDeltaOne: 25_000n,
            infrastructureAccrualBps: 5000,
            initialOraclePricePerThousandUsd: 0n,
            licenseHash: LICENSE_HASH,
            licenseURI: LICENSE_URI,
            governor: governor.address,
            vestingConfig: {
              enabled: false,
              immediateUnlockBps: 0,
              vestingDurationSeconds: 0n,
              cliffSeconds: 0n,
            },
          },
        )
      ).wait();
      const token = await hre.ethers.getContractAt(
        "LiveHokusaiToken",
        await manager.getTokenAddress(modelId),
      );
      expect(await token.owner()).to.equal(governor.address);

      await expectRefusedWithoutSending(
        () => hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, baseArgs(modelId)),
        new RegExp(
          `HOK313: model id "${modelId}" already has a token at ${await token.getAddress()} \\(deployed by ${deployer.address}\\) whose governor is ${governor.address}, not ${developer.address}; .*nothing was sent.*--model-id`,
        ),
      );
    });

    it("refuses a rerun with another --vesting than on chain (HOK303 naming vesting), and takes the same one", async function () {
      const modelId = uniqueId();
      const first = await deploy({ ...baseArgs(modelId), vesting: "2000:180:30" });
      expect(first.result.status).to.equal("deployed");
      const params = await hre.ethers.getContractAt("LiveHokusaiParams", first.result.params);
      expect(await params.immediateUnlockBps()).to.equal(2000n);

      await expectRefusedWithoutSending(
        () => hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, { ...baseArgs(modelId), vesting: "1000:365:0" }),
        /HOK303: .*vesting is 2000 bps immediate, 180 days, cliff 30 days on chain, not 1000 bps immediate, 365 days, cliff 0 days/,
      );
      // Left out, --vesting means the contract's defaults, which are not what is on chain either.
      await expectRefusedWithoutSending(
        () => hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, baseArgs(modelId)),
        /HOK303: .*vesting is 2000 bps immediate, 180 days, cliff 30 days on chain, not 1000 bps immediate, 365 days, cliff 0 days/,
      );
      const before = await nonce();
      const same = await deploy({ ...baseArgs(modelId), vesting: "2000:180:30" });
      expect(same.result.status).to.equal("already-deployed");
      expect(await nonce()).to.equal(before);
    });
  });

  describe("2. a non-zero oracle price is read back (oraclePricePerThousandUsd)", function () {
    it("reruns a deployment with --initial-oracle-price-per-thousand-usd 2.5 as already deployed, sending nothing", async function () {
      const modelId = uniqueId();
      const args = { ...baseArgs(modelId), initialOraclePricePerThousandUsd: "2.5" };
      const first = await deploy(args);
      expect(first.result.status).to.equal("deployed");
      const params = await hre.ethers.getContractAt("LiveHokusaiParams", first.result.params);
      expect(await params.oraclePricePerThousandUsd()).to.equal(2_500_000n);

      const before = await nonce();
      const rerun = await deploy(args);
      expect(rerun.result.status).to.equal("already-deployed");
      expect(rerun.stdout).to.contain(`Model "${modelId}" is already deployed on hardhat: nothing was sent.`);
      expect(await nonce()).to.equal(before);

      // Another price, or another allocation, is named as a person reads it.
      await expectRefusedWithoutSending(
        () => deploy({ ...args, initialOraclePricePerThousandUsd: "3", investorAllocation: "500000" }),
        /HOK303: .*investorAllocation is 600000 tokens on chain, not 500000 tokens.*initialOraclePricePerThousandUsd is \$2\.5 on chain, not \$3\b/,
      );
    });

    it("reruns the same model through deploy-tokens as already deployed too", async function () {
      const modelId = uniqueId();
      const args = { ...baseArgs(modelId), initialOraclePricePerThousandUsd: "2.5" };
      await deploy(args);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-live-manifest-"));
      try {
        const manifest = path.join(dir, "models.json");
        fs.writeFileSync(manifest, JSON.stringify([args]));
        const before = await nonce();
        const { result } = await capture(
          () => hre.run(TASK_HOKUSAI_DEPLOY_TOKENS, { manifest }) as Promise<DeployTokensOutcome>,
        );
        expect(result.results.map((r) => r.status)).to.deep.equal(["already-deployed"]);
        expect(await nonce()).to.equal(before);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("3. model ids the registry cannot take are refused before signing", function () {
    it('refuses "sentiment-v2" (HOK314), saying such a token could never get a pool', async function () {
      await expectRefusedWithoutSending(
        () => hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, baseArgs("sentiment-v2")),
        new RegExp(
          `HOK314: model id "sentiment-v2" cannot be registered: the TokenManager ${system.tokenManager} is wired to the ModelRegistry ${system.modelRegistry}.*could never get a pool. Nothing was sent: pass --model-id`,
        ),
      );
    });

    it('refuses a zero-padded "028" (HOK314), naming the id the registry would make of it', async function () {
      await expectRefusedWithoutSending(
        () => hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, baseArgs("028")),
        /HOK314: model id "028" cannot be registered: .*"028" has a leading zero, which the registry drops \(it would be 28\); write it as 28/,
      );
    });

    it('deploys a decimal id such as "28" does', async function () {
      const modelId = uniqueId();
      const { result } = await deploy(baseArgs(modelId));
      expect(result.status).to.equal("deployed");
      const manager = await hre.ethers.getContractAt("LiveTokenManager", system.tokenManager);
      expect(await manager.getTokenAddress(modelId)).to.equal(result.token);
    });
  });

  describe("4. the supplier distribution is told as it happens: 10% at once, 90% vested", function () {
    it("reports 40,000 immediate and 360,000 vested for a growth-preset model, in the dry run and the result", async function () {
      const modelId = uniqueId();
      const recipient = await account(2);
      const { result: deployed, stderr: summary } = await deploy({
        ...baseArgs(modelId),
        modelSupplierRecipient: recipient.address,
      });
      // The deployment's own summary says it before anything is sent.
      expect(summary).to.match(
        new RegExp(
          `supplier allocation +400,000 tokens for ${recipient.address}, when distributed: 40,000 at once, 360,000 vested over 365 days`,
        ),
      );
      const token = await hre.ethers.getContractAt("LiveHokusaiToken", deployed.token);
      const distribute = (args: Record<string, unknown>) =>
        capture(
          () =>
            hre.run(TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION, {
              modelId,
              ...args,
            }) as Promise<DistributeResult>,
        );

      const before = await nonce();
      const dry = await distribute({ dryRun: true });
      expect(dry.stdout).to.contain(
        `would mint 40,000 tokens to ${recipient.address} at once and 360,000 vested in ${system.vestingVault}`,
      );
      const dryJson = JSON.parse((await distribute({ dryRun: true, json: true })).stdout);
      expect(dryJson.split).to.include({
        immediate: TOKENS("40000").toString(),
        vested: TOKENS("360000").toString(),
        vault: system.vestingVault,
      });
      expect(await nonce()).to.equal(before);
      expect(await token.modelSupplierDistributed()).to.equal(false);

      const { result, stdout } = await distribute({});
      expect(result.status).to.equal("distributed");
      expect(result.amount).to.equal(TOKENS("400000"));
      expect(result.split.immediate).to.equal(TOKENS("40000"));
      expect(result.split.vested).to.equal(TOKENS("360000"));
      expect(result.split.vault).to.equal(system.vestingVault);
      expect(result.recipientBalance).to.equal(TOKENS("40000"));
      expect(stdout).to.contain(
        `Distributed the supplier allocation of model "${modelId}" on hardhat: 40,000 tokens to ${recipient.address} at once and 360,000 vested in ${system.vestingVault}.`,
      );
      expect(stdout).to.match(/recipient balance\s+40,000 tokens/);
      // The chain agrees: the rest sits in the vault, on a schedule for the recipient.
      expect(await token.balanceOf(recipient.address)).to.equal(TOKENS("40000"));
      expect(await token.balanceOf(system.vestingVault!)).to.equal(TOKENS("360000"));
      const vault = await hre.ethers.getContractAt("LiveRewardVestingVault", system.vestingVault!);
      const schedules = await vault.getSchedulesByBeneficiary(recipient.address);
      expect(schedules.length).to.be.greaterThan(0);
      const schedule = await vault.getSchedule(schedules[schedules.length - 1]);
      expect(schedule.totalAmount).to.equal(TOKENS("360000"));

      // Status tells the same split, with the schedule.
      const status = await capture(() => hre.run(TASK_HOKUSAI_STATUS, { modelId }) as Promise<ModelStatus>);
      expect(status.stdout).to.contain("Supplier allocation (distributed)");
      expect(status.stdout).to.match(/at once\s+40,000 tokens to the recipient/);
      expect(status.stdout).to.match(
        new RegExp(`vested\\s+360,000 tokens to the vesting vault ${system.vestingVault}`),
      );
      expect(status.stdout).to.match(
        /schedule\s+(from \S+ to \S+|over 365 days), cliff 0 days, claimable by the recipient/,
      );
    });
  });

  describe("5. status and create-pool show the values on chain", function () {
    it("shows the oracle price, the governor as owner(), vesting, registry, whitelist, IBR end and reserve", async function () {
      const modelId = uniqueId();
      const [owner] = [await account(0)];
      await deploy({ ...baseArgs(modelId), initialOraclePricePerThousandUsd: "2.5", vesting: "1500:200:10" });
      const { result: launched } = await capture(
        () =>
          hre.run(TASK_HOKUSAI_CREATE_POOL, {
            modelId,
            performanceMetric: "accuracy",
            ibrDuration: "172800",
            initialReserve: "100",
          }) as Promise<LaunchResult>,
      );
      const pool = await hre.ethers.getContractAt("LiveHokusaiAMM", launched.pool);
      const ibrEnd = await pool.buyOnlyUntil();
      const sellsOpen = new Date(Number(ibrEnd) * 1000).toISOString().replace(".000Z", "Z");

      const { result, stdout } = await capture(
        () => hre.run(TASK_HOKUSAI_STATUS, { modelId }) as Promise<ModelStatus>,
      );
      expect(result.stage).to.equal("DEPLOYED");
      expect(stdout).to.match(/oracle price \/ 1000 calls\s+\$2\.5\n/);
      expect(stdout).to.contain(`${owner.address} (token owner())`);
      expect(stdout).to.match(/vesting\s+1500 bps immediate, 200 days, cliff 10 days/);
      expect(stdout).to.contain(`Registry ${system.modelRegistry}`);
      expect(stdout).to.match(/state\s+registered and active/);
      expect(stdout).to.match(/performance metric\s+accuracy/);
      expect(stdout).to.contain(`whitelisted by ${system.purchaserWhitelist}`);
      expect(stdout).to.match(new RegExp(`IBR\\s+172800 s \\(2 days\\), sells open at ${sellsOpen}`));
      expect(stdout).to.match(/reserve\s+100 USDC/);
      expect(stdout).to.contain("[x] reserve seeded");
      expect(result.pool?.ibrEndTime).to.equal(ibrEnd);
    });

    it("names the step that would work next on the live stack: distribute, then register with create-pool", async function () {
      const modelId = uniqueId();
      await deploy(baseArgs(modelId));
      const next = async () =>
        (await capture(() => hre.run(TASK_HOKUSAI_STATUS, { modelId }) as Promise<ModelStatus>)).stdout;
      expect(await next()).to.contain(
        `npx hardhat hokusai:distribute-supplier-allocation --model-id ${modelId}`,
      );
      await capture(() => hre.run(TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION, { modelId }));
      const registered = await next();
      expect(registered).to.contain("PROPOSAL");
      expect(registered).to.contain(
        `npx hardhat hokusai:create-pool --model-id ${modelId} --performance-metric <metric> --initial-reserve <USDC>`,
      );
    });

    it("reports a rerun's pool parameters as on chain: --ibr-duration 172800, then a rerun without it", async function () {
      const modelId = uniqueId();
      await deploy(baseArgs(modelId));
      await capture(() =>
        hre.run(TASK_HOKUSAI_CREATE_POOL, {
          modelId,
          performanceMetric: "accuracy",
          ibrDuration: "172800",
          initialReserve: "100",
        }),
      );
      const before = await nonce();
      const { result, stdout } = await capture(
        () => hre.run(TASK_HOKUSAI_CREATE_POOL, { modelId, initialReserve: "100" }) as Promise<LaunchResult>,
      );
      expect(await nonce()).to.equal(before);
      expect(result.params.ibrDuration).to.equal(172_800n);
      expect(stdout).to.match(/IBR duration\s+172800 s \(2 days\)/);
      expect(stdout).to.not.contain("604800");
    });
  });

  describe("6. the older v1 stack, whose tokens lack investorAllocation()", function () {
    let legacy: { tokenManager: string; ammFactory: string };

    before(async function () {
      const d = await hre.ignition.deploy(HokusaiLegacySystemModule, { displayUi: false });
      legacy = {
        tokenManager: await d.tokenManager.getAddress(),
        ammFactory: await d.ammFactory.getAddress(),
      };
    });

    it("reruns a deployment and shows its status without crashing; the investor allocation is not reported", async function () {
      // The v1 stack has no ModelRegistry: any id goes, as on the guide's stack.
      const modelId = `legacy-${uniqueId()}`;
      const args = { ...baseArgs(modelId), tokenManager: legacy.tokenManager };
      const first = await deploy(args);
      expect(first.result.status).to.equal("deployed");
      expect(first.result.abi).to.equal("v1");
      const token = await hre.ethers.getContractAt("MockHokusaiToken", first.result.token);
      await expect(token.investorAllocation()).to.be.rejected;

      const before = await nonce();
      const rerun = await deploy(args);
      expect(rerun.result.status).to.equal("already-deployed");
      expect(await nonce()).to.equal(before);

      const { result, stdout } = await capture(
        () => hre.run(TASK_HOKUSAI_STATUS, { modelId, ...legacy }) as Promise<ModelStatus>,
      );
      expect(result.stage).to.equal("PROPOSAL");
      expect(result.model?.investorAllocation).to.equal(undefined);
      expect(stdout).to.match(/investor allocation\s+not reported by this token \(an older v1 token\)/);
    });

    it("refuses --vesting on a v1 TokenManager (HOK210) without sending", async function () {
      for (const vesting of ["1000:365:0", "off"]) {
        await expectRefusedWithoutSending(
          () =>
            hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, {
              ...baseArgs(`legacy-${uniqueId()}`),
              tokenManager: legacy.tokenManager,
              vesting,
            }),
          new RegExp(
            `HOK210: .*the TokenManager ${legacy.tokenManager} speaks the guide's v1 ABI, which has no vesting; drop --vesting`,
          ),
        );
      }
    });
  });

  describe("7. the live stack's reverts are decoded with their fix", function () {
    it("refuses create-pool from a signer that owns neither registry nor factory (HOK408), naming the owner", async function () {
      const backend = await account(5);
      const stack = await deployFreshLiveStack(hre);
      // The platform's backend signer owns the registry and the factory; account 0, the task's signer, does not.
      for (const [name, address] of [
        ["LiveModelRegistry", stack.modelRegistry],
        ["LiveHokusaiAMMFactory", stack.ammFactory],
      ] as const) {
        const contract = await hre.ethers.getContractAt(name, address);
        await (await contract.transferOwnership(backend.address)).wait();
      }
      const modelId = uniqueId();
      // Anyone may deploy a token on the live TokenManager; the launch's steps are the owner's.
      await deploy({ ...baseArgs(modelId), tokenManager: stack.tokenManager });
      await expectRefusedWithoutSending(
        () =>
          hre.run(TASK_HOKUSAI_CREATE_POOL, {
            modelId,
            ...stack.flags,
            performanceMetric: "accuracy",
            initialReserve: "100",
          }),
        new RegExp(
          `HOK408: only the owner of the ModelRegistry ${stack.modelRegistry} may send registerStringModel\\("${modelId}".*, and ${(await account(0)).address} is not the owner \\(owner\\(\\) is ${backend.address}\\); sign with the owner account`,
        ),
      );
    });

    it('decodes "Model not registered in ModelRegistry" to its fix, registration (HOK608, not HOK414)', async function () {
      const modelId = uniqueId();
      const { result } = await deploy(baseArgs(modelId));
      const factory = await hre.ethers.getContractAt("LiveHokusaiAMMFactory", system.ammFactory);
      let data: string | undefined;
      try {
        await factory.createPoolWithParamsAndWhitelist.staticCall(
          modelId,
          result.token,
          200_000n,
          30n,
          604_800n,
          25_000n * 10n ** 6n,
          10_000n,
          system.purchaserWhitelist!,
        );
        expect.fail("the factory created a pool for an unregistered model");
      } catch (error) {
        data = extractRevertData(error);
      }
      const decoded = decodeRevertData(data, { modelId });
      expect(decoded.code).to.equal("HOK608");
      expect(decoded.reason).to.equal('"Model not registered in ModelRegistry"');
      expect(decoded.message).to.contain(`model "${modelId}" is not registered in the ModelRegistry`);
      expect(decoded.fix).to.contain(`npx hardhat hokusai:create-pool --model-id ${modelId}`);
      expect(decoded.fix).to.contain("registers it");
    });

    it("decodes a missing GOV_ROLE to signing with the governor, not to DEPLOYER_ROLE (HOK406)", async function () {
      const modelId = uniqueId();
      const { result } = await deploy(baseArgs(modelId));
      const stranger = await account(6);
      const params = await hre.ethers.getContractAt("LiveHokusaiParams", result.params, stranger);
      let data: string | undefined;
      try {
        await params.setOraclePricePerThousandUsd.staticCall(1_000_000n);
        expect.fail("a stranger set the oracle price");
      } catch (error) {
        data = extractRevertData(error);
      }
      const decoded = decodeRevertData(data, { modelId, account: stranger.address });
      expect(decoded.code).to.equal("HOK406");
      expect(decoded.message).to.equal(
        `AccessControl: account ${stranger.address.toLowerCase()} is missing role ${GOV_ROLE}`,
      );
      expect(decoded.fix).to.contain("sign with the model's governor");
      expect(decoded.fix).to.contain("GOV_ROLE");
      expect(decoded.fix).to.not.contain("DEPLOYER_ROLE");
    });

    it('decodes the params\' own checks: "oraclePricePerThousandUsd exceeds maximum" and the vesting checks (HOK405)', async function () {
      const modelId = uniqueId();
      const { result } = await deploy(baseArgs(modelId));
      // Account 0 is the governor here, so the checks after the role are reached.
      const params = await hre.ethers.getContractAt("LiveHokusaiParams", result.params);
      const revertOf = async (call: () => Promise<unknown>) => {
        try {
          await call();
        } catch (error) {
          return decodeRevertData(extractRevertData(error), { modelId });
        }
        return expect.fail("the call did not revert");
      };
      const price = await revertOf(() => params.setOraclePricePerThousandUsd.staticCall(10n ** 12n + 1n));
      expect(price.code).to.equal("HOK405");
      expect(price.message).to.contain("the oracle price is above the contract's maximum");
      expect(price.fix).to.contain("{initialOraclePricePerThousandUsd}");

      const cliff = await revertOf(() =>
        params.setVestingConfig.staticCall({
          enabled: true,
          immediateUnlockBps: 1000,
          vestingDurationSeconds: 86_400n,
          cliffSeconds: 2n * 86_400n,
        }),
      );
      expect(cliff.code).to.equal("HOK405");
      expect(cliff.message).to.equal("the params refused the vesting config: cliff exceeds vesting duration");
      expect(cliff.fix).to.contain("{vesting}");

      const stranger = await account(6);
      const manager = await hre.ethers.getContractAt("LiveTokenManager", system.tokenManager, stranger);
      const owner = await revertOf(() => manager.setDeploymentFee.staticCall(1n));
      expect(owner.code).to.equal("HOK408");
      expect(owner.reason).to.equal('"Ownable: caller is not the owner"');
    });

    it("reports an overpaid --fee as the fee kept, not what was sent; the excess comes back", async function () {
      const stack = await deployFreshLiveStack(hre);
      const fee = parseEther("0.01");
      const manager = await hre.ethers.getContractAt("LiveTokenManager", stack.tokenManager);
      await (await manager.setDeploymentFee(fee)).wait();
      const signer = await account(0);
      const before = await hre.ethers.provider.getBalance(signer.address);

      const { result, stdout } = await deploy({
        ...baseArgs(uniqueId()),
        tokenManager: stack.tokenManager,
        fee: parseEther("0.05").toString(),
      });
      expect(result.status).to.equal("deployed");
      expect(result.deploymentFee).to.equal(fee);
      expect(stdout).to.match(/deployment fee\s+0\.01 ETH/);
      expect(await hre.ethers.provider.getBalance(stack.tokenManager)).to.equal(fee);
      const after = await hre.ethers.provider.getBalance(signer.address);
      expect(before - after).to.equal(fee + result.gasCost!);
    });
  });
});
