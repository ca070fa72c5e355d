/**
 * The revert strings of the Hokusai contracts (the guide's and the live stack's) and
 * what each means for the user: one table, matched in order.
 */
import { id, ZeroHash } from "ethers";

import { LIVE_REVERT_STRINGS, type LiveRevertWhere } from "../abi-live";
import type { ErrorName } from "../errors";

/** Who is acting on what: lets the same decoder word the advice for each task. */
export interface RevertContext {
  modelId?: string;
  account?: string;
}

/** What a revert means and what to do about it; `{field}` in the fix names an input. */
export interface RevertAdvice {
  kind: ErrorName;
  /** e.g. `InvalidAmount("investor allocation")` or `"Token already deployed for this model"`. */
  reason: string;
  message: string;
  fix: string;
}

/** The well-known roles, so the advice names the one that is missing. */
const ROLE_NAMES: Record<string, string> = Object.fromEntries([
  [ZeroHash, "DEFAULT_ADMIN_ROLE"],
  ...["DEPLOYER_ROLE", "MINTER_ROLE", "GOV_ROLE", "WHITELIST_ADMIN_ROLE"].map((name) => [id(name), name]),
]);

export function missingRoleAdvice(account: string, role: string, reason: string): RevertAdvice {
  const name = ROLE_NAMES[role.toLowerCase()];
  const fixes: Record<string, string> = {
    DEPLOYER_ROLE:
      "use an authorized deployer wallet, or ask the team that manages the contract's roles to grant it (DEPLOYER_ROLE)",
    GOV_ROLE:
      "sign with the model's governor (the token's owner, a multisig in production), which holds GOV_ROLE",
  };
  return {
    kind: "missingRole",
    reason,
    message: `AccessControl: account ${account} is missing role ${role}`,
    fix:
      (name === undefined ? undefined : fixes[name]) ??
      `use an account that holds ${name ?? "that role"}, or ask the team that manages the contract's roles to grant it`,
  };
}

export function notOwnerAdvice(account: string | undefined, reason: string): RevertAdvice {
  return {
    kind: "notOwner",
    reason,
    message: `only the contract owner may do this${account ? `, and ${account} is not the owner` : ""}`,
    fix: "sign with the owner account (the backend's server signer), e.g. --network <net> with its PRIVATE_KEY",
  };
}

interface RevertStringRow {
  /** The exact string, or a pattern for strings with values in them. */
  match: string | RegExp;
  advise: (text: string, context: RevertContext, model: string) => Omit<RevertAdvice, "reason">;
}

const statusCommand = (context: RevertContext) =>
  `\`npx hardhat hokusai:status --model-id ${context.modelId ?? "<id>"}\``;

