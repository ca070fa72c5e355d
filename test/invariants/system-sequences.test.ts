/**
 * Model-based test of the whole mock system (fc.commands / fc.asyncModelRun): random sequences
 * of deployments, distributions, pools, trades, fee deposits, reward mints, license updates and
 * role changes, by the accounts entitled to them and by others. A small model predicts each call's
 * outcome; every call that must revert is sent for real (mined, with free gas) and must change
 * nothing at all (the state root); after every step the supply caps and the reserve accounting
 * are checked, and what the model knows (flags, counters, license, settings) must match the chain.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import fc from "fast-check";
import { ethers } from "hardhat";

import {
  ACCRUAL_BPS_RANGE,
  DEPLOYER_ROLE,
  ORACLE_PRICE_RANGE,
  TOKENS,
  TOKENS_PER_DELTA_ONE_RANGE,
  USDC,
  ZERO_VESTING,
  type VestingConfig,
} from "../helpers/contract-fixtures";
import {
  type ActorName,
  type CallerName,
  type DeployedModel,
  type InvariantSystem,
  type TraderName,
  FAR_DEADLINE,
  TRADERS,
  GAS,
  approveTraders,
  callerArb,
  checkInvariants,
  expectOutcome,
  expectRevertAndNoChange,
  expectUnchanged,
  fcParams,
  runs,
  invariantSystemFixture,
  invariantSystemV2Fixture,
  nonOwnerArb,
  poolAt,
  send,
  tokenContracts,
  traderArb,
} from "./support";

const NUM_RUNS = 25;
const MAX_COMMANDS = 30;

// --- the model ------------------------------------------------------------------------------

interface PoolModel {
  tradeFee: bigint;
  flatCurveThreshold: bigint;
  ibrEndTime: bigint;
  authorized: boolean;
}

interface TokenModel {
  modelId: string;
  supplierAllocation: bigint;
  investorAllocation: bigint;
  /** Normalised to wei, as the params contract stores it. */
  tokensPerDeltaOne: bigint;
  accrualBps: number;
  governor: ActorName;
  distributed: boolean;
  rewardMinted: bigint;
  licenseHash: string;
  licenseURI: string;
  pool?: PoolModel;
}

interface Model {
  tokens: Map<string, TokenModel>;
  deployers: Set<ActorName>;
  deployerRoleRequired: boolean;
  deploymentFee: bigint;
}

interface Real {
  system: InvariantSystem;
  models: Map<string, DeployedModel>;
}

type Expected = true | string;

/** The first reason that applies, in the order the contract checks them; `true` when none does. */
function firstOf(...checks: Array<[failing: boolean, reason: string]>): Expected {
  for (const [failing, reason] of checks) if (failing) return reason;
  return true;
}

const MODEL_IDS = ["m0", "m1", "m2"];
/** Mostly the first model, so that calls find what earlier calls created. */
const modelIdArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant("m0") },
  { weight: 1, arbitrary: fc.constantFrom(...MODEL_IDS.slice(1)) },
);
const NOT_OWNER = "Ownable: caller is not the owner";
const MISSING_ROLE = "AccessControlUnauthorizedAccount(";
const WHOLE_TOKEN_THRESHOLD = 10_000_000n;
const MIN_TPD = TOKENS("100");
const MAX_TPD = TOKENS("10000000");

function normalizeTokensPerDeltaOne(value: bigint): bigint {
  return value <= WHOLE_TOKEN_THRESHOLD ? value * 10n ** 18n : value;
}

/** The deployed token at `slot` (modulo how many there are), or the pooled one with `pooled`. */
function pick(model: Readonly<Model>, slot: number, pooled = false): TokenModel | undefined {
  const tokens = [...model.tokens.values()].filter((t) => !pooled || t.pool !== undefined);
  return tokens.length === 0 ? undefined : tokens[slot % tokens.length];
}

function deployed(real: Real, modelId: string): DeployedModel {
  const m = real.models.get(modelId);
  if (!m) throw new Error(`no contracts for ${modelId}`);
  return m;
}

function pool(real: Real, modelId: string) {
  const p = deployed(real, modelId).pool;
  if (!p) throw new Error(`no pool for ${modelId}`);
  return p;
}

/** How often each command ended which way: printed with INVARIANT_STATS=1, to see what the runs reach. */
const outcomes = new Map<string, number>();
let current = "";
let phase = "";

function count(expected: Expected): void {
  const key = `${current}${phase} -> ${expected === true ? "ok" : expected.replace(/\($/, "")}`;
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
}

/** Sends a call the model predicted; on a predicted revert, also checks that nothing changed. */
async function run(
  real: Real,
  expected: Expected,
  what: string,
  from: HardhatEthersSigner,
  tx: () => Promise<ContractTransactionResponse>,
  at?: bigint,
): Promise<boolean> {
  count(expected);
  if (expected === true) {
    if (at !== undefined) await time.setNextBlockTimestamp(at);
    expectOutcome(await send(tx), true, what);
    return true;
  }
  await expectRevertAndNoChange(real.system, [...real.models.values()], what, from, tx, expected, at);
  return false;
}

const describeArgs = (name: string, args: object) =>
  `${name}(${Object.entries(args)
    .map(([k, v]) => `${k}: ${fc.stringify(v)}`)
    .join(", ")})`;

/** What the model tracks must be what the chain holds: a successful call changed only what it should. */
async function checkModel(model: Model, real: Real): Promise<void> {
  const { tokenManager } = real.system;
  expect(await tokenManager.deploymentFee(), "deploymentFee").to.equal(model.deploymentFee);
  expect(await tokenManager.deployerRoleRequired(), "deployerRoleRequired").to.equal(
    model.deployerRoleRequired,
  );
  for (const t of model.tokens.values()) {
    const { token, params, pool: contract } = deployed(real, t.modelId);
    const [distributed, rewardMinted, license, tpd, bps] = await Promise.all([
      token.modelSupplierDistributed(),
      token.rewardMinted(),
      params.licenseRef(),
      params.tokensPerDeltaOne(),
      params.infrastructureAccrualBps(),
    ]);
    expect(
      [distributed, rewardMinted, [...license], tpd, Number(bps)],
      `${t.modelId}: the chain and the model`,
    ).to.deep.equal([
      t.distributed,
      t.rewardMinted,
      [t.licenseHash, t.licenseURI],
      t.tokensPerDeltaOne,
      t.accrualBps,
    ]);
    if (contract && t.pool)
      expect(
        await tokenManager.isAuthorizedAMM(await contract.getAddress()),
        `${t.modelId}: pool authorised`,
      ).to.equal(t.pool.authorized);
  }
}

