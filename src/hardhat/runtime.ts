import type { HokusaiHost } from "./host";

/**
 * `hre.hokusai`: the plugin's core functions bound to the current network, for
 * scripts and tests. Each method loads its module on first use, so that loading
 * the plugin stays cheap.
 */
export class HokusaiRuntime {
  constructor(private readonly hre: HokusaiHost) {}

  /** The hokusai config of the network this runtime is connected to. */
  public get networkConfig() {
    return this.hre.config.hokusai.networks[this.hre.network.name] ?? {};
  }

  /**
   * What `hokusai:deploy-token` does, for scripts: preflight, then the journaled
   * deployment (a rerun finishes an earlier one and sends nothing twice). Takes the
   * task's options in camelCase (`plan`, `modelId`, `preset`, `licenseFile`, ...).
   * With `dryRun` it returns after the preflight without sending and the result has
   * no token. On a live chain pass `yes: true`; no question is asked from a script.
   */
  public async deployToken(
    options: import("./actions/deploy-token").DeployTokenOptions,
  ): Promise<import("./actions/deploy-token").DeployTokenOutcome> {
    const { runDeployToken } = await import("./actions/deploy-token");
    return runDeployToken(this.hre, options);
  }

  /** What `hokusai:deploy-tokens` does, for scripts: every model of a manifest, checked first. */
  public async deployTokens(
    options: import("./actions/deploy-tokens").DeployTokensOptions,
  ): Promise<import("./actions/deploy-tokens").DeployTokensOutcome> {
    const { runDeployTokens } = await import("./actions/deploy-tokens");
    return runDeployTokens(this.hre, options);
  }

  /** keccak256 of a license file's exact bytes, or of a string's UTF-8 bytes: the guide's step 2. */
  public async licenseHash(
    input: import("../core/license/hash").LicenseHashInput,
  ): Promise<import("../core/license/hash").LicenseHashResult> {
    const { hashLicense } = await import("../core/license/hash");
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
    request: import("../core/license/args").VerifyLicenseRequest,
  ): Promise<import("../core/license/verify").VerifyLicenseResult> {
    const { runVerifyLicense } = await import("./actions/license");
    return runVerifyLicense(this.hre, request);
  }

  /**
   * What `hokusai:status` does, for scripts: the model's token, params, supplier
   * allocation, pool and lifecycle stage. A model id without a token has stage "NONE"
   * (not an error). Reads only; never signs.
   */
  public async status(
    options: import("./actions/status").StatusOptions,
  ): Promise<import("../core/status").ModelStatus> {
    const { runStatus } = await import("./actions/status");
    return (await runStatus(this.hre, options)).status;
  }

  /**
   * What `hokusai:distribute-supplier-allocation` does, for scripts: signed by the
   * network's first account, which must own the TokenManager. Returns status
   * "already-distributed" (nothing sent) on a rerun. On a live chain pass `yes: true`.
   */
  public async distributeSupplierAllocation(
    options: Omit<import("./actions/distribute").DistributeOptions, "dryRun">,
  ): Promise<import("../core/backend").DistributeResult> {
    const { runDistributeSupplierAllocation } = await import("./actions/distribute");
    const outcome = await runDistributeSupplierAllocation(this.hre, { ...options, dryRun: false });
    return (outcome as Extract<typeof outcome, { kind: "done" }>).result;
  }

  /**
   * What `hokusai:create-pool` does, for scripts: the platform's launch of one model's
   * pool (register where there is a ModelRegistry, create behind the whitelist or
   * public, authorise, seed the reserve when `initialReserve` is given), each step
   * skipped when the chain shows it done. Signed by the network's first account, which
   * must own the contracts each step calls. On a live chain pass `yes: true`.
   */
  public async createPool(
    options: Omit<import("./actions/create-pool").CreatePoolOptions, "dryRun">,
  ): Promise<import("../core/launch/types").LaunchResult> {
    const { runCreatePool } = await import("./actions/create-pool");
    const outcome = await runCreatePool(this.hre, { ...options, dryRun: false });
    return (outcome as Extract<typeof outcome, { kind: "done" }>).result;
  }

  /**
   * What `hokusai:launch` does, for scripts: every token of the platform's launch file,
   * its distribution, registration, pool, authorisation and reserve, resumable. On a
   * live chain pass `yes: true` (on mainnet with HOKUSAI_CONFIRM=true as well).
   */
  public async launch(
    options: import("./actions/launch").LaunchOptions,
  ): Promise<import("./actions/launch").LaunchOutcome> {
    const { runLaunchFile } = await import("./actions/launch");
    return runLaunchFile(this.hre, options);
  }
}
