import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { buildModelPool, MODULE_IDS, contractAt } from "./builders";

/**
 * The backend's part for a registered model: createPoolWithParams on the factory at
 * `ammFactory`, then authorizeAMM(pool) on the TokenManager at `tokenManager`. The
 * token is read with getTokenAddress(modelId). Pool parameters left out take the
 * factory's defaults (see buildModelPool). Send it from the owner of both contracts
 * (`--default-sender`).
 */
export default buildModule(MODULE_IDS.modelPool, (m) => {
  const tokenManager = contractAt(m, "ITokenManager", m.getParameter<string>("tokenManager"));
  const ammFactory = contractAt(m, "IHokusaiAMMFactory", m.getParameter<string>("ammFactory"));
  const { pool } = buildModelPool(m, { tokenManager, ammFactory });
  return { tokenManager, ammFactory, pool };
});
