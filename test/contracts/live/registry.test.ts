import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";

import { MODEL_ID as GUIDE_MODEL_ID } from "../../helpers/contract-fixtures";
import {
  LIVE_MODEL_ID,
  PERFORMANCE_METRIC,
  deployLive,
  liveModelFixture,
  liveModelOf,
  registeredModelFixture,
} from "../../helpers/live-fixtures";

describe("LiveModelRegistry: models keyed by number", function () {
  it("registers a token under a decimal id, readable by the string and by the number", async function () {
    const { modelRegistry, token } = await loadFixture(liveModelFixture);
    const tokenAddress = await token.getAddress();
    await expect(modelRegistry.registerStringModel(LIVE_MODEL_ID, tokenAddress, PERFORMANCE_METRIC))
      .to.emit(modelRegistry, "StringModelRegistered")
      .withArgs(LIVE_MODEL_ID, tokenAddress, PERFORMANCE_METRIC)
      .and.to.emit(modelRegistry, "ModelRegistered")
      .withArgs(28n, tokenAddress, PERFORMANCE_METRIC);

    expect(await modelRegistry.isStringRegistered(LIVE_MODEL_ID)).to.be.true;
    expect(await modelRegistry.isStringActive(LIVE_MODEL_ID)).to.be.true;
    expect(await modelRegistry.modelsByString(LIVE_MODEL_ID)).to.deep.equal([tokenAddress, PERFORMANCE_METRIC, true]);
    expect(await modelRegistry.models(28n)).to.deep.equal([tokenAddress, PERFORMANCE_METRIC, true]);
    expect(await modelRegistry.getStringToken(LIVE_MODEL_ID)).to.equal(tokenAddress);
    // The string is only a spelling of the number.
    expect(await modelRegistry.isStringRegistered("028")).to.be.true;
    expect(await modelRegistry.isStringRegistered("29")).to.be.false;
  });

  it('reverts "Model ID must be decimal string" for a non-decimal id, for which every query is false', async function () {
    const { modelRegistry, token } = await loadFixture(liveModelFixture);
    await expect(
      modelRegistry.registerStringModel("model-28", await token.getAddress(), PERFORMANCE_METRIC),
    ).to.be.revertedWith("Model ID must be decimal string");
    expect(await modelRegistry.isStringRegistered("model-28")).to.be.false;
    expect(await modelRegistry.isStringActive("model-28")).to.be.false;
  });

  it('lets "sentiment-v2" be deployed, but never registered, so it can never get a pool', async function () {
    const system = await loadFixture(liveModelFixture);
    const { modelRegistry, tokenManager, ammFactory } = system;
    await deployLive(system, { modelId: GUIDE_MODEL_ID });
    const { token } = await liveModelOf(system, GUIDE_MODEL_ID);
    const tokenAddress = await token.getAddress();
    expect(await tokenManager.hasToken(GUIDE_MODEL_ID)).to.be.true;

    await expect(modelRegistry.registerStringModel(GUIDE_MODEL_ID, tokenAddress, PERFORMANCE_METRIC)).to.be.revertedWith(
      "Model ID must be decimal string",
    );
    expect(await modelRegistry.isStringRegistered(GUIDE_MODEL_ID)).to.be.false;
    expect(await modelRegistry.modelsByString(GUIDE_MODEL_ID)).to.deep.equal([
      "0x0000000000000000000000000000000000000000",
      "",
      false,
    ]);
    await expect(
      ammFactory.createPoolWithParams(GUIDE_MODEL_ID, tokenAddress, 200_000n, 30n, 7n * 86_400n, 1n, 1n),
    ).to.be.revertedWith("Model not registered in ModelRegistry");
  });

  it("registers only the token the TokenManager holds for that id", async function () {
    const system = await loadFixture(liveModelFixture);
    const { modelRegistry, token } = system;
    await deployLive(system, { modelId: "30" });
    const tokenAddress = await token.getAddress();
    await expect(modelRegistry.registerStringModel("31", tokenAddress, PERFORMANCE_METRIC)).to.be.revertedWith(
      "Token not registered in TokenManager",
    );
    await expect(modelRegistry.registerStringModel("30", tokenAddress, PERFORMANCE_METRIC)).to.be.revertedWith(
      "Token address mismatch with TokenManager",
    );
  });

  it(`refuses "028" once "28" is registered: they are one model`, async function () {
    const system = await loadFixture(registeredModelFixture);
    const { modelRegistry, token } = system;
    await expect(
      modelRegistry.registerStringModel("028", await token.getAddress(), PERFORMANCE_METRIC),
    ).to.be.revertedWith("Model already registered");
  });

  it("deactivates and reactivates a model, by the owner only", async function () {
    const { modelRegistry, token, other } = await loadFixture(registeredModelFixture);
    await expect(modelRegistry.connect(other).deactivateStringModel(LIVE_MODEL_ID)).to.be.revertedWith(
      "Ownable: caller is not the owner",
    );
    await expect(modelRegistry.deactivateStringModel(LIVE_MODEL_ID))
      .to.emit(modelRegistry, "StringModelDeactivated")
      .withArgs(LIVE_MODEL_ID);
    expect(await modelRegistry.isStringRegistered(LIVE_MODEL_ID)).to.be.true;
    expect(await modelRegistry.isStringActive(LIVE_MODEL_ID)).to.be.false;
    expect((await modelRegistry.modelsByString(LIVE_MODEL_ID)).active).to.be.false;
    await expect(modelRegistry.deactivateStringModel(LIVE_MODEL_ID)).to.be.revertedWith("Model already deactivated");

    await modelRegistry.reactivateStringModel(LIVE_MODEL_ID);
    expect(await modelRegistry.isStringActive(LIVE_MODEL_ID)).to.be.true;
    expect(await modelRegistry.getStringToken(LIVE_MODEL_ID)).to.equal(await token.getAddress());
  });

  it("takes pools from its registrars (the AMM factory) and its owner only", async function () {
    const { modelRegistry, ammFactory, tokenManager, other } = await loadFixture(registeredModelFixture);
    expect(await modelRegistry.poolRegistrars(await ammFactory.getAddress())).to.be.true;
    expect(await modelRegistry.stringModelTokenManager()).to.equal(await tokenManager.getAddress());
    await expect(modelRegistry.connect(other).registerPool(LIVE_MODEL_ID, other.address)).to.be.revertedWith(
      "Caller is not authorized to register pools",
    );
    expect(await modelRegistry.hasPool(LIVE_MODEL_ID)).to.be.false;
  });
});
