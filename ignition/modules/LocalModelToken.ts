import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { buildModelToken, MODULE_IDS } from "./builders";
import HokusaiSystemModule from "./HokusaiSystem";

/**
 * A model token on the TokenManager of HokusaiSystemModule, which it deploys first
 * (or reuses, within the same deployment id): the one-command local set-up. The
 * parameters are those of ModelTokenModule without `tokenManager`.
 */
export default buildModule(MODULE_IDS.localModelToken, (m) => {
  const { usdc, tokenManager, ammFactory } = m.useModule(HokusaiSystemModule);
  const { token } = buildModelToken(m, tokenManager, "v1");
  return { usdc, tokenManager, ammFactory, token };
});
