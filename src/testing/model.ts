/**
 * A model's way through the system, each step by the very function its task runs
 * (hre.hokusai's deployToken, distributeSupplierAllocation and createPool):
 * the same fields, defaults, checks and one-line errors as hokusai:deploy-token,
 * hokusai:distribute-supplier-allocation and hokusai:create-pool.
 */
import { formatUnits, id, type TransactionReceipt } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { USDC_DECIMALS } from "../core/backend/pool-params";
import { invalidInput } from "../core/errors";
import { parseAddress } from "../core/validate";
import { withPluginErrors } from "../errors";
import type { DeployTokenOptions, DeployTokenOutcome } from "../hardhat/actions/deploy-token";
import { CONTRACT_NAMES, contractAt, runtimeOf, sendCall } from "./runtime";
import type {
  DeployModelFields,
  DistributeOutcome,
  HokusaiModel,
  HokusaiPool,
  HokusaiStack,
  HokusaiSystem,
  LaunchPoolOptions,
  LivePurchaserWhitelist,
  UsdcAmount,
} from "./types";

/** The license a test model gets when its fields name none: a placeholder URI and the hash of its text. */
export const TEST_LICENSE_URI = "https://example.com/hokusai-test-license.md";
export const TEST_LICENSE_HASH = id("A placeholder license for tests of Hokusai model tokens.\n");

async function receiptOf(
  hre: HardhatRuntimeEnvironment,
  hash: string | undefined,
): Promise<TransactionReceipt | undefined> {
  return hash === undefined
    ? undefined
    : ((await hre.ethers.provider.getTransactionReceipt(hash)) ?? undefined);
}

/**
 * deploy-token on the system's TokenManager, signed by account 0: the same fields
 * (modelId, name, symbol, preset, modelSupplierAllocation, investorAllocation,
 * tokensPerDeltaOne, infrastructureAccrualBps, governor, modelSupplierRecipient,
 * vesting, fee, ...) and defaults (governor and recipient: the signer; the fee:
 * deploymentFee()). A model without licenseFile or licenseHash gets TEST_LICENSE_HASH,
 * one without licenseUri TEST_LICENSE_URI.
 */
export function deployModel<S extends HokusaiStack>(
  system: HokusaiSystem<S>,
  fields: DeployModelFields = {},
): Promise<HokusaiModel<S>> {
  return withPluginErrors(async () => {
    const hre = runtimeOf(system);
    const given: Record<string, unknown> = { ...fields };
    if (given.licenseFile === undefined && given.licenseHash === undefined)
      given.licenseHash = TEST_LICENSE_HASH;
    given.licenseUri ??= TEST_LICENSE_URI;
    const outcome = await hre.hokusai.deployToken({
      ...(given as DeployTokenOptions),
      tokenManager: await system.tokenManager.getAddress(),
      yes: true,
    });
    const { result } = outcome as Extract<DeployTokenOutcome, { kind: "done" }>;
    const names = CONTRACT_NAMES[system.stack];
    return {
      system,
      modelId: result.modelId,
      token: await contractAt(hre, names.token, result.token, system.owner),
      params: await contractAt(hre, names.params, result.params, system.owner),
      deployment: result,
      receipt: await receiptOf(hre, result.txHash),
    } as HokusaiModel<S>;
  });
}

/**
 * distribute-supplier-allocation for the model, signed by the TokenManager's owner
 * (account 0). On the live stack the allocation is vested as its params say (by
 * default 10% to the recipient, the rest to the vesting vault); `split` tells both.
 */
export function distribute<S extends HokusaiStack>(model: HokusaiModel<S>): Promise<DistributeOutcome> {
  return withPluginErrors(async () => {
    const hre = runtimeOf(model.system);
    const result = await hre.hokusai.distributeSupplierAllocation({
      modelId: model.modelId,
      tokenManager: await model.system.tokenManager.getAddress(),
      yes: true,
    });
    return { ...result, receipt: await receiptOf(hre, result.transaction?.hash) };
  });
}

const dollars = (value: UsdcAmount | undefined) =>
  typeof value === "bigint" ? formatUnits(value, USDC_DECIMALS) : value;

/**
 * create-pool for the model, signed by account 0: registers it (live stack), creates its
 * pool (behind the system's PurchaserWhitelist unless `public`), authorises the pool to
 * mint and, with `initialReserve`, seeds the reserve from the owner's USDC. Parameters left
 * out take the factory's defaults.
 */
export function launchPool<S extends HokusaiStack>(
  model: HokusaiModel<S>,
  options: LaunchPoolOptions = {},
): Promise<HokusaiPool<S>> {
  return withPluginErrors(async () => {
    const { system } = model;
    const hre = runtimeOf(system);
    const gate =
      options.public || system.purchaserWhitelist === undefined
        ? undefined
        : await system.purchaserWhitelist.getAddress();
    const result = await hre.hokusai.createPool({
      modelId: model.modelId,
      tokenManager: await system.tokenManager.getAddress(),
      ammFactory: await system.ammFactory.getAddress(),
      performanceMetric: options.performanceMetric ?? "accuracy",
      public: options.public,
      whitelist: options.whitelist ?? gate,
      initialReserve: dollars(options.initialReserve),
      crr: options.crr,
      tradeFee: options.tradeFee,
      ibrDuration: options.ibrDuration,
      flatCurveThreshold: dollars(options.flatCurveThreshold),
      flatCurvePrice: dollars(options.flatCurvePrice),
      yes: true,
    });
    return {
      system,
      model,
      pool: await contractAt(hre, CONTRACT_NAMES[system.stack].pool, result.pool, system.owner),
      address: result.pool,
      launch: result,
    } as HokusaiPool<S>;
  });
}

/**
 * Adds accounts to the live stack's PurchaserWhitelist (as its admin, the owner), so that
 * they may buy from gated pools. Returns the receipt.
 */
export function addToWhitelist(
  system: HokusaiSystem,
  ...accounts: Array<string | { address: string }>
): Promise<TransactionReceipt> {
  return withPluginErrors(async () => {
    if (system.purchaserWhitelist === undefined) {
      throw invalidInput(
        "outOfRange",
        "stack",
        system.stack,
        'the guide\'s stack has no PurchaserWhitelist (its pools are public); deploy the system with stack "live"',
      );
    }
    const addresses = accounts.map((a, i) =>
      parseAddress(`accounts[${i}]`, typeof a === "string" ? a : a.address),
    );
    const whitelist: LivePurchaserWhitelist = system.purchaserWhitelist;
    return sendCall(runtimeOf(system), system.owner, whitelist, "addBatch", [addresses]);
  });
}
