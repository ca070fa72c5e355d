/**
 * The check of the Hokusai modules' parameters (src/hardhat/ignition/params.ts): one message per
 * problem naming the parameter, its value and the allowed range; whole tokens turned
 * into wei; the project's parameter files; and the `ignition deploy` override stopping
 * before anything is compiled or sent.
 */
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";
import hre, { ethers } from "hardhat";

import HokusaiSystemModule from "../../ignition/modules/HokusaiSystem";
import LocalModelPoolModule from "../../ignition/modules/LocalModelPool";
import LocalModelTokenModule from "../../ignition/modules/LocalModelToken";
import ModelPoolModule from "../../ignition/modules/ModelPool";
import ModelTokenModule from "../../ignition/modules/ModelToken";
import ModelTokenV2Module from "../../ignition/modules/ModelTokenV2";
import {
  MODULE_PARAMETERS,
  modulesOf,
  serializeParameters,
  validateDeploymentParameters,
  validateModuleParameters,
} from "../../src/hardhat/ignition/params";

const TOKENS = 10n ** 18n;
const PARAMETERS_DIR = path.join(__dirname, "..", "..", "ignition", "parameters");

const GUIDE = {
  modelId: "sentiment-v2",
  name: "Sentiment Model",
  symbol: "SENT",
  modelSupplierAllocation: "400000",
  modelSupplierRecipient: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  investorAllocation: "600000",
  tokensPerDeltaOne: "100000",
  infrastructureAccrualBps: 5000,
  licenseHash: ethers.keccak256(ethers.toUtf8Bytes("license")),
  licenseURI: "ipfs://QmLicense/license.md",
  governor: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
};
const TOKEN_MANAGER = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

function token(changes: Record<string, unknown>) {
  return validateModuleParameters("LocalModelTokenModule", { ...GUIDE, ...changes });
}

function readParameterFile(name: string) {
  // Ignition's own notation: "<digits>n" is a bigint.
  return JSON.parse(fs.readFileSync(path.join(PARAMETERS_DIR, name), "utf8"), (_key, value) =>
    typeof value === "string" && /^\d+n$/.test(value) ? BigInt(value.slice(0, -1)) : value,
  );
}

