/**
 * The Hardhat process of a CLI session (test/helpers/cli-session.ts): started with
 * `node -r hardhat/register`, so the config, the network (HARDHAT_NETWORK) and the
 * environment are read once, as the CLI reads them; then each command line the test sends
 * over IPC runs through runCliInProcess and its exit code and output are sent back.
 */
import hre from "hardhat";

import { runCliInProcess } from "./cli-in-process";

interface Request {
  id: number;
  argv: string[];
}

const send = (message: unknown): void => void process.send?.(message);

let queue = Promise.resolve();
process.on("message", (request: Request) => {
  // One command at a time, as a shell runs them.
  queue = queue.then(async () => send({ id: request.id, ...(await runCliInProcess(hre, request.argv)) }));
});
send({ ready: true });
