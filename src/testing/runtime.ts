/**
 * What the testing helpers share: the Hardhat runtime of the test run, typed handles
 * over the mocks' artifacts (the package's bundle, else the project's own), and one way
 * to send a call, through the core's transaction engine as the tasks send theirs: a
 * static call first, a revert decoded into the tasks' one-line error, the receipt.
 */
import { type BaseContract, formatUnits, type Signer, type TransactionReceipt } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { moduleArtifact } from "../../ignition/modules/builders";
import { parseUsdcAmount } from "../core/backend/pool-params";
import { NO_JOURNAL, TransactionEngine } from "../core/chain/transaction";
import type { RevertContext } from "../core/chain/revert";
import { HokusaiError, invalidInput } from "../core/errors";
import type {} from "../type-extensions";
import { parseIntegerInRange, parseTokenAmount } from "../core/validate";
import type { HokusaiStack, StackContracts, TokenAmount, UsdcAmount } from "./types";

const runtimes = new WeakMap<object, HardhatRuntimeEnvironment>();

/**
 * The runtime a system was deployed with; else the one of the test run
 * (`require("hardhat")`, as the network helpers find it). The plugin must be loaded in it.
 */
export function runtimeOf(system?: object): HardhatRuntimeEnvironment {
  const known = system === undefined ? undefined : runtimes.get(system);
  const hre = known ?? (require("hardhat") as HardhatRuntimeEnvironment);
  if ((hre.config as { hokusai?: unknown }).hokusai === undefined) {
    throw new HokusaiError(
      "invalidConfig",
      'hardhat-hokusai/testing needs the plugin loaded: add `import "hardhat-hokusai";` to hardhat.config.ts',
    );
  }
  return hre;
}

export function rememberRuntime(system: object, hre: HardhatRuntimeEnvironment): void {
  runtimes.set(system, hre);
}

/** The artifact name of each contract of each stack. */
export const CONTRACT_NAMES: { [S in HokusaiStack]: { [K in keyof StackContracts[S]]: string } } = {
  live: {
    tokenManager: "LiveTokenManager",
    ammFactory: "LiveHokusaiAMMFactory",
    modelRegistry: "LiveModelRegistry",
    purchaserWhitelist: "LivePurchaserWhitelist",
    vestingVault: "LiveRewardVestingVault",
    token: "LiveHokusaiToken",
    params: "LiveHokusaiParams",
    pool: "LiveHokusaiAMM",
  },
  guide: {
    tokenManager: "MockTokenManager",
    ammFactory: "MockHokusaiAMMFactory",
    modelRegistry: "",
    purchaserWhitelist: "",
    vestingVault: "",
    token: "MockHokusaiToken",
    params: "MockHokusaiParams",
    pool: "MockHokusaiAMM",
  },
};

/** A typed handle on the mock `name` at `address`, connected to `signer`. */
export async function contractAt<T>(
  hre: HardhatRuntimeEnvironment,
  name: string,
  address: string,
  signer: Signer,
): Promise<T> {
  const artifact = moduleArtifact(name) ?? (await hre.artifacts.readArtifact(name));
  return (await hre.ethers.getContractAt([...artifact.abi], address, signer)) as unknown as T;
}

/** What a call spends of the sender's ERC-20 (USDC, or the model's token on a sell). */
export interface Spending {
  token: BaseContract;
  /** Who takes the amount with transferFrom; undefined where the call burns it from the sender. */
  spender?: string;
  amount: bigint;
  /** How the amount reads ("100 USDC") and what to do when the account holds less. */
  shown: (amount: bigint) => string;
  fix: string;
}

type Erc20 = BaseContract & {
  allowance(owner: string, spender: string): Promise<bigint>;
  balanceOf(account: string): Promise<bigint>;
};

async function checkSpending(from: string, spending: Spending): Promise<boolean> {
  const token = spending.token as Erc20;
  const balance = await token.balanceOf(from);
  if (balance < spending.amount) {
    throw new HokusaiError(
      "insufficientTokenBalance",
      `account ${from} holds ${spending.shown(balance)} but the call spends ${spending.shown(spending.amount)}; nothing was sent: ${spending.fix}`,
    );
  }
  if (spending.spender === undefined) return false;
  return (await token.allowance(from, spending.spender)) < spending.amount;
}

const ALLOWANCE_REVERT = /ERC20InsufficientAllowance|insufficient allowance/;

