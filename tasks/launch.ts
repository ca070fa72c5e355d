import { LAUNCH } from "../src/task-options";
import { hokusaiTask, networkAction } from "./params";

hokusaiTask(LAUNCH).setAction(
  networkAction(async (args, hre) => {
    const { launchCommand } = await import("../src/hardhat/commands/launch");
    return launchCommand(hre, args);
  }),
);
