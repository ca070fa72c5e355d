/**
 * Shared by the property tests in test/invariants/: the actors, the fixtures (through
 * test/helpers/contract-fixtures.ts, reset with loadFixture between runs), a way to send a
 * transaction that is mined even when it reverts, the check that a call changed nothing (the
 * state root, with a named snapshot of owners, settings, roles, balances and params to tell what
 * moved), and the invariants checked after every step.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import fc from "fast-check";
import { ethers, network } from "hardhat";

import type {} from "../../typechain-types/hardhat";
import type { MockHokusaiAMM, MockHokusaiParams, MockHokusaiToken } from "../../typechain-types";
import {
  DEPLOYER_ROLE,
  GOV_ROLE,
  USDC,
  systemFixture,
  systemV2Fixture,
  type SystemV1,
} from "../helpers/contract-fixtures";

const MINTER_ROLE = ethers.id("MINTER_ROLE");

// --- fast-check settings --------------------------------------------------------------

/**
 * fc.assert parameters: `numRuns` by default; FC_SEED, FC_PATH (from a failure's report) and
 * FC_NUM_RUNS override them to replay or to search longer (the tests then lift mocha's timeout),
 * e.g. `FC_SEED=-123 FC_PATH="4:1" npx hardhat test test/invariants/round-trip.test.ts`. For the
 * model-based test, also FC_REPLAY_PATH from the `replayPath` in its counterexample.
 */
export function fcParams<T>(numRuns: number): fc.Parameters<T> {
  const params: fc.Parameters<T> = { numRuns: runs(numRuns) };
  if (process.env.FC_SEED !== undefined) params.seed = Number(process.env.FC_SEED);
  if (process.env.FC_PATH !== undefined) params.path = process.env.FC_PATH;
  return params;
}

/** How many runs a property makes: `numRuns`, or FC_NUM_RUNS. */
export function runs(numRuns: number): number {
  return Number(process.env.FC_NUM_RUNS ?? numRuns);
}

// --- actors ---------------------------------------------------------------------------

/** Who may call: the owner (backend), and four accounts that own nothing on the TokenManager. */
export type CallerName = "owner" | "governor" | "buyer" | "verifier" | "other";

/** Who trades: two investors and the model supplier (who may sell the supplier allocation). */
export type TraderName = "buyer" | "other" | "supplier";
export const TRADERS: TraderName[] = ["buyer", "other", "supplier"];

export type ActorName = CallerName | TraderName | "treasury";
export const ACTORS: ActorName[] = [
  "owner",
  "governor",
  "buyer",
  "verifier",
  "other",
  "supplier",
  "treasury",
];

/** The owner most of the time, so that sequences get somewhere; anyone else otherwise. */
export const callerArb: fc.Arbitrary<CallerName> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<CallerName>("owner") },
  { weight: 2, arbitrary: fc.constantFrom<CallerName>("governor", "buyer", "verifier", "other") },
);
export const nonOwnerArb: fc.Arbitrary<CallerName> = fc.constantFrom<CallerName>(
  "governor",
  "buyer",
  "verifier",
  "other",
);
export const traderArb: fc.Arbitrary<TraderName> = fc.constantFrom<TraderName>(...TRADERS);

/** USDC minted to each trader by the fixture. */
export const TRADER_USDC = USDC("100000000");
/** A deadline that never passes, however far a sequence moves the clock. */
export const FAR_DEADLINE = 2n ** 40n;
/**
 * Every call under test carries a gas limit, so that ethers sends it (and the node mines it) even
 * when it reverts, and pays nothing for gas (the fixture sets the base fee to 0), so that a
 * reverted call changes nothing in the state but its sender's nonce.
 */
export const GAS = { gasLimit: 12_000_000, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n };

// --- the system -----------------------------------------------------------------------

export interface InvariantSystem extends SystemV1 {
  /**
   * Which TokenManager was deployed. With "v2", `tokenManager` is the v2 contract seen through
   * the v1 ABI, which it shares but for deployTokenWithAllocations (call that through
   * MockTokenManagerV2).
   */
  abi: "v1" | "v2";
}

