import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { MODULE_IDS } from "./builders";
import { buildPlan, LIVE_SYSTEM } from "./system-plans";

/**
 * A live-like Hokusai system (contracts/mocks/live/), as LIVE_SYSTEM in system-plans.ts
 * describes it: deployed in the order of the platform's own deployment script (ModelRegistry,
 * TokenDeploymentFactory, TokenManager, RewardVestingVault, which takes the TokenManager's
 * address, then the AMM factory with its pool deployer, and the PurchaserWhitelist), then
 * wired: setVestingVault, setStringModelTokenManager, setPoolDeployer, and the factory as the
 * registry's pool registrar.
 *
 * As on the platform the deployer (account 0) owns what it deploys and wires it; then the
 * registry, the TokenManager and the AMM factory are handed to `owner`, who also gets the
 * TokenManager's DEFAULT_ADMIN_ROLE (authorizeAMM needs it). With another `owner` the deployer
 * keeps the TokenManager roles it was granted at construction, as the platform's deployer does
 * until its governance handoff.
 *
 * Parameters (HokusaiLiveSystemModule):
 *   owner          the backend / server signer that ends up owning every contract (default: account 0)
 *   treasury       receives the pools' trade fees (default: account 0)
 *   deploymentFee  wei the TokenManager charges per deployment (default 0)
 *   ownerUsdc      mock USDC minted to `owner`, 6 decimals (default 1,000,000 USDC), as the
 *                  platform's deployment mints its MockUSDC, so that a pool's reserve can be seeded
 */
export default buildModule(MODULE_IDS.liveSystem, (m) => buildPlan(m, LIVE_SYSTEM));
