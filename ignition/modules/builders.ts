/**
 * The building blocks the Hokusai Ignition modules share. Ignition module
 * parameters cannot steer a build (they are resolved at deployment, after the
 * module is built), so each variant is its own small module built by these
 * functions; this file holds no module of its own.
 *
 * Every amount reaches the contracts in wei (or the contract's own unit). The
 * plugin's `ignition deploy` override (src/ignition-params.ts) checks the
 * parameter file and turns whole tokens into wei before Ignition sees it.
 */
import fs from "fs";
import path from "path";

import { POOL_DEFAULTS } from "../../src/core/backend/pool-params";
import { hardhatMajor } from "../../src/edition";
import type { TokenManagerAbi } from "../../src/core/token-manager";
import type {
  AddressResolvableFuture,
  ArgumentType,
  Artifact,
  ContractAtOptions,
  ContractOptions,
  ModuleParameterRuntimeValue,
  CallableContractFuture,
  ContractCallFuture,
  ContractFuture,
  IgnitionModuleBuilder,
  NamedArtifactContractAtFuture,
  NamedArtifactContractDeploymentFuture,
  StaticCallFuture,
} from "@nomicfoundation/ignition-core";

/*
 * Where the Ignition modules take the artifacts of the contracts they name. The published
 * package carries them (dist/artifacts-bundle, written by `npm run build`), so a project
 * using the plugin deploys the mock system without compiling it. In this repository they
 * are the project's compiled artifacts, the files the bundle is copied from. Either way the
 * modules hand Ignition the artifact itself: a deployment here is the one a user's project
 * makes, and Ignition never loads the build info (every compiled source and its output in
 * one file, about 15 MB, parsed again for each contract), which only verification needs.
 */

const ARTIFACTS_BUNDLE =
  [
    path.join(__dirname, "..", "..", "artifacts-bundle"),
    // The ES module build of the Hardhat 3 edition (dist/esm/ignition/modules) reads the same bundle.
    path.join(__dirname, "..", "..", "..", "artifacts-bundle"),
  ].find((dir) => fs.existsSync(dir)) ?? path.join(__dirname, "..", "..", "artifacts-bundle");

/** The repository's root, two levels up from ignition/modules (in a package: dist/, which has no artifacts). */
const PROJECT_ROOT = path.join(__dirname, "..", "..");

/** True in the published package, which carries the artifacts of the mocks. */
export function hasBundledArtifacts(): boolean {
  return fs.existsSync(ARTIFACTS_BUNDLE);
}

/** The compiled artifacts the bundle is made of: the project's contracts, and the ERC-20 interface of an existing USDC. */
export function projectArtifactFiles(root: string): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return walk(full);
      return entry.name.endsWith(".json") && !entry.name.endsWith(".dbg.json") ? [full] : [];
    });
  const erc20 = ["@openzeppelin", "contracts", "token", "ERC20", "extensions", "IERC20Metadata.sol"];
  return [
    ...walk(path.join(root, "artifacts", "contracts")),
    path.join(root, "artifacts", ...erc20, "IERC20Metadata.json"),
  ];
}

let compiled: Map<string, string> | undefined;

/** The file of `name` among the project's compiled artifacts; undefined before the first compile. */
function compiledArtifactFile(name: string): string | undefined {
  if (compiled === undefined || !compiled.has(name)) {
    if (!fs.existsSync(path.join(PROJECT_ROOT, "artifacts", "contracts"))) return undefined;
    const files = projectArtifactFiles(PROJECT_ROOT).filter((file) => fs.existsSync(file));
    compiled = new Map(files.map((file) => [path.basename(file, ".json"), file]));
  }
  return compiled.get(name);
}

/**
 * The artifact of `name`: the package's bundled copy, or in this repository the compiled
 * one. Undefined only in the repository before its first compile, when the modules name the
 * contract and Ignition reads the artifact by that name.
 */