/** USDC for the traders, the delta verifier set, then free gas: the state every run starts from. */
async function prepare(system: SystemV1, abi: InvariantSystem["abi"]): Promise<InvariantSystem> {
  for (const trader of TRADERS)
    await system.usdc.connect(system.owner).mint(system[trader].address, TRADER_USDC);
  await system.tokenManager.connect(system.owner).setDeltaVerifier(system.verifier.address);
  // Free gas from here on (blocks that use less than half their gas limit keep a base fee of 0).
  await network.provider.send("hardhat_setNextBlockBaseFeePerGas", ["0x0"]);
  await mine();
  return { ...system, abi };
}

/** The v1 system from the project's Ignition module (systemFixture), prepared; for loadFixture. */
export async function invariantSystemFixture(): Promise<InvariantSystem> {
  return prepare(await systemFixture(), "v1");
}

/** The same with the live TokenManager ABI (systemV2Fixture, HokusaiSystemV2Module). */
export async function invariantSystemV2Fixture(): Promise<InvariantSystem> {
  const system = await systemV2Fixture();
  const common = await ethers.getContractAt("MockTokenManager", await system.tokenManager.getAddress());
  return prepare({ ...system, tokenManager: common }, "v2");
}

export interface TokenContracts {
  token: MockHokusaiToken;
  params: MockHokusaiParams;
}

export async function tokenContracts(system: SystemV1, modelId: string): Promise<TokenContracts> {
  const { tokenManager } = system;
  return {
    token: await ethers.getContractAt("MockHokusaiToken", await tokenManager.getTokenAddress(modelId)),
    params: await ethers.getContractAt("MockHokusaiParams", await tokenManager.getParamsAddress(modelId)),
  };
}

export async function poolAt(address: string): Promise<MockHokusaiAMM> {
  return ethers.getContractAt("MockHokusaiAMM", address);
}

/** Approves `pool` for every trader's USDC, as a front end does before the first trade. */
export async function approveTraders(system: SystemV1, pool: string): Promise<void> {
  for (const trader of TRADERS) await system.usdc.connect(system[trader]).approve(pool, ethers.MaxUint256);
}

// --- sending ----------------------------------------------------------------------------

export type Outcome = { ok: true } | { ok: false; reason: string };

/**
 * Sends a transaction (built with GAS) and waits for it. A revert is an outcome, not an
 * exception; anything else (a panic, a node error) fails the test: a panic is an arithmetic
 * under- or overflow or a division by zero, which no call to the mocks should ever reach.
 */
export async function send(tx: () => Promise<ContractTransactionResponse>): Promise<Outcome> {
  try {
    await (await tx()).wait();
    return { ok: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!message.includes("reverted") || /panic code/i.test(message)) throw error;
    return { ok: false, reason: message };
  }
}

/** Asserts what the model predicted: success, or a revert (optionally with `reason` in the message). */
export function expectOutcome(outcome: Outcome, expected: true | string | RegExp, what: string): void {
  if (expected === true) {
    expect(outcome.ok, `${what} should succeed, reverted: ${outcome.ok ? "" : outcome.reason}`).to.equal(
      true,
    );
    return;
  }
  expect(outcome.ok, `${what} should revert (${String(expected)}) but succeeded`).to.equal(false);
  if (!outcome.ok) {
    if (typeof expected === "string") expect(outcome.reason, what).to.include(expected);
    else expect(outcome.reason, what).to.match(expected);
  }
}

// --- the state an unauthorised call must leave alone -------------------------------------

/** A model's contracts, as far as a sequence created them. */
export interface DeployedModel {
  modelId: string;
  token: MockHokusaiToken;
  params: MockHokusaiParams;
  pool?: MockHokusaiAMM;
}

