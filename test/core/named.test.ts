import { expect } from "chai";

import { checkNamedContract } from "../../src/core/named";
import { flagNamer, HokusaiPluginError, toPluginError } from "../../src/errors";

const TM = "0x1111111111111111111111111111111111111111";
const FACTORY = "0x2222222222222222222222222222222222222222";
const NAMED = "0x4444444444444444444444444444444444444444";
const WIRED = "0x5555555555555555555555555555555555555555";

function refusal(work: () => void): HokusaiPluginError {
  try {
    work();
  } catch (error) {
    return toPluginError(error, flagNamer) as HokusaiPluginError;
  }
  throw new Error("expected a refusal");
}

describe("a contract the project names, against the chain's wiring (core)", function () {
  const registry = { modelRegistry: { address: NAMED, source: "MODEL_REGISTRY_ADDRESS" } };

  it("lets through what nothing names, and a name of the wired contract in any case", function () {
    expect(() => checkNamedContract(undefined, "modelRegistry", TM, undefined)).to.not.throw();
    expect(() => checkNamedContract({}, "usdc", FACTORY, WIRED)).to.not.throw();
    const lower = { modelRegistry: { address: NAMED.toLowerCase(), source: "MODEL_REGISTRY_ADDRESS" } };
    expect(() => checkNamedContract(lower, "modelRegistry", TM, NAMED)).to.not.throw();
    expect(() => checkNamedContract(registry, "usdc", FACTORY, WIRED), "another kind's name").to.not.throw();
  });

  it("refuses a ModelRegistry where the TokenManager has none (the guide's stack), naming the variable and the flag", function () {
    const error = refusal(() => checkNamedContract(registry, "modelRegistry", TM, undefined));
    expect(error.code).to.equal("HOK315");
    expect(error.message).to.equal(
      `HOK315: MODEL_REGISTRY_ADDRESS names the ModelRegistry ${NAMED}, but the TokenManager ${TM} is wired to no ModelRegistry (the guide's stack); nothing was sent: correct or unset MODEL_REGISTRY_ADDRESS, or point --token-manager at the TokenManager wired to ${NAMED}`,
    );
  });

  it("refuses a USDC that is not the factory's reserve token, naming --amm-factory", function () {
    const usdc = { usdc: { address: NAMED, source: "USDC_ADDRESS" } };
    const error = refusal(() => checkNamedContract(usdc, "usdc", FACTORY, WIRED));
    expect(error.message).to.equal(
      `HOK315: USDC_ADDRESS names the USDC ${NAMED}, but the AMM factory ${FACTORY} is wired to the USDC ${WIRED}; nothing was sent: correct or unset USDC_ADDRESS, or point --amm-factory at the AMM factory wired to ${NAMED}`,
    );
  });

  it("names a param as its flag, and anything else (a variable, a config key) as written", function () {
    expect(["modelId", "ammFactory", "x"].map(flagNamer)).to.deep.equal([
      "--model-id",
      "--amm-factory",
      "--x",
    ]);
    expect(["USDC_ADDRESS", "hokusai.networks.sepolia.usdc"].map(flagNamer)).to.deep.equal([
      "USDC_ADDRESS",
      "hokusai.networks.sepolia.usdc",
    ]);
  });
});