abstract class Command<A extends object> implements fc.AsyncCommand<Model, Real> {
  constructor(readonly args: A) {}
  check(_model: Readonly<Model>): boolean {
    return true;
  }
  abstract step(model: Model, real: Real): Promise<void>;
  async run(model: Model, real: Real): Promise<void> {
    current = this.constructor.name;
    phase = "";
    await this.step(model, real);
    await checkInvariants(real.system, [...real.models.values()]);
    await checkModel(model, real);
  }
  toString(): string {
    return describeArgs(this.constructor.name, this.args);
  }
  [fc.toStringMethod](): string {
    return this.toString();
  }
}

// --- deployment -----------------------------------------------------------------------------

interface DeployArgs {
  caller: CallerName;
  /** "m0".."m2", or "" (rejected). */
  modelId: string;
  emptyName: boolean;
  emptySymbol: boolean;
  supplierAllocation: bigint;
  zeroRecipient: boolean;
  investorAllocation: bigint;
  tokensPerDeltaOne: bigint;
  accrualBps: number;
  oraclePrice: bigint;
  /** null: the zero address (rejected). */
  governor: ActorName | null;
  /** Relative to the deployment fee: exact, over (refunded), or one wei short. */
  value: "exact" | "over" | "short";
  /** The v2 ABI's seventh field (the v1 ABI has none: the params get the defaults). */
  vesting: VestingConfig;
}

const YEAR = 365n * 86_400n;
/** Vesting switched off, as HOKUSAI-FACTS.md describes. */
const VESTING_OFF: VestingConfig = {
  enabled: false,
  immediateUnlockBps: 10000,
  vestingDurationSeconds: 0n,
  cliffSeconds: 0n,
};
const DEFAULT_VESTING: VestingConfig = {
  enabled: true,
  immediateUnlockBps: 1000,
  vestingDurationSeconds: 365n * 86_400n,
  cliffSeconds: 0n,
};

/** MockHokusaiParams._checkedVesting: all zero means the defaults. */
function vestingError(v: VestingConfig): [boolean, string][] {
  return [
    [v.immediateUnlockBps > 10000, "ValueOutOfBounds("],
    [v.enabled && v.vestingDurationSeconds === 0n, 'InvalidAmount("vesting duration")'],
    [v.enabled && v.cliffSeconds > v.vestingDurationSeconds, "ValueOutOfBounds("],
  ];
}

function isZeroVesting(v: VestingConfig): boolean {
  return !v.enabled && v.immediateUnlockBps === 0 && v.vestingDurationSeconds === 0n && v.cliffSeconds === 0n;
}

class DeployToken extends Command<DeployArgs> {
  async step(model: Model, real: Real): Promise<void> {
    const a = this.args;
    const { system } = real;
    const from = system[a.caller];
    const value =
      a.value === "exact"
        ? model.deploymentFee
        : a.value === "over"
          ? model.deploymentFee + 12345n
          : model.deploymentFee === 0n
            ? 0n
            : model.deploymentFee - 1n;
    const tpd = normalizeTokensPerDeltaOne(a.tokensPerDeltaOne);
    const expected = firstOf(
      [model.deployerRoleRequired && !model.deployers.has(a.caller), "is missing role"],
      [a.modelId === "", 'EmptyString("model ID")'],
      [a.emptyName, 'EmptyString("token name")'],
      [a.emptySymbol, 'EmptyString("token symbol")'],
      [a.supplierAllocation === 0n, 'InvalidAmount("model supplier allocation")'],
      [a.zeroRecipient, 'ZeroAddress("model supplier recipient")'],
      [a.investorAllocation === 0n, 'InvalidAmount("investor allocation")'],
      [a.governor === null, 'ZeroAddress("governor")'],
      [model.tokens.has(a.modelId), "Token already deployed for this model"],
      [value < model.deploymentFee, "Insufficient deployment fee"],
      [tpd < MIN_TPD || tpd > MAX_TPD, TOKENS_PER_DELTA_ONE_RANGE],
      [a.accrualBps < 1000 || a.accrualBps > 10000, ACCRUAL_BPS_RANGE],
      [a.oraclePrice > 10n ** 12n, ORACLE_PRICE_RANGE],
      ...(system.abi === "v2" && !isZeroVesting(a.vesting) ? vestingError(a.vesting) : []),
    );
    const licenseHash = ethers.id(`license of ${a.modelId}`);
    const managerAddress = await system.tokenManager.getAddress();
    const feesBefore = await ethers.provider.getBalance(managerAddress);
    const callerBefore = await ethers.provider.getBalance(from.address);
    const args = [
      a.modelId,
      a.emptyName ? "" : `Model ${a.modelId}`,
      a.emptySymbol ? "" : "MDL",
      a.supplierAllocation,
      a.zeroRecipient ? ethers.ZeroAddress : system.supplier.address,
      a.investorAllocation,
    ] as const;
    const params = {
      tokensPerDeltaOne: a.tokensPerDeltaOne,
      infrastructureAccrualBps: a.accrualBps,
      initialOraclePricePerThousandUsd: a.oraclePrice,
      licenseHash,
      licenseURI: `ipfs://${a.modelId}`,
      governor: a.governor === null ? ethers.ZeroAddress : system[a.governor].address,
    };
    const v2 = await ethers.getContractAt("MockTokenManagerV2", managerAddress);
    const ok = await run(real, expected, `${this.toString()} through ${system.abi}`, from, () =>
      system.abi === "v2"
        ? v2
            .connect(from)
            .deployTokenWithAllocations(...args, { ...params, vestingConfig: a.vesting }, { ...GAS, value })
        : system.tokenManager.connect(from).deployTokenWithAllocations(...args, params, { ...GAS, value }),
    );
    if (!ok) return;
    const feesAfter = await ethers.provider.getBalance(await system.tokenManager.getAddress());
    expect(feesAfter - feesBefore, "the TokenManager keeps exactly the fee").to.equal(model.deploymentFee);
    // Gas is free here, so the caller's ether moves by the fee alone: any excess came back.
    expect(await ethers.provider.getBalance(from.address), "the excess is refunded").to.equal(
      callerBefore - model.deploymentFee,
    );
    const contracts = await tokenContracts(system, a.modelId);
    real.models.set(a.modelId, { modelId: a.modelId, ...contracts });
    model.tokens.set(a.modelId, {
      modelId: a.modelId,
      supplierAllocation: a.supplierAllocation,
      investorAllocation: a.investorAllocation,
      tokensPerDeltaOne: tpd,
      accrualBps: a.accrualBps,
      governor: a.governor as ActorName,
      distributed: false,
      rewardMinted: 0n,
      licenseHash,
      licenseURI: `ipfs://${a.modelId}`,
    });
    expect(await contracts.token.totalSupply(), "nothing minted at deployment").to.equal(0n);
    expect(await contracts.token.maxSupply()).to.equal(a.supplierAllocation + a.investorAllocation);
    expect(await contracts.params.tokensPerDeltaOne()).to.equal(tpd);
    const vesting = system.abi === "v1" || isZeroVesting(a.vesting) ? DEFAULT_VESTING : a.vesting;
    expect([...(await contracts.params.vestingConfig())].map(String), "vesting").to.deep.equal(
      Object.values(vesting).map(String),
    );
  }
}

