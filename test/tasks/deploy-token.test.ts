import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";
import hre from "hardhat";
import { keccak256, parseUnits, toUtf8Bytes, ZeroAddress } from "ethers";

import { TASK_HOKUSAI_DEPLOY_TOKEN } from "../../src/task-names";
import { ensureLocalSystem } from "../../src/hardhat/local-system";
import type { DeployTokenResult } from "../../src/core/deploy/deploy";
import { capture } from "../helpers/capture";
import { useLocalStack } from "../helpers/local-stack";

const LICENSE_TEXT =
  "# Commercial Model License\n\nReplace this text with the exact license you will publish off-chain.\n";

describe("hokusai:deploy-token on the in-process network", function () {
  useLocalStack("guide");
  let dir: string;
  let licenseFile: string;
  let counter = 0;
  const uniqueId = () => `model-${Date.now()}-${counter++}`;

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-deploy-"));
    licenseFile = path.join(dir, "license.md");
    fs.writeFileSync(licenseFile, LICENSE_TEXT);
    await ensureLocalSystem(hre);
  });

  after(function () {
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
  });

  const baseArgs = (modelId: string) => ({
    modelId,
    name: "Sentiment Model",
    symbol: "SENT",
    modelSupplierAllocation: "400000",
    investorAllocation: "600000",
    tokensPerDeltaOne: "100000",
    infrastructureAccrualBps: "5000",
    licenseFile,
    licenseUri: "ipfs://bafkreiexample/license.md",
  });

  async function nonce(): Promise<number> {
    const [signer] = await hre.ethers.getSigners();
    return hre.ethers.provider.getTransactionCount(signer.address);
  }

  async function expectRejectedWithoutSending(args: Record<string, unknown>, pattern: RegExp) {
    const before = await nonce();
    await expect(capture(() => hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, args))).to.be.rejectedWith(pattern);
    expect(await nonce(), "the sender's nonce moved: something was sent").to.equal(before);
  }

  it("declares every option as a documented param of the task", function () {
    const params = hre.tasks[TASK_HOKUSAI_DEPLOY_TOKEN].paramDefinitions;
    const expected = [
      "plan",
      "modelId",
      "name",
      "symbol",
      "modelSupplierAllocation",
      "modelSupplierRecipient",
      "investorAllocation",
      "wei",
      "tokensPerDeltaOne",
      "infrastructureAccrualBps",
      "initialOraclePricePerThousandUsd",
      "licenseFile",
      "licenseHash",
      "licenseUri",
      "governor",
      "preset",
      "vesting",
      "fee",
      "tokenManager",
      "dryRun",
      "fork",
      "yes",
      "strict",
      "confirmations",
      "timeout",
      "maxFeeGwei",
      "replaceAfter",
      "json",
    ];
    expect(Object.keys(params).sort()).to.deep.equal([...expected].sort());
    for (const name of expected) expect(params[name].description, name).to.be.a("string").and.not.equal("");
  });

  it("deploys a token with the guide's parameters and the license file's hash", async function () {
    const modelId = uniqueId();
    const { result, stdout } = await capture(
      () => hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, baseArgs(modelId)) as Promise<DeployTokenResult>,
    );
    expect(result.status).to.equal("deployed");
    expect(stdout).to.contain(`Deployed model token "${modelId}"`);
    const token = await hre.ethers.getContractAt("MockHokusaiToken", result.token);
    expect(await token.name()).to.equal("Sentiment Model");
    expect(await token.symbol()).to.equal("SENT");
    expect(await token.totalSupply()).to.equal(0n);
    expect(await token.maxSupply()).to.equal(parseUnits("1000000", 18));
    const params = await hre.ethers.getContractAt("MockHokusaiParams", result.params);
    expect(await params.licenseHash()).to.equal(keccak256(toUtf8Bytes(LICENSE_TEXT)));
    expect(await params.tokensPerDeltaOne()).to.equal(parseUnits("100000", 18));
    const record = JSON.parse(fs.readFileSync(result.recordFile, "utf8"));
    expect(record.status).to.equal("confirmed");
    expect(record.result.token).to.equal(result.token);
  });

  it("says a rerun of the same deployment is done and sends nothing", async function () {
    const modelId = uniqueId();
    await capture(() => hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, baseArgs(modelId)));
    const before = await nonce();
    const { result, stdout } = await capture(
      () => hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, baseArgs(modelId)) as Promise<DeployTokenResult>,
    );
    expect(result.status).to.equal("already-deployed");
    expect(stdout).to.contain("already deployed");
    expect(await nonce()).to.equal(before);
  });

  it("refuses a taken model id with other parameters, naming the difference (HOK303)", async function () {
    const modelId = uniqueId();
    await capture(() => hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, baseArgs(modelId)));
    await expectRejectedWithoutSending(
      { ...baseArgs(modelId), symbol: "OTHER" },
      /HOK303: model id ".*" already has a token .*symbol is SENT on chain, not OTHER.*pick a new --model-id/,
    );
  });

  it("fills allocations, tokensPerDeltaOne and bps from a preset", async function () {
    const modelId = uniqueId();
    const { result } = await capture(
      () =>
        hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, {
          modelId,
          name: "Preset Model",
          symbol: "PRE",
          preset: "mature",
          licenseFile,
          licenseUri: "https://example.org/license.md",
        }) as Promise<DeployTokenResult>,
    );
    const token = await hre.ethers.getContractAt("MockHokusaiToken", result.token);
    expect(await token.modelSupplierAllocation()).to.equal(parseUnits("300000", 18));
    expect(await token.investorAllocation()).to.equal(parseUnits("700000", 18));
    const params = await hre.ethers.getContractAt("MockHokusaiParams", result.params);
    expect(await params.tokensPerDeltaOne()).to.equal(parseUnits("5000", 18));
    expect(await params.infrastructureAccrualBps()).to.equal(4000n);
  });

  it("--dry-run prints what would be sent and sends nothing", async function () {
    const modelId = uniqueId();
    const before = await nonce();
    const { stdout } = await capture(() =>
      hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, { ...baseArgs(modelId), dryRun: true, json: true }),
    );
    const doc = JSON.parse(stdout);
    expect(doc).to.include({ version: 1, status: "dry-run", modelId, abi: "v1" });
    expect(BigInt(doc.gasLimit)).to.be.greaterThan(1_000_000n);
    expect(await nonce()).to.equal(before);
  });

  it("--json prints one JSON document on stdout and the progress on stderr", async function () {
    const modelId = uniqueId();
    const { stdout, stderr } = await capture(() =>
      hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, { ...baseArgs(modelId), json: true }),
    );
    const doc = JSON.parse(stdout);
    expect(doc).to.include({ version: 1, status: "deployed", modelId, network: "hardhat", chainId: 31337 });
    expect(doc.token).to.match(/^0x[0-9a-fA-F]{40}$/);
    expect(stderr).to.contain("Sent transaction");
  });

  it("says in its summary where the TokenManager's address came from", async function () {
    const mock = await capture(() =>
      hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, { ...baseArgs(uniqueId()), dryRun: true }),
    );
    expect(mock.stderr).to.match(
      /TokenManager +0x[0-9a-fA-F]{40} \(.*, from in-process mock system \((guide|live) stack\)\)/,
    );
    const address = /TokenManager +(0x[0-9a-fA-F]{40})/.exec(mock.stderr)![1];
    const flagged = await capture(() =>
      hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, { ...baseArgs(uniqueId()), dryRun: true, tokenManager: address }),
    );
    expect(flagged.stderr).to.match(/TokenManager +0x[0-9a-fA-F]{40} \(.*, from --token-manager\)/);
  });

  describe("bad input stops before anything is sent", function () {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      [
        "a zero supplier allocation",
        { modelSupplierAllocation: "0" },
        /HOK206: --model-supplier-allocation "0" is invalid: must be greater than zero/,
      ],
      [
        "a zero investor allocation",
        { investorAllocation: "0" },
        /HOK206: --investor-allocation "0" is invalid/,
      ],
      ["a negative allocation", { investorAllocation: "-5" }, /HOK206: .*must not be negative/],
      ["a fractional wei allocation", { investorAllocation: "1.5wei" }, /HOK206: .*whole number/],
      [
        "a zero supplier recipient",
        { modelSupplierRecipient: ZeroAddress },
        /HOK202: --model-supplier-recipient .* non-zero address/,
      ],
      ["a zero governor", { governor: ZeroAddress }, /HOK202: --governor .* non-zero address/],
      [
        "a bad checksum",
        { governor: "0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266" },
        /HOK201: --governor .*checksum/,
      ],
      [
        "a lower-case symbol",
        { symbol: "sent" },
        /HOK205: --symbol "sent" .*3 to 6 uppercase.*did you mean SENT/,
      ],
      ["a 7-letter symbol", { symbol: "SENTIME" }, /HOK205: --symbol/],
      [
        "tokensPerDeltaOne below 100",
        { tokensPerDeltaOne: "99" },
        /HOK207: --tokens-per-delta-one "99" .*100 to 10,000,000 tokens/,
      ],
      [
        "tokensPerDeltaOne above 10,000,000",
        { tokensPerDeltaOne: "10000001" },
        /HOK207: --tokens-per-delta-one/,
      ],
      [
        "bps 999",
        { infrastructureAccrualBps: "999" },
        /HOK207: --infrastructure-accrual-bps "999" .*from 1000 to 10000/,
      ],
      ["bps 10001", { infrastructureAccrualBps: "10001" }, /HOK207: --infrastructure-accrual-bps "10001"/],
      [
        "an oracle price above the maximum",
        { initialOraclePricePerThousandUsd: "1000000.000001" },
        /HOK207: .*at most 1000000 USD/,
      ],
      ["an unknown preset", { preset: "wild" }, /HOK211: --preset "wild" .*experimental, growth, mature/],
      [
        "a license URI with an unknown scheme",
        { licenseUri: "ftp://x/license" },
        /HOK209: --license-uri .*unknown scheme "ftp:"/,
      ],
      [
        "a license hash that differs from the file",
        { licenseHash: "0x" + "11".repeat(32) },
        /HOK212: --license-hash .*differs from keccak256/,
      ],
      ["no license at all", { licenseFile: undefined }, /HOK200: --license-file is required/],
      [
        "a TokenManager address without code",
        { tokenManager: "0x000000000000000000000000000000000000dEaD" },
        /HOK301: there is no contract at TokenManager/,
      ],
    ];
    for (const [what, override, pattern] of cases) {
      it(`rejects ${what}`, async function () {
        await expectRejectedWithoutSending({ ...baseArgs(uniqueId()), ...override }, pattern);
      });
    }

    it("rejects a contract that speaks neither TokenManager ABI (HOK302)", async function () {
      const { usdc } = await ensureLocalSystem(hre);
      await expectRejectedWithoutSending(
        { ...baseArgs(uniqueId()), tokenManager: usdc },
        /HOK302: .*0xfb7b6428.*0xcbb1036c/,
      );
    });
  });

  describe("the guide's troubleshooting rows from the contract", function () {
    it("names the missing deployer role and the fix (AccessControl: account is missing role)", async function () {
      const [owner] = await hre.ethers.getSigners();
      const manager = await hre.ethers.deployContract("MockTokenManager", [owner.address, 0n, true]);
      const address = await manager.getAddress();
      // The task signs with account 0: take the role away from it.
      await manager.revokeRole(await manager.DEPLOYER_ROLE(), owner.address);
      await expectRejectedWithoutSending(
        { ...baseArgs(uniqueId()), tokenManager: address },
        /HOK406: preflight: AccessControl: account 0x[0-9a-fA-F]{40} is missing role 0x[0-9a-f]{64}; use an authorized deployer wallet/,
      );
    });

    it("names an insufficient deployment fee and the fix", async function () {
      const [owner] = await hre.ethers.getSigners();
      const manager = await hre.ethers.deployContract("MockTokenManager", [
        owner.address,
        parseUnits("0.01", 18),
        false,
      ]);
      await expectRejectedWithoutSending(
        { ...baseArgs(uniqueId()), tokenManager: await manager.getAddress(), fee: "1000" },
        /HOK407: .*Insufficient deployment fee.*leave --fee out to pay deploymentFee\(\)/,
      );
    });

    it("pays the deployment fee read from the contract when --fee is left out", async function () {
      const [owner] = await hre.ethers.getSigners();
      const fee = parseUnits("0.01", 18);
      const manager = await hre.ethers.deployContract("MockTokenManager", [owner.address, fee, false]);
      const address = await manager.getAddress();
      const { result } = await capture(
        () =>
          hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, {
            ...baseArgs(uniqueId()),
            tokenManager: address,
          }) as Promise<DeployTokenResult>,
      );
      expect(result.deploymentFee).to.equal(fee);
      expect(await hre.ethers.provider.getBalance(address)).to.equal(fee);
    });
  });

  describe("v1 and v2 TokenManagers", function () {
    it("detects the live v2 ABI from the runtime code and deploys with default vesting", async function () {
      const [owner] = await hre.ethers.getSigners();
      const manager = await hre.ethers.deployContract("MockTokenManagerV2", [owner.address, 0n, false]);
      const tokenManager = await manager.getAddress();
      const { result } = await capture(
        () =>
          hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, {
            ...baseArgs(uniqueId()),
            tokenManager,
          }) as Promise<DeployTokenResult>,
      );
      expect(result.abi).to.equal("v2");
      const params = await hre.ethers.getContractAt("MockHokusaiParams", result.params);
      const vesting = await params.vestingConfig();
      expect([vesting.enabled, vesting.immediateUnlockBps, vesting.vestingDurationSeconds]).to.deep.equal([
        true,
        1000n,
        365n * 86400n,
      ]);
    });

    it("passes --vesting to a v2 TokenManager", async function () {
      const [owner] = await hre.ethers.getSigners();
      const manager = await hre.ethers.deployContract("MockTokenManagerV2", [owner.address, 0n, false]);
      const tokenManager = await manager.getAddress();
      const { result } = await capture(
        () =>
          hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, {
            ...baseArgs(uniqueId()),
            tokenManager,
            vesting: "2500:180:30",
          }) as Promise<DeployTokenResult>,
      );
      const params = await hre.ethers.getContractAt("MockHokusaiParams", result.params);
      const vesting = await params.vestingConfig();
      expect([
        vesting.immediateUnlockBps,
        vesting.vestingDurationSeconds,
        vesting.cliffSeconds,
      ]).to.deep.equal([2500n, 180n * 86400n, 30n * 86400n]);
    });
  });
});
