/**
 * Property: only owners and role holders change what they own. From a live system (a model
 * token with its pool, trades, fees and a reward behind it; a deployment fee and the deployer
 * role required), any sequence of privileged calls by accounts not entitled to them reverts
 * every time and leaves the whole state as it was (the state root: every balance, role, setting
 * and parameter), with random arguments.
 */
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import fc from "fast-check";
import { ethers } from "hardhat";

import {
  DEPLOYER_ROLE,
  GOV_ROLE,
  TOKENS,
  USDC,
  deployModelToken,
  initialParams,
} from "../helpers/contract-fixtures";
import {
  ACTORS,
  type ActorName,
  type DeployedModel,
  type InvariantSystem,
  FAR_DEADLINE,
  GAS,
  approveTraders,
  checkInvariants,
  expectRevertAndNoChange,
  fcParams,
  runs,
  invariantSystemFixture,
  poolAt,
  send,
} from "./support";

const NUM_RUNS = 40;
const MAX_CALLS = 10;
const MODEL_ID = "m0";
const MINTER_ROLE = ethers.id("MINTER_ROLE");
/** The access errors of the mocks (OpenZeppelin 4 strings, OpenZeppelin 5 custom errors, the mocks' own). */
const ACCESS_ERRORS =
  /Ownable|AccessControl|missing role|not authorized|not the delta verifier|Only controller|ERC20InsufficientAllowance/;

interface LiveSystem extends InvariantSystem {
  model: DeployedModel & { pool: NonNullable<DeployedModel["pool"]> };
}

/**
 * The model live and traded: deployed (governor: the governor account), pool on the curve after
 * 1,000 USDC, supplier allocation distributed, pool authorised, 5,000 USDC bought by the buyer,
 * 2,000 USDC of usage fees, a reward minted to `other`, the IBR over; then the owner charges a
 * deployment fee, requires DEPLOYER_ROLE, and grants it to the buyer.
 */
async function liveSystemFixture(): Promise<LiveSystem> {
  const system = await invariantSystemFixture();
  const { tokenManager, ammFactory, owner, buyer, other, verifier } = system;
  const { token, params } = await deployModelToken(system, {
    modelId: MODEL_ID,
    investorAllocation: TOKENS("100000000"),
  });
  await ammFactory.createPoolWithParams(MODEL_ID, token, 200_000n, 30n, 86_400n, USDC("1000"), 10_000n);
  const pool = await poolAt(await ammFactory.getPool(MODEL_ID));
  await tokenManager.connect(owner).distributeModelSupplierAllocation(MODEL_ID);
  await tokenManager.connect(owner).authorizeAMM(pool);
  await approveTraders(system, await pool.getAddress());
  await pool.connect(buyer).buy(USDC("5000"), 0n, buyer.address, FAR_DEADLINE);
  await pool.connect(other).depositFees(USDC("2000"));
  await tokenManager.connect(verifier).mintDeltaOneReward(MODEL_ID, other.address, 3n);
  await time.increaseTo(await pool.ibrEndTime());
  await tokenManager.connect(owner).setDeploymentFee(ethers.parseEther("0.01"));
  await tokenManager.connect(owner).setDeployerRoleRequired(true);
  await tokenManager.connect(owner).grantRole(DEPLOYER_ROLE, buyer.address);
  return { ...system, model: { modelId: MODEL_ID, token, params, pool } };
}

interface CallArgs {
  /** An account the call may name (recipient, holder, new owner...). */
  target: ActorName;
  amount: bigint;
  text: string;
  hash: string;
}

/** A privileged call: who may make it, and how. */
interface Privileged {
  name: string;
  entitled: ActorName[];
  send: (s: LiveSystem, from: ActorName, a: CallArgs) => Promise<ContractTransactionResponse>;
}

const anyRole = [DEPLOYER_ROLE, MINTER_ROLE, ethers.ZeroHash];
const roleOf = (a: CallArgs) => anyRole[Number(a.amount % 3n)];

