/**
 * Run by `deploy-token --dry-run --fork` as `hardhat run <this file> --network hardhat`
 * in a child process. It turns its in-process network into a fork of the target chain
 * (HOKUSAI_FORK_URL, passed in the environment so that an API key in it never shows in
 * a process listing), sends the very transaction from the real sender, impersonated,
 * and writes what happened to HOKUSAI_SIMULATION_OUTPUT. Nothing reaches the real
 * chain: the fork lives in this process only.
 */
import fs from "fs";

import hre from "hardhat";

import { simulateOnFork, type SimulationInput } from "../../core/fork-simulation";

async function main(): Promise<void> {
  const inputFile = process.env.HOKUSAI_SIMULATION_INPUT;
  const outputFile = process.env.HOKUSAI_SIMULATION_OUTPUT;
  if (inputFile === undefined || outputFile === undefined) {
    throw new Error(
      "HOKUSAI_SIMULATION_INPUT and HOKUSAI_SIMULATION_OUTPUT must name the input and output files",
    );
  }
  const input = JSON.parse(fs.readFileSync(inputFile, "utf8")) as SimulationInput;
  await hre.network.provider.send("hardhat_reset", [
    { forking: { jsonRpcUrl: process.env.HOKUSAI_FORK_URL } },
  ]);
  await hre.network.provider.send("hardhat_impersonateAccount", [input.from]);
  const signer = await hre.ethers.getSigner(input.from);
  const output = await simulateOnFork(hre.ethers.provider, signer, input);
  fs.writeFileSync(outputFile, JSON.stringify(output));
}

main().catch((error) => {
  const outputFile = process.env.HOKUSAI_SIMULATION_OUTPUT;
  if (outputFile !== undefined) {
    fs.writeFileSync(outputFile, JSON.stringify({ error: (error as Error).message ?? String(error) }));
  }
  process.exitCode = 1;
});
