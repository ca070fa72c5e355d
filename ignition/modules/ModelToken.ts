import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { buildModelToken, MODULE_IDS, contractAt } from "./builders";

/**
 * A model token, deployed as the guide's step 3 does: deployTokenWithAllocations on the
 * TokenManager at the `tokenManager` parameter (guide ABI, v1). The other parameters
 * are the guide's (see buildModelToken); `token` is the deployed IHokusaiToken.
 */
export default buildModule(MODULE_IDS.modelToken, (m) => {
  const tokenManager = contractAt(m, "ITokenManager", m.getParameter<string>("tokenManager"));
  const { token } = buildModelToken(m, tokenManager, "v1");
  return { tokenManager, token };
});
