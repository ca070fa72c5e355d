import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { AccountRuntimeValue } from "@nomicfoundation/ignition-core";

import { deployContract, MODULE_IDS } from "./builders";

/**
 * The historical v1 stack, for the scenario of a TokenManager that speaks the guide's ABI
 * but whose tokens have no investorAllocation()/investorMinted(): MockUSDC,
 * MockLegacyTokenManager and the guide's AMM factory, all owned by `owner`.
 *
 * Parameters (HokusaiLegacySystemModule):
 *   owner          owns every contract (default: account 0)
 *   treasury       receives the pools' fees (default: account 0)
 *   deploymentFee  wei the TokenManager charges per deployment (default 0)
 */
export default buildModule(MODULE_IDS.legacySystem, (m) => {
  const owner = m.getParameter<string | AccountRuntimeValue>("owner", m.getAccount(0));
  const treasury = m.getParameter<string | AccountRuntimeValue>("treasury", m.getAccount(0));
  const deploymentFee = m.getParameter<bigint>("deploymentFee", 0n);

  const usdc = deployContract(m, "MockUSDC", [owner]);
  const tokenManager = deployContract(m, "MockLegacyTokenManager", [owner, deploymentFee]);
  const ammFactory = deployContract(m, "MockHokusaiAMMFactory", [owner, tokenManager, usdc, treasury]);
  return { usdc, tokenManager, ammFactory };
});