/** Mostly valid, each field sometimes out of its bounds. */
function validOrNot<T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ weight: 14, arbitrary: valid }, { weight: 1, arbitrary: invalid });
}

const allocationArb = validOrNot(
  fc.oneof(
    fc.bigInt({ min: 1n, max: TOKENS("1000") }),
    fc.bigInt({ min: TOKENS("1000"), max: TOKENS("10000000") }),
    fc.bigInt({ min: TOKENS("10000000"), max: TOKENS("1000000000") }),
  ),
  fc.constant(0n),
);

const deployArgsArb = fc.record({
  caller: callerArb,
  modelId: fc.oneof({ weight: 12, arbitrary: modelIdArb }, { weight: 1, arbitrary: fc.constant("") }),
  emptyName: validOrNot(fc.constant(false), fc.constant(true)),
  emptySymbol: validOrNot(fc.constant(false), fc.constant(true)),
  supplierAllocation: allocationArb,
  zeroRecipient: validOrNot(fc.constant(false), fc.constant(true)),
  investorAllocation: validOrNot(
    fc.oneof(
      { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: TOKENS("1000") }) },
      { weight: 2, arbitrary: fc.bigInt({ min: TOKENS("1000"), max: TOKENS("10000000") }) },
      { weight: 4, arbitrary: fc.bigInt({ min: TOKENS("10000000"), max: TOKENS("100000000000") }) },
    ),
    fc.constant(0n),
  ),
  tokensPerDeltaOne: validOrNot(
    fc.oneof(fc.bigInt({ min: 100n, max: WHOLE_TOKEN_THRESHOLD }), fc.bigInt({ min: MIN_TPD, max: MAX_TPD })),
    fc.oneof(
      fc.bigInt({ min: 0n, max: 99n }),
      fc.bigInt({ min: WHOLE_TOKEN_THRESHOLD + 1n, max: MIN_TPD - 1n }),
      fc.bigInt({ min: MAX_TPD + 1n, max: 2n ** 128n }),
    ),
  ),
  accrualBps: validOrNot(
    fc.integer({ min: 1000, max: 10000 }),
    fc.oneof(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 10001, max: 65535 })),
  ),
  oraclePrice: validOrNot(
    fc.bigInt({ min: 0n, max: 10n ** 12n }),
    fc.bigInt({ min: 10n ** 12n + 1n, max: 2n ** 64n }),
  ),
  governor: validOrNot(
    fc.oneof(
      { weight: 3, arbitrary: fc.constant<ActorName | null>("governor") },
      { weight: 1, arbitrary: fc.constantFrom<ActorName | null>("other", "owner") },
    ),
    fc.constant<ActorName | null>(null),
  ),
  value: fc.constantFrom<DeployArgs["value"]>("exact", "exact", "over", "short"),
  vesting: fc.oneof(
    { weight: 3, arbitrary: fc.constant(ZERO_VESTING) },
    { weight: 1, arbitrary: fc.constant(VESTING_OFF) },
    {
      weight: 3,
      arbitrary: fc
        .record({
          immediateUnlockBps: fc.integer({ min: 0, max: 10000 }),
          vestingDurationSeconds: fc.bigInt({ min: 1n, max: 4n * YEAR }),
          cliffSeconds: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: YEAR })),
        })
        .map((v) => ({
          enabled: true,
          ...v,
          cliffSeconds: v.cliffSeconds % (v.vestingDurationSeconds + 1n),
        })),
    },
    // Each way to be out of bounds: unlock above 100%, no duration, a cliff after the end.
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 10001, max: 65535 })
        .map((bps) => ({ ...VESTING_OFF, immediateUnlockBps: bps })),
    },
    {
      weight: 1,
      arbitrary: fc.constant({
        enabled: true,
        immediateUnlockBps: 0,
        vestingDurationSeconds: 0n,
        cliffSeconds: 0n,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.bigInt({ min: 1n, max: YEAR }).map((d) => ({
        enabled: true,
        immediateUnlockBps: 1000,
        vestingDurationSeconds: d,
        cliffSeconds: d + 1n,
      })),
    },
  ),
});
const deployArb = deployArgsArb.map((a) => new DeployToken(a));

// --- the backend: distribution, pools, authorisation -----------------------------------------

class DistributeSupplier extends Command<{ caller: CallerName; modelId: string }> {
  async step(model: Model, real: Real): Promise<void> {
    const { caller, modelId } = this.args;
    const t = model.tokens.get(modelId);
    const expected = firstOf(
      [caller !== "owner", NOT_OWNER],
      [t === undefined, "Token not deployed for this model"],
      [t?.distributed === true, "Model supplier allocation already distributed"],
    );
    const { tokenManager, supplier } = real.system;
    const before = t ? await deployed(real, modelId).token.balanceOf(supplier.address) : 0n;
    if (
      !(await run(real, expected, this.toString(), real.system[caller], () =>
        tokenManager.connect(real.system[caller]).distributeModelSupplierAllocation(modelId, GAS),
      ))
    )
      return;
    const token = t as TokenModel;
    token.distributed = true;
    expect(await deployed(real, modelId).token.balanceOf(supplier.address)).to.equal(
      before + token.supplierAllocation,
    );
  }
}

const distributeArb = fc
  .record({ caller: callerArb, modelId: modelIdArb })
  .map((a) => new DistributeSupplier(a));

interface PoolArgs {
  caller: CallerName;
  modelId: string;
  /** createPool (the factory's defaults) instead of createPoolWithParams. */
  defaults: boolean;
  /** Pass USDC's address instead of the model's token. */
  wrongToken: boolean;
  crr: bigint;
  tradeFee: bigint;
  ibrDuration: bigint;
  flatCurveThreshold: bigint;
  flatCurvePrice: bigint;
}

const DAY = 86_400n;

