import type { HardhatRuntimeEnvironment } from "hardhat/types";

/**
 * `hre.hokusai`: the plugin's core functions bound to the current network, for
 * scripts and tests. Each method loads its module on first use, so that loading
 * the plugin stays cheap.
 */
export class HokusaiRuntime {
  constructor(private readonly hre: HardhatRuntimeEnvironment) {}

  /** The hokusai config of the network this runtime is connected to. */
  public get networkConfig() {
    return this.hre.config.hokusai.networks[this.hre.network.name] ?? {};
  }

  /** keccak256 of a license file's exact bytes, or of a string's UTF-8 bytes: the guide's step 2. */
  public async licenseHash(
    input: import("./core/license/hash").LicenseHashInput,
  ): Promise<import("./core/license/hash").LicenseHashResult> {
    const { hashLicense } = await import("./core/license/hash");
    return hashLicense(input);
  }

  /**
   * What `hokusai:verify-license` does, for scripts: resolves the TokenManager (flag,
   * config, or the local mock) and the IPFS gateway (config hokusai.ipfsGateway), then
   * compares the license bytes with the on-chain licenseHash. Returns the result for
   * MATCH and MISMATCH alike (check `verdict`); throws a HokusaiPluginError when the
   * chain or the license cannot be read. Reads only; never signs.
   */
  public async verifyLicense(
    request: import("./core/license/args").VerifyLicenseRequest,
  ): Promise<import("./core/license/verify").VerifyLicenseResult> {
    const { parseVerifyLicenseRequest } = await import("./core/license/args");
    const { verifyLicense } = await import("./core/license/verify");
    const { checkNetwork, resolveContractAddress } = await import("./network");
    const parsed = parseVerifyLicenseRequest(request);
    await checkNetwork(this.hre);
    const target =
      "token" in parsed.by
        ? parsed.by
        : {
            modelId: parsed.by.modelId,
            tokenManager: await resolveContractAddress(this.hre, "tokenManager", parsed.tokenManager),
          };
    return verifyLicense(this.hre.ethers.provider, target, {
      ...parsed.options,
      fetchOptions: { ipfsGateway: this.hre.config.hokusai.ipfsGateway, ...parsed.options.fetchOptions },
    });
  }
}
