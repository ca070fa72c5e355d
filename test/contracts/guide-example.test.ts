import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import { V1_SELECTOR, systemFixture } from "../helpers/contract-fixtures";

// Copied byte for byte from the user guide (creating-models, programmatic step 3): no typechain here,
// so this test fails if the mock ever stops speaking the ABI the guide tells users to call.
const TOKEN_MANAGER_ABI = [
  "function deployTokenWithAllocations(string modelId, string name, string symbol, uint256 modelSupplierAllocation, address modelSupplierRecipient, uint256 investorAllocation, (uint256 tokensPerDeltaOne, uint16 infrastructureAccrualBps, uint256 initialOraclePricePerThousandUsd, bytes32 licenseHash, string licenseURI, address governor) initialParams) payable returns (address)",
];

describe("The guide's step 3 against MockTokenManager", function () {
  it("has the v1 selector", function () {
    const iface = new ethers.Interface(TOKEN_MANAGER_ABI);
    expect(iface.getFunction("deployTokenWithAllocations")!.selector).to.equal(V1_SELECTOR);
  });

  it("deploys the token with the guide's own ABI string and values", async function () {
    const { tokenManager, owner: wallet, governor, supplier } = await loadFixture(systemFixture);
    const contract = new ethers.Contract(await tokenManager.getAddress(), TOKEN_MANAGER_ABI, wallet);

    // From here on, the guide's example with its environment variables filled in.
    const licenseText = `# Commercial Model License

Replace this text with the exact license you will publish off-chain.
`;

    const initialParams = {
      tokensPerDeltaOne: ethers.parseUnits("100000", 18),
      infrastructureAccrualBps: 5000,
      initialOraclePricePerThousandUsd: 0n,
      licenseHash: ethers.keccak256(ethers.toUtf8Bytes(licenseText)),
      licenseURI: "ipfs://Qm.../license.md",
      governor: governor.address,
    };

    const tx = await contract.deployTokenWithAllocations(
      "sentiment-v2",
      "Sentiment Model",
      "SENT",
      ethers.parseUnits("400000", 18), // modelSupplierAllocation
      supplier.address,
      ethers.parseUnits("600000", 18), // investorAllocation
      initialParams,
    );
    const receipt = await tx.wait();
    expect(receipt?.status).to.equal(1);
    expect(tx.data.slice(0, 10)).to.equal(V1_SELECTOR);

    // What the guide promises about the result.
    const tokenAddress = await tokenManager.getTokenAddress("sentiment-v2");
    expect(tokenAddress).to.be.properAddress;
    expect(tokenAddress).not.to.equal(ethers.ZeroAddress);
    const token = await ethers.getContractAt("MockHokusaiToken", tokenAddress);
    expect(await token.name()).to.equal("Sentiment Model");
    expect(await token.symbol()).to.equal("SENT");
    expect(await token.totalSupply()).to.equal(0n);
    expect(await token.maxSupply()).to.equal(ethers.parseUnits("1000000", 18));
    expect(await token.modelSupplierRecipient()).to.equal(supplier.address);

    const params = await ethers.getContractAt("MockHokusaiParams", await token.params());
    expect(await params.licenseHash()).to.equal(ethers.keccak256(ethers.toUtf8Bytes(licenseText)));
    expect(await params.licenseURI()).to.equal("ipfs://Qm.../license.md");
    expect(await params.tokensPerDeltaOne()).to.equal(ethers.parseUnits("100000", 18));
    expect(await params.infrastructureAccrualBps()).to.equal(5000n);
    expect(await params.governor()).to.equal(governor.address);
  });

  it("returns the token address from a static call, as `returns (address)` says", async function () {
    const { tokenManager, owner, governor, supplier } = await loadFixture(systemFixture);
    const contract = new ethers.Contract(await tokenManager.getAddress(), TOKEN_MANAGER_ABI, owner);
    const args = [
      "sentiment-v2",
      "Sentiment Model",
      "SENT",
      ethers.parseUnits("400000", 18),
      supplier.address,
      ethers.parseUnits("600000", 18),
      {
        tokensPerDeltaOne: ethers.parseUnits("100000", 18),
        infrastructureAccrualBps: 5000,
        initialOraclePricePerThousandUsd: 0n,
        licenseHash: ethers.ZeroHash,
        licenseURI: "ipfs://Qm.../license.md",
        governor: governor.address,
      },
    ];
    const predicted: string = await contract.deployTokenWithAllocations.staticCall(...args);
    await (await contract.deployTokenWithAllocations(...args)).wait();
    expect(await tokenManager.getTokenAddress("sentiment-v2")).to.equal(predicted);
  });
});
