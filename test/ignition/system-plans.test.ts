/**
 * One plan, two runners: the in-process network's plain transactions (plan-runner.ts) must
 * leave the same system as the Ignition module built from the same plan. Both are deployed
 * side by side, and every view of every contract that takes nothing, an address of the
 * system or of its accounts, or one of its role ids is read from both and compared, with
 * each address read back as the name of what it is.
 */
import { expect } from "chai";
import { type FunctionFragment, Interface, isAddress } from "ethers";
import hre, { ethers } from "hardhat";

import HokusaiLiveSystemModule from "../../ignition/modules/HokusaiLiveSystem";
import HokusaiSystemModule from "../../ignition/modules/HokusaiSystem";
import { moduleArtifact } from "../../ignition/modules/builders";
import { guideSystem, LIVE_SYSTEM, type SystemPlan } from "../../ignition/modules/system-plans";
import { deployPlan } from "../../src/hardhat/plan-runner";

type Snapshot = Record<string, unknown>;

/** Every view of the plan's contracts at `addresses`, with the addresses in it named. */
async function snapshot(plan: SystemPlan, addresses: Record<string, string>, actors: Record<string, string>) {
  const names = new Map<string, string>();
  for (const [name, address] of [...Object.entries(addresses), ...Object.entries(actors)]) {
    names.set(address.toLowerCase(), name);
  }
  const named = (value: unknown): unknown => {
    if (typeof value === "string" && isAddress(value)) return names.get(value.toLowerCase()) ?? value;
    if (Array.isArray(value)) return value.map(named);
    return typeof value === "bigint" ? value.toString() : value;
  };
  // A view that reverts for an input (getModelId of an address that is no token) is read as the revert.
  const read = (contract: InstanceType<typeof ethers.Contract>, view: FunctionFragment, args: unknown[]) =>
    contract
      .getFunction(view.format())(...args)
      .then(named, (error: Error) => `reverts: ${error.message}`);
  const result: Snapshot = {};
  for (const [key, contract] of Object.entries(plan.contracts)) {
    const iface = new Interface(moduleArtifact(contract.name)!.abi);
    const onChain = new ethers.Contract(addresses[key], iface, ethers.provider);
    const views: FunctionFragment[] = [];
    iface.forEachFunction((fragment) => {
      if (fragment.constant) views.push(fragment);
    });
    const roles: string[] = [];
    for (const view of views.filter((v) => v.inputs.length === 0)) {
      const value = await read(onChain, view, []);
      if (view.name.endsWith("_ROLE")) roles.push(value as string);
      result[`${key}.${view.name}()`] = value;
    }
    const who = [...Object.values(addresses), ...Object.values(actors)];
    for (const view of views) {
      const types = view.inputs.map((input) => input.type).join(",");
      const argLists =
        types === "address"
          ? who.map((a) => [a])
          : types === "bytes32,address"
            ? roles.flatMap((role) => who.map((a) => [role, a]))
            : [];
      for (const args of argLists) {
        result[`${key}.${view.name}(${args.map(named).join(",")})`] = await read(onChain, view, args);
      }
    }
  }
  return result;
}

describe("the mock systems' plans", function () {
  async function actors() {
    const [deployer, owner, treasury] = await ethers.getSigners();
    return { deployer: deployer.address, owner: owner.address, treasury: treasury.address };
  }

  async function ignitionAddresses(
    module: typeof HokusaiSystemModule | typeof HokusaiLiveSystemModule,
    parameters: Record<string, bigint | string>,
  ) {
    const deployed = (await hre.ignition.deploy(module, {
      displayUi: false,
      parameters: { [module.id]: parameters },
    })) as unknown as Record<string, { getAddress(): Promise<string> }>;
    const addresses: Record<string, string> = {};
    for (const [key, contract] of Object.entries(deployed)) addresses[key] = await contract.getAddress();
    return addresses;
  }

  it("the live plan sent as plain transactions leaves the system its Ignition module leaves", async function () {
    const who = await actors();
    const params = { owner: who.owner, treasury: who.treasury, deploymentFee: 7n, ownerUsdc: 5_000_000n };
    const viaIgnition = await ignitionAddresses(HokusaiLiveSystemModule, params);
    const direct = await deployPlan(hre.network.provider, LIVE_SYSTEM, params);
    expect(Object.keys(direct)).to.deep.equal(Object.keys(viaIgnition));

    const expected = await snapshot(LIVE_SYSTEM, viaIgnition, who);
    const actual = await snapshot(LIVE_SYSTEM, direct, who);
    expect(actual).to.deep.equal(expected);
    // What the comparison covers, for the wiring the plan's calls make.
    expect(actual).to.include({
      "tokenManager.owner()": "owner",
      "tokenManager.vestingVault()": "vestingVault",
      "tokenManager.deploymentFee()": "7",
      "modelRegistry.owner()": "owner",
      "modelRegistry.stringModelTokenManager()": "tokenManager",
      "modelRegistry.poolRegistrars(ammFactory)": true,
      "ammFactory.owner()": "owner",
      "ammFactory.poolDeployer()": "poolDeployer",
      "ammFactory.treasury()": "treasury",
      "usdc.owner()": "owner",
      "usdc.balanceOf(owner)": "5000000",
      "tokenManager.hasRole(0x0000000000000000000000000000000000000000000000000000000000000000,owner)": true,
    });
  });

  it("the guide's plan sent as plain transactions leaves the system its Ignition module leaves", async function () {
    const who = await actors();
    const params = { owner: who.owner, treasury: who.treasury, deploymentFee: 3n };
    const plan = guideSystem({ abi: "v1", usdc: "mock" });
    const direct = await deployPlan(hre.network.provider, plan, params);
    const viaIgnition = await ignitionAddresses(HokusaiSystemModule, params);
    const actual = await snapshot(plan, direct, who);
    expect(actual).to.deep.equal(await snapshot(plan, viaIgnition, who));
    expect(actual).to.include({
      "tokenManager.owner()": "owner",
      "tokenManager.deploymentFee()": "3",
      "ammFactory.tokenManager()": "tokenManager",
      "ammFactory.reserveToken()": "usdc",
    });
  });

  it("the plan's defaults: account 0 owns the system, and the live one mints it 1,000,000 USDC", async function () {
    const who = await actors();
    const direct = await deployPlan(hre.network.provider, LIVE_SYSTEM);
    const actual = await snapshot(LIVE_SYSTEM, direct, who);
    expect(actual).to.include({
      "tokenManager.owner()": "deployer",
      "ammFactory.treasury()": "deployer",
      "usdc.balanceOf(deployer)": (10n ** 12n).toString(),
    });
  });

  it("a required parameter left out, or a call that reverts, names the step", async function () {
    const existing = guideSystem({ abi: "v1", usdc: "existing" });
    await expect(deployPlan(hre.network.provider, existing)).to.be.rejectedWith(/the parameter usdc/);
    const reverting: SystemPlan = {
      params: {},
      contracts: { usdc: { name: "MockUSDC", args: [`0x${"00".repeat(20)}`] } },
      calls: [],
    };
    await expect(deployPlan(hre.network.provider, reverting)).to.be.rejectedWith(
      /deployment of MockUSDC failed/,
    );
  });
});
