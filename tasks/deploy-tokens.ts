import { DEPLOY_TOKENS } from "../src/task-options";
import { hokusaiTask } from "./params";

hokusaiTask(DEPLOY_TOKENS).setAction(async (args, hre) => {
  const { deployTokensCommand } = await import("../src/hardhat/commands/deploy-tokens");
  return deployTokensCommand(hre, args);
});
