/**
 * A read that may not exist on every contract in the wild (a getter the live
 * contracts or an older deployment lack): undefined instead of a revert.
 */
export async function optionalRead<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch {
    return undefined;
  }
}
