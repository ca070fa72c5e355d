import { expect } from "chai";

import type { LaunchProgress } from "../../src/core/launch/run";
import type { LaunchPreflight, LaunchResult } from "../../src/core/launch/types";
import {
  formatLaunchDryRun,
  formatLaunchItemDone,
  formatLaunchResult,
  formatLaunchSummary,
  formatLaunchTokenProgress,
  isNotableLaunchProgress,
  isNotableLaunchTokenProgress,
  launchHeadline,
  launchJson,
} from "../../src/ui/launch";

const TM = "0x1111111111111111111111111111111111111111";
const FACTORY = "0x2222222222222222222222222222222222222222";
const TOKEN = "0x3333333333333333333333333333333333333333";
const REGISTRY = "0x4444444444444444444444444444444444444444";
const OWNER = "0x5555555555555555555555555555555555555555";
const WHITELIST = "0x6666666666666666666666666666666666666666";
const POOL = "0x7777777777777777777777777777777777777777";
const USDC = "0x8888888888888888888888888888888888888888";
const HASH = `0x${"ab".repeat(32)}`;
const SEPOLIA = { network: "sepolia", chainId: 11155111, explorerUrl: "https://sepolia.etherscan.io" };
const PARAMS = {
  crr: 200_000n,
  tradeFee: 30n,
  ibrDuration: 604_800n,
  flatCurveThreshold: 25_000_000_000n,
  flatCurvePrice: 10_000n,
};

function tx(description: string, blockNumber: number) {
  return {
    description,
    from: OWNER,
    to: FACTORY,
    data: "0x",
    value: "0",
    gasLimit: "100000",
    chainId: 11155111,
    nonce: blockNumber,
    status: "mined" as const,
    hash: HASH,
    blockNumber,
  };
}

const RESULT: LaunchResult = {
  modelId: "28",
  stack: "live",
  token: TOKEN,
  registry: REGISTRY,
  pool: POOL,
  params: PARAMS,
  whitelist: WHITELIST,
  registered: true,
  authorized: true,
  reserveBalance: 100_000_000n,
  trades: true,
  steps: [
    {
      name: "distribute",
      description: 'distributeModelSupplierAllocation("28")',
      state: "skipped",
      why: "not asked",
    },
    { name: "register", description: "registerStringModel", state: "done", why: "registered already" },
    {
      name: "createPool",
      description: 'createPoolWithParamsAndWhitelist("28", ...)',
      state: "sent",
      tx: tx('createPoolWithParamsAndWhitelist("28", ...)', 7),
    },
  ],
  warnings: [],
  recordFile: "deployments/hokusai/sepolia/28.launch.json",
};

