import { DISTRIBUTE_SUPPLIER_ALLOCATION } from "../src/task-options";
import { hokusaiTask, networkAction } from "./params";

hokusaiTask(DISTRIBUTE_SUPPLIER_ALLOCATION).setAction(
  networkAction(async (args, hre) => {
    const { distributeCommand } = await import("../src/hardhat/commands/distribute");
    return distributeCommand(hre, args);
  }),
);
