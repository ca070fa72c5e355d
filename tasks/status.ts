import { STATUS } from "../src/task-options";
import { hokusaiTask } from "./params";

hokusaiTask(STATUS).setAction(async (args, hre) => {
  const { statusCommand } = await import("../src/hardhat/commands/status");
  return statusCommand(hre, args);
});
