import path from "path";

import { expect } from "chai";
import type { HardhatConfig } from "hardhat/types";

import {
  addGuideSepoliaNetwork,
  normalizePrivateKey,
  resolveHokusaiConfig,
  UNSET_RPC_URL,
} from "../../src/config";

const KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

function variables(values: Record<string, string>) {
  return (name: string) => values[name];
}

describe("the hokusai config extender", function () {
  it("gives defaults: a public IPFS gateway, deployments/ under the root, explorers of known networks", function () {
    const config = resolveHokusaiConfig(undefined, "/project", variables({}));
    expect(config.ipfsGateway).to.equal("https://ipfs.io");
    expect(config.deploymentsDir).to.equal(path.resolve("/project", "deployments"));
    expect(config.networks.sepolia.explorerUrl).to.equal("https://sepolia.etherscan.io");
    expect(config.networks.sepolia.tokenManager).to.equal(undefined);
  });

  it("fills sepolia and localhost from the guide's environment variables, and no other network", function () {
    const env = variables({
      TOKEN_MANAGER_ADDRESS: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      GOVERNOR_ADDRESS: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      MODEL_SUPPLIER_RECIPIENT: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
    });
    const config = resolveHokusaiConfig({ networks: { mainnet: {}, staging: {} } }, "/p", env);
    expect(config.networks.sepolia).to.include({
      tokenManager: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      governor: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      modelSupplierRecipient: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
    });
    expect(config.networks.localhost.tokenManager).to.equal("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    expect(config.networks.mainnet.tokenManager).to.equal(undefined);
    expect(config.networks.staging.governor).to.equal(undefined);
  });

  it("lets the config beat the environment", function () {
    const config = resolveHokusaiConfig(
      { networks: { sepolia: { tokenManager: "0x000000000000000000000000000000000000beef" } } },
      "/p",
      variables({ TOKEN_MANAGER_ADDRESS: "0x5FbDB2315678afecb367f032d93F642f64180aa3" }),
    );
    expect(config.networks.sepolia.tokenManager).to.equal("0x000000000000000000000000000000000000beef");
  });

  it("resolves deploymentsDir against the root, trims trailing slashes of URLs", function () {
    const config = resolveHokusaiConfig(
      {
        deploymentsDir: "out/records",
        ipfsGateway: "http://127.0.0.1:8080/",
        networks: { x: { explorerUrl: "https://e.x/" } },
      },
      "/root",
      variables({ HOKUSAI_DEPLOYMENTS_DIR: "/elsewhere" }),
    );
    expect(config.deploymentsDir).to.equal(path.resolve("/root", "out/records"));
    expect(config.ipfsGateway).to.equal("http://127.0.0.1:8080");
    expect(config.networks.x.explorerUrl).to.equal("https://e.x");
  });

  it("takes HOKUSAI_DEPLOYMENTS_DIR when the config names no folder", function () {
    expect(
      resolveHokusaiConfig({}, "/root", variables({ HOKUSAI_DEPLOYMENTS_DIR: "/elsewhere" })).deploymentsDir,
    ).to.equal("/elsewhere");
  });

  describe("the sepolia network", function () {
    const emptyConfig = () => ({ networks: {} }) as unknown as HardhatConfig;

    it("is added from RPC_URL and PRIVATE_KEY with sepolia's chain id", function () {
      const config = emptyConfig();
      addGuideSepoliaNetwork(
        config,
        {},
        variables({ RPC_URL: "https://rpc.example/v3/key", PRIVATE_KEY: KEY.slice(2) }),
      );
      expect(config.networks.sepolia).to.include({ url: "https://rpc.example/v3/key", chainId: 11155111 });
      expect(config.networks.sepolia.accounts).to.deep.equal([KEY]);
    });

    it("is left to the project when it defines one", function () {
      const config = emptyConfig();
      addGuideSepoliaNetwork(config, { networks: { sepolia: { url: "x" } } }, variables({ RPC_URL: "y" }));
      expect(config.networks.sepolia).to.equal(undefined);
    });

    it("stands in an unset URL and no account for missing or malformed variables", function () {
      const config = emptyConfig();
      addGuideSepoliaNetwork(config, {}, variables({ PRIVATE_KEY: "0x1234" }));
      expect(config.networks.sepolia).to.include({ url: UNSET_RPC_URL });
      expect(config.networks.sepolia.accounts).to.deep.equal([]);
    });
  });

  it("recognises a private key with or without 0x, and nothing else", function () {
    expect(normalizePrivateKey(KEY)).to.equal(KEY);
    expect(normalizePrivateKey(KEY.slice(2).toUpperCase())).to.equal(`0x${KEY.slice(2).toUpperCase()}`);
    expect(normalizePrivateKey("0x1234")).to.equal(undefined);
    expect(normalizePrivateKey(`${KEY}00`)).to.equal(undefined);
  });
});
