/**
 * `hardhat-hokusai/testing`: the Hokusai system in a project's own contract tests.
 *
 *   async function launched() {
 *     const system = await deployHokusaiSystem({ stack: "live" });
 *     const model = await deployModel(system, { modelId: "101", name: "My Model", symbol: "MYM", preset: "growth" });
 *     await distribute(model);
 *     return launchPool(model, { public: true, initialReserve: "1000" });
 *   }
 *   const pool = await loadFixture(launched);
 *
 * Each helper runs the function its task runs (deploy-token, distribute-supplier-allocation,
 * create-pool) or sends through the same transaction engine, so it takes the same fields
 * and fails with the same one-line HokusaiPluginError (`.code` HOKnnn). Load the plugin in
 * hardhat.config.ts (`import "hardhat-hokusai"`).
 */
export { deployHokusaiSystem } from "./system";
export {
  addToWhitelist,
  deployModel,
  distribute,
  launchPool,
  TEST_LICENSE_HASH,
  TEST_LICENSE_URI,
} from "./model";
export { buy, depositUsageFees, endIbr, fundUsdc, sell, type AccountLike } from "./trade";
export type * from "./types";
