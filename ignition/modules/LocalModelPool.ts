import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { buildModelPool, MODULE_IDS } from "./builders";
import LocalModelTokenModule from "./LocalModelToken";

/**
 * The whole local lifecycle in one deployment: the system, a model token
 * (LocalModelTokenModule) and its pool, authorised to mint. Its own parameters are
 * those of ModelPoolModule without the addresses; `modelId` must be the one given to
 * LocalModelTokenModule (put it under "$global" to write it once).
 */
export default buildModule(MODULE_IDS.localModelPool, (m) => {
  const { usdc, tokenManager, ammFactory, token } = m.useModule(LocalModelTokenModule);
  const { pool } = buildModelPool(m, { tokenManager, ammFactory, token });
  return { usdc, tokenManager, ammFactory, token, pool };
});
