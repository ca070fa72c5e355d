/**
 * Property: on any pool the factory accepts, from any reachable reserve and supply, a buy
 * followed at once by a sale of exactly the tokens it bought never returns more USDC than the
 * buy cost (issue 7: "a buy followed by a sell never returns more USDC than paid").
 */
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import fc from "fast-check";

import { DEFAULT_IBR_DURATION, TOKENS, USDC, deployModelToken } from "../helpers/contract-fixtures";
import {
  FAR_DEADLINE,
  GAS,
  approveTraders,
  checkInvariants,
  expectOutcome,
  fcParams,
  runs,
  invariantSystemFixture,
  poolAt,
  send,
} from "./support";

const NUM_RUNS = 50;

/** Out of reach of any buy here (at 0.000001 USDC a token and crr 1, the curve mints up to ~1e40 wei). */
const INVESTOR_CAP = 10n ** 60n;

/** The factory's bounds, with the bounds themselves drawn often. */
const crrArb = fc.oneof(
  fc.constant(50_000n),
  fc.constant(1_000_000n),
  fc.bigInt({ min: 50_000n, max: 1_000_000n }),
);
const tradeFeeArb = fc.oneof(fc.constant(0n), fc.constant(1000n), fc.bigInt({ min: 1n, max: 999n }));

/** USDC amounts from one unit to 100,000 USDC, small ones as likely as large ones. */
const usdcArb = fc.oneof(
  fc.bigInt({ min: 1n, max: USDC("1") }),
  fc.bigInt({ min: USDC("1"), max: USDC("1000") }),
  fc.bigInt({ min: USDC("1000"), max: USDC("100000") }),
);
const maybeUsdcArb = fc.oneof(fc.constant(0n), usdcArb);

const scenarioArb = fc.record({
  crr: crrArb,
  tradeFee: tradeFeeArb,
  /** Where the flat phase ends: from one unit to 100,000 USDC. */
  flatCurveThreshold: usdcArb,
  /** USDC units per whole token: from 0.000001 to 10 USDC. */
  flatCurvePrice: fc.oneof(fc.bigInt({ min: 1n, max: 100n }), fc.bigInt({ min: 100n, max: USDC("10") })),
  supplierAllocation: fc.bigInt({ min: 1n, max: TOKENS("1000000000") }),
  distributeSupplier: fc.boolean(),
  /** What happened first: another trader's buy and usage fees (in either order), then DeltaOne rewards. */
  earlierBuy: maybeUsdcArb,
  earlierFees: maybeUsdcArb,
  feesFirst: fc.boolean(),
  earlierRewards: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 3n })),
  /** The round trip. */
  amount: usdcArb,
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

