import { VERIFY_LICENSE } from "../src/task-options";
import { hokusaiTask, networkAction } from "./params";

hokusaiTask(VERIFY_LICENSE).setAction(
  networkAction(async (args, hre) => {
    const { verifyLicenseCommand } = await import("../src/hardhat/commands/verify-license");
    return verifyLicenseCommand(hre, args);
  }),
);