/**
 * Everything owned or held in the system, in plain values: the owners, the TokenManager's
 * settings, fees and roles, the factory, ETH and USDC balances, and for each model the token's supply
 * counters and balances, the params (license, reward rate, fee split, governor role) and the pool.
 * (The check itself is the state root; this names what moved when it fails.)
 */
export async function snapshot(system: InvariantSystem, models: DeployedModel[]): Promise<unknown> {
  const { tokenManager, ammFactory, usdc } = system;
  const addresses = ACTORS.map((name) => system[name].address);
  const all = <T>(f: (address: string) => Promise<T>) => Promise.all(addresses.map(f));
  const pools = models.flatMap((m) => (m.pool ? [m.pool] : []));
  return {
    tokenManager: {
      owner: await tokenManager.owner(),
      deploymentFee: await tokenManager.deploymentFee(),
      deployerRoleRequired: await tokenManager.deployerRoleRequired(),
      deltaVerifier: await tokenManager.deltaVerifier(),
      feesHeld: await ethers.provider.getBalance(await tokenManager.getAddress()),
      admins: await all((a) => tokenManager.hasRole(ethers.ZeroHash, a)),
      deployers: await all((a) => tokenManager.hasRole(DEPLOYER_ROLE, a)),
      minters: await all((a) => tokenManager.hasRole(MINTER_ROLE, a)),
      authorizedPools: await Promise.all(
        pools.map(async (p) => tokenManager.isAuthorizedAMM(await p.getAddress())),
      ),
      tokens: await Promise.all(["m0", "m1", "m2"].map((id) => tokenManager.getTokenAddress(id))),
    },
    factory: { owner: await ammFactory.owner(), poolCount: await ammFactory.poolCount() },
    ether: await all((a) => ethers.provider.getBalance(a)),
    usdc: {
      owner: await usdc.owner(),
      totalSupply: await usdc.totalSupply(),
      balances: await all((a) => usdc.balanceOf(a)),
      pools: await Promise.all(pools.map(async (p) => usdc.balanceOf(await p.getAddress()))),
    },
    models: await Promise.all(
      models.map(async ({ modelId, token, params, pool }) => ({
        modelId,
        pool: await ammFactory.getPool(modelId),
        totalSupply: await token.totalSupply(),
        investorMinted: await token.investorMinted(),
        rewardMinted: await token.rewardMinted(),
        supplierDistributed: await token.modelSupplierDistributed(),
        balances: await all((a) => token.balanceOf(a)),
        licenseHash: await params.licenseHash(),
        licenseURI: await params.licenseURI(),
        tokensPerDeltaOne: await params.tokensPerDeltaOne(),
        accrualBps: await params.infrastructureAccrualBps(),
        governors: await all((a) => params.hasRole(GOV_ROLE, a)),
        paramsAdmins: await all((a) => params.hasRole(ethers.ZeroHash, a)),
        reserve: pool ? await pool.reserveBalance() : null,
      })),
    ),
  };
}

async function stateRoot(): Promise<string> {
  const block = (await network.provider.send("eth_getBlockByNumber", ["latest", false])) as {
    stateRoot: string;
  };
  return block.stateRoot;
}

/**
 * The state root the chain would have if `from` sent a transaction that changed nothing: only
 * its nonce moves (gas is free). Computed on a copy of the chain (evm_snapshot / evm_revert).
 */
async function rootIfOnlyNonceMoves(from: string): Promise<string> {
  const id = (await network.provider.send("evm_snapshot", [])) as string;
  const nonce = await ethers.provider.getTransactionCount(from);
  await network.provider.send("hardhat_setNonce", [from, ethers.toQuantity(nonce + 1)]);
  await mine();
  const root = await stateRoot();
  await network.provider.send("evm_revert", [id]);
  return root;
}

/** The paths at which two snapshots differ, with both values. */
export function differences(before: unknown, after: unknown, path = "state"): string[] {
  if (typeof before === "object" && before !== null && typeof after === "object" && after !== null) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) =>
      differences(
        (before as Record<string, unknown>)[k],
        (after as Record<string, unknown>)[k],
        `${path}.${k}`,
      ),
    );
  }
  return before === after ? [] : [`${path}: ${String(before)} -> ${String(after)}`];
}

