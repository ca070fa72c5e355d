/**
 * hardhat-hokusai for Hardhat 3 (`import hardhatHokusai from "hardhat-hokusai/hh3"`,
 * then `plugins: [hardhatHokusai]`): the same tasks and `hokusai` config as the
 * Hardhat 2 edition, on the same core, with `connection.hokusai` on each network
 * connection. Registration only: every `npx hardhat` loads this file.
 */
import * as hardhatPlugins from "hardhat/plugins";

import { PLUGIN_NAME } from "../errors";
import { HH3_TASKS } from "./tasks";

type Plugin = Record<string, unknown>;
const { definePlugin } = hardhatPlugins as unknown as { definePlugin?: (plugin: Plugin) => Plugin };

if (definePlugin === undefined) {
  // Hardhat 2 has no definePlugin: this project wants the other edition.
  throw new Error(
    'hardhat-hokusai/hh3 is the Hardhat 3 edition; in a Hardhat 2 project use `import "hardhat-hokusai";` in hardhat.config.ts',
  );
}

const hardhatHokusai = definePlugin({
  id: PLUGIN_NAME,
  npmPackage: "hardhat-hokusai",
  dependencies: () => [
    import("@nomicfoundation/hardhat-ethers"),
    import("@nomicfoundation/hardhat-ignition-ethers"),
  ],
  hookHandlers: {
    config: () => import("./hooks/config"),
    network: () => import("./hooks/network"),
  },
  tasks: HH3_TASKS,
});

export default hardhatHokusai;
