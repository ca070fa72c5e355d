import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The mock Hokusai system: USDC, the TokenManager (guide ABI) and the AMM factory.
 *
 * Parameters (HokusaiSystemModule):
 *   owner                 the backend / server signer that owns every contract (default: account 0)
 *   treasury              receives trade fees and the infrastructure share (default: account 0)
 *   deploymentFee         wei the TokenManager charges per deployment (default 0)
 *   deployerRoleRequired  whether deployment needs DEPLOYER_ROLE (default false)
 */
export default buildModule("HokusaiSystemModule", (m) => {
  const owner = m.getParameter("owner", m.getAccount(0));
  const treasury = m.getParameter("treasury", m.getAccount(0));
  const deploymentFee = m.getParameter("deploymentFee", 0n);
  const deployerRoleRequired = m.getParameter("deployerRoleRequired", false);

  const usdc = m.contract("MockUSDC", [owner]);
  const tokenManager = m.contract("MockTokenManager", [owner, deploymentFee, deployerRoleRequired]);
  const ammFactory = m.contract("MockHokusaiAMMFactory", [owner, tokenManager, usdc, treasury]);

  return { usdc, tokenManager, ammFactory };
});
