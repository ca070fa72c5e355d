import { expect } from "chai";
import hre from "hardhat";
import { Interface, parseUnits, ZeroAddress, keccak256, toUtf8Bytes } from "ethers";

import { decodeRevertData } from "../../src/core/chain/revert";
import { preflightDeploy } from "../../src/core/deploy/preflight";
import type { DeployTokenRequest } from "../../src/core/deploy/request";
import { flagNamer, toPluginError } from "../../src/errors";
import { ensureLocalSystem } from "../../src/hardhat/local-system";
import { useLocalStack } from "../helpers/local-stack";

/** A request that skips the task's validation, so the contract's own checks answer. */
function rawRequest(overrides: Partial<DeployTokenRequest>): DeployTokenRequest {
  return {
    modelId: `raw-${Math.random().toString(36).slice(2)}`,
    name: "Raw",
    symbol: "RAW",
    modelSupplierAllocation: parseUnits("400000", 18),
    modelSupplierRecipient: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    investorAllocation: parseUnits("600000", 18),
    tokensPerDeltaOne: parseUnits("100000", 18),
    infrastructureAccrualBps: 5000,
    initialOraclePricePerThousandUsd: 0n,
    licenseHash: keccak256(toUtf8Bytes("license")),
    licenseURI: "ipfs://x",
    governor: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    ...overrides,
  };
}

describe("revert decoding against the contracts", function () {
  useLocalStack("guide");
  let tokenManager: string;
  let from: string;

  before(async function () {
    ({ tokenManager } = await ensureLocalSystem(hre));
    from = (await hre.ethers.getSigners())[0].address;
  });

  // As the task shows it: the fields named by their flags.
  const preflight = (request: DeployTokenRequest) =>
    preflightDeploy(hre.ethers.provider, from, tokenManager, request, {
      network: "hardhat",
      chainId: 31337,
    }).catch((error) => {
      throw toPluginError(error, flagNamer);
    });

  // Each row of the guide's troubleshooting table that the contract raises, as the preflight reports it.
  const rows: Array<[string, Partial<DeployTokenRequest>, RegExp]> = [
    [
      "InvalidAmount for a zero supplier allocation",
      { modelSupplierAllocation: 0n },
      /HOK402: .*InvalidAmount: the model supplier allocation is zero; pass positive values for both allocations/,
    ],
    [
      "InvalidAmount for a zero investor allocation",
      { investorAllocation: 0n },
      /HOK402: .*investor allocation is zero/,
    ],
    [
      "ZeroAddress for the recipient",
      { modelSupplierRecipient: ZeroAddress },
      /HOK403: .*ZeroAddress: the model supplier recipient is the zero address; pass a valid non-zero recipient with --model-supplier-recipient \(or MODEL_SUPPLIER_RECIPIENT\)/,
    ],
    [
      "ZeroAddress for the governor",
      { governor: ZeroAddress },
      /HOK403: .*governor is the zero address; .*multisig/,
    ],
    [
      "EmptyString for the model id",
      { modelId: "" },
      /HOK404: .*EmptyString: the model ID is empty; pass a non-empty --model-id/,
    ],
    [
      "EmptyString for the symbol",
      { symbol: "" },
      /HOK404: .*token symbol is empty; pass a non-empty --symbol/,
    ],
    [
      "tokensPerDeltaOne out of range",
      { tokensPerDeltaOne: 99n },
      /HOK405: .*tokensPerDeltaOne is outside .*keep --tokens-per-delta-one within 100 to 10,000,000 tokens/,
    ],
    [
      "infrastructureAccrualBps out of range",
      { infrastructureAccrualBps: 10001 },
      /HOK405: .*keep --infrastructure-accrual-bps within 1000 to 10000/,
    ],
    [
      "the oracle price above its maximum",
      { initialOraclePricePerThousandUsd: 10n ** 12n + 1n },
      /HOK405: .*initialOraclePricePerThousandUsd is above/,
    ],
  ];
  for (const [what, overrides, pattern] of rows) {
    it(`reports ${what}`, async function () {
      await expect(preflight(rawRequest(overrides))).to.be.rejectedWith(pattern);
    });
  }

  it("reports 'Token already deployed for this model' when the static call meets a taken id", async function () {
    const manager = await hre.ethers.getContractAt("MockTokenManager", tokenManager);
    const request = rawRequest({});
    await (
      await manager.deployTokenWithAllocations(
        request.modelId,
        "Other",
        "OTH",
        request.modelSupplierAllocation,
        request.modelSupplierRecipient,
        request.investorAllocation,
        {
          tokensPerDeltaOne: request.tokensPerDeltaOne,
          infrastructureAccrualBps: 5000,
          initialOraclePricePerThousandUsd: 0n,
          licenseHash: request.licenseHash,
          licenseURI: request.licenseURI,
          governor: request.governor,
        },
      )
    ).wait();
    let data: string | undefined;
    try {
      await manager.deployTokenWithAllocations.staticCall(
        request.modelId,
        "Other",
        "OTH",
        request.modelSupplierAllocation,
        request.modelSupplierRecipient,
        request.investorAllocation,
        {
          tokensPerDeltaOne: request.tokensPerDeltaOne,
          infrastructureAccrualBps: 5000,
          initialOraclePricePerThousandUsd: 0n,
          licenseHash: request.licenseHash,
          licenseURI: request.licenseURI,
          governor: request.governor,
        },
      );
    } catch (error) {
      data = (error as { data?: string }).data;
    }
    const decoded = decodeRevertData(data, { modelId: request.modelId });
    expect(decoded.code).to.equal("HOK401");
    expect(decoded.message).to.contain("Token already deployed for this model");
    expect(decoded.fix).to.contain(`hokusai:status --model-id ${request.modelId}`);
  });

  it("decodes OpenZeppelin's AccessControlUnauthorizedAccount like the revert string", function () {
    const data = new Interface([
      "error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)",
    ]).encodeErrorResult("AccessControlUnauthorizedAccount", [from, "0x" + "ab".repeat(32)]);
    const decoded = decodeRevertData(data);
    expect(decoded.code).to.equal("HOK406");
    expect(decoded.message).to.equal(`AccessControl: account ${from} is missing role 0x${"ab".repeat(32)}`);
  });

  it("names pool bounds from their limits", function () {
    const bounds = new Interface(["error ValueOutOfBounds(uint256 value, uint256 min, uint256 max)"]);
    expect(
      decodeRevertData(bounds.encodeErrorResult("ValueOutOfBounds", [10, 50000, 1000000])).message,
    ).to.contain("crr 10 is outside 50000 to 1000000");
    expect(
      decodeRevertData(bounds.encodeErrorResult("ValueOutOfBounds", [1, 86400, 2592000])).message,
    ).to.contain("ibrDuration");
  });

  it("says what empty revert data usually means", function () {
    const decoded = decodeRevertData("0x");
    expect(decoded.code).to.equal("HOK411");
    expect(decoded.fix).to.contain("v2 TokenManager called with the guide's v1 function");
  });

  it("prints the selector and the raw data of an unknown error", function () {
    const data = new Interface(["error Mystery(uint256 x)"]).encodeErrorResult("Mystery", [7]);
    const decoded = decodeRevertData(data);
    expect(decoded.code).to.equal("HOK412");
    expect(decoded.message).to.contain(data.slice(0, 10)).and.to.contain(data);
  });

  it("explains a panic", function () {
    const data = new Interface(["error Panic(uint256)"]).encodeErrorResult("Panic", [0x11]);
    expect(decodeRevertData(data).message).to.contain("arithmetic overflow or underflow");
  });
});
