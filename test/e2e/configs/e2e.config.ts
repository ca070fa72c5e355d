/**
 * The project's config, for process-level tests: `hardhat node` runs with
 * HOKUSAI_E2E_CHAIN_ID as its chain id (it has no flag for it), and the CLI reaches a
 * node on any port as network `localhost` (HOKUSAI_E2E_RPC_URL), signing through the node,
 * or locally with HOKUSAI_E2E_PRIVATE_KEY (as a key-holding network does). Paths stay those
 * of the project root, two levels up.
 */
import path from "path";

import type { HardhatUserConfig } from "hardhat/config";

import baseConfig from "../../../hardhat.config";

const chainId = Number(process.env.HOKUSAI_E2E_CHAIN_ID ?? 31337);

const config: HardhatUserConfig = {
  ...baseConfig,
  // The suites that run tasks on the in-process network of a child were written against the
  // guide's stack; those of the live stack ask for it (HOKUSAI_E2E_STACK=live).
  hokusai: { ...baseConfig.hokusai, localStack: process.env.HOKUSAI_E2E_STACK === "live" ? "live" : "guide" },
  paths: { ...baseConfig.paths, root: path.resolve(__dirname, "..", "..", "..") },
  networks: {
    ...baseConfig.networks,
    hardhat: { ...baseConfig.networks?.hardhat, chainId },
    localhost: {
      url: process.env.HOKUSAI_E2E_RPC_URL ?? "http://127.0.0.1:8545",
      timeout: Number(process.env.HOKUSAI_E2E_RPC_TIMEOUT_MS ?? 20_000),
      ...(process.env.HOKUSAI_E2E_PRIVATE_KEY ? { accounts: [process.env.HOKUSAI_E2E_PRIVATE_KEY] } : {}),
    },
  },
  ignition: {
    ...baseConfig.ignition,
    // With automine off Ignition would wait for 5 blocks; the tests mine on purpose.
    requiredConfirmations: 1,
  },
};

export default config;
