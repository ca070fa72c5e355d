/**
 * What `hokusai:status` prints: pure functions of a ModelStatus, tested as strings.
 * The stages are read from the chain (src/core/status.ts).
 */
import type { LifecycleStage, ModelStatus, NextStep } from "../core/status";
import { describeVesting } from "../core/deploy/preflight";
import { formatBps, formatCrr, formatSeconds, formatUsdc, type NetworkContext, splitRows } from "./backend";
import { formatTokens, formatUsd6, table, toJsonValue } from "./format";

export const STATUS_JSON_VERSION = 1;

/** The network, and the address flags the user passed, so the next command can repeat them. */
export interface StatusContext extends NetworkContext {
  tokenManagerFlag?: string;
  ammFactoryFlag?: string;
  /** Where each address came from: a flag, the config, the environment, the address book. */
  sources?: { tokenManager?: string; ammFactory?: string };
}

/** What each stage means on-chain, on the live stack (with a ModelRegistry) and on the guide's. */
export function stageMeaning(stage: LifecycleStage, live: boolean): string {
  switch (stage) {
    case "NONE":
      return "no token is deployed for this model id";
    case "PROPOSAL":
      return live
        ? "the token is deployed; the model is not registered in the ModelRegistry yet"
        : "the token is deployed; the supplier allocation is not distributed yet";
    case "REGISTERED":
      return live
        ? "the model is registered in the ModelRegistry; its pool is not live yet"
        : "the supplier allocation is distributed (the model passed verification); no live pool yet";
    case "DEPLOYED":
      return live
        ? "the pool exists, may mint and holds a reserve: the model trades"
        : "the pool exists and is authorised to mint: the model trades";
  }
}

/** The stage meanings of the guide's stack, for readers that need one table. */
export const STAGE_MEANINGS: Record<LifecycleStage, string> = {
  NONE: stageMeaning("NONE", false),
  PROPOSAL: stageMeaning("PROPOSAL", false),
  REGISTERED: stageMeaning("REGISTERED", false),
  DEPLOYED: stageMeaning("DEPLOYED", false),
};

const STEP_DESCRIPTIONS: Record<NextStep, string> = {
  "deploy-token": "deploy the model token (signed by the model developer)",
  "distribute-supplier-allocation":
    "distribute the supplier allocation once the model passes verification (signed by the TokenManager owner, the backend's server signer)",
  "register-model":
    "register the model in the ModelRegistry, create its pool, authorise it and seed its reserve (signed by the owner of the registry, the factory and the TokenManager)",
  "reactivate-model":
    "reactivate the model in the ModelRegistry (reactivateStringModel, signed by the registry's owner); pools need an active model",
  "create-pool":
    "create the AMM pool and authorise it to mint (signed by the owner of the AMM factory and the TokenManager)",
  "authorize-pool":
    "authorise the existing pool to mint; create-pool finishes the half-done pair (signed by the TokenManager owner)",
  "seed-reserve":
    "seed the pool's reserve with USDC (approve, then depositFees); create-pool does it with --initial-reserve",
};

/** A word for a POSIX shell: bare when safe, else single-quoted. */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9_.,:@%+/=-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The exact command of a next step, with the flags this run was given. */
export function nextStepCommand(step: NextStep, modelId: string, context: StatusContext): string {
  const words = ["npx", "hardhat"];
  const flag = (name: string, value: string | undefined) => {
    if (value !== undefined) words.push(name, value);
  };
  switch (step) {
    case "deploy-token":
      words.push("hokusai:deploy-token");
      flag("--model-id", shellWord(modelId));
      words.push(
        "--name",
        '"<token name>"',
        "--symbol",
        "<TICKER>",
        "--preset",
        "growth",
        "--license-file",
        "<license file>",
        "--license-uri",
        "<license URI>",
      );
      flag("--token-manager", context.tokenManagerFlag);
      break;
    case "distribute-supplier-allocation":
      words.push("hokusai:distribute-supplier-allocation");
      flag("--model-id", shellWord(modelId));
      flag("--token-manager", context.tokenManagerFlag);
      break;
    case "register-model":
    case "create-pool":
    case "authorize-pool":
    case "seed-reserve":
      words.push("hokusai:create-pool");
      flag("--model-id", shellWord(modelId));
      if (step === "register-model") words.push("--performance-metric", "<metric>");
      if (step === "register-model" || step === "seed-reserve") words.push("--initial-reserve", "<USDC>");
      flag("--token-manager", context.tokenManagerFlag);
      flag("--amm-factory", context.ammFactoryFlag);
      break;
    case "reactivate-model":
      return "reactivateStringModel(modelId) on the ModelRegistry, from its owner";
  }
  if (context.network !== "hardhat") flag("--network", context.network);
  return words.join(" ");
}

