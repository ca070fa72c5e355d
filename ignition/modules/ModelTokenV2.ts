import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { buildModelToken, MODULE_IDS, contractAt } from "./builders";

/**
 * ModelTokenModule for a TokenManager with the live ABI (v2): the same parameters, plus
 * an optional `vestingConfig` object ({ enabled, immediateUnlockBps,
 * vestingDurationSeconds, cliffSeconds }; all zero, the default, means the contract's
 * defaults).
 */
export default buildModule(MODULE_IDS.modelTokenV2, (m) => {
  const tokenManager = contractAt(m, "ITokenManagerV2", m.getParameter<string>("tokenManager"));
  const { token } = buildModelToken(m, tokenManager, "v2");
  return { tokenManager, token };
});
