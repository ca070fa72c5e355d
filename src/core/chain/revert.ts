/**
 * Turns a revert from any Hokusai contract into a message that says what is wrong
 * and what to do: one decoder for the preflight's static calls and for a transaction
 * that reverts anyway. Fixes name inputs as `{field}`, which each face renders its way.
 */
import { AbiCoder, dataSlice, isHexString } from "ethers";

import { ERRORS_ABI } from "../abi";
import { ERRORS, HokusaiError, msg, templateParts } from "../errors";
import {
  explainRevertString,
  missingRoleAdvice,
  notOwnerAdvice,
  type RevertAdvice,
  type RevertContext,
} from "./revert-strings";
import { interfaceOf } from "./contract";

export type { RevertAdvice, RevertContext } from "./revert-strings";

const ERROR_STRING_SELECTOR = "0x08c379a0";
const PANIC_SELECTOR = "0x4e487b71";

/** A revert, decoded, with the advice of its troubleshooting row. */
export interface DecodedRevert extends RevertAdvice {
  /** The stable code of `kind`. */
  code: string;
  selector?: string;
  data?: string;
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
  const decoded = decode(data, context);
  return { ...decoded, code: ERRORS[decoded.kind].code };
}

function decode(data: string | undefined, context: RevertContext): Omit<DecodedRevert, "code"> {
  if (data === undefined || data === "0x" || data === "") {
    return {
      kind: "revertWithoutData",
      reason: "reverted without data",
      message: "the contract reverted without data",
      fix: "this usually means the contract does not speak the ABI that was called (for example a v2 TokenManager called with the guide's v1 function), or it ran out of gas; check the address and rerun with {dryRun}",
      data,
    };
  }
  const selector = dataSlice(data, 0, 4);
  if (selector === ERROR_STRING_SELECTOR) {
    const [text] = AbiCoder.defaultAbiCoder().decode(["string"], dataSlice(data, 4)) as unknown as [string];
    return { ...explainRevertString(text, context), selector, data };
  }
  if (selector === PANIC_SELECTOR) {
    const [panic] = AbiCoder.defaultAbiCoder().decode(["uint256"], dataSlice(data, 4)) as unknown as [bigint];
    const what = PANICS[Number(panic)] ?? `panic code 0x${panic.toString(16)}`;
    return {
      kind: "panic",
      reason: `Panic(0x${panic.toString(16)})`,
      message: `the contract panicked: ${what}`,
      fix: "this is a contract bug or an input far outside its range; check the values you passed",
      selector,
      data,
    };
  }
  let parsed;
  try {
    // Parsed on the first revert (interfaceOf keeps it), not when the core loads.
    parsed = interfaceOf(ERRORS_ABI).parseError(data);
  } catch {
    parsed = null;
  }
  if (parsed === null) {
    return {
      kind: "unknownCustomError",
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

/** The inputs behind each `context` string of the contracts' custom errors. */
const CONTEXT_FIELDS: Record<string, string> = {
  "model supplier allocation": "modelSupplierAllocation",
  "investor allocation": "investorAllocation",
  "model supplier recipient": "modelSupplierRecipient",
  governor: "governor",
  "model ID": "modelId",
  "token name": "name",
  "token symbol": "symbol",
};

const ADDRESS_FIXES: Record<string, string> = {
  "model supplier recipient":
    "pass a valid non-zero recipient with {modelSupplierRecipient} (or MODEL_SUPPLIER_RECIPIENT)",
  governor:
    "pass a valid non-zero {governor} (or GOVERNOR_ADDRESS); a multisig is recommended for production",
};

function explainCustom(name: string, args: unknown[], reason: string, context: RevertContext): RevertAdvice {
  const what = String(args[0]);
  const field = CONTEXT_FIELDS[what];
  switch (name) {
    case "InvalidAmount":
      return {
        kind: "revertInvalidAmount",
        reason,
        message: `InvalidAmount: the ${what} is zero`,
        fix:
          field === undefined
            ? `pass a positive ${what}`
            : `pass positive values for both allocations ({${field}})`,
      };
    case "ZeroAddress":
      return {
        kind: "revertZeroAddress",
        reason,
        message: `ZeroAddress: the ${what} is the zero address`,
        fix: ADDRESS_FIXES[what] ?? `pass a non-zero ${what}`,
      };
    case "EmptyString":
      return {
        kind: "revertEmptyString",
        reason,
        message: `EmptyString: the ${what} is empty`,
        fix: `pass a non-empty ${field === undefined ? what : `{${field}}`}`,
      };
    case "ValueOutOfBounds":
      return {
        kind: "revertOutOfBounds",
        reason,
        message: `ValueOutOfBounds: ${boundsSubject(args)} ${String(args[0])} is outside ${String(args[1])} to ${String(args[2])}`,
        fix: `pass a value from ${String(args[1])} to ${String(args[2])}`,
      };
    case "FeeTooHigh":
      return {
        kind: "revertOutOfBounds",
        reason,
        message: `FeeTooHigh: the trade fee ${String(args[0])} bps is above ${String(args[1])} bps`,
        fix: `pass {tradeFee} at most ${String(args[1])}`,
      };
    case "NotWhitelisted":
      return {
        kind: "notWhitelisted",
        reason,
        message: `NotWhitelisted: ${what} is not on the pool's purchaser whitelist`,
        fix: "have the whitelist's admin add the buyer (PurchaserWhitelist.addToWhitelist), or buy from a whitelisted account",
      };
    case "AccessControlUnauthorizedAccount":
      return missingRoleAdvice(String(args[0]), String(args[1]), reason);
    case "OwnableUnauthorizedAccount":
      return notOwnerAdvice(String(args[0]), reason);
    default:
      return {
        kind: "unknownCustomError",
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

/** The decoded revert as the error the user sees: where it happened, what is wrong, the fix. */
export function revertError(decoded: DecodedRevert, when: string): HokusaiError {
  return new HokusaiError(decoded.kind, msg`${when}: ${decoded.message}; ${templateParts(decoded.fix)}`, {
    cause: decoded,
  });
}

/** The revert carried by an error of a call, decoded; undefined when the error is no revert (an RPC failure). */
export function decodeCallError(error: unknown, context: RevertContext): DecodedRevert | undefined {
  const data = extractRevertData(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  if (data === undefined && code !== "CALL_EXCEPTION" && !/revert/i.test(String(error))) return undefined;
  return decodeRevertData(data, context);
}
