import { expect } from "chai";

import type { DistributeResult } from "../../src/core/backend";
import { type LifecycleFacts, lifecycleStage, type ModelStatus, nextStep } from "../../src/core/status";
import type { DeployedModel } from "../../src/core/token-manager";
import {
  formatBps,
  formatCrr,
  formatDistributeResult,
  formatSeconds,
  formatUsdc,
} from "../../src/ui/backend";
import {
  formatStatus,
  nextStepCommand,
  shellWord,
  statusJson,
  type StatusContext,
} from "../../src/ui/status";

const TM = "0x1111111111111111111111111111111111111111";
const FACTORY = "0x2222222222222222222222222222222222222222";
const TOKEN = "0x3333333333333333333333333333333333333333";
const PARAMS = "0x4444444444444444444444444444444444444444";
const RECIPIENT = "0x5555555555555555555555555555555555555555";
const GOVERNOR = "0x6666666666666666666666666666666666666666";
const POOL = "0x7777777777777777777777777777777777777777";
const HASH = `0x${"ab".repeat(32)}`;
const E18 = 10n ** 18n;

const HARDHAT: StatusContext = { network: "hardhat", chainId: 31337 };

const MODEL: DeployedModel = {
  modelId: "sentiment-v2",
  token: TOKEN,
  params: PARAMS,
  name: "Sentiment Model",
  symbol: "SENT",
  maxSupply: 1_000_000n * E18,
  totalSupply: 699_100n * E18,
  modelSupplierAllocation: 400_000n * E18,
  modelSupplierRecipient: RECIPIENT,
  modelSupplierDistributed: true,
  investorAllocation: 600_000n * E18,
  investorMinted: 299_100n * E18,
  tokensPerDeltaOne: 100_000n * E18,
  infrastructureAccrualBps: 5000,
  initialOraclePricePerThousandUsd: 2_500_000n,
  licenseHash: HASH,
  licenseURI: "ipfs://Qm.../license.md",
  governor: GOVERNOR,
};

function status(overrides: Partial<ModelStatus>): ModelStatus {
  const base: ModelStatus = {
    modelId: "sentiment-v2",
    tokenManager: TM,
    ammFactory: FACTORY,
    model: MODEL,
    pool: {
      address: POOL,
      authorized: true,
      reserveBalance: 2_991_000_000n,
      spotPrice: 10_000n,
      ibrEndTime: 1_796_215_649n,
      crr: 200_000n,
      tradeFee: 30n,
      ibrDuration: 604_800n,
      flatCurveThreshold: 25_000_000_000n,
      flatCurvePrice: 10_000n,
    },
    facts: { tokenDeployed: true, supplierDistributed: true, poolCreated: true, poolAuthorized: true },
    stage: "DEPLOYED",
    next: undefined,
    warnings: [],
  };
  return { ...base, ...overrides };
}

describe("the lifecycle read from on-chain facts", function () {
  const facts = (
    token: boolean,
    distributed: boolean,
    pool: boolean,
    authorized: boolean,
  ): LifecycleFacts => ({
    tokenDeployed: token,
    supplierDistributed: distributed,
    poolCreated: pool,
    poolAuthorized: authorized,
  });
  const cases: Array<[LifecycleFacts, string, string | undefined]> = [
    [facts(false, false, false, false), "NONE", "deploy-token"],
    [facts(true, false, false, false), "PROPOSAL", "distribute-supplier-allocation"],
    [facts(true, true, false, false), "REGISTERED", "create-pool"],
    [facts(true, true, true, false), "REGISTERED", "authorize-pool"],
    [facts(true, true, true, true), "DEPLOYED", undefined],
    // Out of the guide's order: a live pool before the distribution is DEPLOYED, and the distribution is still due.
    [facts(true, false, true, true), "DEPLOYED", "distribute-supplier-allocation"],
    [facts(true, false, true, false), "PROPOSAL", "distribute-supplier-allocation"],
  ];
  for (const [f, stage, next] of cases) {
    it(`${JSON.stringify(f)} is ${stage}, next ${next ?? "nothing"}`, function () {
      expect(lifecycleStage(f)).to.equal(stage);
      expect(nextStep(f)).to.equal(next);
    });
  }
});

