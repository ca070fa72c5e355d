import { LAUNCH } from "../src/task-options";
import { hokusaiTask } from "./params";

hokusaiTask(LAUNCH).setAction(async (args, hre) => {
  const { launchCommand } = await import("../src/hardhat/commands/launch");
  return launchCommand(hre, args);
});