function check(done: boolean): string {
  return done ? "[x]" : "[ ]";
}

/** The whole view, for stdout. */
export function formatStatus(status: ModelStatus, context: StatusContext): string {
  const { model, pool, facts, registration } = status;
  const live = registration !== undefined;
  const sections: string[] = [];
  const from = (source: string | undefined) => (source === undefined ? "" : ` (from ${source})`);
  const addresses: Array<[string, string]> = [
    ["TokenManager", `${status.tokenManager}${from(context.sources?.tokenManager)}`],
    ["AMM factory", `${status.ammFactory}${from(context.sources?.ammFactory)}`],
  ];
  if (registration !== undefined) addresses.push(["ModelRegistry", registration.registry]);
  sections.push(
    `Model "${status.modelId}" on ${context.network} (chain ${context.chainId}): ${status.stage}, ${stageMeaning(status.stage, live)}.\n` +
      table(addresses),
  );
  if (model === undefined) {
    sections.push(
      `No token is deployed for model id "${status.modelId}" on this TokenManager (ids are case-sensitive).`,
    );
  } else {
    const steps: Array<[string, string]> = live
      ? [
          [`${check(facts.tokenDeployed)} token deployed`, "PROPOSAL"],
          [`${check(facts.supplierDistributed)} supplier allocation distributed`, ""],
          [`${check(facts.registered === true)} registered in the ModelRegistry`, "REGISTERED"],
          [`${check(facts.poolCreated)} pool created`, ""],
          [`${check(facts.poolAuthorized)} pool authorised to mint`, ""],
          [`${check(facts.reserveSeeded === true)} reserve seeded`, "DEPLOYED"],
        ]
      : [
          [`${check(facts.tokenDeployed)} token deployed`, "PROPOSAL"],
          [`${check(facts.supplierDistributed)} supplier allocation distributed`, "REGISTERED"],
          [`${check(facts.poolCreated)} pool created`, ""],
          [`${check(facts.poolAuthorized)} pool authorised to mint`, "DEPLOYED"],
        ];
    sections.push("Lifecycle\n" + table(steps).replace(/ +$/gm, ""));
    sections.push(
      `Token ${model.token}\n` +
        table([
          ["name", `${model.name} (${model.symbol})`],
          ["max supply", `${formatTokens(model.maxSupply)} tokens`],
          ["total supply", `${formatTokens(model.totalSupply)} tokens minted so far`],
          [
            "supplier allocation",
            `${formatTokens(model.modelSupplierAllocation)} tokens to ${model.modelSupplierRecipient}, ${model.modelSupplierDistributed ? "distributed" : "not distributed yet"}`,
          ],
          [
            "investor allocation",
            model.investorAllocation === undefined
              ? "not reported by this token (an older v1 token)"
              : `${formatTokens(model.investorAllocation)} tokens, ${model.investorMinted === undefined ? "minted amount not reported" : `${formatTokens(model.investorMinted)} minted`}`,
          ],
        ]),
    );
    sections.push(
      `Params ${model.params}\n` +
        table([
          ["tokens per DeltaOne", formatTokens(model.tokensPerDeltaOne)],
          ["infrastructure accrual", formatBps(model.infrastructureAccrualBps)],
          ["oracle price / 1000 calls", formatUsd6(model.initialOraclePricePerThousandUsd)],
          [
            "governor",
            model.governor === undefined
              ? "not reported by the token or the params"
              : `${model.governor}${model.governorSource === undefined ? "" : ` (${model.governorSource})`}`,
          ],
          ["license hash", model.licenseHash],
          ["license URI", model.licenseURI],
          ...(model.vesting === undefined
            ? []
            : ([["vesting", describeVesting(model.vesting)]] as Array<[string, string]>)),
        ]),
    );
    if (status.supplierSplit !== undefined) {
      sections.push(
        `Supplier allocation (${model.modelSupplierDistributed ? "distributed" : "not distributed yet"})\n` +
          table(splitRows(status.supplierSplit)),
      );
    }
    if (registration !== undefined) {
      const state = !registration.registered
        ? "not registered"
        : registration.active
          ? "registered and active"
          : "registered, deactivated";
      const rows: Array<[string, string]> = [["state", state]];
      if (registration.performanceMetric !== undefined)
        rows.push(["performance metric", registration.performanceMetric]);
      sections.push(`Registry ${registration.registry}\n${table(rows)}`);
    }
    if (pool === undefined) {
      sections.push("Pool: none yet.");
    } else {
      const rows: Array<[string, string]> = [["authorised to mint", pool.authorized ? "yes" : "no"]];
      if (pool.reserveBalance !== undefined) rows.push(["reserve", formatUsdc(pool.reserveBalance)]);
      if (pool.spotPrice !== undefined) rows.push(["spot price", `${formatUsdc(pool.spotPrice)} per token`]);
      if (pool.crr !== undefined) rows.push(["crr", formatCrr(pool.crr)]);
      if (pool.tradeFee !== undefined) rows.push(["trade fee", formatBps(pool.tradeFee)]);
      if (pool.ibrDuration !== undefined || pool.ibrEndTime !== undefined) {
        const length = pool.ibrDuration === undefined ? "buy-only" : formatSeconds(pool.ibrDuration);
        const ends = pool.ibrEndTime === undefined ? "" : `, sells open at ${isoSeconds(pool.ibrEndTime)}`;
        rows.push(["IBR", `${length}${ends}`]);
      }
      if (pool.purchaserWhitelist !== undefined) {
        rows.push([
          "buyers",
          pool.purchaserWhitelist === null
            ? "anyone (public pool)"
            : `whitelisted by ${pool.purchaserWhitelist}`,
        ]);
      }
      if (pool.paused === true) rows.push(["paused", "yes: no trades"]);
      if (pool.flatCurvePrice !== undefined && pool.flatCurveThreshold !== undefined) {
        rows.push([
          "flat curve",
          `${formatUsdc(pool.flatCurvePrice)} per token until the reserve reaches ${formatUsdc(pool.flatCurveThreshold)}`,
        ]);
      }
      sections.push(`Pool ${pool.address}\n${table(rows)}`);
    }
  }
  sections.push(
    status.next === undefined
      ? "Next step: none on-chain; the model is live."
      : `Next step: ${STEP_DESCRIPTIONS[status.next]}:\n  ${nextStepCommand(status.next, status.modelId, context)}`,
  );
  return sections.join("\n\n");
}

