import { notHokusaiContractError } from "./errors";

/**
 * A read that may fail for any reason and is only a bonus (a log search that a public
 * RPC limits): undefined instead of the failure.
 */
export async function optionalRead<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch {
    return undefined;
  }
}

/**
 * A getter that not every contract in the wild has (the live stack's, the guide's, an
 * older token's): undefined when the contract refuses the call. A failure of the RPC
 * itself is no answer and is thrown, so that it is never read as "not there".
 */
export async function optionalGetter<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isCallRefused(error)) return undefined;
    throw error;
  }
}

/** The first of several getters that the contract answers; undefined when it has none of them. */
export async function firstGetter<T>(...reads: Array<() => Promise<T>>): Promise<T | undefined> {
  for (const read of reads) {
    const value = await optionalGetter(read);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The contract a read is addressed to, for the message when it is not the contract meant. */
export interface ExpectedContract {
  what: string;
  address: string;
  /** The input that named the address (`tokenManager`, `ammFactory`). */
  field: string;
}

/** True for a call the contract refused (no such function, a revert), as opposed to an RPC failure. */
export function isCallRefused(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  if (e?.code === "CALL_EXCEPTION" || e?.code === "BAD_DATA") return true;
  return /function selector was not recognized|execution reverted|reverted without a reason|could not decode result data/i.test(
    String(e?.message ?? ""),
  );
}

/**
 * A read of a Hokusai contract; when the address holds some other contract (the call is
 * refused), a one-line error that names the address and the flag to fix.
 */
export async function readHokusai<T>(read: () => Promise<T>, expected: ExpectedContract): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isCallRefused(error)) throw notHokusaiContractError(expected.what, expected.address, expected.field);
    throw error;
  }
}

/**
 * A read started now and awaited later, where its answer is checked: reads that do not
 * depend on each other go out together, and the first failing check still wins. A read
 * whose check is never reached (an earlier one threw) is no unhandled rejection.
 */
export function startRead<T>(read: () => Promise<T>): Promise<T> {
  const pending = Promise.resolve().then(read);
  pending.catch(() => undefined);
  return pending;
}
