import { DEPLOY_TOKENS } from "../src/task-options";
import { hokusaiTask, networkAction } from "./params";

hokusaiTask(DEPLOY_TOKENS).setAction(
  networkAction(async (args, hre) => {
    const { deployTokensCommand } = await import("../src/hardhat/commands/deploy-tokens");
    return deployTokensCommand(hre, args);
  }),
);
