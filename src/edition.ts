/**
 * Each edition refuses the other Hardhat in one line naming the right import. This
 * file, loaded first by the Hardhat 2 entry (src/index.ts), checks the Hardhat it
 * runs in; `require("hardhat-hokusai/hh3")` from Hardhat 2 runs `refuseHardhat2()`.
 */
import { HardhatPluginError } from "hardhat/plugins";

const PLUGIN = "hardhat-hokusai";

/** The major version of the project's Hardhat, or undefined when it cannot be read. */
export function hardhatMajor(): number | undefined {
  try {
    return Number((require("hardhat/package.json") as { version: string }).version.split(".")[0]);
  } catch {
    return undefined;
  }
}

/** The Hardhat 2 entry in a Hardhat 3 project. */
export function refuseHardhat3(): void {
  if ((hardhatMajor() ?? 2) < 3) return;
  throw new HardhatPluginError(
    PLUGIN,
    'this is the Hardhat 2 edition and the project runs Hardhat 3; in hardhat.config.ts use `import hardhatHokusai from "hardhat-hokusai/hh3";` and add it to `plugins`',
  );
}

/** The Hardhat 3 edition required from a Hardhat 2 project. */
export function refuseHardhat2(): never {
  throw new HardhatPluginError(
    PLUGIN,
    'hardhat-hokusai/hh3 is the Hardhat 3 edition and the project runs Hardhat 2; in hardhat.config.ts use `import "hardhat-hokusai";`',
  );
}
