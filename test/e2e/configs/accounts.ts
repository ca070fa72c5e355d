/**
 * Hardhat's own 20 accounts (its default mnemonic and path), as private keys, for the process
 * tests' config. Given as keys, Hardhat does not run PBKDF2 on the mnemonic once for each of
 * them (0.3 s of every node, which is Hardhat's own task); the plugin's listing
 * (src/hardhat/hd-accounts.ts) runs it once. The tests' harness does that once and hands the
 * keys to every child it starts (ACCOUNT_KEYS_VARIABLE); a process started otherwise lists
 * them itself.
 */
import { defaultHardhatNetworkHdAccountsConfigParams as HD } from "hardhat/internal/core/config/default-config";

import { listHdAccounts } from "../../../src/hardhat/hd-accounts";

export const ACCOUNT_KEYS_VARIABLE = "HOKUSAI_E2E_ACCOUNT_KEYS";

let derived: string[] | undefined;

/** The 20 keys, derived on first use. */
export function hardhatAccountKeys(): string[] {
  derived ??= (listHdAccounts(HD) ?? []).map((account) => account.privateKey);
  return derived;
}

/** Hardhat's 20 accounts with its default balance: the keys handed down, or derived here. */
export function hardhatAccounts(): Array<{ privateKey: string; balance: string }> {
  const handed = process.env[ACCOUNT_KEYS_VARIABLE]?.split(",");
  const keys = handed?.length === HD.count ? handed : hardhatAccountKeys();
  return keys.map((privateKey) => ({ privateKey, balance: HD.accountsBalance }));
}