class CreatePool extends Command<PoolArgs> {
  async step(model: Model, real: Real): Promise<void> {
    const a = this.args;
    const { system } = real;
    const t = model.tokens.get(a.modelId);
    const [crr, tradeFee, ibr, threshold, price] = a.defaults
      ? [200_000n, 30n, 7n * DAY, USDC("25000"), 10_000n]
      : [a.crr, a.tradeFee, a.ibrDuration, a.flatCurveThreshold, a.flatCurvePrice];
    const expected = firstOf(
      [a.caller !== "owner", NOT_OWNER],
      [t?.pool !== undefined, "Pool already exists"],
      [t === undefined, "Token not registered with TokenManager"],
      [a.wrongToken, "Token address mismatch"],
      [crr < 50_000n || crr > 1_000_000n, "ValueOutOfBounds("],
      [tradeFee > 1000n, "FeeTooHigh("],
      [ibr < DAY || ibr > 30n * DAY, "ValueOutOfBounds("],
      [threshold === 0n, 'InvalidAmount("flat curve threshold")'],
      [price === 0n, 'InvalidAmount("flat curve price")'],
    );
    const tokenAddress =
      t && !a.wrongToken
        ? await deployed(real, a.modelId).token.getAddress()
        : await system.usdc.getAddress();
    const factory = system.ammFactory.connect(system[a.caller]);
    const ok = await run(real, expected, this.toString(), system[a.caller], () =>
      a.defaults
        ? factory.createPool(a.modelId, tokenAddress, GAS)
        : factory.createPoolWithParams(a.modelId, tokenAddress, crr, tradeFee, ibr, threshold, price, GAS),
    );
    if (!ok) return;
    const address = await system.ammFactory.getPool(a.modelId);
    const contract = await poolAt(address);
    expect(await contract.tradeFee()).to.equal(tradeFee);
    expect(await contract.crr()).to.equal(crr);
    expect(await system.tokenManager.isAuthorizedAMM(address), "the factory does not authorise").to.equal(
      false,
    );
    await approveTraders(system, address);
    deployed(real, a.modelId).pool = contract;
    (t as TokenModel).pool = {
      tradeFee,
      flatCurveThreshold: threshold,
      ibrEndTime: await contract.ibrEndTime(),
      authorized: false,
    };
  }
}

const poolArgsArb = fc.record({
  caller: callerArb,
  modelId: modelIdArb,
  defaults: fc.integer({ min: 1, max: 5 }).map((x) => x === 1),
  wrongToken: validOrNot(fc.constant(false), fc.constant(true)),
  crr: validOrNot(
    fc.oneof(fc.constant(50_000n), fc.constant(1_000_000n), fc.bigInt({ min: 50_000n, max: 1_000_000n })),
    fc.oneof(fc.bigInt({ min: 0n, max: 49_999n }), fc.bigInt({ min: 1_000_001n, max: 10n ** 9n })),
  ),
  tradeFee: validOrNot(
    fc.oneof(fc.constant(0n), fc.constant(1000n), fc.bigInt({ min: 0n, max: 1000n })),
    fc.bigInt({ min: 1001n, max: 10_000n }),
  ),
  ibrDuration: validOrNot(
    fc.oneof(fc.constant(DAY), fc.bigInt({ min: DAY, max: 30n * DAY })),
    fc.oneof(fc.bigInt({ min: 0n, max: DAY - 1n }), fc.bigInt({ min: 30n * DAY + 1n, max: 365n * DAY })),
  ),
  flatCurveThreshold: validOrNot(
    fc.oneof(fc.bigInt({ min: 1n, max: USDC("1000") }), fc.bigInt({ min: USDC("1000"), max: USDC("50000") })),
    fc.constant(0n),
  ),
  flatCurvePrice: validOrNot(
    fc.oneof(
      { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: 1000n }) },
      { weight: 3, arbitrary: fc.bigInt({ min: 1000n, max: USDC("1") }) },
    ),
    fc.constant(0n),
  ),
});
const poolArb = poolArgsArb.map((a) => new CreatePool(a));

class AuthorizeAMM extends Command<{ caller: CallerName; slot: number; revoke: boolean }> {
  check(model: Readonly<Model>): boolean {
    return pick(model, this.args.slot, true) !== undefined;
  }
  async step(model: Model, real: Real): Promise<void> {
    const { caller, slot, revoke } = this.args;
    const t = pick(model, slot, true) as TokenModel;
    const address = await pool(real, t.modelId).getAddress();
    const tm = real.system.tokenManager.connect(real.system[caller]);
    const expected = firstOf([caller !== "owner", NOT_OWNER]);
    if (
      !(await run(real, expected, `${this.toString()} on ${t.modelId}`, real.system[caller], () =>
        revoke ? tm.revokeAMM(address, GAS) : tm.authorizeAMM(address, GAS),
      ))
    )
      return;
    (t.pool as PoolModel).authorized = !revoke;
    expect(await real.system.tokenManager.isAuthorizedAMM(address)).to.equal(!revoke);
  }
}

const authorizeArb = fc
  .record({
    caller: callerArb,
    slot: fc.nat(5),
    revoke: fc.integer({ min: 1, max: 6 }).map((x) => x === 1),
  })
  .map((a) => new AuthorizeAMM(a));

// --- trading ------------------------------------------------------------------------------

const BPS = 10_000n;
const feeOf = (amount: bigint, bps: bigint) => (amount * bps + BPS - 1n) / BPS;

const usdcAmountArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0n) },
  { weight: 3, arbitrary: fc.bigInt({ min: 1n, max: USDC("1") }) },
  { weight: 3, arbitrary: fc.bigInt({ min: USDC("1"), max: USDC("1000") }) },
  { weight: 3, arbitrary: fc.bigInt({ min: USDC("1000"), max: USDC("100000") }) },
);