function isoSeconds(unixSeconds: bigint): string {
  return new Date(Number(unixSeconds) * 1000).toISOString().replace(".000Z", "Z");
}

/** The one document `--json` prints. */
export function statusJson(status: ModelStatus, context: StatusContext): Record<string, unknown> {
  const { model, pool } = status;
  return toJsonValue({
    version: STATUS_JSON_VERSION,
    network: context.network,
    chainId: context.chainId,
    modelId: status.modelId,
    stage: status.stage,
    stageMeaning: stageMeaning(status.stage, status.registration !== undefined),
    facts: status.facts,
    tokenManager: status.tokenManager,
    ammFactory: status.ammFactory,
    sources: context.sources ?? null,
    token:
      model === undefined
        ? null
        : {
            address: model.token,
            name: model.name,
            symbol: model.symbol,
            maxSupply: model.maxSupply,
            totalSupply: model.totalSupply,
            modelSupplierAllocation: model.modelSupplierAllocation,
            investorAllocation: model.investorAllocation,
            investorMinted: model.investorMinted,
          },
    params:
      model === undefined
        ? null
        : {
            address: model.params,
            tokensPerDeltaOne: model.tokensPerDeltaOne,
            infrastructureAccrualBps: model.infrastructureAccrualBps,
            initialOraclePricePerThousandUsd: model.initialOraclePricePerThousandUsd,
            governor: model.governor,
            governorSource: model.governorSource,
            licenseHash: model.licenseHash,
            licenseURI: model.licenseURI,
            vesting: model.vesting,
          },
    supplierAllocation:
      model === undefined
        ? null
        : {
            distributed: model.modelSupplierDistributed,
            recipient: model.modelSupplierRecipient,
            amount: model.modelSupplierAllocation,
            split: status.supplierSplit,
          },
    registration: status.registration ?? null,
    pool: pool === undefined ? null : { ...pool },
    next:
      status.next === undefined
        ? null
        : {
            step: status.next,
            description: STEP_DESCRIPTIONS[status.next],
            command: nextStepCommand(status.next, status.modelId, context),
          },
    warnings: status.warnings,
  }) as Record<string, unknown>;
}
