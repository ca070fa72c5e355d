import { PLAN } from "../src/task-options";
import { hokusaiTask } from "./params";

hokusaiTask(PLAN).setAction(async (args, hre) => {
  const { planCommand } = await import("../src/hardhat/commands/plan");
  return planCommand(hre.config.paths.root, args);
});