class Buy extends Command<{ trader: TraderName; slot: number; amount: bigint }> {
  check(model: Readonly<Model>): boolean {
    return pick(model, this.args.slot, true) !== undefined;
  }
  async step(model: Model, real: Real): Promise<void> {
    const { trader, slot, amount } = this.args;
    const t = pick(model, slot, true) as TokenModel;
    const p = t.pool as PoolModel;
    const { token } = deployed(real, t.modelId);
    const contract = pool(real, t.modelId);
    const { usdc, treasury } = real.system;
    const who = real.system[trader];
    const [quote, reserve, supply, investorMinted, usdcHeld, tokensHeld, treasuryHeld] = await Promise.all([
      contract.getBuyQuote(amount),
      contract.reserveBalance(),
      token.totalSupply(),
      token.investorMinted(),
      usdc.balanceOf(who.address),
      token.balanceOf(who.address),
      usdc.balanceOf(treasury.address),
    ]);
    const expected = firstOf(
      [amount === 0n, 'InvalidAmount("reserve in")'],
      [quote === 0n, 'InvalidAmount("tokens out")'],
      [usdcHeld < amount, "ERC20InsufficientBalance("],
      [!p.authorized, "Caller is not authorized to mint"],
      [investorMinted + quote > t.investorAllocation, "Exceeds investor allocation"],
    );
    phase =
      reserve >= p.flatCurveThreshold
        ? " (curve)"
        : reserve + amount > p.flatCurveThreshold
          ? " (crossing)"
          : " (flat)";
    const what = `${this.toString()} on ${t.modelId} (quote ${quote}, reserve ${reserve}, supply ${supply})`;
    if (
      !(await run(real, expected, what, who, () =>
        contract.connect(who).buy(amount, 0n, who.address, FAR_DEADLINE, GAS),
      ))
    )
      return;
    const fee = feeOf(amount, p.tradeFee);
    // A reserve without any supply is nobody's and goes to the treasury on the next buy.
    const unclaimed = supply === 0n ? reserve : 0n;
    expect(await token.balanceOf(who.address), `${what}: tokens received`).to.equal(tokensHeld + quote);
    expect(await usdc.balanceOf(who.address), `${what}: USDC paid`).to.equal(usdcHeld - amount);
    expect(await usdc.balanceOf(treasury.address), `${what}: to the treasury`).to.equal(
      treasuryHeld + fee + unclaimed,
    );
    expect(await contract.reserveBalance(), `${what}: reserve`).to.equal(reserve - unclaimed + amount - fee);
  }
}

const buyArb = fc
  .record({ trader: traderArb, slot: fc.nat(5), amount: usdcAmountArb })
  .map((a) => new Buy(a));

interface SellArgs {
  /** The n-th trader holding the token (any trader when none does). */
  trader: number;
  slot: number;
  /** Parts per million of the trader's balance; or the balance plus one wei with `overBalance`. */
  ppm: number;
  overBalance: boolean;
  /** Move the clock past the pool's IBR first. */
  afterIbr: boolean;
}

class Sell extends Command<SellArgs> {
  check(model: Readonly<Model>): boolean {
    return pick(model, this.args.slot, true) !== undefined;
  }
  async step(model: Model, real: Real): Promise<void> {
    const a = this.args;
    const t = pick(model, a.slot, true) as TokenModel;
    const p = t.pool as PoolModel;
    const { token } = deployed(real, t.modelId);
    const contract = pool(real, t.modelId);
    const { usdc, treasury } = real.system;
    const balances = await Promise.all(TRADERS.map((name) => token.balanceOf(real.system[name].address)));
    const holders = TRADERS.filter((_, i) => balances[i] > 0n);
    const seller =
      holders.length > 0 ? holders[a.trader % holders.length] : TRADERS[a.trader % TRADERS.length];
    const who = real.system[seller];
    const [reserve, supply, usdcHeld, tokensHeld, treasuryHeld] = await Promise.all([
      contract.reserveBalance(),
      token.totalSupply(),
      usdc.balanceOf(who.address),
      token.balanceOf(who.address),
      usdc.balanceOf(treasury.address),
    ]);
    const tokensIn = a.overBalance ? tokensHeld + 1n : (tokensHeld * BigInt(a.ppm)) / 1_000_000n;
    // The block's timestamp decides the IBR: set it, so that the prediction cannot race the clock.
    const now = BigInt(await time.latest());
    const at = a.afterIbr && p.ibrEndTime > now + 1n ? p.ibrEndTime : now + 1n;
    const quote = tokensIn > 0n && tokensIn <= supply ? await contract.getSellQuote(tokensIn) : 0n;
    const expected = firstOf(
      [at < p.ibrEndTime, "Sells not enabled during IBR"],
      [tokensIn === 0n, 'InvalidAmount("tokens in")'],
      [tokensIn > supply, "ValueOutOfBounds("],
      [!p.authorized, "Caller is not authorized to burn"],
      [tokensIn > tokensHeld, "ERC20InsufficientBalance("],
    );
    phase = reserve > p.flatCurveThreshold ? " (curve)" : " (flat)";
    const what = `${this.toString()} by ${seller} on ${t.modelId} (${tokensIn} tokens, quote ${quote}, reserve ${reserve}, supply ${supply})`;
    if (
      !(await run(
        real,
        expected,
        what,
        who,
        () => contract.connect(who).sell(tokensIn, 0n, who.address, FAR_DEADLINE, GAS),
        at,
      ))
    )
      return;
    const fee = (await usdc.balanceOf(treasury.address)) - treasuryHeld;
    expect(await token.balanceOf(who.address), `${what}: tokens burned`).to.equal(tokensHeld - tokensIn);
    expect(await usdc.balanceOf(who.address), `${what}: USDC received`).to.equal(usdcHeld + quote);
    expect(await contract.reserveBalance(), `${what}: the reserve pays the seller and the fee`).to.equal(
      reserve - quote - fee,
    );
  }
}

const sellArb = fc
  .record({
    trader: fc.nat(2),
    slot: fc.nat(5),
    ppm: fc.oneof(
      { weight: 2, arbitrary: fc.constant(1_000_000) },
      { weight: 1, arbitrary: fc.constant(0) },
      { weight: 4, arbitrary: fc.integer({ min: 1, max: 1_000_000 }) },
    ),
    overBalance: fc.integer({ min: 1, max: 10 }).map((x) => x === 1),
    afterIbr: fc.integer({ min: 1, max: 6 }).map((x) => x !== 1),
  })
  .map((a) => new Sell(a));

class DepositFees extends Command<{ trader: TraderName; slot: number; amount: bigint }> {
  check(model: Readonly<Model>): boolean {
    return pick(model, this.args.slot, true) !== undefined;
  }
  async step(model: Model, real: Real): Promise<void> {
    const { trader, slot, amount } = this.args;
    const t = pick(model, slot, true) as TokenModel;
    const contract = pool(real, t.modelId);
    const { usdc, treasury } = real.system;
    const who = real.system[trader];
    const [reserve, treasuryHeld, usdcHeld] = await Promise.all([
      contract.reserveBalance(),
      usdc.balanceOf(treasury.address),
      usdc.balanceOf(who.address),
    ]);
    const expected = firstOf(
      [amount === 0n, 'InvalidAmount("fee amount")'],
      [usdcHeld < amount, "ERC20InsufficientBalance("],
    );
    if (
      !(await run(real, expected, `${this.toString()} on ${t.modelId}`, who, () =>
        contract.connect(who).depositFees(amount, GAS),
      ))
    )
      return;
    const toInfrastructure = (amount * BigInt(t.accrualBps)) / BPS;
    expect(await usdc.balanceOf(treasury.address)).to.equal(treasuryHeld + toInfrastructure);
    expect(await contract.reserveBalance()).to.equal(reserve + amount - toInfrastructure);
  }
}

