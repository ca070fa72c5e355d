/**
 * The platform's launch of a model, after its token: distribute the supplier
 * allocation (when the launch does it), register the model in the ModelRegistry,
 * create its pool (behind a purchaser whitelist unless public), authorise the pool to
 * mint, and seed its reserve (approve, then depositFees). Each step is skipped when
 * the chain shows it done, and journaled so a rerun after a crash sends nothing twice.
 */
import type { PlannedCall } from "../chain/calls";
import type { JournaledTx } from "../chain/transaction";
import type { PoolParams } from "../backend/pool-params";
import type { SupplierSplit } from "../backend/reads";

export const LAUNCH_STEPS = [
  "distribute",
  "register",
  "createPool",
  "authorize",
  "approveReserve",
  "depositReserve",
] as const;
export type LaunchStepName = (typeof LAUNCH_STEPS)[number];

/** What a launch of one model is asked to do. */
export interface LaunchTarget {
  modelId: string;
  tokenManager: string;
  ammFactory: string;
  /** The pool parameters given; the factory's defaults fill the rest. */
  pool: Partial<PoolParams>;
  /** The registry's performance metric, needed to register. */
  performanceMetric?: string;
  /**
   * The PurchaserWhitelist that gates buys, `null` for a public pool. Undefined where
   * nothing names one: a live pool then cannot be created (it would come out public).
   */
  whitelist?: string | null;
  /** USDC (6 decimals) to seed the reserve with; left out, the reserve is not seeded. */
  initialReserve?: bigint;
  /** Distribute the supplier allocation first (a launch whose timing is "pre-launch"). */
  distribute?: boolean;
  /** The governor the token must have: a token governed by anyone else is not launched. */
  governor?: string;
}

export type StepState = "done" | "to-send" | "skipped";

/** A step as the preflight found it. */
export interface LaunchStepPlan {
  name: LaunchStepName;
  /** The call, e.g. `registerStringModel("28", 0x…, "accuracy")`. */
  description: string;
  state: StepState;
  /** Why it is done or skipped, in words. */
  why?: string;
  /** The call, checked now, when it can be (a step after an unsent one is checked at its turn). */
  call?: PlannedCall;
  /** Its gas limit, or an estimate where it cannot be checked yet. */
  gasLimit: bigint;
}

/** Everything a launch checked before sending, by reading only. */
export interface LaunchPreflight {
  target: LaunchTarget;
  from: string;
  /** "live": a TokenManager wired to a ModelRegistry; "guide": the guide's stack, without one. */
  stack: "live" | "guide";
  token: string;
  /** Who governs the model (the token's owner() on the live stack), as read. */
  governor?: { address: string; source: string };
  registry?: string;
  /** The pools' reserve token. */
  usdc: string;
  /** The pool, when it exists; else the address the factory will give it, when it could be told. */
  pool?: string;
  poolExists: boolean;
  /** The parameters to create with (the given ones over the factory's defaults), or the pool's own. */
  params: PoolParams;
  split: SupplierSplit;
  steps: LaunchStepPlan[];
  /** `{field}` names an input. */
  warnings: string[];
}

/** What the launch came to. */
export interface LaunchResult {
  modelId: string;
  stack: "live" | "guide";
  token: string;
  registry?: string;
  pool: string;
  params: PoolParams;
  whitelist: string | null | undefined;
  registered?: boolean;
  authorized: boolean;
  /** USDC in the pool's reserve after the launch. */
  reserveBalance?: bigint;
  /** True when the pool exists, may mint and (where seeding was asked) holds its reserve. */
  trades: boolean;
  steps: Array<{
    name: LaunchStepName;
    description: string;
    state: StepState | "sent";
    why?: string;
    tx?: JournaledTx;
  }>;
  warnings: string[];
  recordFile: string;
}

/** A launch file's model, as the launch ends with it (or, on a dry run, would). */
export interface LaunchItemResult {
  modelId: string;
  configKey: string;
  token?: string;
  tokenStatus?: "deployed" | "already-deployed" | "would-deploy";
  status: "launched" | "already-done" | "would-launch" | "failed";
  launch?: LaunchResult;
  seconds: number;
  error?: string;
  /** On a dry run: the model's pool, where it exists already. */
  pool?: { address: string; gated: boolean };
  /** On a dry run: the gas the token's deployment and the launch's steps would take. */
  gas?: { deploy: bigint; launch: bigint; launchChecked: boolean };
}

export interface LaunchOutcome {
  launchFile: string;
  network: string;
  chainId: number;
  results: LaunchItemResult[];
  /** On a dry run: the gas of it all, and the most it can cost at the network's fee now (wei). */
  dryRun?: { gas: bigint; maxCost: bigint };
}
