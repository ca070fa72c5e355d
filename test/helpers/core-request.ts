/** A deployment request as the core takes it, for the suites that call the core directly. */
import { keccak256, parseEther, toUtf8Bytes } from "ethers";

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