const depositArb = fc
  .record({ trader: traderArb, slot: fc.nat(5), amount: usdcAmountArb })
  .map((a) => new DepositFees(a));

/**
 * A buy and at once a sale of exactly the tokens bought, after the IBR, from whatever state the
 * sequence reached: never more USDC back than was paid. Skipped when the buy would revert.
 */
class RoundTrip extends Command<{ trader: TraderName; slot: number; amount: bigint }> {
  check(model: Readonly<Model>): boolean {
    return pick(model, this.args.slot, true)?.pool?.authorized === true;
  }
  async step(model: Model, real: Real): Promise<void> {
    const { trader, slot, amount } = this.args;
    const t = pick(model, slot, true) as TokenModel;
    const p = t.pool as PoolModel;
    const { token } = deployed(real, t.modelId);
    const contract = pool(real, t.modelId);
    const who = real.system[trader];
    const [quote, investorMinted, reserve, supply] = await Promise.all([
      contract.getBuyQuote(amount),
      token.investorMinted(),
      contract.reserveBalance(),
      token.totalSupply(),
    ]);
    if (amount === 0n || quote === 0n || investorMinted + quote > t.investorAllocation) return;
    phase = reserve >= p.flatCurveThreshold ? " (curve)" : " (flat)";
    count(true);
    const what = `${this.toString()} on ${t.modelId} (reserve ${reserve}, supply ${supply})`;
    const usdcBefore = await real.system.usdc.balanceOf(who.address);
    const tokensBefore = await token.balanceOf(who.address);
    const now = BigInt(await time.latest());
    await time.setNextBlockTimestamp(p.ibrEndTime > now ? p.ibrEndTime : now + 1n);
    expectOutcome(
      await send(() => contract.connect(who).buy(amount, 0n, who.address, FAR_DEADLINE, GAS)),
      true,
      what,
    );
    const bought = (await token.balanceOf(who.address)) - tokensBefore;
    expect(bought, `${what}: the quote`).to.equal(quote);
    expectOutcome(
      await send(() => contract.connect(who).sell(bought, 0n, who.address, FAR_DEADLINE, GAS)),
      true,
      what,
    );
    const returned = (await real.system.usdc.balanceOf(who.address)) - (usdcBefore - amount);
    expect(returned <= amount, `${what}: paid ${amount}, got back ${returned}`).to.equal(true);
  }
}

const roundTripArb = fc
  .record({ trader: traderArb, slot: fc.nat(5), amount: usdcAmountArb })
  .map((a) => new RoundTrip(a));

// --- rewards, license and params ------------------------------------------------------------

class MintReward extends Command<{
  caller: CallerName;
  modelId: string;
  recipient: TraderName;
  deltaOnes: bigint;
}> {
  async step(model: Model, real: Real): Promise<void> {
    const { caller, modelId, recipient, deltaOnes } = this.args;
    const t = model.tokens.get(modelId);
    const expected = firstOf(
      [caller !== "verifier", "Caller is not the delta verifier"],
      [deltaOnes === 0n, 'InvalidAmount("delta ones")'],
      [t === undefined, "Token not deployed for this model"],
    );
    const to = real.system[recipient].address;
    const before = t ? await deployed(real, modelId).token.balanceOf(to) : 0n;
    const tm = real.system.tokenManager.connect(real.system[caller]);
    if (
      !(await run(real, expected, this.toString(), real.system[caller], () =>
        tm.mintDeltaOneReward(modelId, to, deltaOnes, GAS),
      ))
    )
      return;
    const token = t as TokenModel;
    const amount = token.tokensPerDeltaOne * deltaOnes;
    token.rewardMinted += amount;
    const contracts = deployed(real, modelId);
    expect(await contracts.token.balanceOf(to)).to.equal(before + amount);
    expect(await contracts.token.rewardMinted()).to.equal(token.rewardMinted);
  }
}

const rewardArb = fc
  .record({
    caller: fc.oneof(
      { weight: 3, arbitrary: fc.constant<CallerName>("verifier") },
      { weight: 2, arbitrary: fc.constantFrom<CallerName>("owner", "governor", "buyer", "other") },
    ),
    modelId: modelIdArb,
    recipient: traderArb,
    deltaOnes: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 5n }), fc.bigInt({ min: 1n, max: 1000n })),
  })
  .map((a) => new MintReward(a));

class SetLicenseRef extends Command<{ caller: CallerName; slot: number; hash: string; uri: string }> {
  check(model: Readonly<Model>): boolean {
    return pick(model, this.args.slot) !== undefined;
  }
  async step(model: Model, real: Real): Promise<void> {
    const { caller, slot, hash, uri } = this.args;
    const t = pick(model, slot) as TokenModel;
    const { params } = deployed(real, t.modelId);
    const expected = firstOf([caller !== t.governor, MISSING_ROLE]);
    const what = `${this.toString()} on ${t.modelId} (governor: ${t.governor})`;
    if (
      !(await run(real, expected, what, real.system[caller], () =>
        params.connect(real.system[caller]).setLicenseRef(hash, uri, GAS),
      ))
    )
      return;
    t.licenseHash = hash;
    t.licenseURI = uri;
    expect(await params.licenseRef()).to.deep.equal([hash, uri]);
  }
}

const licenseArb = fc
  .record({
    caller: fc.oneof(
      { weight: 2, arbitrary: fc.constant<CallerName>("governor") },
      { weight: 3, arbitrary: fc.constantFrom<CallerName>("owner", "buyer", "verifier", "other") },
    ),
    slot: fc.nat(5),
    hash: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => ethers.hexlify(b)),
    uri: fc.string({ maxLength: 40 }),
  })
  .map((a) => new SetLicenseRef(a));

