import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { MODULE_IDS } from "./builders";
import { buildPlan, guideSystem } from "./system-plans";

/**
 * HokusaiSystemModule on an existing USDC (for instance Circle's test USDC on sepolia)
 * instead of a MockUSDC. Parameters: those of HokusaiSystemModule, plus `usdc`, the
 * address of the 6-decimal ERC-20 the pools hold as reserve (required).
 */
export default buildModule(MODULE_IDS.systemExistingUsdc, (m) =>
  buildPlan(m, guideSystem({ abi: "v1", usdc: "existing" })),
);
