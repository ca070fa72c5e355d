/**
 * Calls that fail for the RPC's sake, not the call's: a rate limit (HTTP 429, JSON-RPC
 * -32005 "limit exceeded"), a gateway's 5xx page, a connection reset or refused, no answer
 * before the timeout. Such a call is made again after a pause that doubles each time and is
 * never shorter than a Retry-After the error carries. A call that fails for its own sake (a
 * revert, a nonce already used) is never retried. When the RPC keeps failing, the run stops
 * with one line naming the RPC's host (never its URL, where providers put API keys); every
 * record is kept, so the same command resumes.
 *
 * What may be repeated: any read, and the broadcast of a transaction signed here (the same
 * bytes have one hash: the node takes them once). A transaction the node signs
 * (eth_sendTransaction) is repeated only after a failure that shows the request never reached
 * the node (a rate limit, a refused connection); after any other failure the engine asks the
 * chain whether the nonce was taken before it sends again (see TransactionEngine).
 */
import type { Provider } from "ethers";
import debug from "debug";

import { rpcGaveUpError } from "../errors";

const log = debug("hardhat:hokusai:rpc");

export type RpcFaultKind = "rate-limited" | "server-error" | "reset" | "timeout" | "refused";

/** What went wrong with the RPC, when that is what failed. */
export interface RpcFault {
  kind: RpcFaultKind;
  /** False when the request cannot have reached the node (a rate limit, a refused connection). */
  mayHaveReached: boolean;
  /** How long the RPC asked to wait, when the error says so. */
  retryAfterMs?: number;
}

export interface RetryPolicy {
  /** Tries of one call, the first included. */
  attempts: number;
  /** The pause after the first failure; each next pause doubles. */
  baseDelayMs: number;
  /** The longest pause between two tries. */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the run stops, to be rerun later. */
  maxRetryAfterMs: number;
}

/** 6 tries with pauses of 0.5, 1, 2, 4 and 8 s (about 15 s), or longer where the RPC asks. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

export interface RetryOptions {
  /** The RPC as messages may name it: its scheme and host, nothing of its path or query. */
  host: string;
  policy?: Partial<RetryPolicy>;
  /**
   * What the transport below knows about an error (e.g. that it already waited out a
   * rate limit): merged over the core's own reading of it.
   */
  hint?: (error: unknown) => Partial<RpcFault> | undefined;
  sleep?: (ms: number) => Promise<void>;
}

interface ErrorFacts {
  codes: Array<string | number>;
  messages: string[];
  statuses: number[];
  retryAfterMs?: number;
}

/** The codes, messages, HTTP statuses and retry hints of an error and of those it wraps. */
function factsOf(error: unknown, facts: ErrorFacts = { codes: [], messages: [], statuses: [] }, depth = 0) {
  if (error === null || typeof error !== "object" || depth > 6) return facts;
  const e = error as Record<string, unknown>;
  if (typeof e.code === "string" || typeof e.code === "number") facts.codes.push(e.code);
  if (typeof e.number === "number") facts.codes.push(`HH${e.number}`);
  if (typeof e.message === "string") facts.messages.push(e.message);
  for (const status of [e.status, e.statusCode, (e.info as Record<string, unknown>)?.responseStatus]) {
    const n = typeof status === "string" ? parseInt(status, 10) : status;
    if (typeof n === "number" && Number.isFinite(n)) facts.statuses.push(n);
  }
  facts.retryAfterMs ??= retryAfterOf(e);
  for (const inner of [e.error, e.cause, e.parent, (e.info as Record<string, unknown>)?.error])
    factsOf(inner, facts, depth + 1);
  return facts;
}

/** A Retry-After header of an HTTP answer, or the backoff a JSON-RPC error's data asks for. */
function retryAfterOf(e: Record<string, unknown>): number | undefined {
  const response = e.response as { headers?: Record<string, string> } | undefined;
  const data = e.data as { backoff_seconds?: unknown; rate?: { backoff_seconds?: unknown } } | undefined;
  for (const seconds of [
    response?.headers?.["retry-after"],
    data?.backoff_seconds,
    data?.rate?.backoff_seconds,
  ]) {
    const n = typeof seconds === "string" ? Number(seconds) : seconds;
    if (typeof n === "number" && Number.isFinite(n) && n >= 0) return n * 1000;
  }
  return undefined;
}

