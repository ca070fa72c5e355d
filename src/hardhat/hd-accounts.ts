/**
 * The in-process network's accounts, derived from its mnemonic's seed once. Hardhat 2
 * derives each account from the mnemonic afresh when it makes the network's provider:
 * BIP-39's 2,048 rounds of PBKDF2-SHA512 per account, about 0.3 s for the default 20,
 * which is a sixth of a deploy-token on that network. A task of the plugin sets the same
 * keys and balances as an explicit list before the provider is first made.
 */
import { HDNodeWallet, pbkdf2, toUtf8Bytes } from "ethers";

/** Hardhat 2's resolved HD accounts of the in-process network. */
interface HdAccounts {
  mnemonic: string;
  path: string;
  initialIndex: number;
  count: number;
  passphrase: string;
  accountsBalance: string;
}

/** The accounts as Hardhat 2 takes them listed: a 0x-prefixed key and a balance in wei. */
export interface ListedAccount {
  privateKey: string;
  balance: string;
}

const BIP39_WORD_COUNTS = [12, 15, 18, 21, 24];
/** The HD paths Hardhat 2 takes (and reports an error for any other). */
const HD_PATH = /^m(:?\/\d+'?)+\/?$/;

/**
 * The keys Hardhat 2 derives from `accounts`, in its order, or undefined where it would
 * not derive them itself (a list already, or a mnemonic it refuses), so that Hardhat
 * reports its own error. Hardhat trims the mnemonic, normalizes it and the passphrase
 * to NFKD (BIP-39) and derives `path/index` for each index (BIP-32).
 */
export function listHdAccounts(accounts: unknown): ListedAccount[] | undefined {
  if (!isHdAccounts(accounts) || !HD_PATH.test(accounts.path)) return undefined;
  const mnemonic = accounts.mnemonic.trim().normalize("NFKD");
  if (!BIP39_WORD_COUNTS.includes(mnemonic.split(" ").length)) return undefined;
  const seed = pbkdf2(
    toUtf8Bytes(mnemonic),
    toUtf8Bytes(`mnemonic${accounts.passphrase}`.normalize("NFKD")),
    2048,
    64,
    "sha512",
  );
  let parent: HDNodeWallet;
  try {
    parent = HDNodeWallet.fromSeed(seed).derivePath(accounts.path.replace(/\/$/, ""));
  } catch {
    return undefined;
  }
  const listed: ListedAccount[] = [];
  for (let index = accounts.initialIndex; index < accounts.initialIndex + accounts.count; index++) {
    listed.push({ privateKey: parent.deriveChild(index).privateKey, balance: accounts.accountsBalance });
  }
  return listed;
}

/** Replaces the network's HD accounts with the same accounts listed; a list stays as it is. */
export function listNetworkAccounts(networkConfig: { accounts?: unknown }): void {
  const listed = listHdAccounts(networkConfig.accounts);
  if (listed !== undefined) networkConfig.accounts = listed;
}

function isHdAccounts(value: unknown): value is HdAccounts {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const accounts = value as Partial<HdAccounts>;
  return (
    typeof accounts.mnemonic === "string" &&
    typeof accounts.path === "string" &&
    typeof accounts.initialIndex === "number" &&
    typeof accounts.count === "number" &&
    typeof accounts.passphrase === "string" &&
    typeof accounts.accountsBalance === "string"
  );
}
