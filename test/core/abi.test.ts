import { expect } from "chai";
import hre from "hardhat";
import { Fragment, Interface } from "ethers";

import {
  AMM_FACTORY_ABI,
  AMM_FACTORY_READ_ABI,
  AMM_POOL_ABI,
  AMM_POOL_READ_ABI,
  DEPLOY_SELECTOR_V1,
  DEPLOY_SELECTOR_V2,
  ERRORS_ABI,
  HOKUSAI_PARAMS_ABI,
  mergeAbis,
  PARAMS_READ_ABI,
  TOKEN_MANAGER_READ_ABI,
  TOKEN_MANAGER_V1_ABI,
  TOKEN_MANAGER_V2_ABI,
  TOKEN_READ_ABI,
} from "../../src/core/abi";

/** The plugin's human-readable ABIs must not drift from the Solidity interfaces. */
describe("the plugin's ABIs", function () {
  async function compiledInterface(name: string): Promise<Interface> {
    return new Interface((await hre.artifacts.readArtifact(name)).abi);
  }

  function signatures(iface: Interface, kind: "function" | "event" | "error"): Set<string> {
    const found = new Set<string>();
    iface.forEachFunction((f) => kind === "function" && found.add(f.format("sighash")));
    iface.forEachEvent((e) => kind === "event" && found.add(e.format("sighash")));
    iface.forEachError((e) => kind === "error" && found.add(e.format("sighash")));
    return found;
  }

  it("has the guide's deployTokenWithAllocations selector in v1 and the live one in v2", function () {
    expect(
      new Interface(TOKEN_MANAGER_V1_ABI as unknown as string[]).getFunction("deployTokenWithAllocations")!
        .selector,
    ).to.equal(DEPLOY_SELECTOR_V1);
    expect(
      new Interface(TOKEN_MANAGER_V2_ABI as unknown as string[]).getFunction("deployTokenWithAllocations")!
        .selector,
    ).to.equal(DEPLOY_SELECTOR_V2);
  });

  for (const [fragments, artifact] of [
    [TOKEN_MANAGER_V1_ABI, "ITokenManager"],
    [TOKEN_MANAGER_V2_ABI, "ITokenManagerV2"],
    [AMM_FACTORY_ABI, "IHokusaiAMMFactory"],
    [HOKUSAI_PARAMS_ABI, "IHokusaiParams"],
    [AMM_POOL_ABI, "IHokusaiAMM"],
  ] as const) {
    it(`uses only functions and events that ${artifact} declares`, async function () {
      const mine = new Interface(fragments as unknown as string[]);
      const theirs = await compiledInterface(artifact);
      // owner()/hasRole()/DEPLOYER_ROLE() come from Ownable/AccessControl of the implementations.
      const implementation = await compiledInterface(
        artifact === "IHokusaiAMMFactory"
          ? "MockHokusaiAMMFactory"
          : artifact === "IHokusaiParams"
            ? "MockHokusaiParams"
            : artifact === "IHokusaiAMM"
              ? "MockHokusaiAMM"
              : artifact === "ITokenManagerV2"
                ? "MockTokenManagerV2"
                : "MockTokenManager",
      );
      const known = new Set([...signatures(theirs, "function"), ...signatures(implementation, "function")]);
      for (const f of signatures(mine, "function")) expect(known, f).to.include(f);
      for (const e of signatures(mine, "event")) expect(signatures(theirs, "event"), e).to.include(e);
    });
  }

  it("decodes every custom error of every compiled contract", async function () {
    const mine = signatures(new Interface(ERRORS_ABI as unknown as string[]), "error");
    for (const name of await hre.artifacts.getAllFullyQualifiedNames()) {
      const iface = new Interface((await hre.artifacts.readArtifact(name)).abi);
      for (const e of signatures(iface, "error")) {
        if (/^(ERC721|ERC1155)/.test(e)) continue; // token standards the Hokusai contracts do not use
        expect(mine, `${e} of ${name}`).to.include(e);
      }
    }
  });

  it("merges ABIs with each signature once, the first spelling winning (ethers' Interface)", function () {
    const merged = new Interface(
      mergeAbis(
        ["function f(uint256 a) view returns (uint256)", "event E(address indexed who)"],
        ["function f(uint256 b) view returns (string)", "event E(address who)", "error X()"],
      ),
    );
    expect(merged.getFunction("f")!.outputs[0].type).to.equal("uint256");
    expect(merged.getFunction("f")!.inputs[0].name).to.equal("a");
    expect(merged.getEvent("E")!.inputs[0].indexed).to.equal(true);
    expect(merged.getError("X")).to.not.equal(null);
    for (const [name, abi] of Object.entries({
      TOKEN_MANAGER_READ_ABI,
      TOKEN_READ_ABI,
      PARAMS_READ_ABI,
      AMM_FACTORY_READ_ABI,
      AMM_POOL_READ_ABI,
    })) {
      const iface = new Interface(abi);
      const first = new Map<string, string>();
      for (const text of abi) {
        const fragment = Fragment.from(text);
        const key = `${fragment.type} ${fragment.format("sighash")}`;
        if (!first.has(key)) first.set(key, fragment.format("full"));
      }
      const kept = new Map<string, string>();
      iface.forEachFunction((f) => kept.set(`function ${f.format("sighash")}`, f.format("full")));
      iface.forEachEvent((e) => kept.set(`event ${e.format("sighash")}`, e.format("full")));
      iface.forEachError((e) => kept.set(`error ${e.format("sighash")}`, e.format("full")));
      expect(kept, name).to.deep.equal(first);
    }
  });
});
