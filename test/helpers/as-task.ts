/** A core call's failure as a task shows it: the fields named by their flags. */
import { flagNamer, toPluginError } from "../../src/errors";

export function asTask<T>(promise: Promise<T>): Promise<T> {
  return promise.catch((error: unknown) => {
    throw toPluginError(error, flagNamer);
  });
}
