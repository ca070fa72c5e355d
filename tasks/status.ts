import { STATUS } from "../src/task-options";
import { hokusaiTask, networkAction } from "./params";

hokusaiTask(STATUS).setAction(
  networkAction(async (args, hre) => {
    const { statusCommand } = await import("../src/hardhat/commands/status");
    return statusCommand(hre, args);
  }),
);
