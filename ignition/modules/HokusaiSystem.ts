import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { MODULE_IDS } from "./builders";
import { buildPlan, guideSystem } from "./system-plans";

/**
 * The mock Hokusai system: MockUSDC, the TokenManager with the guide's ABI (v1) and the
 * AMM factory, all owned by `owner`.
 *
 * Parameters (HokusaiSystemModule):
 *   owner                 the backend / server signer that owns every contract (default: account 0)
 *   treasury              receives trade fees and the infrastructure share (default: account 0)
 *   deploymentFee         wei the TokenManager charges per deployment (default 0)
 *   deployerRoleRequired  whether deployment needs DEPLOYER_ROLE (default false)
 */
export default buildModule(MODULE_IDS.system, (m) => buildPlan(m, guideSystem({ abi: "v1", usdc: "mock" })));