class SetParam extends Command<{
  caller: CallerName;
  slot: number;
  accrualBps: number | null;
  tokensPerDeltaOne: bigint;
}> {
  check(model: Readonly<Model>): boolean {
    return pick(model, this.args.slot) !== undefined;
  }
  async step(model: Model, real: Real): Promise<void> {
    const { caller, slot, accrualBps, tokensPerDeltaOne } = this.args;
    const t = pick(model, slot) as TokenModel;
    const { params } = deployed(real, t.modelId);
    const gov = params.connect(real.system[caller]);
    const tpd = normalizeTokensPerDeltaOne(tokensPerDeltaOne);
    const expected = firstOf(
      [caller !== t.governor, MISSING_ROLE],
      accrualBps === null
        ? [tpd < MIN_TPD || tpd > MAX_TPD, TOKENS_PER_DELTA_ONE_RANGE]
        : [accrualBps < 1000 || accrualBps > 10000, ACCRUAL_BPS_RANGE],
    );
    const what = `${this.toString()} on ${t.modelId} (governor: ${t.governor})`;
    const ok = await run(real, expected, what, real.system[caller], () =>
      accrualBps === null
        ? gov.setTokensPerDeltaOne(tokensPerDeltaOne, GAS)
        : gov.setInfrastructureAccrualBps(accrualBps, GAS),
    );
    if (!ok) return;
    if (accrualBps === null) t.tokensPerDeltaOne = tpd;
    else t.accrualBps = accrualBps;
  }
}

const paramArb = fc
  .record({
    caller: fc.oneof(
      { weight: 2, arbitrary: fc.constant<CallerName>("governor") },
      { weight: 3, arbitrary: fc.constantFrom<CallerName>("owner", "buyer", "other") },
    ),
    slot: fc.nat(5),
    accrualBps: fc.option(
      fc.oneof(fc.integer({ min: 1000, max: 10000 }), fc.integer({ min: 0, max: 65535 })),
      {
        freq: 1,
      },
    ),
    tokensPerDeltaOne: fc.oneof(
      fc.bigInt({ min: 100n, max: WHOLE_TOKEN_THRESHOLD }),
      fc.bigInt({ min: 0n, max: MAX_TPD * 2n }),
    ),
  })
  .map((a) => new SetParam(a));

// --- roles and settings of the TokenManager -------------------------------------------------

class DeployerRole extends Command<{ caller: CallerName; account: CallerName; grant: boolean }> {
  async step(model: Model, real: Real): Promise<void> {
    const { caller, account, grant } = this.args;
    const tm = real.system.tokenManager.connect(real.system[caller]);
    const address = real.system[account].address;
    const expected = firstOf([caller !== "owner", MISSING_ROLE]);
    const ok = await run(real, expected, this.toString(), real.system[caller], () =>
      grant ? tm.grantRole(DEPLOYER_ROLE, address, GAS) : tm.revokeRole(DEPLOYER_ROLE, address, GAS),
    );
    if (!ok) return;
    if (grant) model.deployers.add(account);
    else model.deployers.delete(account);
    expect(await real.system.tokenManager.hasRole(DEPLOYER_ROLE, address)).to.equal(grant);
  }
}

const deployerRoleArb = fc
  .record({
    caller: callerArb,
    account: fc.constantFrom<CallerName>("owner", "buyer", "other"),
    grant: fc.boolean(),
  })
  .map((a) => new DeployerRole(a));

class TokenManagerSetting extends Command<{ caller: CallerName; roleRequired: boolean | null; fee: bigint }> {
  async step(model: Model, real: Real): Promise<void> {
    const { caller, roleRequired, fee } = this.args;
    const tm = real.system.tokenManager.connect(real.system[caller]);
    const expected = firstOf([caller !== "owner", NOT_OWNER]);
    const ok = await run(real, expected, this.toString(), real.system[caller], () =>
      roleRequired === null ? tm.setDeploymentFee(fee, GAS) : tm.setDeployerRoleRequired(roleRequired, GAS),
    );
    if (!ok) return;
    if (roleRequired === null) model.deploymentFee = fee;
    else model.deployerRoleRequired = roleRequired;
  }
}

const settingArb = fc
  .record({
    caller: callerArb,
    roleRequired: fc.option(fc.boolean(), { freq: 2 }),
    fee: fc.constantFrom(0n, 1n, ethers.parseEther("0.01")),
  })
  .map((a) => new TokenManagerSetting(a));

// --- calls no one but the owner, the controller or a role holder may make -------------------

const FORBIDDEN = [
  "tm.mintTokens",
  "tm.burnTokens",
  "tm.setDeltaVerifier",
  "tm.withdrawDeploymentFees",
  "tm.transferOwnership",
  "tm.grantMinterRole",
  "tm.grantAdminRole",
  "factory.transferOwnership",
  "factory.renounceOwnership",
  "usdc.mint",
  "usdc.transferFrom",
  "token.mintInvestor",
  "token.mintReward",
  "token.burnInvestor",
  "token.distributeModelSupplierAllocation",
  "token.transferFrom",
  "params.grantGovRole",
] as const;

class ForbiddenCall extends Command<{
  caller: CallerName;
  call: (typeof FORBIDDEN)[number];
  slot: number;
  amount: bigint;
}> {
  check(model: Readonly<Model>): boolean {
    return !this.args.call.startsWith("token.") && !this.args.call.startsWith("params.")
      ? true
      : pick(model, this.args.slot) !== undefined;
  }
  async step(model: Model, real: Real): Promise<void> {
    const { caller, call, slot, amount } = this.args;
    const s = real.system;
    const from = s[caller];
    const me = from.address;
    const holder = s.supplier.address;
    const t = pick(model, slot);
    const modelId = t?.modelId ?? "m0";
    const c = t ? deployed(real, t.modelId) : undefined;
    const tm = s.tokenManager.connect(from);
    const calls: Record<(typeof FORBIDDEN)[number], () => Promise<ContractTransactionResponse>> = {
      "tm.mintTokens": () => tm.mintTokens(modelId, me, amount, GAS),
      "tm.burnTokens": () => tm.burnTokens(modelId, holder, amount, GAS),
      "tm.setDeltaVerifier": () => tm.setDeltaVerifier(me, GAS),
      "tm.withdrawDeploymentFees": () => tm.withdrawDeploymentFees(me, GAS),
      "tm.transferOwnership": () => tm.transferOwnership(me, GAS),
      "tm.grantMinterRole": async () => tm.grantRole(await s.tokenManager.MINTER_ROLE(), me, GAS),
      "tm.grantAdminRole": async () => tm.grantRole(await s.tokenManager.DEFAULT_ADMIN_ROLE(), me, GAS),
      "factory.transferOwnership": () => s.ammFactory.connect(from).transferOwnership(me, GAS),
      "factory.renounceOwnership": () => s.ammFactory.connect(from).renounceOwnership(GAS),
      "usdc.mint": () => s.usdc.connect(from).mint(me, amount, GAS),
      "usdc.transferFrom": () => s.usdc.connect(from).transferFrom(s.buyer.address, me, amount, GAS),
      "token.mintInvestor": () => (c as DeployedModel).token.connect(from).mintInvestor(me, amount, GAS),
      "token.mintReward": () => (c as DeployedModel).token.connect(from).mintReward(me, amount, GAS),
      "token.burnInvestor": () => (c as DeployedModel).token.connect(from).burnInvestor(holder, amount, GAS),
      "token.distributeModelSupplierAllocation": () =>
        (c as DeployedModel).token.connect(from).distributeModelSupplierAllocation(GAS),
      "token.transferFrom": () =>
        (c as DeployedModel).token.connect(from).transferFrom(holder, me, amount, GAS),
      "params.grantGovRole": async () =>
        (c as DeployedModel).params
          .connect(from)
          .grantRole(await (c as DeployedModel).params.GOV_ROLE(), me, GAS),
    };
    // The buyer has approved no one but the pools (not even itself); the supplier no one at all.
    count(call);
    await expectRevertAndNoChange(
      s,
      [...real.models.values()],
      `${this.toString()} on ${modelId}`,
      from,
      calls[call],
    );
  }
}

