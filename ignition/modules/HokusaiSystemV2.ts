import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { buildSystem, MODULE_IDS } from "./builders";

/**
 * HokusaiSystemModule with the live TokenManager ABI (MockTokenManagerV2: InitialParams
 * ends with a VestingConfig). Same parameters as HokusaiSystemModule.
 */
export default buildModule(MODULE_IDS.systemV2, (m) => buildSystem(m, { abi: "v2", usdc: "mock" }));