/**
 * Runs `action` (transactions from `from`) and asserts that it changed nothing: the state root
 * after it (every account's balance, nonce, code and storage) must be the one where only the
 * sender's nonce moved. When it is not, the named snapshot before and after tells what changed.
 * `at`: the timestamp of the next block.
 */
export async function expectUnchanged(
  system: InvariantSystem,
  models: DeployedModel[],
  what: string,
  from: HardhatEthersSigner,
  action: () => Promise<void>,
  at?: bigint,
): Promise<void> {
  const expectedRoot = await rootIfOnlyNonceMoves(from.address);
  const before = (await network.provider.send("evm_snapshot", [])) as string;
  await network.provider.send("hardhat_setNextBlockBaseFeePerGas", ["0x0"]);
  if (at !== undefined) await time.setNextBlockTimestamp(at);
  await action();
  if ((await stateRoot()) === expectedRoot) return;
  const after = await snapshot(system, models);
  await network.provider.send("evm_revert", [before]);
  const changed = differences(await snapshot(system, models), after);
  expect.fail(
    `${what} changed the state: ${changed.length > 0 ? changed.join("; ") : "no named field, but the state root"}`,
  );
}

/** Sends a call the model says must revert, and asserts that it does and that it changed nothing. */
export async function expectRevertAndNoChange(
  system: InvariantSystem,
  models: DeployedModel[],
  what: string,
  from: HardhatEthersSigner,
  tx: () => Promise<ContractTransactionResponse>,
  reason?: string | RegExp,
  at?: bigint,
): Promise<void> {
  await expectUnchanged(
    system,
    models,
    what,
    from,
    async () => expectOutcome(await send(tx), reason ?? /reverted/, what),
    at,
  );
}

// --- the invariants checked after every step --------------------------------------------

/**
 * For every model token: totalSupply <= supplier + investor allocation + reward mints, and more
 * precisely <= (supplier allocation if distributed) + investorMinted + rewardMinted;
 * investorMinted <= investorAllocation. For every pool: reserveBalance equals the pool's USDC
 * balance (the accounting matches the money; a reserve that would go below zero shows up as a
 * panic in `send` or as a balance the pool does not have).
 */
export async function checkInvariants(system: InvariantSystem, models: DeployedModel[]): Promise<void> {
  for (const { modelId, token, pool } of models) {
    const [supply, supplierAllocation, investorAllocation, investorMinted, rewardMinted, distributed] =
      await Promise.all([
        token.totalSupply(),
        token.modelSupplierAllocation(),
        token.investorAllocation(),
        token.investorMinted(),
        token.rewardMinted(),
        token.modelSupplierDistributed(),
      ]);
    const counts = `${modelId}: supply ${supply}, supplier ${supplierAllocation}, investor ${investorMinted}/${investorAllocation}, reward ${rewardMinted}`;
    expect(investorMinted <= investorAllocation, `investorMinted over the cap; ${counts}`).to.equal(true);
    expect(
      supply <= supplierAllocation + investorAllocation + rewardMinted,
      `totalSupply over the caps plus rewards; ${counts}`,
    ).to.equal(true);
    expect(
      supply <= (distributed ? supplierAllocation : 0n) + investorMinted + rewardMinted,
      `totalSupply over what was minted; ${counts}`,
    ).to.equal(true);
    if (pool) {
      const [reserve, held] = await Promise.all([
        pool.reserveBalance(),
        system.usdc.balanceOf(await pool.getAddress()),
      ]);
      expect(reserve >= 0n, `${modelId}: negative reserve ${reserve}`).to.equal(true);
      expect(reserve, `${modelId}: reserveBalance ${reserve} != the pool's USDC ${held}`).to.equal(held);
    }
  }
}