/** The RPC fault behind `error`, or undefined when the call itself failed (never retried). */
export function classifyRpcError(error: unknown): RpcFault | undefined {
  const { codes, messages, statuses, retryAfterMs } = factsOf(error);
  const text = messages.join(" | ");
  const has = (...wanted: Array<string | number>) => wanted.some((code) => codes.includes(code));
  // A revert is the call's own failure, whatever its reason string says.
  if (has(3, "CALL_EXCEPTION") || /revert/i.test(text)) return undefined;
  if (has(-32005) || statuses.includes(429) || /too many requests|rate limit/i.test(text))
    return { kind: "rate-limited", mayHaveReached: false, retryAfterMs };
  if (has("ECONNREFUSED", "HH108", "UND_ERR_CONNECT_TIMEOUT"))
    return { kind: "refused", mayHaveReached: false };
  if (has("ECONNRESET", "EPIPE", "UND_ERR_SOCKET") || /socket hang up|other side closed/i.test(text))
    return { kind: "reset", mayHaveReached: true };
  if (has("UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT", "TIMEOUT", "HH109"))
    return { kind: "timeout", mayHaveReached: true };
  // HH110: an answer that is not JSON-RPC, such as a gateway's 502/503 page.
  if (has("HH110") || statuses.some((s) => s >= 500 && s < 600))
    return { kind: "server-error", mayHaveReached: true };
  return undefined;
}

/** The pause before try `failures + 1`: doubling from the base, capped, never below a Retry-After. */
export function retryDelayMs(policy: RetryPolicy, failures: number, fault: RpcFault): number {
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - 1));
  return Math.max(backoff, fault.retryAfterMs ?? 0);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `call`, again after each RPC fault that `retryIf` accepts (default: all), until it
 * succeeds or the policy's tries are spent: then throws the one-line give-up error.
 * Any other error is thrown as it is.
 */
export async function withRetries<T>(
  what: string,
  call: () => Promise<T>,
  options: RetryOptions,
  retryIf: (fault: RpcFault) => boolean = () => true,
): Promise<T> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const read = classifyRpcError(error);
      const fault = read === undefined ? undefined : { ...read, ...options.hint?.(error) };
      if (fault === undefined || !retryIf(fault)) throw error;
      const seconds = Math.round((Date.now() - started) / 1000);
      if (attempt >= policy.attempts || (fault.retryAfterMs ?? 0) > policy.maxRetryAfterMs) {
        throw rpcGaveUpError(options.host, what, fault.kind, attempt, seconds, fault.retryAfterMs);
      }
      const delay = retryDelayMs(policy, attempt, fault);
      log("%s failed (%s, try %d of %d); again in %d ms", what, fault.kind, attempt, policy.attempts, delay);
      await (options.sleep ?? sleep)(delay);
    }
  }
}

/** The Provider methods that only read, or broadcast signed bytes: safe to call again. */
const REPEATABLE = new Set([
  "getBlockNumber",
  "getNetwork",
  "getFeeData",
  "getBalance",
  "getTransactionCount",
  "getCode",
  "getStorage",
  "call",
  "estimateGas",
  "getBlock",
  "getTransaction",
  "getTransactionReceipt",
  "getLogs",
  "broadcastTransaction",
]);

const RETRY_OPTIONS = Symbol("hokusai.retryOptions");

/**
 * `provider` with every read and every broadcast of signed bytes retried on RPC faults.
 * Contracts built over it retry their calls too. Wrapping twice wraps once.
 */
export function retryingProvider<P extends Provider>(provider: P, options: RetryOptions): P {
  if (retryOptionsOf(provider) !== undefined) return provider;
  return new Proxy(provider, {
    get(target, property, receiver) {
      if (property === RETRY_OPTIONS) return options;
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== "string" || !REPEATABLE.has(property) || typeof value !== "function")
        return value;
      return (...args: unknown[]) =>
        withRetries(
          property,
          () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args),
          options,
        );
    },
  });
}

/** The retry options of a provider made by retryingProvider, for the calls it does not wrap. */
export function retryOptionsOf(provider: Provider): RetryOptions | undefined {
  return (provider as unknown as Record<symbol, RetryOptions | undefined>)[RETRY_OPTIONS];
}
