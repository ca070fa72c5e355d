/**
 * Registers the override of `npx hardhat ignition deploy` that checks the Hokusai
 * modules' parameters before Ignition runs (./deploy.ts). Ignition is loaded first so
 * that this override comes after its task; the checks themselves load only when the
 * task runs.
 */
import "@nomicfoundation/hardhat-ignition";
import { scope } from "hardhat/config";

scope("ignition").task("deploy", async (args, hre, runSuper) => {
  const { checkedIgnitionDeploy } = await import("./deploy");
  const { withPluginErrors } = await import("../../errors");
  return withPluginErrors(() =>
    checkedIgnitionDeploy(args as Parameters<typeof checkedIgnitionDeploy>[0], hre, runSuper),
  );
});
