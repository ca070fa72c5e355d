/** The call data of deployTokenWithAllocations in each TokenManager ABI. */
import { Interface } from "ethers";

import { TOKEN_MANAGER_V1_ABI, TOKEN_MANAGER_V2_ABI } from "../abi";
import type { TokenManagerAbi } from "../token-manager";
import { DEFAULT_VESTING, type DeployTokenRequest } from "./request";
import { interfaceOf } from "../chain/contract";

const INTERFACES: Record<TokenManagerAbi, Interface> = {
  v1: interfaceOf(TOKEN_MANAGER_V1_ABI),
  v2: interfaceOf(TOKEN_MANAGER_V2_ABI),
};

export function encodeDeployCall(abi: TokenManagerAbi, request: DeployTokenRequest): string {
  const common = [
    request.tokensPerDeltaOne,
    request.infrastructureAccrualBps,
    request.initialOraclePricePerThousandUsd,
    request.licenseHash,
    request.licenseURI,
    request.governor,
  ];
  const vesting = request.vesting ?? DEFAULT_VESTING;
  const initialParams =
    abi === "v2"
      ? [
          ...common,
          [vesting.enabled, vesting.immediateUnlockBps, vesting.vestingDurationSeconds, vesting.cliffSeconds],
        ]
      : common;
  return INTERFACES[abi].encodeFunctionData("deployTokenWithAllocations", [
    request.modelId,
    request.name,
    request.symbol,
    request.modelSupplierAllocation,
    request.modelSupplierRecipient,
    request.investorAllocation,
    initialParams,
  ]);
}
