/**
 * `npx hardhat ignition deploy` and `hre.ignition.deploy` with the Hokusai modules'
 * parameters checked first (./params.ts). The command line's parameters are read the
 * same way Ignition reads them.
 *
 * The command also refuses to trust a deployment record whose contracts are not on the
 * chain (a restarted node or another chain behind the same chain id). Ignition itself
 * notices this only on chain 31337, through the node's hardhat_metadata instanceId.
 */
import fs from "fs";
import path from "path";

import type { DeploymentParameters, IgnitionModule } from "@nomicfoundation/ignition-core";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { withPluginErrors } from "../../errors";
import { parametersFileError, staleIgnitionDeploymentError } from "../errors";
import {
  hasHokusaiModule,
  type RawDeploymentParameters,
  serializeParameters,
  validateDeploymentParameters,
} from "./params";

export interface IgnitionDeployArgs {
  modulePath: string;
  parameters?: string;
  deploymentId?: string;
  reset: boolean;
  [other: string]: unknown;
}

const DEPLOYMENT_ID = /^[a-zA-Z][a-zA-Z0-9_-]*$/;
const HARDHAT_DEV_CHAIN_ID = 31337;

/** Ignition's own JSON5 parser (a dependency of hardhat-ignition), so both read a file the same way. */
function parseJson5(text: string): unknown {
  const ignitionDir = path.dirname(require.resolve("@nomicfoundation/hardhat-ignition"));
  const json5 = require(require.resolve("json5", { paths: [ignitionDir] })) as {
    parse: (text: string, reviver: (key: string, value: unknown) => unknown) => unknown;
  };
  return json5.parse(text, (key, value) => {
    if (typeof value === "string" && /^\d+n$/.test(value)) return BigInt(value.slice(0, -1));
    if (typeof value === "number" && value > Number.MAX_SAFE_INTEGER) {
      throw new Error(
        `"${key}" is too large for a JSON number; write it as a string ("${value}" loses digits)`,
      );
    }
    return value;
  });
}

/** The parameters as Ignition would resolve them: a file, an inline JSON string, or <ignition>/<id>.config.json. */
function readParameters(
  given: string | undefined,
  ignitionDir: string,
  moduleId: string,
): DeploymentParameters | undefined {
  let file: string | undefined;
  let text: string;
  if (given === undefined) {
    file = path.join(ignitionDir, `${moduleId}.config.json`);
    if (!fs.existsSync(file)) return undefined;
  } else if (given.endsWith(".json") || given.endsWith(".json5")) {
    file = path.resolve(process.cwd(), given);
  }
  try {
    text = file === undefined ? (given as string) : fs.readFileSync(file, "utf8");
  } catch (error) {
    throw parametersFileError(given ?? file ?? "", (error as NodeJS.ErrnoException).code ?? String(error));
  }
  try {
    const parsed = parseJson5(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new Error("expected an object with one section per module id");
    }
    return parsed as DeploymentParameters;
  } catch (error) {
    throw parametersFileError(file ?? "given inline", error instanceof Error ? error.message : String(error));
  }
}

function isIgnitionModule(value: unknown): value is IgnitionModule {
  return typeof value === "object" && value !== null && "id" in value && "submodules" in value;
}

/** The module at `modulePath`, or undefined when it cannot be loaded (Ignition then reports why). */
function tryLoadModule(modulePath: string): IgnitionModule | undefined {
  try {
    const exported = require(path.resolve(modulePath)) as { default?: unknown };
    const module = exported.default ?? exported;
    return isIgnitionModule(module) ? module : undefined;
  } catch {
    return undefined;
  }
}

/**
 * On a chain other than 31337, every contract the deployment record names must have
 * code: otherwise Ignition would report "Nothing new to deploy" with addresses of a
 * chain that is gone.
 */
export async function checkDeploymentRecord(
  hre: HardhatRuntimeEnvironment,
  deploymentId: string | undefined,
): Promise<void> {
  if (hre.network.name === "hardhat") return;
  if (deploymentId !== undefined && !DEPLOYMENT_ID.test(deploymentId)) return;
  const chainId = Number(await hre.network.provider.request({ method: "eth_chainId" }));
  if (chainId === HARDHAT_DEV_CHAIN_ID) return; // Ignition compares hardhat_metadata's instanceId itself.
  const deploymentDir = path.join(
    hre.config.paths.ignition,
    "deployments",
    deploymentId ?? `chain-${chainId}`,
  );
  const recordFile = path.join(deploymentDir, "deployed_addresses.json");
  if (!fs.existsSync(recordFile)) return;
  const recorded = JSON.parse(fs.readFileSync(recordFile, "utf8")) as Record<string, string>;
  const codes = await Promise.all(
    Object.entries(recorded).map(async ([futureId, contract]) => ({
      futureId,
      contract,
      code: (await hre.network.provider.request({
        method: "eth_getCode",
        params: [contract, "latest"],
      })) as string,
    })),
  );
  const missing = codes.find(({ code }) => code === "0x" || code === "");
  if (missing !== undefined) {
    throw staleIgnitionDeploymentError(
      path.relative(process.cwd(), deploymentDir) || deploymentDir,
      missing.futureId,
      missing.contract,
      chainId,
      hre.network.name,
    );
  }
}

/** The `ignition deploy` override's work: check the parameters and the record, then hand over. */
export async function checkedIgnitionDeploy(
  args: IgnitionDeployArgs,
  hre: HardhatRuntimeEnvironment,
  runSuper: (args: IgnitionDeployArgs) => Promise<unknown>,
): Promise<unknown> {
  const root = tryLoadModule(args.modulePath);
  let forwarded = args;
  if (root !== undefined && hasHokusaiModule(root)) {
    const parameters = readParameters(args.parameters, hre.config.paths.ignition, root.id);
    forwarded = { ...args, parameters: serializeParameters(validateDeploymentParameters(root, parameters)) };
  }
  if (!args.reset) await checkDeploymentRecord(hre, args.deploymentId);
  return runSuper(forwarded);
}

/**
 * `hre.ignition` with the same check in front of `deploy` as the command has: a script
 * that deploys a Hokusai module gets its parameters read the same way.
 */
export function checkedIgnition<
  T extends { deploy: (module: IgnitionModule, options?: { parameters?: DeploymentParameters }) => unknown },
>(ignition: T): T {
  return new Proxy(ignition, {
    get(target, property, receiver) {
      if (property !== "deploy") return Reflect.get(target, property, receiver);
      return (module: IgnitionModule, options: { parameters?: DeploymentParameters } = {}) => {
        if (!hasHokusaiModule(module)) return target.deploy(module, options);
        return withPluginErrors(async () => {
          const parameters = validateDeploymentParameters(
            module,
            options.parameters as RawDeploymentParameters,
          );
          return target.deploy(module, { ...options, parameters });
        });
      };
    },
  });
}