describe("the status display", function () {
  it("shows a DEPLOYED model in full", function () {
    expect(formatStatus(status({}), HARDHAT)).to.equal(
      [
        'Model "sentiment-v2" on hardhat (chain 31337): DEPLOYED, the pool exists and is authorised to mint: the model trades.',
        `  TokenManager  ${TM}`,
        `  AMM factory   ${FACTORY}`,
        "",
        "Lifecycle",
        "  [x] token deployed                   PROPOSAL",
        "  [x] supplier allocation distributed  REGISTERED",
        "  [x] pool created",
        "  [x] pool authorised to mint          DEPLOYED",
        "",
        `Token ${TOKEN}`,
        "  name                 Sentiment Model (SENT)",
        "  max supply           1,000,000 tokens",
        "  total supply         699,100 tokens minted so far",
        `  supplier allocation  400,000 tokens to ${RECIPIENT}, distributed`,
        "  investor allocation  600,000 tokens, 299,100 minted",
        "",
        `Params ${PARAMS}`,
        "  tokens per DeltaOne        100,000",
        "  infrastructure accrual     5000 bps (50%)",
        "  oracle price / 1000 calls  $2.5",
        `  governor                   ${GOVERNOR}`,
        `  license hash               ${HASH}`,
        "  license URI                ipfs://Qm.../license.md",
        "",
        `Pool ${POOL}`,
        "  authorised to mint  yes",
        "  reserve             2,991 USDC",
        "  spot price          0.01 USDC per token",
        "  crr                 200000 ppm (20%)",
        "  trade fee           30 bps (0.3%)",
        "  IBR                 604800 s (7 days), sells open at 2026-12-02T12:47:29Z",
        "  flat curve          0.01 USDC per token until the reserve reaches 25,000 USDC",
        "",
        "Next step: none on-chain; the model is live.",
      ].join("\n"),
    );
  });

  it("shows a PROPOSAL with the distribution as the next step, on a named network", function () {
    const text = formatStatus(
      status({
        model: { ...MODEL, modelSupplierDistributed: false, totalSupply: 0n, investorMinted: 0n },
        pool: undefined,
        facts: { tokenDeployed: true, supplierDistributed: false, poolCreated: false, poolAuthorized: false },
        stage: "PROPOSAL",
        next: "distribute-supplier-allocation",
      }),
      { network: "sepolia", chainId: 11155111 },
    );
    expect(text.split("\n")[0]).to.equal(
      'Model "sentiment-v2" on sepolia (chain 11155111): PROPOSAL, the token is deployed; the supplier allocation is not distributed yet.',
    );
    expect(text).to.contain(
      [
        "Lifecycle",
        "  [x] token deployed                   PROPOSAL",
        "  [ ] supplier allocation distributed  REGISTERED",
        "  [ ] pool created",
        "  [ ] pool authorised to mint          DEPLOYED",
      ].join("\n"),
    );
    expect(text).to.contain(`  supplier allocation  400,000 tokens to ${RECIPIENT}, not distributed yet`);
    expect(text).to.contain("\n\nPool: none yet.\n\n");
    expect(
      text.endsWith(
        [
          "Next step: distribute the supplier allocation once the model passes verification (signed by the TokenManager owner, the backend's server signer):",
          "  npx hardhat hokusai:distribute-supplier-allocation --model-id sentiment-v2 --network sepolia",
        ].join("\n"),
      ),
    ).to.be.true;
  });

  it("shows a pool that may not mint yet, with create-pool to finish the pair", function () {
    const base = status({});
    const text = formatStatus(
      status({
        pool: { ...base.pool!, authorized: false, reserveBalance: 0n },
        facts: { tokenDeployed: true, supplierDistributed: true, poolCreated: true, poolAuthorized: false },
        stage: "REGISTERED",
        next: "authorize-pool",
      }),
      { ...HARDHAT, tokenManagerFlag: TM, ammFactoryFlag: FACTORY },
    );
    expect(text).to.contain("  authorised to mint  no\n  reserve             0 USDC\n");
    expect(text).to.contain(
      [
        "Next step: authorise the existing pool to mint; create-pool finishes the half-done pair (signed by the TokenManager owner):",
        `  npx hardhat hokusai:create-pool --model-id sentiment-v2 --token-manager ${TM} --amm-factory ${FACTORY}`,
      ].join("\n"),
    );
  });

  it("shows an unknown model id as NONE with the deploy-token command", function () {
    expect(
      formatStatus(
        status({
          modelId: "Unknown model",
          model: undefined,
          pool: undefined,
          facts: {
            tokenDeployed: false,
            supplierDistributed: false,
            poolCreated: false,
            poolAuthorized: false,
          },
          stage: "NONE",
          next: "deploy-token",
        }),
        HARDHAT,
      ),
    ).to.equal(
      [
        'Model "Unknown model" on hardhat (chain 31337): NONE, no token is deployed for this model id.',
        `  TokenManager  ${TM}`,
        `  AMM factory   ${FACTORY}`,
        "",
        'No token is deployed for model id "Unknown model" on this TokenManager (ids are case-sensitive).',
        "",
        "Next step: deploy the model token (signed by the model developer):",
        "  npx hardhat hokusai:deploy-token --model-id 'Unknown model' --name \"<token name>\" --symbol <TICKER> --preset growth --license-file <license file> --license-uri <license URI>",
      ].join("\n"),
    );
  });

  it("prints JSON with version 1, bigints as decimal strings and null for what is missing", function () {
    const doc = statusJson(
      status({
        model: undefined,
        pool: undefined,
        facts: {
          tokenDeployed: false,
          supplierDistributed: false,
          poolCreated: false,
          poolAuthorized: false,
        },
        stage: "NONE",
        next: "deploy-token",
      }),
      HARDHAT,
    );
    expect(doc).to.deep.include({
      version: 1,
      network: "hardhat",
      chainId: 31337,
      stage: "NONE",
      token: null,
      params: null,
      supplierAllocation: null,
      pool: null,
    });
    const full = statusJson(status({}), HARDHAT) as Record<string, Record<string, unknown>>;
    expect(full.token.maxSupply).to.equal("1000000000000000000000000");
    expect(full.pool).to.deep.equal({
      address: POOL,
      authorized: true,
      reserveBalance: "2991000000",
      spotPrice: "10000",
      ibrEndTime: "1796215649",
      crr: "200000",
      tradeFee: "30",
      ibrDuration: "604800",
      flatCurveThreshold: "25000000000",
      flatCurvePrice: "10000",
    });
    expect(full.next).to.equal(null);
  });

  it("quotes a model id only when the shell needs it", function () {
    expect(shellWord("sentiment-v2")).to.equal("sentiment-v2");
    expect(shellWord("my model")).to.equal("'my model'");
    expect(shellWord("it's")).to.equal("'it'\\''s'");
    expect(nextStepCommand("create-pool", "a;b", { network: "localhost", chainId: 31337 })).to.equal(
      "npx hardhat hokusai:create-pool --model-id 'a;b' --network localhost",
    );
  });
});

