import { task, types } from "hardhat/config";

import { TASK_HOKUSAI_DEVNET } from "../src/task-names";

task(
  TASK_HOKUSAI_DEVNET,
  "Starts a local chain on 127.0.0.1 with the mock Hokusai system deployed, like `hardhat node`, until interrupted",
)
  .addOptionalParam("hostname", "Interface to listen on", "127.0.0.1", types.string)
  .addOptionalParam("port", "Port to listen on (0 picks a free one)", 8545, types.int)
  .addOptionalParam(
    "stack",
    'The mock system: "live" (as Sepolia and mainnet run: registry, vesting, whitelist) or "guide" (the guide\'s ABI); default: hokusai.localStack, "live"',
    undefined,
    types.string,
  )
  .addOptionalParam(
    "chainId",
    "Chain id to serve (default 31337; 11155111 makes a Sepolia stand-in that --network sepolia reaches through RPC_URL)",
    undefined,
    types.int,
  )
  .setAction(async (args: { hostname: string; port: number; stack?: string; chainId?: number }, hre) => {
    const { startDevnet } = await import("../src/hardhat/actions/devnet");
    const { formatDevnet } = await import("../src/ui/devnet");
    const devnet = await startDevnet(hre, args);
    console.log(formatDevnet(devnet));
    await devnet.closed;
  });
