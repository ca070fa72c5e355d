/**
 * Turns a revert from any Hokusai contract into a message that says what is
 * wrong and what to do: one decoder for the preflight's static call and for a
 * transaction that reverts anyway.
 */
import { AbiCoder, dataSlice, Interface, isHexString } from "ethers";

import { ERRORS_ABI } from "./abi";

const ERROR_STRING_SELECTOR = "0x08c379a0";
const PANIC_SELECTOR = "0x4e487b71";

const errorsInterface = new Interface(ERRORS_ABI as unknown as string[]);

/** A revert, decoded, with the troubleshooting row it matches. */
export interface DecodedRevert {
  /** Stable code for the README's troubleshooting table. */
  code: string;
  /** e.g. `InvalidAmount("investor allocation")` or `"Token already deployed for this model"`. */
  reason: string;
  /** What is wrong, in the user's words. */
  message: string;
  /** What to do about it. */
  fix: string;
  selector?: string;
  data?: string;
}

/** Who the flags are: lets the same decoder name the right flag in each task. */
export interface RevertContext {
  modelId?: string;
  account?: string;
}

const PANICS: Record<number, string> = {
  0x01: "assertion failed",
  0x11: "arithmetic overflow or underflow",
  0x12: "division by zero",
  0x21: "invalid enum value",
  0x22: "bad storage byte array",
  0x31: "pop on an empty array",
  0x32: "array index out of bounds",
  0x41: "out of memory",
  0x51: "call to an uninitialised function",
};

