import { LICENSE_HASH } from "../src/task-options";
import { hokusaiTask } from "./params";

hokusaiTask(LICENSE_HASH).setAction(async (args) => {
  const { licenseHashCommand } = await import("../src/hardhat/commands/license-hash");
  return licenseHashCommand(args);
});