export function moduleArtifact(name: string): Artifact | undefined {
  const bundled = path.join(ARTIFACTS_BUNDLE, `${name}.json`);
  const file = fs.existsSync(bundled) ? bundled : compiledArtifactFile(name);
  if (file === undefined) return undefined;
  const artifact = JSON.parse(fs.readFileSync(file, "utf8")) as Artifact & { sourceName: string };
  // Hardhat 3's Ignition keeps artifacts in Hardhat 3's format, and asks to migrate a deployment
  // holding Hardhat 2's: the same conversion as its `ignition migrate`.
  if ((hardhatMajor() ?? 2) < 3) return artifact;
  const hh3 = { _format: "hh3-artifact-1", inputSourceName: artifact.sourceName, immutableReferences: {} };
  return { ...artifact, ...hh3 };
}

/** `m.contract(name, args)`, with the artifact itself where there is one (above). */
export function deployContract<NameT extends string>(
  m: IgnitionModuleBuilder,
  name: NameT,
  args: ArgumentType[],
  options?: ContractOptions,
): NamedArtifactContractDeploymentFuture<NameT> {
  const artifact = moduleArtifact(name);
  return (
    artifact === undefined ? m.contract(name, args, options) : m.contract(name, artifact, args, options)
  ) as NamedArtifactContractDeploymentFuture<NameT>;
}

/** `m.contractAt(name, address)`, with the artifact itself where there is one (above). */
export function contractAt<NameT extends string>(
  m: IgnitionModuleBuilder,
  name: NameT,
  address: string | AddressResolvableFuture | ModuleParameterRuntimeValue<string>,
  options?: ContractAtOptions,
): NamedArtifactContractAtFuture<NameT> {
  const artifact = moduleArtifact(name);
  return (
    artifact === undefined
      ? m.contractAt(name, address, options)
      : m.contractAt(name, artifact, address, options)
  ) as NamedArtifactContractAtFuture<NameT>;
}

/** The ids of the modules in ignition/modules/, which are also the sections of a parameter file. */
export const MODULE_IDS = {
  system: "HokusaiSystemModule",
  systemV2: "HokusaiSystemV2Module",
  systemExistingUsdc: "HokusaiSystemExistingUsdcModule",
  modelToken: "ModelTokenModule",
  modelTokenV2: "ModelTokenV2Module",
  localModelToken: "LocalModelTokenModule",
  modelPool: "ModelPoolModule",
  localModelPool: "LocalModelPoolModule",
  liveSystem: "HokusaiLiveSystemModule",
  legacySystem: "HokusaiLegacySystemModule",
} as const;

/** The factory's own defaults, used when a pool parameter is left out. */
export { POOL_DEFAULTS } from "../../src/core/backend/pool-params";

/** All zero: the live TokenManager reads it as "use the defaults" (10% immediate, 365 days, no cliff). */
export const DEFAULT_VESTING_CONFIG = {
  enabled: false,
  immediateUnlockBps: 0n,
  vestingDurationSeconds: 0n,
  cliffSeconds: 0n,
} as const;

export interface ModelTokenFutures {
  deployCall: ContractCallFuture<string, "deployTokenWithAllocations">;
  tokenAddress: StaticCallFuture<string, "getTokenAddress">;
  token: NamedArtifactContractAtFuture<"IHokusaiToken">;
}

/**
 * deployTokenWithAllocations on `tokenManager`, with every parameter of the guide as a
 * module parameter: modelId, name, symbol, modelSupplierAllocation (wei),
 * modelSupplierRecipient, investorAllocation (wei), tokensPerDeltaOne,
 * infrastructureAccrualBps, initialOraclePricePerThousandUsd (default 0), licenseHash,
 * licenseURI, governor, deploymentFee (wei sent with the call, default 0) and, for
 * the v2 ABI, vestingConfig (default all zero).
 *
 * The token address is read back with getTokenAddress(modelId) after the call: the
 * TokenDeployed event indexes the modelId string, and Ignition's readEventArgument fails
 * to decode such a log (IGN2, shown in test/ignition/modules.test.ts).
 */