function isAllowanceRevert(error: unknown): boolean {
  const cause = (error as { cause?: { reason?: unknown } } | undefined)?.cause;
  return error instanceof HokusaiError && ALLOWANCE_REVERT.test(String(cause?.reason ?? ""));
}

/**
 * Sends `fn(args)` on `target` from `signer` through the core's engine: checked by a
 * static call (a revert becomes the tasks' HOK error, and nothing is sent), then sent
 * and waited for. With `spending`, the sender must hold the amount (HOK614), and the
 * token is approved first where the allowance is short, once the static call shows that
 * the allowance is all that is missing.
 * Returns the receipt.
 */
export async function sendCall(
  hre: HardhatRuntimeEnvironment,
  signer: Signer,
  target: BaseContract,
  fn: string,
  args: readonly unknown[],
  context: RevertContext = {},
  spending?: Spending,
): Promise<TransactionReceipt> {
  const from = await signer.getAddress();
  const provider = hre.ethers.provider;
  const engine = new TransactionEngine(
    provider,
    { address: from, sendTransaction: async (tx) => (await signer.sendTransaction(tx)).hash },
    {
      chainId: Number((await provider.getNetwork()).chainId),
      confirmations: 1,
      timeoutSeconds: 60,
      pollMs: 10,
    },
  );
  const to = await target.getAddress();
  const revertContext = { account: from, ...context };
  const callOf = (contract: BaseContract, address: string, name: string, values: readonly unknown[]) => ({
    to: address,
    data: contract.interface.encodeFunctionData(name, values),
    description: `${name}(${values.map(String).join(", ")}) on ${address}`,
  });
  const call = callOf(target, to, fn, args);
  if (spending !== undefined && (await checkSpending(from, spending))) {
    try {
      await engine.plan(call, revertContext);
    } catch (error) {
      if (!isAllowanceRevert(error)) throw error;
    }
    const token = spending.token;
    const approve = callOf(token, await token.getAddress(), "approve", [spending.spender, spending.amount]);
    await engine.sendAndWait(await engine.plan(approve, revertContext), NO_JOURNAL, revertContext);
  }
  return (await engine.sendAndWait(await engine.plan(call, revertContext), NO_JOURNAL, revertContext))
    .receipt;
}

/** The args of the first log of `event` that `contract` emitted in the receipt. */
export function eventArgs(
  receipt: TransactionReceipt,
  contract: BaseContract,
  address: string,
  event: string,
): Record<string, unknown> {
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== address.toLowerCase()) continue;
    const parsed = contract.interface.parseLog(log);
    if (parsed?.name === event) return parsed.args.toObject();
  }
  throw new Error(`no ${event} event of ${address} in transaction ${receipt.hash}`);
}

const format = (amount: bigint, decimals: number) => formatUnits(amount, decimals).replace(/\.0$/, "");

/** How USDC and a model's tokens read in a message. */
export const showUsdc = (amount: bigint) => `${format(amount, 6)} USDC`;
export const showTokens = (amount: bigint) => `${format(amount, 18)} tokens`;

/** A USDC amount: dollars as a string, 6-decimal units as a bigint; above zero. */
export function usdcAmount(field: string, value: UsdcAmount): bigint {
  if (typeof value !== "bigint") return parseUsdcAmount(field, value);
  if (value <= 0n) throw invalidInput("invalidAmount", field, `${value}`, "must be greater than zero");
  return value;
}

/** A model token amount: whole tokens as a string, wei as a bigint; above zero. */
export function tokenAmount(field: string, value: TokenAmount): bigint {
  return parseTokenAmount(field, value);
}

/** The minimum out for a quote: the quote less `slippageBps` (0 to 10000, default 0). */
export function minimumOut(quote: bigint, slippageBps: number | undefined): bigint {
  const bps = parseIntegerInRange("slippageBps", slippageBps ?? 0, 0n, 10_000n, " basis points");
  return (quote * (10_000n - bps)) / 10_000n;
}

/** The given deadline, else an hour after the latest block. */
export async function deadlineOf(
  hre: HardhatRuntimeEnvironment,
  deadline: bigint | number | undefined,
): Promise<bigint> {
  if (deadline !== undefined) return BigInt(deadline);
  const latest = await hre.ethers.provider.getBlock("latest");
  return BigInt(latest!.timestamp + 3600);
}
