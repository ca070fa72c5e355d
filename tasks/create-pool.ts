import { CREATE_POOL } from "../src/task-options";
import { hokusaiTask, networkAction } from "./params";

hokusaiTask(CREATE_POOL).setAction(
  networkAction(async (args, hre) => {
    const { createPoolCommand } = await import("../src/hardhat/commands/create-pool");
    return createPoolCommand(hre, args);
  }),
);