describe("ui/launch: what create-pool and launch print", function () {
  it("heads the result with the pool, what was sent and whether the model trades", function () {
    expect(launchHeadline(RESULT, "sepolia")).to.equal(
      `The pool of model "28" on sepolia is at ${POOL} (1 transaction(s) sent): registered, authorised to mint, reserve 100 USDC; the model trades.`,
    );
    const unseeded = { ...RESULT, reserveBalance: 0n, trades: false, steps: [] };
    expect(launchHeadline(unseeded, "sepolia")).to.match(
      /\(nothing was sent, every step was done\): .*reserve 0 USDC; its reserve is empty: seed it with --initial-reserve before buyers come\.$/,
    );
    const unauthorised = { ...unseeded, authorized: false };
    expect(launchHeadline(unauthorised, "sepolia")).to.match(
      /not authorised to mint, .*; it does not trade yet\.$/,
    );
  });

  it("lists the parameters, the buyers, each sent transaction with its link, and the record", function () {
    const text = formatLaunchResult(RESULT, SEPOLIA);
    expect(text).to.contain("crr                   200000 ppm (20%)");
    expect(text).to.contain(`buyers                whitelisted by ${WHITELIST}`);
    expect(text).to.contain(
      `create the pool       ${HASH} (block 7) https://sepolia.etherscan.io/tx/${HASH}`,
    );
    expect(text).to.contain("record                deployments/hokusai/sepolia/28.launch.json");
    expect(text).not.to.contain("register in the ModelRegistry ", "a step done before is not listed as sent");
    const publicPool = formatLaunchResult({ ...RESULT, whitelist: null }, SEPOLIA);
    expect(publicPool).to.contain("buyers                anyone (public pool)");
  });

  it("shows the steps before sending: done, to send, skipped", function () {
    const preflight: LaunchPreflight = {
      target: {
        modelId: "28",
        tokenManager: TM,
        ammFactory: FACTORY,
        pool: {},
        whitelist: WHITELIST,
        initialReserve: 5_000_000n,
      },
      from: OWNER,
      stack: "live",
      token: TOKEN,
      registry: REGISTRY,
      usdc: USDC,
      pool: POOL,
      poolExists: false,
      params: PARAMS,
      split: { immediate: 0n, vested: 0n, vault: undefined } as never,
      steps: [
        {
          name: "distribute",
          description: "d",
          state: "skipped",
          why: "not part of this launch",
          gasLimit: 0n,
        },
        { name: "register", description: "r", state: "done", why: "registered already", gasLimit: 0n },
        {
          name: "createPool",
          description: 'createPoolWithParamsAndWhitelist("28", ...)',
          state: "to-send",
          gasLimit: 5_000_000n,
        },
        { name: "authorize", description: "authorizeAMM(<pool>)", state: "to-send", gasLimit: 120_000n },
      ],
      warnings: [],
    };
    const text = formatLaunchSummary(preflight, SEPOLIA);
    expect(text.split("\n")[0]).to.equal('Launching the pool of model "28":');
    expect(text).to.match(/\n {2}stack {17}live \(with a ModelRegistry\)\n/);
    expect(text).to.contain(`  pool                  ${POOL} (to be created)`);
    expect(text).to.contain("  initial reserve       5 USDC");
    expect(text).to.contain("  [-] distribute the supplier allocation: not part of this launch");
    expect(text).to.contain("  [x] register in the ModelRegistry: registered already");
    expect(text).to.contain('  [ ] create the pool: createPoolWithParamsAndWhitelist("28", ...)');
    expect(formatLaunchDryRun(preflight)).to.equal(
      "Dry run: nothing was sent. 2 call(s) would be sent (create the pool, then authorise the pool to mint), about 5120000 gas.",
    );
    const done = { ...preflight, steps: preflight.steps.slice(0, 2) };
    expect(formatLaunchDryRun(done)).to.equal(
      `Every step of model "28"'s launch is done: nothing would be sent.`,
    );
  });

  it("--json: version 1, launched or already-done, amounts as strings", function () {
    const doc = launchJson(RESULT, SEPOLIA);
    expect(doc).to.include({
      version: 1,
      status: "launched",
      network: "sepolia",
      chainId: 11155111,
      pool: POOL,
    });
    expect(doc.reserveBalance).to.equal("100000000");
    expect(launchJson({ ...RESULT, steps: [] }, SEPOLIA).status).to.equal("already-done");
  });

  it("gives one progress line per model of a launch file", function () {
    const line = formatLaunchItemDone(
      { modelId: "28", configKey: "sentiment", status: "launched", launch: RESULT, seconds: 1.234 },
      3,
      12,
    );
    expect(line).to.equal(`[ 3/12] 28 (sentiment): launched, pool ${POOL}, trades (1.23 s)`);
    expect(
      formatLaunchItemDone(
        { modelId: "29", configKey: "x", status: "failed", error: "HOK612: …", seconds: 0 },
        12,
        12,
      ),
    ).to.equal("[12/12] 29 (x): FAILED: HOK612: … (0.00 s)");
  });

  it("a launch of many models tells the steps sent or skipped and the network's surprises, not a transaction's routine", function () {
    const step = (state: "sending" | "done" | "skipped") =>
      ({ type: "step", modelId: "28", step: "register", state, description: "registerStringModel" }) as const;
    const tx = (event: LaunchProgress & { type: "tx" }) => event;
    const at = { type: "tx", modelId: "28", step: "register" } as const;
    expect([step("sending"), step("skipped")].map(isNotableLaunchProgress)).to.deep.equal([true, true]);
    expect(isNotableLaunchProgress(step("done"))).to.equal(false);
    for (const routine of [
      { type: "prepared", description: "registerStringModel", nonce: 1 },
      { type: "mined", description: "registerStringModel", hash: HASH, blockNumber: 2 },
    ] as const)
      expect(isNotableLaunchProgress(tx({ ...at, event: routine })), routine.type).to.equal(false);
    const reorged = {
      type: "reorged",
      description: "registerStringModel",
      hash: HASH,
      nonce: 1,
      blockNumber: 2,
    } as const;
    expect(isNotableLaunchProgress(tx({ ...at, event: reorged }))).to.equal(true);
  });

  it("a launch tells each token's broadcast with its hash, and the network's surprises, not the rest of its routine", function () {
    const description = 'deployTokenWithAllocations("28")';
    const sent = { type: "sent", description, hash: HASH, nonce: 7 } as const;
    expect(isNotableLaunchTokenProgress(sent)).to.equal(true);
    expect(formatLaunchTokenProgress("28", sent)).to.equal(
      `  28 token: Sent transaction ${HASH} (${description}, nonce 7); waiting for it to be mined`,
    );
    for (const routine of [
      { type: "prepared", description, nonce: 7 },
      { type: "mined", description, hash: HASH, blockNumber: 2 },
    ] as const)
      expect(isNotableLaunchTokenProgress(routine), routine.type).to.equal(false);
    const resuming = { type: "resuming", status: "sent", hash: HASH, nonce: 7 } as const;
    expect(isNotableLaunchTokenProgress(resuming)).to.equal(true);
    expect(formatLaunchTokenProgress("28", resuming)).to.equal(
      `  28 token: Resuming an earlier run (sent, nonce 7, tx ${HASH})`,
    );
  });
});