const PRIVILEGED: Privileged[] = [
  // TokenManager: the owner (the backend), the role admin, the delta verifier, the deployers.
  ...(
    [
      ["setDeploymentFee", (s, a) => s.tokenManager.setDeploymentFee(a.amount, GAS)],
      [
        "setDeployerRoleRequired",
        (s, a) => s.tokenManager.setDeployerRoleRequired(a.amount % 2n === 0n, GAS),
      ],
      ["setDeltaVerifier", (s, a) => s.tokenManager.setDeltaVerifier(s[a.target].address, GAS)],
      ["withdrawDeploymentFees", (s, a) => s.tokenManager.withdrawDeploymentFees(s[a.target].address, GAS)],
      ["transferOwnership", (s, a) => s.tokenManager.transferOwnership(s[a.target].address, GAS)],
      ["renounceOwnership", (s) => s.tokenManager.renounceOwnership(GAS)],
      [
        "distributeModelSupplierAllocation",
        (s, a) => s.tokenManager.distributeModelSupplierAllocation(a.text, GAS),
      ],
      ["authorizeAMM", (s, a) => s.tokenManager.authorizeAMM(s[a.target].address, GAS)],
      ["revokeAMM", (s) => s.tokenManager.revokeAMM(s.model.pool, GAS)],
      ["grantRole", (s, a) => s.tokenManager.grantRole(roleOf(a), s[a.target].address, GAS)],
      ["revokeRole", (s, a) => s.tokenManager.revokeRole(roleOf(a), s[a.target].address, GAS)],
    ] as Array<[string, (s: LiveSystem, a: CallArgs) => Promise<ContractTransactionResponse>]>
  ).map(
    ([name, call]): Privileged => ({
      name: `tokenManager.${name}`,
      entitled: ["owner"],
      send: (s, from, a) => call({ ...s, tokenManager: s.tokenManager.connect(s[from]) }, a),
    }),
  ),
  {
    name: "tokenManager.mintTokens",
    entitled: ["owner"],
    send: (s, from, a) =>
      s.tokenManager.connect(s[from]).mintTokens(MODEL_ID, s[a.target].address, a.amount, GAS),
  },
  {
    name: "tokenManager.burnTokens",
    entitled: ["owner"],
    send: (s, from, a) =>
      s.tokenManager.connect(s[from]).burnTokens(MODEL_ID, s.buyer.address, a.amount, GAS),
  },
  {
    name: "tokenManager.mintDeltaOneReward",
    entitled: ["verifier"],
    send: (s, from, a) =>
      s.tokenManager.connect(s[from]).mintDeltaOneReward(MODEL_ID, s[a.target].address, a.amount, GAS),
  },
  {
    name: "tokenManager.deployTokenWithAllocations",
    entitled: ["owner", "buyer"],
    send: (s, from, a) =>
      s.tokenManager
        .connect(s[from])
        .deployTokenWithAllocations(
          `new-${a.text}`,
          "New",
          "NEW",
          a.amount,
          s.supplier.address,
          a.amount,
          initialParams(s.governor.address),
          { ...GAS, value: ethers.parseEther("0.01") },
        ),
  },
  // The factory and USDC: their owner.
  {
    name: "factory.createPoolWithParams",
    entitled: ["owner"],
    send: (s, from, a) =>
      s.ammFactory
        .connect(s[from])
        .createPoolWithParams(a.text, s.model.token, 200_000n, a.amount % 1001n, 86_400n, 1n, 1n, GAS),
  },
  {
    name: "factory.transferOwnership",
    entitled: ["owner"],
    send: (s, from, a) => s.ammFactory.connect(s[from]).transferOwnership(s[a.target].address, GAS),
  },
  {
    name: "factory.renounceOwnership",
    entitled: ["owner"],
    send: (s, from) => s.ammFactory.connect(s[from]).renounceOwnership(GAS),
  },
  {
    name: "usdc.mint",
    entitled: ["owner"],
    send: (s, from, a) => s.usdc.connect(s[from]).mint(s[a.target].address, a.amount, GAS),
  },
  {
    name: "usdc.transferOwnership",
    entitled: ["owner"],
    send: (s, from, a) => s.usdc.connect(s[from]).transferOwnership(s[a.target].address, GAS),
  },
  // The token: its controller (the TokenManager) only; its holders' balances: their owners only.
  {
    name: "token.mintInvestor",
    entitled: [],
    send: (s, from, a) => s.model.token.connect(s[from]).mintInvestor(s[a.target].address, a.amount, GAS),
  },
  {
    name: "token.burnInvestor",
    entitled: [],
    send: (s, from, a) => s.model.token.connect(s[from]).burnInvestor(s.buyer.address, a.amount, GAS),
  },
  {
    name: "token.mintReward",
    entitled: [],
    send: (s, from, a) => s.model.token.connect(s[from]).mintReward(s[a.target].address, a.amount, GAS),
  },
  {
    name: "token.distributeModelSupplierAllocation",
    entitled: [],
    send: (s, from) => s.model.token.connect(s[from]).distributeModelSupplierAllocation(GAS),
  },
  {
    name: "token.transferFrom(supplier)",
    entitled: [],
    send: (s, from, a) =>
      s.model.token.connect(s[from]).transferFrom(s.supplier.address, s[a.target].address, a.amount, GAS),
  },
  {
    name: "usdc.transferFrom(buyer)",
    entitled: [],
    send: (s, from, a) =>
      s.usdc.connect(s[from]).transferFrom(s.buyer.address, s[a.target].address, a.amount, GAS),
  },
  // The params: GOV_ROLE (the governor) for the settings; the role admin (the TokenManager) for roles.
  {
    name: "params.setLicenseRef",
    entitled: ["governor"],
    send: (s, from, a) => s.model.params.connect(s[from]).setLicenseRef(a.hash, a.text, GAS),
  },
  {
    name: "params.setTokensPerDeltaOne",
    entitled: ["governor"],
    send: (s, from, a) =>
      s.model.params.connect(s[from]).setTokensPerDeltaOne(1000n + (a.amount % 1000n), GAS),
  },
  {
    name: "params.setInfrastructureAccrualBps",
    entitled: ["governor"],
    send: (s, from, a) =>
      s.model.params.connect(s[from]).setInfrastructureAccrualBps(1000n + (a.amount % 9001n), GAS),
  },
  {
    name: "params.grantRole(GOV_ROLE)",
    entitled: [],
    send: (s, from, a) => s.model.params.connect(s[from]).grantRole(GOV_ROLE, s[a.target].address, GAS),
  },
  {
    name: "params.revokeRole(GOV_ROLE)",
    entitled: [],
    send: (s, from) => s.model.params.connect(s[from]).revokeRole(GOV_ROLE, s.governor.address, GAS),
  },
];