const ROWS: RevertStringRow[] = [
  {
    match: "Model ID must be decimal string",
    advise: (_t, _c, model) => ({
      kind: "modelIdNotDecimal",
      message: `the ModelRegistry takes only decimal model ids, and model${model} is not one`,
      fix: "pass {modelId} with the numeric id the platform assigned (e.g. 28)",
    }),
  },
  {
    match: "Model not registered in ModelRegistry",
    advise: (_t, context, model) => ({
      kind: "modelNotRegistered",
      message: `model${model} is not registered in the ModelRegistry, and the factory creates pools for registered models only`,
      fix: `register it first: \`npx hardhat hokusai:create-pool --model-id ${context.modelId ?? "<id>"}\` registers it (as the registry's owner) before it creates the pool`,
    }),
  },
  {
    match: "Model is deactivated",
    advise: (_t, _c, model) => ({
      kind: "modelDeactivated",
      message: `model${model} is deactivated in the ModelRegistry`,
      fix: "have the registry's owner reactivate it (reactivateStringModel) first",
    }),
  },
  {
    match: "oraclePricePerThousandUsd exceeds maximum",
    advise: () => ({
      kind: "revertOutOfBounds",
      message: "the oracle price is above the contract's maximum (1e12, i.e. 1,000,000 USD per 1000 calls)",
      fix: "pass a lower {initialOraclePricePerThousandUsd}, or 0 to leave it unset",
    }),
  },
  {
    match:
      /^(immediateUnlockBps must be <= 10000|vesting duration must be > 0|cliff exceeds vesting duration|disabled vesting (cliff|duration) must be 0)$/,
    advise: (text) => ({
      kind: "revertOutOfBounds",
      message: `the params refused the vesting config: ${text}`,
      fix: 'pass {vesting} "default", "off" or "<immediateBps>:<durationDays>:<cliffDays>" with the cliff at most the duration',
    }),
  },
  {
    match: "Token already deployed for this model",
    advise: (_t, context, model) => ({
      kind: "tokenAlreadyDeployed",
      message: `Token already deployed for this model: model id${model} already has a token`,
      fix: `pick a new {modelId}, or inspect the deployed token with ${statusCommand(context)}`,
    }),
  },
  {
    match: "Insufficient deployment fee",
    advise: () => ({
      kind: "insufficientFee",
      message: "Insufficient deployment fee: the value sent is below the TokenManager's deploymentFee()",
      fix: "leave {fee} out to pay deploymentFee() as read from the contract, or pass at least that much",
    }),
  },
  {
    match: /^tokensPerDeltaOne must be between/,
    advise: () => ({
      kind: "revertOutOfBounds",
      message: "tokensPerDeltaOne is outside the contract's accepted range (100 to 10,000,000 tokens)",
      fix: "keep {tokensPerDeltaOne} within 100 to 10,000,000 tokens",
    }),
  },
  {
    match: /^infrastructureAccrualBps must be between/,
    advise: () => ({
      kind: "revertOutOfBounds",
      message: "infrastructureAccrualBps is outside the contract's accepted range (1000 to 10000)",
      fix: "keep {infrastructureAccrualBps} within 1000 to 10000",
    }),
  },
  {
    match: /^initialOraclePricePerThousandUsd must be at most/,
    advise: () => ({
      kind: "revertOutOfBounds",
      message: "initialOraclePricePerThousandUsd is above the contract's maximum (1e12, i.e. 1,000,000 USD)",
      fix: "pass a lower {initialOraclePricePerThousandUsd}, or 0 to leave it unset",
    }),
  },
  {
    match: "Pool already exists",
    advise: (_t, context, model) => ({
      kind: "poolExists",
      message: `Pool already exists: model${model} already has an AMM pool`,
      fix: `inspect it with ${statusCommand(context)}`,
    }),
  },
  {
    match: /^(Token not registered with TokenManager|Token address mismatch)$/,
    advise: (text, _c, model) => ({
      kind: "poolTokenMismatch",
      message: `${text}: the token does not belong to model${model} in the factory's TokenManager`,
      fix: "pass the model id the token was deployed with, and the factory wired to that TokenManager",
    }),
  },
  {
    match: "Model supplier allocation already distributed",
    advise: (_t, _c, model) => ({
      kind: "alreadyDistributed",
      message: `the supplier allocation of model${model} was already distributed`,
      fix: "nothing to do: it can be distributed once",
    }),
  },
  {
    match: "Token not deployed for this model",
    advise: (_t, _c, model) => ({
      kind: "modelNotDeployed",
      message: `no token is deployed for model${model}`,
      fix: "check the model id, or deploy it with `npx hardhat hokusai:deploy-token`",
    }),
  },
];

const CONTRACT_NAMES: Record<LiveRevertWhere, string> = {
  tokenManager: "TokenManager",
  params: "params contract",
  token: "model token",
  registry: "ModelRegistry",
  factory: "AMM factory",
  poolDeployer: "pool deployer",
  pool: "AMM pool",
  vault: "vesting vault",
  whitelist: "PurchaserWhitelist",
  oz4: "contract",
};

const KNOWN = new Map(LIVE_REVERT_STRINGS.map((row) => [row.text, row]));

/** The advice for a revert string; an unknown string keeps its text and a general fix. */
export function explainRevertString(text: string, context: RevertContext): RevertAdvice {
  const reason = JSON.stringify(text);
  const model = context.modelId ? ` "${context.modelId}"` : "";
  const role = /^AccessControl: account (0x[0-9a-fA-F]{40}) is missing role (0x[0-9a-fA-F]{64})$/.exec(text);
  if (role) return missingRoleAdvice(role[1], role[2], reason);
  if (text === "Ownable: caller is not the owner") return notOwnerAdvice(context.account, reason);
  for (const row of ROWS) {
    const hit = typeof row.match === "string" ? row.match === text : row.match.test(text);
    if (hit) return { reason, ...row.advise(text, context, model) };
  }
  const known = KNOWN.get(text);
  if (known !== undefined) {
    return {
      kind: "knownRevert",
      reason,
      message: `the ${CONTRACT_NAMES[known.where]} reverted ${reason}`,
      fix: known.meaning,
    };
  }
  return {
    kind: "unknownRevertString",
    reason,
    message: `the contract reverted: ${text}`,
    fix: "check the parameters against the guide's parameter reference",
  };
}
