/**
 * An address book entry is used only once the chain shows it is what it says: code at
 * each address, a TokenManager that speaks a known ABI, a factory wired to that
 * TokenManager. A stale entry is an error naming the address and how to override it.
 */
import { getAddress, type Provider } from "ethers";

import { AMM_FACTORY_READ_ABI } from "../abi";
import { fieldRef, HokusaiError, msg } from "../errors";
import { optionalGetter } from "../read";
import { detectTokenManagerAbi } from "../token-manager";
import { ADDRESS_OPTION, type AddressBookEntry, type AddressBookKind } from "./book";
import { contractFor } from "../chain/contract";

export function staleAddressBookError(
  entry: AddressBookEntry,
  kind: AddressBookKind,
  problem: string,
  overrides: string,
): HokusaiError {
  return new HokusaiError(
    "addressBookStale",
    msg`the address book's ${kind} for ${entry.network} (${entry[kind]}, published ${entry.deployedAt}) ${problem}; pass ${fieldRef(ADDRESS_OPTION[kind])} 0x..., ${overrides}`,
    { field: ADDRESS_OPTION[kind] },
  );
}

/** Checks the entries a task is about to use; throws the stale one's error. */
export async function checkAddressBookEntry(
  provider: Provider,
  entry: AddressBookEntry,
  kinds: AddressBookKind[],
  overrides: (kind: AddressBookKind) => string,
): Promise<void> {
  for (const kind of kinds) {
    const address = entry[kind];
    if ((await provider.getCode(address)) === "0x") {
      throw staleAddressBookError(entry, kind, "has no code on this chain", overrides(kind));
    }
    if (kind === "tokenManager") {
      try {
        await detectTokenManagerAbi(provider, address);
      } catch {
        throw staleAddressBookError(entry, kind, "speaks neither TokenManager ABI", overrides(kind));
      }
    }
    if (kind === "ammFactory") {
      const factory = contractFor(address, AMM_FACTORY_READ_ABI, provider);
      const manager = await optionalGetter(async () => getAddress((await factory.tokenManager()) as string));
      if (manager !== getAddress(entry.tokenManager)) {
        throw staleAddressBookError(
          entry,
          kind,
          `creates pools for ${manager ?? "no TokenManager"}, not for the address book's TokenManager ${entry.tokenManager}`,
          overrides(kind),
        );
      }
    }
  }
}