describe("Ignition module parameters", function () {
  describe("validateModuleParameters", function () {
    it("turns whole tokens into wei and keeps wei given with a suffix or as a bigint", function () {
      const result = token({ investorAllocation: "600000000000000000000000wei", tokensPerDeltaOne: 100000n });
      expect(result.modelSupplierAllocation).to.equal(400_000n * TOKENS);
      expect(result.investorAllocation).to.equal(600_000n * TOKENS);
      // The contract reads a value up to 10,000,000 as whole tokens; it is passed as given.
      expect(result.tokensPerDeltaOne).to.equal(100_000n);
      expect(token({}).tokensPerDeltaOne).to.equal(100_000n * TOKENS);
      expect(result.infrastructureAccrualBps).to.equal(5000);
      expect(result.governor).to.equal(GUIDE.governor);
    });

    const rejections: Array<[string, Record<string, unknown>, RegExp]> = [
      [
        "a zero address",
        { modelSupplierRecipient: ethers.ZeroAddress },
        /^HOK202: LocalModelTokenModule\.modelSupplierRecipient "0x0{40}" is invalid: must be a non-zero address$/,
      ],
      [
        "a malformed address",
        { governor: "0x1234" },
        /^HOK201: LocalModelTokenModule\.governor "0x1234" is invalid: expected an address/,
      ],
      [
        "a lower-case symbol",
        { symbol: "sent" },
        /^HOK205: LocalModelTokenModule\.symbol "sent" is invalid: must be 3 to 6 uppercase .*did you mean SENT\?$/,
      ],
      [
        "a 7-letter symbol",
        { symbol: "SENTIME" },
        /^HOK205: LocalModelTokenModule\.symbol "SENTIME" is invalid/,
      ],
      [
        "a zero allocation",
        { modelSupplierAllocation: "0" },
        /^HOK206: LocalModelTokenModule\.modelSupplierAllocation "0" is invalid: must be greater than zero/,
      ],
      [
        "an allocation that is not a number",
        { investorAllocation: "lots" },
        /^HOK206: LocalModelTokenModule\.investorAllocation "lots" is invalid: expected a number of tokens/,
      ],
      [
        "bps under 1000",
        { infrastructureAccrualBps: 999 },
        /^HOK207: LocalModelTokenModule\.infrastructureAccrualBps "999" is invalid: must be from 1000 to 10000 basis points/,
      ],
      [
        "bps over 10000",
        { infrastructureAccrualBps: "10001" },
        /^HOK207: LocalModelTokenModule\.infrastructureAccrualBps "10001" is invalid: must be from 1000 to 10000/,
      ],
      [
        "tokensPerDeltaOne under 100 tokens",
        { tokensPerDeltaOne: "50" },
        /^HOK207: LocalModelTokenModule\.tokensPerDeltaOne "50" is invalid: must be from 100 to 10,000,000 tokens$/,
      ],
      [
        "a licenseHash that is not bytes32",
        { licenseHash: "0xabc" },
        /^HOK208: LocalModelTokenModule\.licenseHash "0xabc" is invalid: expected 0x followed by 64 hex digits/,
      ],
      [
        "a licenseURI without a scheme",
        { licenseURI: "license.md" },
        /^HOK209: LocalModelTokenModule\.licenseURI "license\.md" is invalid/,
      ],
      ["an empty modelId", { modelId: "" }, /^HOK203: LocalModelTokenModule\.modelId is empty/],
      [
        "a deployment fee in ether",
        { deploymentFee: "0.01" },
        /^HOK206: LocalModelTokenModule\.deploymentFee "0\.01" is invalid: a wei amount must be a whole number$/,
      ],
    ];
    for (const [what, changes, message] of rejections) {
      it(`rejects ${what} with one line naming the parameter, value and range`, function () {
        expect(() => token(changes)).to.throw(message);
      });
    }

    it("names a missing parameter and where to add it", function () {
      const { symbol: _symbol, ...withoutSymbol } = GUIDE;
      expect(() => validateModuleParameters("LocalModelTokenModule", withoutSymbol)).to.throw(
        'HOK200: LocalModelTokenModule.symbol is required: add "symbol": "SENT" (3 to 6 uppercase letters or digits, starting with a letter) to the "LocalModelTokenModule" section of the parameters file',
      );
      expect(() => validateModuleParameters("ModelTokenModule", GUIDE)).to.throw(
        /^HOK200: ModelTokenModule\.tokenManager is required/,
      );
    });

    it("rejects a parameter the module does not have, listing those it has", function () {
      expect(() => token({ symbl: "SENT" })).to.throw(
        /^HOK214: LocalModelTokenModule\.symbl is not a parameter of LocalModelTokenModule; .*symbol/,
      );
    });

    it("takes a parameter from $global when the module's section lacks it", function () {
      const result = validateModuleParameters(
        "ModelPoolModule",
        { tokenManager: TOKEN_MANAGER },
        {
          ammFactory: TOKEN_MANAGER,
          modelId: "from-global",
          symbol: "ignored: not a pool parameter",
        },
      );
      expect(result).to.deep.equal({
        tokenManager: TOKEN_MANAGER,
        ammFactory: TOKEN_MANAGER,
        modelId: "from-global",
      });
    });

    it("leaves pool parameters out for the module's defaults, and checks the factory's bounds", function () {
      const base = { tokenManager: TOKEN_MANAGER, ammFactory: TOKEN_MANAGER, modelId: "m" };
      expect(validateModuleParameters("ModelPoolModule", base)).not.to.have.property("crr");
      expect(validateModuleParameters("ModelPoolModule", { ...base, crr: 50000 }).crr).to.equal(50_000n);
      expect(() => validateModuleParameters("ModelPoolModule", { ...base, crr: 49999 })).to.throw(
        /^HOK207: ModelPoolModule\.crr "49999" is invalid: must be from 50000 to 1000000 ppm$/,
      );
      expect(() => validateModuleParameters("ModelPoolModule", { ...base, tradeFee: 1001 })).to.throw(
        /ModelPoolModule\.tradeFee "1001" is invalid: must be from 0 to 1000 basis points/,
      );
      expect(() => validateModuleParameters("ModelPoolModule", { ...base, ibrDuration: 3600 })).to.throw(
        /ModelPoolModule\.ibrDuration "3600" is invalid: must be from 86400 to 2592000 seconds/,
      );
      expect(() => validateModuleParameters("ModelPoolModule", { ...base, flatCurvePrice: 0 })).to.throw(
        /ModelPoolModule\.flatCurvePrice "0" is invalid/,
      );
    });

    it("reads booleans as true or false only", function () {
      expect(
        validateModuleParameters("HokusaiSystemModule", { deployerRoleRequired: "false" }),
      ).to.deep.equal({
        deployerRoleRequired: false,
      });
      expect(() => validateModuleParameters("HokusaiSystemModule", { deployerRoleRequired: "yes" })).to.throw(
        /^HOK207: HokusaiSystemModule\.deployerRoleRequired "yes" is invalid: must be true or false$/,
      );
    });

    it("checks a vestingConfig as the live contract does", function () {
      const v2 = (vestingConfig: unknown) =>
        validateModuleParameters("ModelTokenV2Module", {
          tokenManager: TOKEN_MANAGER,
          ...GUIDE,
          vestingConfig,
        });
      expect(
        v2({ enabled: true, vestingDurationSeconds: 100, cliffSeconds: 10 }).vestingConfig,
      ).to.deep.equal({
        enabled: true,
        immediateUnlockBps: 0,
        vestingDurationSeconds: 100n,
        cliffSeconds: 10n,
      });
      expect(() => v2({ enabled: true })).to.throw(/vestingConfig\.vestingDurationSeconds "0" is invalid/);
      expect(() => v2({ enabled: true, vestingDurationSeconds: 10, cliffSeconds: 11 })).to.throw(
        /vestingConfig\.cliffSeconds "11" is invalid: must be from 0 to vestingDurationSeconds \(10\)/,
      );
      expect(() => v2({ immediateUnlockBps: 10001 })).to.throw(
        /immediateUnlockBps "10001" is invalid: must be from 0/,
      );
      expect(() => v2({ cliff: 1 })).to.throw(
        /HOK214: ModelTokenV2Module\.vestingConfig\.cliff is not a parameter/,
      );
    });

    it("passes the parameters of other modules through unchanged", function () {
      expect(validateModuleParameters("SomeoneElsesModule", { anything: "goes" })).to.deep.equal({
        anything: "goes",
      });
    });
  });

  describe("validateDeploymentParameters", function () {
    it("knows exactly the parameters each module of ignition/modules/ reads", function () {
      const dir = path.join(__dirname, "..", "..", "ignition", "modules");
      // builders.ts and system-plans.ts are what the modules are built from, not modules.
      const helpers = new Set(["builders.ts", "system-plans.ts"]);
      const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && !helpers.has(f));
      expect(files.length).to.be.greaterThan(5);
      for (const file of files) {
        const module = require(path.join(dir, file)).default;
        for (const sub of modulesOf(module)) {
          const read = new Set<string>();
          const seen = new Set<unknown>();
          const walk = (value: unknown, root = false): void => {
            if (value === null || typeof value !== "object" || seen.has(value)) return;
            // Another future (of this module or a submodule) is walked on its own, if at all.
            if (!root && "module" in value && "id" in value) return;
            seen.add(value);
            const v = value as { type?: unknown; name?: unknown; module?: unknown };
            if (v.type === "MODULE_PARAMETER" && typeof v.name === "string") read.add(v.name);
            for (const [key, inner] of Object.entries(value)) {
              if (key !== "module" && key !== "dependencies") walk(inner);
            }
          };
          for (const future of sub.futures) walk(future, true);
          expect(MODULE_PARAMETERS[sub.id], `${file}: ${sub.id} is not in MODULE_PARAMETERS`).not.to.equal(
            undefined,
          );
          expect([...read].sort(), `${file}: ${sub.id}`).to.deep.equal(
            Object.keys(MODULE_PARAMETERS[sub.id]).sort(),
          );
        }
      }
    });

    it("checks every Hokusai module of the deployment, submodules included", function () {
      expect(modulesOf(LocalModelPoolModule).map((module) => module.id)).to.have.members([
        "LocalModelPoolModule",
        "LocalModelTokenModule",
        "HokusaiSystemModule",
      ]);
      expect(() =>
        validateDeploymentParameters(LocalModelPoolModule, {
          $global: GUIDE,
          HokusaiSystemModule: { owner: ethers.ZeroAddress },
        }),
      ).to.throw(/^HOK202: HokusaiSystemModule\.owner/);
    });

    it("requires the pool and the token of LocalModelPoolModule to name the same model", function () {
      expect(() =>
        validateDeploymentParameters(LocalModelPoolModule, {
          LocalModelTokenModule: GUIDE,
          LocalModelPoolModule: { modelId: "another" },
        }),
      ).to.throw(/^HOK203: LocalModelPoolModule\.modelId "another" is invalid: must be the modelId of/);
    });

    it("serialises bigints in Ignition's notation", function () {
      const parameters = validateDeploymentParameters(LocalModelTokenModule, {
        LocalModelTokenModule: GUIDE,
      });
      const text = serializeParameters(parameters);
      expect(text).to.contain('"modelSupplierAllocation":"400000000000000000000000n"');
      expect(JSON.parse(text).LocalModelTokenModule.infrastructureAccrualBps).to.equal(5000);
    });
  });

  describe("ignition/parameters", function () {
    it("localhost.json is valid for the local modules, with the guide's example", function () {
      const parameters = readParameterFile("localhost.json");
      for (const module of [
        HokusaiSystemModule,
        LocalModelTokenModule,
        ModelTokenModule,
        ModelPoolModule,
        LocalModelPoolModule,
      ]) {
        expect(() => validateDeploymentParameters(module, parameters), module.id).not.to.throw();
      }
      const token = validateDeploymentParameters(LocalModelTokenModule, parameters).LocalModelTokenModule;
      expect(token.modelSupplierAllocation).to.equal(400_000n * TOKENS);
      expect(token.licenseHash).to.equal(ethers.keccak256(ethers.toUtf8Bytes(LICENSE_TEXT)));
    });

    it("sepolia.example.json names every section a module needs, and its placeholders are refused", function () {
      const parameters = readParameterFile("sepolia.example.json");
      for (const moduleId of ["ModelTokenModule", "ModelTokenV2Module"]) {
        for (const name of Object.keys(parameters[moduleId]))
          expect(MODULE_PARAMETERS[moduleId]).to.have.property(name);
      }
      expect(() => validateDeploymentParameters(ModelTokenV2Module, parameters)).to.throw(
        /^HOK201: ModelTokenV2Module\.tokenManager "<TOKEN_MANAGER_ADDRESS \(live ABI\)>" is invalid: expected an address/,
      );
    });
  });

  describe("the ignition deploy override", function () {
    let dir: string;

    before(function () {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-params-"));
    });

    after(function () {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("stops on a bad parameter before anything is sent", async function () {
      const file = path.join(dir, "bad.json");
      fs.writeFileSync(file, JSON.stringify({ LocalModelTokenModule: { ...GUIDE, symbol: "sent" } }));
      const [deployer] = await ethers.getSigners();
      const nonceBefore = await ethers.provider.getTransactionCount(deployer.address);

      await expect(
        hre.run(
          { scope: "ignition", task: "deploy" },
          { modulePath: "ignition/modules/LocalModelToken.ts", parameters: file },
        ),
      ).to.be.rejectedWith(/HOK205: LocalModelTokenModule\.symbol "sent" is invalid/);
      expect(await ethers.provider.getTransactionCount(deployer.address)).to.equal(nonceBefore);
    });

    it("reports a parameters file it cannot parse", async function () {
      const file = path.join(dir, "broken.json");
      fs.writeFileSync(file, '{ "LocalModelTokenModule": { "modelId": ');
      await expect(
        hre.run(
          { scope: "ignition", task: "deploy" },
          { modulePath: "ignition/modules/LocalModelToken.ts", parameters: file },
        ),
      ).to.be.rejectedWith(/HOK215: cannot read the Ignition parameters .*broken\.json/);
    });
  });
});

const LICENSE_TEXT = `# Commercial Model License

Replace this text with the exact license you will publish off-chain.
`;
