/** A deployment request and context as the core takes them, for the suites that call the core directly. */
import { keccak256, parseEther, type Provider, type Signer, toUtf8Bytes } from "ethers";

import type { TransactionSender } from "../../src/core/chain/transaction";
import type { DeployContext } from "../../src/core/deploy/context";
import type { DeployTokenRequest } from "../../src/core/deploy/request";

/** The growth preset's amounts, `account` as recipient and governor. */
export function coreRequest(
  modelId: string,
  account: string,
  overrides: Partial<DeployTokenRequest> = {},
): DeployTokenRequest {
  return {
    modelId,
    name: "Core Model",
    symbol: "CORE",
    modelSupplierAllocation: parseEther("400000"),
    modelSupplierRecipient: account,
    investorAllocation: parseEther("600000"),
    tokensPerDeltaOne: 100_000n,
    infrastructureAccrualBps: 5000,
    initialOraclePricePerThousandUsd: 0n,
    licenseHash: keccak256(toUtf8Bytes("# License\n")),
    licenseURI: "ipfs://bafkreiexample/license.md",
    governor: account,
    ...overrides,
  };
}

/** The preflight's options on the in-process chain. */
export const CORE_PREFLIGHT = { network: "hardhat", chainId: 31337 } as const;

/** `signer` as the core's sender: the transaction goes through the signer, its hash comes back. */
export async function signerSender(signer: Signer): Promise<TransactionSender> {
  return {
    address: await signer.getAddress(),
    sendTransaction: async (tx) => (await signer.sendTransaction(tx)).hash,
  };
}

/** The in-process chain's context: one confirmation, records in `recordsDir`. */
export function coreContext(
  provider: Provider,
  sender: TransactionSender,
  recordsDir: string,
): DeployContext {
  return {
    provider,
    sender,
    network: "hardhat",
    chainId: 31337,
    dev: true,
    recordsDir,
    confirmations: 1,
    timeoutSeconds: 30,
    ipfsGateway: "https://ipfs.io",
    defaults: {},
  };
}
