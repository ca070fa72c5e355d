/**
 * Trading against a model's pool in a test: USDC for the traders, buys and sells with a
 * minimum out, the end of the initial bonding round, usage fees into the reserve. Each
 * call goes through the core's engine (runtime.ts), so a revert is the tasks' one-line
 * error (a sell in the IBR, a buyer off the whitelist, slippage) and nothing is sent.
 */
import type { Signer } from "ethers";

import { parseAddress } from "../core/validate";
import { withPluginErrors } from "../errors";
import {
  deadlineOf,
  eventArgs,
  minimumOut,
  runtimeOf,
  sendCall,
  showTokens,
  showUsdc,
  tokenAmount,
  usdcAmount,
} from "./runtime";
import type {
  BuyOptions,
  BuyResult,
  DepositResult,
  FundResult,
  HokusaiPool,
  HokusaiSystem,
  IbrEnd,
  SellOptions,
  SellResult,
  TokenAmount,
  UsdcAmount,
} from "./types";

/** An account: its address, or anything with one (a signer). */
export type AccountLike = string | { address: string };

const addressOf = (field: string, account: AccountLike) =>
  parseAddress(field, typeof account === "string" ? account : account.address);

/** The reads both pools share. */
interface PoolReads {
  getBuyQuote(reserveIn: bigint): Promise<bigint>;
  getSellQuote(tokensIn: bigint): Promise<bigint>;
  reserveBalance(): Promise<bigint>;
}

const reads = (pool: HokusaiPool) => pool.pool as unknown as PoolReads;

/** Mints MockUSDC to `account` (as the owner of the mock). */
export function fundUsdc(
  system: HokusaiSystem,
  account: AccountLike,
  amount: UsdcAmount,
): Promise<FundResult> {
  return withPluginErrors(async () => {
    const to = addressOf("account", account);
    const value = usdcAmount("amount", amount);
    const receipt = await sendCall(runtimeOf(system), system.owner, system.usdc, "mint", [to, value]);
    return { receipt, balance: await system.usdc.balanceOf(to) };
  });
}

/**
 * `buyer` buys with `amount` of USDC (its trade fee included; approved to the pool
 * where the allowance is short), asking at least the pool's quote less `slippageBps`, or `minTokensOut`.
 */
export function buy(
  pool: HokusaiPool,
  buyer: Signer,
  amount: UsdcAmount,
  options: BuyOptions = {},
): Promise<BuyResult> {
  return withPluginErrors(async () => {
    const hre = runtimeOf(pool.system);
    const reserveIn = usdcAmount("amount", amount);
    const from = await buyer.getAddress();
    const to = options.to === undefined ? from : parseAddress("to", options.to);
    const context = { modelId: pool.model.modelId };
    const quote = await reads(pool).getBuyQuote(reserveIn);
    const minTokensOut = options.minTokensOut ?? minimumOut(quote, options.slippageBps);
    const deadline = await deadlineOf(hre, options.deadline);
    const receipt = await sendCall(
      hre,
      buyer,
      pool.pool,
      "buy",
      [reserveIn, minTokensOut, to, deadline],
      context,
      {
        token: pool.system.usdc,
        spender: pool.address,
        amount: reserveIn,
        shown: showUsdc,
        fix: "fund it first, e.g. fundUsdc(system, buyer, amount)",
      },
    );
    const event = eventArgs(receipt, pool.pool, pool.address, "Buy");
    return {
      receipt,
      reserveIn,
      tokensOut: event.tokensOut as bigint,
      fee: event.fee as bigint,
      quote,
      minTokensOut,
    };
  });
}

/**
 * `seller` sells `amount` of the model's tokens (on the live stack approved to the pool,
 * which takes them), asking at least the quote less `slippageBps`, or
 * `minReserveOut`. Sells open when the IBR ends (endIbr).
 */
export function sell(
  pool: HokusaiPool,
  seller: Signer,
  amount: TokenAmount,
  options: SellOptions = {},
): Promise<SellResult> {
  return withPluginErrors(async () => {
    const hre = runtimeOf(pool.system);
    const tokensIn = tokenAmount("amount", amount);
    const from = await seller.getAddress();
    const to = options.to === undefined ? from : parseAddress("to", options.to);
    const context = { modelId: pool.model.modelId };
    const quote = await reads(pool).getSellQuote(tokensIn);
    const minReserveOut = options.minReserveOut ?? minimumOut(quote, options.slippageBps);
    const deadline = await deadlineOf(hre, options.deadline);
    const receipt = await sendCall(
      hre,
      seller,
      pool.pool,
      "sell",
      [tokensIn, minReserveOut, to, deadline],
      context,
      {
        token: pool.model.token,
        // The live pool pulls the tokens with transferFrom; the guide's burns them through the TokenManager.
        spender: pool.system.stack === "live" ? pool.address : undefined,
        amount: tokensIn,
        shown: showTokens,
        fix: "sell at most what it holds, or buy first",
      },
    );
    const event = eventArgs(receipt, pool.pool, pool.address, "Sell");
    const fee = event.fee as bigint;
    // The live pool's event gives the reserve released before its fee, the guide's what was paid out.
    const reserveOut =
      pool.system.stack === "live" ? (event.reserveOut as bigint) - fee : (event.reserveOut as bigint);
    return { receipt, tokensIn, reserveOut, fee, quote, minReserveOut };
  });
}

/** Moves the chain's time to the end of the pool's initial bonding round, when sells open. */
export function endIbr(pool: HokusaiPool): Promise<IbrEnd> {
  return withPluginErrors(async () => {
    const hre = runtimeOf(pool.system);
    const p = pool.pool as unknown as { buyOnlyUntil(): Promise<bigint>; ibrEndTime(): Promise<bigint> };
    const ibrEnd = pool.system.stack === "live" ? await p.buyOnlyUntil() : await p.ibrEndTime();
    const latest = (await hre.ethers.provider.getBlock("latest"))!.timestamp;
    if (BigInt(latest) < ibrEnd) {
      await hre.network.provider.request({ method: "evm_setNextBlockTimestamp", params: [Number(ibrEnd)] });
      await hre.network.provider.request({ method: "evm_mine", params: [] });
    }
    return { ibrEnd, timestamp: (await hre.ethers.provider.getBlock("latest"))!.timestamp };
  });
}

/**
 * Pays API usage fees into the pool (approve, then depositFees) from `from` (default: the
 * owner, who holds the live stack's minted USDC). The live pool keeps all of it in the
 * reserve; the guide's sends the infrastructure share to the treasury.
 */
export function depositUsageFees(
  pool: HokusaiPool,
  amount: UsdcAmount,
  options: { from?: Signer } = {},
): Promise<DepositResult> {
  return withPluginErrors(async () => {
    const hre = runtimeOf(pool.system);
    const value = usdcAmount("amount", amount);
    const from = options.from ?? pool.system.owner;
    const context = { modelId: pool.model.modelId };
    const before = await reads(pool).reserveBalance();
    const receipt = await sendCall(hre, from, pool.pool, "depositFees", [value], context, {
      token: pool.system.usdc,
      spender: pool.address,
      amount: value,
      shown: showUsdc,
      fix: "fund it first, e.g. fundUsdc(system, account, amount)",
    });
    const reserveBalance = await reads(pool).reserveBalance();
    return { receipt, amount: value, toReserve: reserveBalance - before, reserveBalance };
  });
}
