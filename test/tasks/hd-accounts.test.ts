import { expect } from "chai";
import hre from "hardhat";
import { defaultHardhatNetworkHdAccountsConfigParams as DEFAULT } from "hardhat/internal/core/config/default-config";
import { normalizeHardhatNetworkAccountsConfig } from "hardhat/internal/core/providers/util";
import type { HardhatNetworkHDAccountsConfig } from "hardhat/types";

import { listHdAccounts, listNetworkAccounts } from "../../src/hardhat/hd-accounts";
import { TASK_HOKUSAI_STATUS } from "../../src/task-names";
import { capture } from "../helpers/capture";

describe("the in-process network's accounts, listed from one seed", function () {
  const cases: Array<[string, HardhatNetworkHDAccountsConfig]> = [
    ["Hardhat's defaults", DEFAULT],
    [
      "a mnemonic with spaces around it, a passphrase outside ASCII, another path and first index",
      {
        mnemonic:
          "  abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about\n",
        path: "m/44'/60'/1'/2/",
        initialIndex: 3,
        count: 4,
        passphrase: "pässwörd",
        accountsBalance: "5",
      },
    ],
  ];
  for (const [name, accounts] of cases) {
    it(`gives the keys and balances Hardhat derives itself: ${name}`, function () {
      expect(listHdAccounts(accounts)).to.deep.equal(normalizeHardhatNetworkAccountsConfig(accounts));
    });
  }

  it("leaves to Hardhat what it would refuse or not derive: a list, a mnemonic of 11 words, a path it does not take", function () {
    const listed = [{ privateKey: `0x${"11".repeat(32)}`, balance: "1" }];
    expect(listHdAccounts(listed)).to.equal(undefined);
    expect(
      listHdAccounts({ ...DEFAULT, mnemonic: "test test test test test test test test test test junk" }),
    ).to.equal(undefined);
    expect(listHdAccounts({ ...DEFAULT, path: "m/44h/60h" })).to.equal(undefined);
    const network = { accounts: listed };
    listNetworkAccounts(network);
    expect(network.accounts).to.equal(listed);
  });

  it("is what a task of the plugin leaves on the in-process network: the same accounts Hardhat's provider holds", async function () {
    const before = (await hre.network.provider.send("eth_accounts", [])) as string[];
    await capture(() => hre.run(TASK_HOKUSAI_STATUS, { modelId: "hd-accounts-none", json: true }));
    const config = hre.network.config.accounts;
    expect(Array.isArray(config)).to.equal(true);
    const listed = config as Array<{ privateKey: string }>;
    const { Wallet } = await import("ethers");
    expect(listed.map((account) => new Wallet(account.privateKey).address.toLowerCase())).to.deep.equal(
      before.map((address) => address.toLowerCase()),
    );
  });
});