async function roundTrip(s: Scenario): Promise<void> {
  const system = await loadFixture(invariantSystemFixture);
  const { tokenManager, ammFactory, usdc, owner, buyer, other } = system;
  const modelId = "m0";
  const { token, params } = await deployModelToken(system, {
    modelId,
    supplierAllocation: s.supplierAllocation,
    investorAllocation: INVESTOR_CAP,
  });
  await ammFactory.createPoolWithParams(
    modelId,
    await token.getAddress(),
    s.crr,
    s.tradeFee,
    DEFAULT_IBR_DURATION,
    s.flatCurveThreshold,
    s.flatCurvePrice,
  );
  const pool = await poolAt(await ammFactory.getPool(modelId));
  const poolAddress = await pool.getAddress();
  if (s.distributeSupplier) await tokenManager.connect(owner).distributeModelSupplierAllocation(modelId);
  await tokenManager.connect(owner).authorizeAMM(poolAddress);
  await approveTraders(system, poolAddress);

  const earlierBuy = async () => {
    if (s.earlierBuy === 0n || (await pool.getBuyQuote(s.earlierBuy)) === 0n) return;
    expectOutcome(
      await send(() => pool.connect(other).buy(s.earlierBuy, 0n, other.address, FAR_DEADLINE, GAS)),
      true,
      "earlier buy",
    );
  };
  const earlierFees = async () => {
    if (s.earlierFees === 0n) return;
    expectOutcome(await send(() => pool.connect(other).depositFees(s.earlierFees, GAS)), true, "fee deposit");
  };
  if (s.feesFirst) await earlierFees();
  await earlierBuy();
  if (!s.feesFirst) await earlierFees();
  if (s.earlierRewards > 0n)
    await tokenManager.connect(system.verifier).mintDeltaOneReward(modelId, other.address, s.earlierRewards);
  await time.increaseTo(await pool.ibrEndTime());

  const quote = await pool.getBuyQuote(s.amount);
  fc.pre(quote > 0n); // a buy too small for one token wei reverts: nothing to sell
  const state = `reserve ${await pool.reserveBalance()}, supply ${await token.totalSupply()}, accrual ${await params.infrastructureAccrualBps()} bps`;

  const usdcBefore = await usdc.balanceOf(buyer.address);
  const tokensBefore = await token.balanceOf(buyer.address);
  expectOutcome(
    await send(() => pool.connect(buyer).buy(s.amount, 0n, buyer.address, FAR_DEADLINE, GAS)),
    true,
    "buy",
  );
  const bought = (await token.balanceOf(buyer.address)) - tokensBefore;
  expect(bought, "tokens received = the quote").to.equal(quote);
  const paid = usdcBefore - (await usdc.balanceOf(buyer.address));
  expect(paid, "USDC paid").to.equal(s.amount);

  expectOutcome(
    await send(() => pool.connect(buyer).sell(bought, 0n, buyer.address, FAR_DEADLINE, GAS)),
    true,
    "sell",
  );
  const returned = (await usdc.balanceOf(buyer.address)) - (usdcBefore - paid);
  expect(
    returned <= paid,
    `bought ${bought} tokens for ${paid} USDC units and sold them for ${returned} (${state} before the buy)`,
  ).to.equal(true);
  await checkInvariants(system, [{ modelId, token, params, pool }]);
}

/**
 * Counterexamples found by this property, replayed on every run. Both are usage fees deposited
 * before any token exists: the first buyer's flat-price tokens were the whole supply and sold on
 * the curve for the deposited fees too (fixed in MockHokusaiAMM: a reserve without supply goes to
 * the treasury on the next buy).
 */
const COUNTEREXAMPLES: Scenario[] = [
  // As fast-check shrank it (seed -1340969771): paid 1,000 USDC, got back 1,000.000001.
  {
    crr: 1_000_000n,
    tradeFee: 1000n,
    flatCurveThreshold: 1n,
    flatCurvePrice: 100n,
    supplierAllocation: 1n,
    distributeSupplier: false,
    earlierBuy: 0n,
    earlierFees: 422_222_229n,
    feesFirst: false,
    earlierRewards: 0n,
    amount: USDC("1000"),
  },
  // The factory's defaults but tradeFee 0: 100,000 USDC of fees, then 10 USDC in returned 25,018.7 USDC.
  {
    crr: 200_000n,
    tradeFee: 0n,
    flatCurveThreshold: USDC("25000"),
    flatCurvePrice: 10_000n,
    supplierAllocation: TOKENS("400000"),
    distributeSupplier: false,
    earlierBuy: 0n,
    earlierFees: USDC("100000"),
    feesFirst: true,
    earlierRewards: 0n,
    amount: USDC("10"),
  },
];

describe("invariants: buy then sell", function () {
  it(`never returns more USDC than was paid (${runs(NUM_RUNS)} random pools, states and amounts)`, async function () {
    if (process.env.FC_NUM_RUNS !== undefined) this.timeout(0); // a longer search
    await fc.assert(fc.asyncProperty(scenarioArb, roundTrip), {
      ...fcParams<[Scenario]>(NUM_RUNS),
      examples: COUNTEREXAMPLES.map((c): [Scenario] => [c]),
    });
  });
});
