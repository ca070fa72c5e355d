/**
 * verify-license on a Hardhat network: the TokenManager (flag, config, or the local
 * mock) and the IPFS gateway (config) resolved from the HRE, then the core's
 * verification. Reads only; never signs.
 */
import type { HokusaiHost } from "../host";

import { type FieldNamer, keyNamer } from "../../core/errors";
import type { VerifyLicenseRequest } from "../../core/license/args";
import type { VerifyLicenseResult } from "../../core/license/verify";
import { withPluginErrors } from "../../errors";
import { requireAddress } from "../addresses";
import { checkNetwork, rpcProvider } from "../network";

export function runVerifyLicense(
  hre: HokusaiHost,
  request: VerifyLicenseRequest,
  names: FieldNamer = keyNamer,
): Promise<VerifyLicenseResult> {
  return withPluginErrors(async () => {
    const { parseVerifyLicenseRequest } = await import("../../core/license/args");
    const { verifyLicense } = await import("../../core/license/verify");
    const parsed = parseVerifyLicenseRequest(request);
    const chainId = await checkNetwork(hre);
    const target =
      "token" in parsed.by
        ? parsed.by
        : {
            modelId: parsed.by.modelId,
            tokenManager: (await requireAddress(hre, chainId, "tokenManager", parsed.tokenManager)).address,
          };
    return verifyLicense(rpcProvider(hre), target, {
      ...parsed.options,
      fetchOptions: { ipfsGateway: hre.config.hokusai.ipfsGateway, ...parsed.options.fetchOptions },
    });
  }, names);
}
