import { DEPLOY_TOKEN } from "../src/task-options";
import { hokusaiTask, networkAction } from "./params";

hokusaiTask(DEPLOY_TOKEN).setAction(
  networkAction(async (args, hre) => {
    const { deployTokenCommand } = await import("../src/hardhat/commands/deploy-token");
    return deployTokenCommand(hre, args);
  }),
);
