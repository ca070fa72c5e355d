/**
 * The ModelRegistry and USDC a project names (MODEL_REGISTRY_ADDRESS, USDC_ADDRESS or the
 * config), in process on the live-like stack: the chain's wiring gives both, so a name is
 * checked against it, and one that differs stops the run with HOK315 before anything is sent;
 * a launch checks its factory's wiring (its TokenManager and its ModelRegistry) once, before
 * the first token.
 */
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";
import hre from "hardhat";
import { getAddress, keccak256, toUtf8Bytes } from "ethers";

import type { LaunchResult } from "../../src/core/launch/types";
import { ensureLocalSystem, type LocalSystem } from "../../src/hardhat/local-system";
import type { HokusaiNetworkConfig } from "../../src/types";
import {
  TASK_HOKUSAI_CREATE_POOL,
  TASK_HOKUSAI_DEPLOY_TOKEN,
  TASK_HOKUSAI_LAUNCH,
} from "../../src/task-names";
import { capture } from "../helpers/capture";
import { expectRefusedWithoutSending } from "../helpers/refused";
import { deployFreshLiveStack, launchFileWithIds } from "../helpers/live";
import { useLocalStack } from "../helpers/local-stack";

const LICENSE_URI = "https://hokus.ai/terms";
const OTHER = getAddress("0x00000000000000000000000000000000000000aa");

describe("a ModelRegistry or USDC the project names, checked against the chain's wiring (live-like stack)", function () {
  useLocalStack("live");
  let system: LocalSystem;
  let counter = 0;
  const uniqueId = () => String(760_000 + counter++);
  const networks = hre.config.hokusai.networks;
  let saved: HokusaiNetworkConfig | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-named-"));

  before(async function () {
    system = await ensureLocalSystem(hre);
    expect(system.modelRegistry, "the live-like stack has a ModelRegistry").to.match(/^0x/);
  });
  beforeEach(() => (saved = networks.hardhat));
  afterEach(() => (networks.hardhat = saved!));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The config of the in-process network names these, as `hokusai.networks.hardhat.<kind>`. */
  function name(fields: { modelRegistry?: string; usdc?: string }) {
    networks.hardhat = { ...saved, ...fields, sources: {} };
  }

  const deployToken = (modelId: string) =>
    capture(() =>
      hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, {
        modelId,
        name: "Named Model",
        symbol: "NAMED",
        preset: "growth",
        licenseHash: keccak256(toUtf8Bytes(LICENSE_URI)),
        licenseUri: LICENSE_URI,
      }),
    );

  it("deploy-token refuses a ModelRegistry the TokenManager is not wired to, naming both and the fix", async function () {
    name({ modelRegistry: OTHER });
    const source = "hokusai.networks.hardhat.modelRegistry";
    await expectRefusedWithoutSending(
      () => deployToken(uniqueId()),
      new RegExp(
        `^HOK315: ${source} names the ModelRegistry ${OTHER}, but the TokenManager ${system.tokenManager} is wired to the ModelRegistry ${system.modelRegistry}; nothing was sent: correct or unset ${source}, or point --token-manager at the TokenManager wired to ${OTHER}$`,
      ),
    );
  });

  it("create-pool refuses a USDC that is not the AMM factory's reserve token, naming --amm-factory", async function () {
    const modelId = uniqueId();
    await deployToken(modelId);
    name({ usdc: OTHER });
    await expectRefusedWithoutSending(
      () => hre.run(TASK_HOKUSAI_CREATE_POOL, { modelId, performanceMetric: "accuracy" }),
      new RegExp(
        `^HOK315: hokusai\\.networks\\.hardhat\\.usdc names the USDC ${OTHER}, but the AMM factory ${system.ammFactory} is wired to the USDC ${system.usdc}; .*point --amm-factory at the AMM factory wired to ${OTHER}$`,
      ),
    );
  });

  it("launch refuses a wrong USDC before any token of the file is sent", async function () {
    const launchFile = launchFileWithIds([uniqueId(), uniqueId(), uniqueId()], dir);
    name({ usdc: OTHER });
    await expectRefusedWithoutSending(
      () => hre.run(TASK_HOKUSAI_LAUNCH, { launchFile }),
      new RegExp(`^HOK315: hokusai\\.networks\\.hardhat\\.usdc names the USDC ${OTHER}, but the AMM factory`),
    );
  });

  it("launch refuses a factory that serves another TokenManager (HOK604) before any token of the file is sent", async function () {
    const other = await deployFreshLiveStack(hre);
    const launchFile = launchFileWithIds([uniqueId(), uniqueId(), uniqueId()], dir);
    await expectRefusedWithoutSending(
      () => hre.run(TASK_HOKUSAI_LAUNCH, { launchFile, ...other.flags, ammFactory: system.ammFactory }),
      new RegExp(
        `^HOK604: the AMM factory ${system.ammFactory} creates pools for the TokenManager ${system.tokenManager}, not for ${other.tokenManager}`,
      ),
    );
  });

  it("create-pool and launch refuse a factory that checks models in another ModelRegistry (HOK615), sending nothing", async function () {
    const [owner] = await hre.ethers.getSigners();
    const registry = await hre.ethers.deployContract("LiveModelRegistry");
    const factory = await hre.ethers.deployContract("LiveHokusaiAMMFactory", [
      await registry.getAddress(),
      system.tokenManager,
      system.usdc,
      owner.address,
    ]);
    const ammFactory = await factory.getAddress();
    const refusal = new RegExp(
      `^HOK615: the AMM factory ${ammFactory} checks models in the ModelRegistry ${await registry.getAddress()}, but the TokenManager ${system.tokenManager} is wired to ${system.modelRegistry}, .*nothing was sent\\. Pass the factory wired to that registry with --amm-factory`,
    );
    const modelId = uniqueId();
    await deployToken(modelId);
    await expectRefusedWithoutSending(
      () => hre.run(TASK_HOKUSAI_CREATE_POOL, { modelId, performanceMetric: "accuracy", ammFactory }),
      refusal,
    );
    const launchFile = launchFileWithIds([uniqueId(), uniqueId(), uniqueId()], dir);
    await expectRefusedWithoutSending(
      () => hre.run(TASK_HOKUSAI_LAUNCH, { launchFile, ammFactory }),
      refusal,
    );
  });

  it("refuses a named address that is not one, naming where it came from as written", async function () {
    name({ usdc: "0x123" });
    await expectRefusedWithoutSending(
      () => deployToken(uniqueId()),
      /^HOK201: hokusai\.networks\.hardhat\.usdc "0x123" is invalid: expected an address/,
    );
  });

  it("takes the names of the contracts the chain is wired to, in any case, and launches", async function () {
    const modelId = uniqueId();
    name({ modelRegistry: system.modelRegistry!.toLowerCase(), usdc: system.usdc.toLowerCase() });
    await deployToken(modelId);
    const { result } = await capture(
      () =>
        hre.run(TASK_HOKUSAI_CREATE_POOL, {
          modelId,
          performanceMetric: "accuracy",
          public: true,
        }) as Promise<LaunchResult>,
    );
    expect(result.steps.filter((step) => step.state === "sent").map((step) => step.name)).to.include.members([
      "register",
      "createPool",
      "authorize",
    ]);
  });
});
