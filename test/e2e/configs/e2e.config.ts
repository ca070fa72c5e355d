/**
 * The project's config, for process-level tests: `hardhat node` runs with
 * HOKUSAI_E2E_CHAIN_ID as its chain id (it has no flag for it), and the CLI reaches a
 * node on any port as network `localhost` (HOKUSAI_E2E_RPC_URL), signing through the node,
 * or locally with HOKUSAI_E2E_PRIVATE_KEY (as a key-holding network does). Paths stay those
 * of the project root, two levels up.
 *
 * It loads what the tasks use (hardhat-ethers, Ignition and the plugin), not the whole
 * toolbox: the gas reporter, typechain, coverage and the chai matchers cost every child
 * process about 0.45 s of loading and play no part in a task. The suites that run in a
 * user's project (quick-start, hh3) keep the toolbox; those of the live devnet use the root
 * config, which loads the gas reporter only for `npm run gas`.
 *
 * The tests pass its .js twin, e2e.config.js, to Hardhat (E2E_CONFIG): Hardhat then starts
 * without ts-node (test/e2e/configs/ts-hook.js).
 */
import "@nomicfoundation/hardhat-ethers";
import "@nomicfoundation/hardhat-ignition-ethers";
import path from "path";

import type { HardhatUserConfig } from "hardhat/config";

import "../../../src/solc-offline";
import "../../../src";
import { SOLIDITY } from "../../../solidity.config";
import { hardhatAccounts } from "./accounts";

const chainId = Number(process.env.HOKUSAI_E2E_CHAIN_ID ?? 31337);

// Hardhat's own 20 accounts, given as keys (./accounts.ts says why).
const accounts = hardhatAccounts();

const config: HardhatUserConfig = {
  solidity: SOLIDITY,
  // The suites that run tasks on the in-process network of a child were written against the
  // guide's stack; those of the live stack ask for it (HOKUSAI_E2E_STACK=live).
  hokusai: { localStack: process.env.HOKUSAI_E2E_STACK === "live" ? "live" : "guide" },
  paths: { root: path.resolve(__dirname, "..", "..", "..") },
  networks: {
    hardhat: { chainId, accounts },
    localhost: {
      url: process.env.HOKUSAI_E2E_RPC_URL ?? "http://127.0.0.1:8545",
      timeout: Number(process.env.HOKUSAI_E2E_RPC_TIMEOUT_MS ?? 20_000),
      ...(process.env.HOKUSAI_E2E_PRIVATE_KEY ? { accounts: [process.env.HOKUSAI_E2E_PRIVATE_KEY] } : {}),
    },
  },
  // With automine off Ignition would wait for 5 blocks; the tests mine on purpose.
  ignition: { requiredConfirmations: 1 },
};

export default config;
