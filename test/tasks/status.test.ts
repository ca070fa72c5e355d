import { expect } from "chai";
import hre from "hardhat";
import { keccak256, parseUnits, toUtf8Bytes } from "ethers";

// typechain's `ethers.getContractAt("Mock…")` overloads: tsconfig.json does not include typechain-types/.
import type {} from "../../typechain-types/hardhat";
import type { ModelStatus } from "../../src/core/status";
import { ensureLocalSystem, type LocalSystem } from "../../src/hardhat/local-system";
import {
  TASK_HOKUSAI_CREATE_POOL,
  TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION,
  TASK_HOKUSAI_STATUS,
} from "../../src/task-names";
import { capture } from "../helpers/capture";
import { useLocalStack } from "../helpers/local-stack";

const SUPPLIER = parseUnits("400000", 18);
const INVESTOR = parseUnits("600000", 18);
const LICENSE_URI = "ipfs://bafkreiexample/license.md";

describe("hokusai:status on the in-process network", function () {
  useLocalStack("guide");
  let system: LocalSystem;
  let counter = 0;
  const uniqueId = () => `status-${Date.now()}-${counter++}`;

  before(async function () {
    system = await ensureLocalSystem(hre);
  });

  async function account(index: number) {
    return (await hre.ethers.getSigners())[index];
  }

  async function nonce(): Promise<number> {
    return hre.ethers.provider.getTransactionCount((await account(0)).address);
  }

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
          initialOraclePricePerThousandUsd: 2_500_000n,
          licenseHash: keccak256(toUtf8Bytes("license")),
          licenseURI: LICENSE_URI,
          governor: (await account(1)).address,
        },
      )
    ).wait();
    return hre.ethers.getContractAt("MockHokusaiToken", await manager.getTokenAddress(modelId));
  }

  /** Runs the task as JSON and as text; the chain must not move. */
  async function status(args: Record<string, unknown>) {
    const before = await nonce();
    const block = await hre.ethers.provider.getBlockNumber();
    const json = await capture(
      () => hre.run(TASK_HOKUSAI_STATUS, { ...args, json: true }) as Promise<ModelStatus>,
    );
    const text = await capture(() => hre.run(TASK_HOKUSAI_STATUS, args) as Promise<ModelStatus>);
    expect(await nonce(), "status sent a transaction").to.equal(before);
    expect(await hre.ethers.provider.getBlockNumber(), "status mined a block").to.equal(block);
    return { doc: JSON.parse(json.stdout), text: text.stdout, result: text.result };
  }

  it("NONE: a model id without a token is not an error; the next step is deploy-token", async function () {
    const modelId = uniqueId();
    const { doc, text, result } = await status({ modelId });
    expect(result.stage).to.equal("NONE");
    expect(doc).to.include({ version: 1, network: "hardhat", chainId: 31337, modelId, stage: "NONE" });
    expect(doc.token).to.equal(null);
    expect(doc.pool).to.equal(null);
    expect(doc.next).to.include({
      step: "deploy-token",
      command: `npx hardhat hokusai:deploy-token --model-id ${modelId} --name "<token name>" --symbol <TICKER> --preset growth --license-file <license file> --license-uri <license URI>`,
    });
    expect(text).to.contain(
      `Model "${modelId}" on hardhat (chain 31337): NONE, no token is deployed for this model id.`,
    );
    expect(text).to.contain(`No token is deployed for model id "${modelId}" on this TokenManager`);
  });

  it("PROPOSAL: a token only; shows token and params; the next step is the distribution", async function () {
    const modelId = uniqueId();
    const token = await deployModel(modelId);
    const { doc, text } = await status({ modelId });
    expect(doc.stage).to.equal("PROPOSAL");
    expect(doc.facts).to.deep.equal({
      tokenDeployed: true,
      supplierDistributed: false,
      poolCreated: false,
      poolAuthorized: false,
    });
    expect(doc.token).to.deep.include({
      address: await token.getAddress(),
      name: "Sentiment Model",
      symbol: "SENT",
      maxSupply: (SUPPLIER + INVESTOR).toString(),
      totalSupply: "0",
      investorMinted: "0",
    });
    expect(doc.params).to.deep.include({
      tokensPerDeltaOne: parseUnits("100000", 18).toString(),
      infrastructureAccrualBps: 5000,
      initialOraclePricePerThousandUsd: "2500000",
      governor: (await account(1)).address,
      licenseHash: keccak256(toUtf8Bytes("license")),
      licenseURI: LICENSE_URI,
    });
    expect(doc.supplierAllocation).to.deep.equal({
      distributed: false,
      recipient: (await account(2)).address,
      amount: SUPPLIER.toString(),
      // The guide's stack has no vesting vault: all of it goes to the recipient.
      split: { immediate: SUPPLIER.toString(), vested: "0" },
    });
    expect(doc.next).to.include({
      step: "distribute-supplier-allocation",
      command: `npx hardhat hokusai:distribute-supplier-allocation --model-id ${modelId}`,
    });
    expect(text).to.contain(
      `: PROPOSAL, the token is deployed; the supplier allocation is not distributed yet.`,
    );
    expect(text).to.contain("[x] token deployed");
    expect(text).to.contain("[ ] supplier allocation distributed");
    expect(text).to.match(/oracle price \/ 1000 calls\s+\$2\.5/);
    expect(text).to.contain("Pool: none yet.");
    expect((await hre.hokusai.status({ modelId })).stage, "hre.hokusai.status").to.equal("PROPOSAL");
    expect(text).to.contain(
      `Next step: distribute the supplier allocation once the model passes verification (signed by the TokenManager owner, the backend's server signer):\n  npx hardhat hokusai:distribute-supplier-allocation --model-id ${modelId}`,
    );
  });

  it("REGISTERED: supplier allocation distributed; the next step is create-pool", async function () {
    const modelId = uniqueId();
    await deployModel(modelId);
    await capture(() => hre.run(TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION, { modelId }));
    const { doc, text } = await status({ modelId });
    expect(doc.stage).to.equal("REGISTERED");
    expect(doc.supplierAllocation.distributed).to.be.true;
    expect(doc.token.totalSupply).to.equal(SUPPLIER.toString());
    expect(doc.next).to.include({
      step: "create-pool",
      command: `npx hardhat hokusai:create-pool --model-id ${modelId}`,
    });
    expect(text).to.contain("[x] supplier allocation distributed");
    expect(text).to.contain("[ ] pool created");
  });

  it("REGISTERED with a pool created but not authorised: the next step finishes the pair", async function () {
    const modelId = uniqueId();
    const token = await deployModel(modelId);
    await capture(() => hre.run(TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION, { modelId }));
    const factory = await hre.ethers.getContractAt("MockHokusaiAMMFactory", system.ammFactory);
    await (await factory.createPool(modelId, await token.getAddress())).wait();
    const pool = await factory.getPool(modelId);

    const { doc, text } = await status({ modelId });
    expect(doc.stage).to.equal("REGISTERED");
    expect(doc.facts).to.include({ poolCreated: true, poolAuthorized: false });
    expect(doc.pool).to.include({ address: pool, authorized: false, crr: "200000", reserveBalance: "0" });
    expect(doc.next).to.include({
      step: "authorize-pool",
      command: `npx hardhat hokusai:create-pool --model-id ${modelId}`,
    });
    expect(text).to.contain(`Pool ${pool}`);
    expect(text).to.match(/authorised to mint\s+no/);
    expect(text).to.contain(
      "Next step: authorise the existing pool to mint; create-pool finishes the half-done pair",
    );
  });

  it("DEPLOYED: the pool is authorised; reserve, spot price and minted supply after a buy", async function () {
    const modelId = uniqueId();
    const token = await deployModel(modelId);
    await capture(() => hre.run(TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION, { modelId }));
    await capture(() => hre.run(TASK_HOKUSAI_CREATE_POOL, { modelId }));
    const factory = await hre.ethers.getContractAt("MockHokusaiAMMFactory", system.ammFactory);
    const pool = await hre.ethers.getContractAt("MockHokusaiAMM", await factory.getPool(modelId));
    const buyer = await account(3);
    const usdc = await hre.ethers.getContractAt("MockUSDC", system.usdc);
    const amount = parseUnits("1000", 6);
    await (await usdc.mint(buyer.address, amount)).wait();
    await (await usdc.connect(buyer).approve(await pool.getAddress(), amount)).wait();
    const deadline = (await hre.ethers.provider.getBlock("latest"))!.timestamp + 600;
    await (await pool.connect(buyer).buy(amount, 0n, buyer.address, deadline)).wait();
    const bought = await token.balanceOf(buyer.address);

    const { doc, text } = await status({ modelId });
    expect(doc.stage).to.equal("DEPLOYED");
    expect(doc.next).to.equal(null);
    expect(doc.token.investorMinted).to.equal(bought.toString());
    expect(doc.token.totalSupply).to.equal((SUPPLIER + bought).toString());
    expect(doc.pool).to.include({
      address: await pool.getAddress(),
      authorized: true,
      reserveBalance: (await pool.reserveBalance()).toString(),
      spotPrice: (await pool.spotPrice()).toString(),
      ibrEndTime: (await pool.ibrEndTime()).toString(),
    });
    expect(BigInt(doc.pool.reserveBalance)).to.be.greaterThan(0n);
    expect(text).to.contain(`: DEPLOYED, the pool exists and is authorised to mint: the model trades.`);
    expect(text).to.contain("[x] pool authorised to mint");
    expect(text).to.match(/reserve\s+997 USDC/); // 1000 less the 0.3% trade fee
    expect(text).to.match(/spot price\s+0\.01 USDC per token/); // still on the flat curve
    expect(text).to.contain("Next step: none on-chain; the model is live.");
  });

  it("repeats --token-manager in the next command, and warns of a factory wired to another TokenManager", async function () {
    const manager = await hre.ethers.deployContract("MockTokenManager", [
      (await account(0)).address,
      0n,
      false,
    ]);
    const tokenManager = await manager.getAddress();
    const modelId = uniqueId();
    await deployModel(modelId, tokenManager);
    const { doc } = await status({ modelId, tokenManager, ammFactory: system.ammFactory });
    expect(doc.stage).to.equal("PROPOSAL");
    expect(doc.next.command).to.equal(
      `npx hardhat hokusai:distribute-supplier-allocation --model-id ${modelId} --token-manager ${tokenManager}`,
    );
    expect(doc.warnings).to.deep.equal([
      `the AMM factory ${system.ammFactory} serves the TokenManager ${system.tokenManager}, not ${tokenManager}: its pool for "${modelId}" (if any) belongs to another token`,
    ]);
  });

  it("refuses an address without code, naming it", async function () {
    await expect(
      capture(() =>
        hre.run(TASK_HOKUSAI_STATUS, {
          modelId: "x",
          tokenManager: "0x000000000000000000000000000000000000dEaD",
        }),
      ),
    ).to.be.rejectedWith(
      /HOK301: there is no contract at TokenManager 0x000000000000000000000000000000000000dEaD/,
    );
  });
});
