import { expect } from "chai";
import { Interface, type Fragment } from "ethers";
import fs from "fs";
import hre from "hardhat";
import path from "path";

import {
  LIVE_AMM_FACTORY_ABI,
  LIVE_AMM_POOL_ABI,
  LIVE_PARAMS_ABI,
  LIVE_REVERT_STRINGS,
  LIVE_TOKEN_ABI,
  LIVE_TOKEN_MANAGER_ABI,
  MODEL_REGISTRY_ABI,
  OZ4_MISSING_ROLE,
  PURCHASER_WHITELIST_ABI,
  RESERVE_TOKEN_ABI,
  VESTING_VAULT_ABI,
} from "../../../src/core/abi-live";
import { V2_SELECTOR } from "../../helpers/contract-fixtures";
import { missingRole } from "../../helpers/live-fixtures";

/** Each fragment list of src/core/abi-live.ts and the live-like mock that must declare it. */
const PAIRS: Array<[string, readonly string[], string]> = [
  ["LIVE_TOKEN_MANAGER_ABI", LIVE_TOKEN_MANAGER_ABI, "LiveTokenManager"],
  ["LIVE_PARAMS_ABI", LIVE_PARAMS_ABI, "LiveHokusaiParams"],
  ["LIVE_TOKEN_ABI", LIVE_TOKEN_ABI, "LiveHokusaiToken"],
  ["MODEL_REGISTRY_ABI", MODEL_REGISTRY_ABI, "LiveModelRegistry"],
  ["VESTING_VAULT_ABI", VESTING_VAULT_ABI, "LiveRewardVestingVault"],
  ["LIVE_AMM_FACTORY_ABI", LIVE_AMM_FACTORY_ABI, "LiveHokusaiAMMFactory"],
  ["LIVE_AMM_POOL_ABI", LIVE_AMM_POOL_ABI, "LiveHokusaiAMM"],
  ["PURCHASER_WHITELIST_ABI", PURCHASER_WHITELIST_ABI, "LivePurchaserWhitelist"],
  ["RESERVE_TOKEN_ABI", RESERVE_TOKEN_ABI, "MockUSDC"],
];

/** MockUSDC (the guide stack's, kept as it is) has a pure decimals(); to a caller, pure and view are one. */
const PURE_AS_VIEW = new Set(["MockUSDC"]);

/** How a fragment is looked up: its kind and signature. The comparison is then of format("minimal"),
 *  which adds state mutability and outputs (functions) or the indexed fields (events). */
function key(fragment: Fragment): string {
  return `${fragment.type} ${fragment.format("sighash")}`;
}

const NAMED = new Set(["function", "event", "error"]);

function minimal(fragment: Fragment, pureAsView: boolean): string {
  const text = fragment.format("minimal");
  return pureAsView ? text.replace(/\) pure /, ") view ") : text;
}

/** Revert strings the mocks cannot produce: OpenZeppelin 5's guard reverts with a custom error. */
const NOT_MOCKED = new Set(["ReentrancyGuard: reentrant call"]);

describe("the live-like mocks against the live ABI of src/core/abi-live.ts", function () {
  it("has the live deployTokenWithAllocations selector, 0xcbb1036c", function () {
    const iface = new Interface(LIVE_TOKEN_MANAGER_ABI as unknown as string[]);
    expect(iface.getFunction("deployTokenWithAllocations")!.selector).to.equal(V2_SELECTOR);
  });

  for (const [list, fragments, artifact] of PAIRS) {
    it(`${artifact} declares every fragment of ${list}, with the same mutability, outputs and indexed fields`, async function () {
      const compiled = new Map(
        new Interface((await hre.artifacts.readArtifact(artifact)).abi).fragments
          .filter((f) => NAMED.has(f.type))
          .map((f) => [key(f), f]),
      );
      const problems: string[] = [];
      for (const fragment of new Interface(fragments as unknown as string[]).fragments) {
        const theirs = compiled.get(key(fragment));
        if (theirs === undefined) problems.push(`missing: ${fragment.format("minimal")}`);
        else if (minimal(theirs, PURE_AS_VIEW.has(artifact)) !== fragment.format("minimal")) {
          problems.push(`differs: ${fragment.format("minimal")} vs ${theirs.format("minimal")}`);
        }
      }
      expect(problems).to.deep.equal([]);
    });
  }

  it("reverts with every live revert string that a launch can hit", function () {
    const dir = path.join(__dirname, "..", "..", "..", "contracts", "mocks", "live");
    const sources = fs
      .readdirSync(dir)
      .map((file) => fs.readFileSync(path.join(dir, file), "utf8"))
      .join("\n");
    const missing = LIVE_REVERT_STRINGS.map((r) => r.text.replace(/ \{account\}.*$/, " "))
      .filter((text) => !NOT_MOCKED.has(text))
      .filter((text) => !sources.includes(`"${text}"`));
    expect(missing).to.deep.equal([]);
    const pairs = LIVE_REVERT_STRINGS.map((r) => `${r.where}: ${r.text}`);
    expect(new Set(pairs).size).to.equal(pairs.length);
  });

  it("matches OpenZeppelin 4's missing-role message with OZ4_MISSING_ROLE", function () {
    const account = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    const role = hre.ethers.id("GOV_ROLE");
    const match = OZ4_MISSING_ROLE.exec(missingRole(account, role));
    expect(match?.slice(1)).to.deep.equal([account.toLowerCase(), role]);
  });
});
