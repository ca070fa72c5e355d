import { DEVNET } from "../src/task-options";
import { hokusaiTask, networkAction } from "./params";

// Hardhat 2 only: it serves Hardhat 2's in-process network.
hokusaiTask(DEVNET).setAction(
  networkAction(async (args: { hostname: string; port: number; stack?: string; chainId?: number }, hre) => {
    const { startDevnet } = await import("../src/hardhat/actions/devnet");
    const { formatDevnet } = await import("../src/ui/devnet");
    const devnet = await startDevnet(hre, args);
    console.log(formatDevnet(devnet));
    await devnet.closed;
  }),
);