/** A privileged call and a caller not entitled to it (the same call by an entitled one would succeed). */
const forbiddenCallArb = fc
  .record({
    call: fc.constantFrom(...PRIVILEGED),
    caller: fc.constantFrom(...ACTORS),
    args: fc.record({
      target: fc.constantFrom(...ACTORS),
      amount: fc.oneof(fc.bigInt({ min: 1n, max: 1000n }), fc.bigInt({ min: 1n, max: TOKENS("1000000") })),
      text: fc.oneof(fc.constant(MODEL_ID), fc.string({ minLength: 1, maxLength: 12 })),
      hash: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => ethers.hexlify(b)),
    }),
  })
  .filter(({ call, caller }) => !call.entitled.includes(caller));

describe("invariants: only owners and role holders change what they own", function () {
  it(`random privileged calls by anyone else revert and change nothing (${runs(NUM_RUNS)} runs of up to ${MAX_CALLS} calls)`, async function () {
    if (process.env.FC_NUM_RUNS !== undefined) this.timeout(0); // a longer search
    await fc.assert(
      fc.asyncProperty(fc.array(forbiddenCallArb, { minLength: 1, maxLength: MAX_CALLS }), async (calls) => {
        const system = await loadFixture(liveSystemFixture);
        for (const { call, caller, args } of calls) {
          const what = `${call.name} by ${caller} (${fc.stringify(args)})`;
          await expectRevertAndNoChange(system, [system.model], what, system[caller], () =>
            call.send(system, caller, args),
          );
        }
        await checkInvariants(system, [system.model]);
      }),
      fcParams(NUM_RUNS),
    );
  });

  it("the same calls pass the access check when an entitled account makes them", async function () {
    // A guard against a vacuous property: a call that reverted for everyone would prove nothing.
    const args: CallArgs = { target: "other", amount: 5n, text: "new-model", hash: ethers.ZeroHash };
    for (const call of PRIVILEGED) {
      for (const caller of call.entitled) {
        const system = await loadFixture(liveSystemFixture);
        const outcome = await send(() => call.send(system, caller, args));
        if (!outcome.ok) expect(outcome.reason, `${call.name} by ${caller}`).not.to.match(ACCESS_ERRORS);
      }
    }
  });
});
