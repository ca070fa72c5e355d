/**
 * Hardhat's own 20 accounts (its default mnemonic and path), as private keys, for the process
 * tests' config. Given as keys, Hardhat does not run PBKDF2 on the mnemonic once for each of
 * them (0.3 s of every child on the in-process network, and of every node); ethers runs it
 * once, and derives the 20 keys in about 0.14 s. The tests' harness does that once and hands
 * the keys to every child it starts (ACCOUNT_KEYS_VARIABLE); a process started otherwise
 * derives them itself.
 */
import { HDNodeWallet } from "ethers";
import { defaultHardhatNetworkHdAccountsConfigParams as HD } from "hardhat/internal/core/config/default-config";

export const ACCOUNT_KEYS_VARIABLE = "HOKUSAI_E2E_ACCOUNT_KEYS";

let derived: string[] | undefined;

/** The 20 keys, derived on first use. */
export function hardhatAccountKeys(): string[] {
  if (derived === undefined) {
    const root = HDNodeWallet.fromPhrase(HD.mnemonic, HD.passphrase, HD.path);
    derived = Array.from({ length: HD.count }, (_, i) => root.deriveChild(HD.initialIndex + i).privateKey);
  }
  return derived;
}

/** Hardhat's 20 accounts with its default balance: the keys handed down, or derived here. */
export function hardhatAccounts(): Array<{ privateKey: string; balance: string }> {
  const handed = process.env[ACCOUNT_KEYS_VARIABLE]?.split(",");
  const keys = handed?.length === HD.count ? handed : hardhatAccountKeys();
  return keys.map((privateKey) => ({ privateKey, balance: HD.accountsBalance }));
}