const forbiddenArb = fc
  .record({
    caller: nonOwnerArb,
    call: fc.constantFrom(...FORBIDDEN),
    slot: fc.nat(5),
    amount: fc.bigInt({ min: 1n, max: TOKENS("1000000") }),
  })
  .map((a) => new ForbiddenCall(a));

// --- the property -----------------------------------------------------------------------------

/**
 * Half the runs start with a model already live: deployed and pooled with valid random
 * parameters, its supplier allocation distributed and the pool authorised, each most of the time.
 */
const prologueArb: fc.Arbitrary<Command<object>[]> = fc.oneof(
  fc.constant<Command<object>[]>([]),
  fc
    .record({
      deploy: deployArgsArb,
      pool: poolArgsArb,
      distribute: fc.integer({ min: 1, max: 4 }).map((x) => x !== 1),
      authorize: fc.integer({ min: 1, max: 6 }).map((x) => x !== 1),
    })
    .map(({ deploy, pool, distribute, authorize }) => {
      const owner: CallerName = "owner";
      const steps: Command<object>[] = [
        new DeployToken({
          ...deploy,
          caller: owner,
          modelId: "m0",
          emptyName: false,
          emptySymbol: false,
          supplierAllocation: deploy.supplierAllocation || 1n,
          zeroRecipient: false,
          investorAllocation: deploy.investorAllocation || 1n,
          tokensPerDeltaOne: 1000n,
          accrualBps: 5000,
          oraclePrice: 0n,
          governor: "governor",
          value: "exact",
          vesting: ZERO_VESTING,
        }),
        new CreatePool({
          ...pool,
          caller: owner,
          modelId: "m0",
          defaults: false,
          wrongToken: false,
          crr: pool.crr < 50_000n || pool.crr > 1_000_000n ? 200_000n : pool.crr,
          tradeFee: pool.tradeFee > 1000n ? 30n : pool.tradeFee,
          ibrDuration: pool.ibrDuration < DAY || pool.ibrDuration > 30n * DAY ? DAY : pool.ibrDuration,
          flatCurveThreshold: pool.flatCurveThreshold || 1n,
          flatCurvePrice: pool.flatCurvePrice || 1n,
        }),
      ];
      if (distribute) steps.push(new DistributeSupplier({ caller: owner, modelId: "m0" }));
      if (authorize) steps.push(new AuthorizeAMM({ caller: owner, slot: 0, revoke: false }));
      return steps;
    }),
);

const commandsArb = fc.commands(
  [
    deployArb,
    distributeArb,
    poolArb,
    authorizeArb,
    buyArb,
    buyArb,
    buyArb,
    buyArb,
    sellArb,
    sellArb,
    sellArb,
    depositArb,
    roundTripArb,
    rewardArb,
    licenseArb,
    paramArb,
    deployerRoleArb,
    settingArb,
    forbiddenArb,
  ],
  { maxCommands: MAX_COMMANDS, size: "max", replayPath: process.env.FC_REPLAY_PATH },
);

describe("invariants: random sequences of calls to the mock system", function () {
  after(function () {
    if (process.env.INVARIANT_STATS !== "1") return;
    for (const [key, n] of [...outcomes].sort()) console.log(`      ${String(n).padStart(5)}  ${key}`);
  });

  it(`keep the caps, the reserve accounting and the access rules (${runs(NUM_RUNS)} runs of up to ${MAX_COMMANDS} calls)`, async function () {
    if (process.env.FC_NUM_RUNS !== undefined) this.timeout(0); // a longer search
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("v1", "v2"),
        prologueArb,
        commandsArb,
        async (abi, prologue, commands) => {
          const system = await loadFixture(abi === "v1" ? invariantSystemFixture : invariantSystemV2Fixture);
          const setup = async () => ({
            model: {
              tokens: new Map<string, TokenModel>(),
              deployers: new Set<ActorName>(["owner"]),
              deployerRoleRequired: false,
              deploymentFee: 0n,
            },
            real: { system, models: new Map<string, DeployedModel>() },
          });
          await fc.asyncModelRun(setup, [...prologue, ...commands]);
        },
      ),
      fcParams(NUM_RUNS),
    );
  });

  it("the no-change check catches a change and names it", async function () {
    // A guard against a vacuous check: owner calls that succeed must fail it, naming what moved.
    const system = await loadFixture(invariantSystemFixture);
    const { tokenManager, ammFactory, usdc, owner, other } = system;
    const changes: Array<[string, () => Promise<ContractTransactionResponse>, string]> = [
      [
        "deployment fee",
        () => tokenManager.setDeploymentFee(1n, GAS),
        "state.tokenManager.deploymentFee: 0 -> 1",
      ],
      [
        "deployer role",
        () => tokenManager.grantRole(DEPLOYER_ROLE, other.address, GAS),
        "state.tokenManager.deployers.4: false -> true",
      ],
      ["USDC balance", () => usdc.mint(other.address, 1n, GAS), "state.usdc.totalSupply"],
      [
        "factory owner",
        () => ammFactory.transferOwnership(other.address, GAS),
        `state.factory.owner: ${owner.address} -> ${other.address}`,
      ],
    ];
    for (const [what, change, named] of changes) {
      const id = (await ethers.provider.send("evm_snapshot", [])) as string;
      let caught = "";
      try {
        await expectUnchanged(system, [], what, owner, async () => void (await (await change()).wait()));
      } catch (error) {
        caught = String(error);
      }
      expect(caught, what).to.include(`${what} changed the state`).and.to.include(named);
      await ethers.provider.send("evm_revert", [id]);
    }
    // And a reverted call passes.
    await expectRevertAndNoChange(system, [], "setDeploymentFee by another", other, () =>
      tokenManager.connect(other).setDeploymentFee(1n, GAS),
    );
  });
});