export function buildModelToken(
  m: IgnitionModuleBuilder,
  tokenManager: CallableContractFuture<string>,
  abi: TokenManagerAbi,
): ModelTokenFutures {
  const modelId = m.getParameter<string>("modelId");
  const initialParams: Record<string, ReturnType<typeof m.getParameter>> = {
    tokensPerDeltaOne: m.getParameter<bigint>("tokensPerDeltaOne"),
    infrastructureAccrualBps: m.getParameter<bigint>("infrastructureAccrualBps"),
    initialOraclePricePerThousandUsd: m.getParameter<bigint>("initialOraclePricePerThousandUsd", 0n),
    licenseHash: m.getParameter<string>("licenseHash"),
    licenseURI: m.getParameter<string>("licenseURI"),
    governor: m.getParameter<string>("governor"),
  };
  if (abi === "v2") {
    initialParams.vestingConfig = m.getParameter("vestingConfig", DEFAULT_VESTING_CONFIG);
  }

  const deployCall = m.call(
    tokenManager,
    "deployTokenWithAllocations",
    [
      modelId,
      m.getParameter<string>("name"),
      m.getParameter<string>("symbol"),
      m.getParameter<bigint>("modelSupplierAllocation"),
      m.getParameter<string>("modelSupplierRecipient"),
      m.getParameter<bigint>("investorAllocation"),
      initialParams,
    ],
    { id: "DeployModelToken", value: m.getParameter<bigint>("deploymentFee", 0n) },
  );
  const tokenAddress = m.staticCall(tokenManager, "getTokenAddress", [modelId], 0, {
    id: "ModelTokenAddress",
    after: [deployCall],
  });
  const token = contractAt(m, "IHokusaiToken", tokenAddress, { id: "ModelToken" });
  return { deployCall, tokenAddress, token };
}

export interface ModelPoolSources {
  tokenManager: CallableContractFuture<string>;
  ammFactory: CallableContractFuture<string>;
  /** The model's token; when left out it is read with getTokenAddress(modelId). */
  token?: ContractFuture<string>;
}

export interface ModelPoolFutures {
  createCall: ContractCallFuture<string, "createPoolWithParams">;
  pool: NamedArtifactContractAtFuture<"IHokusaiAMM">;
  authorizeCall: ContractCallFuture<string, "authorizeAMM">;
}

/**
 * What the backend does for a registered model: createPoolWithParams on the factory,
 * then authorizeAMM(pool) on the TokenManager. Parameters: modelId, and crr, tradeFee,
 * ibrDuration, flatCurveThreshold, flatCurvePrice (the factory's defaults when left
 * out). Both calls come from the default sender, which must own both contracts.
 */
export function buildModelPool(m: IgnitionModuleBuilder, sources: ModelPoolSources): ModelPoolFutures {
  const modelId = m.getParameter<string>("modelId");
  const token =
    sources.token ??
    m.staticCall(sources.tokenManager, "getTokenAddress", [modelId], 0, { id: "ModelTokenAddress" });
  const createCall = m.call(
    sources.ammFactory,
    "createPoolWithParams",
    [
      modelId,
      token,
      m.getParameter<bigint>("crr", POOL_DEFAULTS.crr),
      m.getParameter<bigint>("tradeFee", POOL_DEFAULTS.tradeFee),
      m.getParameter<bigint>("ibrDuration", POOL_DEFAULTS.ibrDuration),
      m.getParameter<bigint>("flatCurveThreshold", POOL_DEFAULTS.flatCurveThreshold),
      m.getParameter<bigint>("flatCurvePrice", POOL_DEFAULTS.flatCurvePrice),
    ],
    { id: "CreatePool" },
  );
  const poolAddress = m.staticCall(sources.ammFactory, "getPool", [modelId], 0, {
    id: "ModelPoolAddress",
    after: [createCall],
  });
  const pool = contractAt(m, "IHokusaiAMM", poolAddress, { id: "ModelPool" });
  const authorizeCall = m.call(sources.tokenManager, "authorizeAMM", [pool], { id: "AuthorizePool" });
  return { createCall, pool, authorizeCall };
}