describe("the backend tasks' display", function () {
  it("formats USDC, ppm, bps and durations", function () {
    expect(formatUsdc(25_000_000_000n)).to.equal("25,000 USDC");
    expect(formatUsdc(10_000n)).to.equal("0.01 USDC");
    expect(formatUsdc(1n)).to.equal("0.000001 USDC");
    expect(formatCrr(200_000n)).to.equal("200000 ppm (20%)");
    expect(formatCrr(50_000n)).to.equal("50000 ppm (5%)");
    expect(formatBps(30n)).to.equal("30 bps (0.3%)");
    expect(formatBps(1000)).to.equal("1000 bps (10%)");
    expect(formatSeconds(86_400n)).to.equal("86400 s (1 day)");
    expect(formatSeconds(129_600n)).to.equal("129600 s (1.5 days)");
  });

  it("tells a vested distribution as it happens: the part at once, the vault's part and the schedule", function () {
    const VAULT = "0x" + "7a".repeat(20);
    const text = formatDistributeResult(
      {
        status: "distributed",
        modelId: "28",
        tokenManager: TM,
        token: TOKEN,
        recipient: RECIPIENT,
        amount: 400_000n * E18,
        recipientBalance: 40_000n * E18,
        split: {
          immediate: 40_000n * E18,
          vested: 360_000n * E18,
          vault: VAULT,
          cliffSeconds: 0n,
          durationSeconds: 365n * 86_400n,
          vestingStart: 1_780_000_000n,
          vestingEnd: 1_780_000_000n + 365n * 86_400n,
        },
      },
      HARDHAT,
    );
    expect(text.split("\n")[0]).to.equal(
      `Distributed the supplier allocation of model "28" on hardhat: 40,000 tokens to ${RECIPIENT} at once and 360,000 vested in ${VAULT}.`,
    );
    expect(text).to.contain("at once            40,000 tokens to the recipient");
    expect(text).to.contain(`vested             360,000 tokens to the vesting vault ${VAULT}`);
    expect(text).to.contain(
      "schedule           from 2026-05-28T20:26:40Z to 2027-05-28T20:26:40Z, cliff 0 days, claimable by the recipient",
    );
  });

  it("reports a distribution with recipient, amount and transaction", function () {
    const result: DistributeResult = {
      status: "distributed",
      modelId: "sentiment-v2",
      tokenManager: TM,
      token: TOKEN,
      recipient: RECIPIENT,
      amount: 400_000n * E18,
      recipientBalance: 400_000n * E18,
      split: { immediate: 400_000n * E18, vested: 0n },
      transaction: {
        description: 'distributeModelSupplierAllocation("sentiment-v2")',
        hash: HASH,
        blockNumber: 5,
        gasUsed: 103_269n,
      },
    };
    expect(
      formatDistributeResult(result, {
        network: "sepolia",
        chainId: 11155111,
        explorerUrl: "https://sepolia.etherscan.io",
      }),
    ).to.equal(
      [
        `Distributed the supplier allocation of model "sentiment-v2" on sepolia: 400,000 tokens to ${RECIPIENT} at once.`,
        `  token              ${TOKEN}`,
        `  recipient          ${RECIPIENT}`,
        "  amount             400,000 tokens",
        "  at once            400,000 tokens to the recipient",
        "  recipient balance  400,000 tokens",
        `  transaction        ${HASH} (distributeModelSupplierAllocation("sentiment-v2"), block 5, gas 103269)`,
        `                     https://sepolia.etherscan.io/tx/${HASH}`,
      ].join("\n"),
    );
    expect(
      formatDistributeResult(
        { ...result, status: "already-distributed", transaction: undefined },
        HARDHAT,
      ).split("\n")[0],
    ).to.equal('The supplier allocation of model "sentiment-v2" was already distributed: nothing was sent.');
  });
});
