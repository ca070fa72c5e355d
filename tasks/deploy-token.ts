import { DEPLOY_TOKEN } from "../src/task-options";
import { hokusaiTask } from "./params";

hokusaiTask(DEPLOY_TOKEN).setAction(async (args, hre) => {
  const { deployTokenCommand } = await import("../src/hardhat/commands/deploy-token");
  return deployTokenCommand(hre, args);
});
