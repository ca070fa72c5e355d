import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { MODULE_IDS } from "./builders";
import { buildPlan, guideSystem } from "./system-plans";

/**
 * HokusaiSystemModule with the live TokenManager ABI (MockTokenManagerV2: InitialParams
 * ends with a VestingConfig). Same parameters as HokusaiSystemModule.
 */
export default buildModule(MODULE_IDS.systemV2, (m) =>
  buildPlan(m, guideSystem({ abi: "v2", usdc: "mock" })),
);