/** Finds revert data in the many shapes ethers and Hardhat wrap it in. */
export function extractRevertData(error: unknown, depth = 0): string | undefined {
  if (error === null || typeof error !== "object" || depth > 6) return undefined;
  const e = error as Record<string, unknown>;
  for (const key of ["data", "revertData"]) {
    const value = e[key];
    if (typeof value === "string" && isHexString(value)) return value;
    if (value !== null && typeof value === "object") {
      const nested = (value as Record<string, unknown>).data;
      if (typeof nested === "string" && isHexString(nested)) return nested;
    }
  }
  for (const key of ["error", "info", "cause", "parent"]) {
    const found = extractRevertData(e[key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Decodes revert data against every ABI of the project. */
export function decodeRevertData(data: string | undefined, context: RevertContext = {}): DecodedRevert {
  if (data === undefined || data === "0x" || data === "") {
    return {
      code: "HOK411",
      reason: "reverted without data",
      message: "the contract reverted without data",
      fix: "this usually means the contract does not speak the ABI that was called (for example a v2 TokenManager called with the guide's v1 function), or it ran out of gas; check the address and rerun with --dry-run",
      data,
    };
  }
  const selector = dataSlice(data, 0, 4);
  if (selector === ERROR_STRING_SELECTOR) {
    const [text] = AbiCoder.defaultAbiCoder().decode(["string"], dataSlice(data, 4)) as unknown as [string];
    return { ...explainString(text, context), selector, data };
  }
  if (selector === PANIC_SELECTOR) {
    const [panic] = AbiCoder.defaultAbiCoder().decode(["uint256"], dataSlice(data, 4)) as unknown as [bigint];
    const what = PANICS[Number(panic)] ?? `panic code 0x${panic.toString(16)}`;
    return {
      code: "HOK413",
      reason: `Panic(0x${panic.toString(16)})`,
      message: `the contract panicked: ${what}`,
      fix: "this is a contract bug or an input far outside its range; check the values you passed",
      selector,
      data,
    };
  }
  let parsed;
  try {
    parsed = errorsInterface.parseError(data);
  } catch {
    parsed = null;
  }
  if (parsed === null) {
    return {
      code: "HOK412",
      reason: `unknown error ${selector}`,
      message: `the contract reverted with an error this tool does not know (selector ${selector}, data ${data})`,
      fix: "look the selector up in the contract's ABI (e.g. `cast 4byte`), or check that the address is the Hokusai contract you meant",
      selector,
      data,
    };
  }
  const args = parsed.args.toArray();
  const reason = `${parsed.name}(${args.map((a) => (typeof a === "string" ? JSON.stringify(a) : String(a))).join(", ")})`;
  return { ...explainCustom(parsed.name, args, reason, context), selector, data };
}

const AMOUNT_FLAGS: Record<string, string> = {
  "model supplier allocation": "--model-supplier-allocation",
  "investor allocation": "--investor-allocation",
};
const ADDRESS_FIXES: Record<string, string> = {
  "model supplier recipient":
    "pass a valid non-zero recipient with --model-supplier-recipient (or MODEL_SUPPLIER_RECIPIENT)",
  governor:
    "pass a valid non-zero --governor (or GOVERNOR_ADDRESS); a multisig is recommended for production",
};
const STRING_FLAGS: Record<string, string> = {
  "model ID": "--model-id",
  "token name": "--name",
  "token symbol": "--symbol",
};

function explainCustom(
  name: string,
  args: unknown[],
  reason: string,
  context: RevertContext,
): Omit<DecodedRevert, "selector" | "data"> {
  const what = String(args[0]);
  switch (name) {
    case "InvalidAmount":
      return {
        code: "HOK402",
        reason,
        message: `InvalidAmount: the ${what} is zero`,
        fix:
          what in AMOUNT_FLAGS
            ? `pass positive values for both allocations (${AMOUNT_FLAGS[what]})`
            : `pass a positive ${what}`,
      };
    case "ZeroAddress":
      return {
        code: "HOK403",
        reason,
        message: `ZeroAddress: the ${what} is the zero address`,
        fix: ADDRESS_FIXES[what] ?? `pass a non-zero ${what}`,
      };
    case "EmptyString":
      return {
        code: "HOK404",
        reason,
        message: `EmptyString: the ${what} is empty`,
        fix: `pass a non-empty ${STRING_FLAGS[what] ?? what}`,
      };
    case "ValueOutOfBounds":
      return {
        code: "HOK405",
        reason,
        message: `ValueOutOfBounds: ${boundsSubject(args)} ${String(args[0])} is outside ${String(args[1])} to ${String(args[2])}`,
        fix: `pass a value from ${String(args[1])} to ${String(args[2])}`,
      };
    case "FeeTooHigh":
      return {
        code: "HOK405",
        reason,
        message: `FeeTooHigh: the trade fee ${String(args[0])} bps is above ${String(args[1])} bps`,
        fix: `pass --trade-fee at most ${String(args[1])}`,
      };
    case "AccessControlUnauthorizedAccount":
      return missingRole(String(args[0]), String(args[1]), reason);
    case "OwnableUnauthorizedAccount":
      return notOwner(String(args[0]), reason);
    default:
      return {
        code: "HOK412",
        reason,
        message: `the contract reverted with ${reason}`,
        fix: context.modelId ? `check the parameters of model "${context.modelId}"` : "check the parameters",
      };
  }
}

function boundsSubject(args: unknown[]): string {
  const [, min, max] = args.map((a) => BigInt(a as bigint));
  if (min === 50_000n && max === 1_000_000n) return "crr";
  if (min === 86_400n && max === 2_592_000n) return "ibrDuration";
  if (min === 0n && max === 10_000n) return "immediateUnlockBps";
  return "the value";
}

function missingRole(
  account: string,
  role: string,
  reason: string,
): Omit<DecodedRevert, "selector" | "data"> {
  return {
    code: "HOK406",
    reason,
    message: `AccessControl: account ${account} is missing role ${role}`,
    fix: "use an authorized deployer wallet, or ask the team that manages the contract's roles to grant it (DEPLOYER_ROLE)",
  };
}

function notOwner(account: string | undefined, reason: string): Omit<DecodedRevert, "selector" | "data"> {
  return {
    code: "HOK408",
    reason,
    message: `only the contract owner may do this${account ? `, and ${account} is not the owner` : ""}`,
    fix: "sign with the owner account (the backend's server signer), e.g. --network <net> with its PRIVATE_KEY",
  };
}

function explainString(text: string, context: RevertContext): Omit<DecodedRevert, "selector" | "data"> {
  const reason = JSON.stringify(text);
  const model = context.modelId ? ` "${context.modelId}"` : "";
  const role = /^AccessControl: account (0x[0-9a-fA-F]{40}) is missing role (0x[0-9a-fA-F]{64})$/.exec(text);
  if (role) return missingRole(role[1], role[2], reason);
  if (text === "Ownable: caller is not the owner") return notOwner(context.account, reason);
  if (text === "Token already deployed for this model") {
    return {
      code: "HOK401",
      reason,
      message: `Token already deployed for this model: model id${model} already has a token`,
      fix: `pick a new --model-id, or inspect the deployed token with \`npx hardhat hokusai:status --model-id ${context.modelId ?? "<id>"}\``,
    };
  }
  if (text === "Insufficient deployment fee") {
    return {
      code: "HOK407",
      reason,
      message: "Insufficient deployment fee: the value sent is below the TokenManager's deploymentFee()",
      fix: "leave --fee out to pay deploymentFee() as read from the contract, or pass at least that much",
    };
  }
  if (/^tokensPerDeltaOne must be between/.test(text)) {
    return {
      code: "HOK405",
      reason,
      message: "tokensPerDeltaOne is outside the contract's accepted range (100 to 10,000,000 tokens)",
      fix: "keep --tokens-per-delta-one within 100 to 10,000,000 tokens",
    };
  }
  if (/^infrastructureAccrualBps must be between/.test(text)) {
    return {
      code: "HOK405",
      reason,
      message: "infrastructureAccrualBps is outside the contract's accepted range (1000 to 10000)",
      fix: "keep --infrastructure-accrual-bps within 1000 to 10000",
    };
  }
  if (/^initialOraclePricePerThousandUsd must be at most/.test(text)) {
    return {
      code: "HOK405",
      reason,
      message: "initialOraclePricePerThousandUsd is above the contract's maximum (1e12, i.e. 1,000,000 USD)",
      fix: "pass a lower --initial-oracle-price-per-thousand-usd, or 0 to leave it unset",
    };
  }
  if (text === "Pool already exists") {
    return {
      code: "HOK409",
      reason,
      message: `Pool already exists: model${model} already has an AMM pool`,
      fix: `inspect it with \`npx hardhat hokusai:status --model-id ${context.modelId ?? "<id>"}\``,
    };
  }
  if (text === "Token not registered with TokenManager" || text === "Token address mismatch") {
    return {
      code: "HOK410",
      reason,
      message: `${text}: the token does not belong to model${model} in the factory's TokenManager`,
      fix: "pass the model id the token was deployed with, and the factory wired to that TokenManager",
    };
  }
  if (text === "Model supplier allocation already distributed") {
    return {
      code: "HOK601",
      reason,
      message: `the supplier allocation of model${model} was already distributed`,
      fix: "nothing to do: it can be distributed once",
    };
  }
  if (text === "Token not deployed for this model") {
    return {
      code: "HOK311",
      reason,
      message: `no token is deployed for model${model}`,
      fix: "check the model id, or deploy it with `npx hardhat hokusai:deploy-token`",
    };
  }
  return {
    code: "HOK414",
    reason,
    message: `the contract reverted: ${text}`,
    fix: "check the parameters against the guide's parameter reference",
  };
}
