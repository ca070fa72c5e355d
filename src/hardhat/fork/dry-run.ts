/**
 * `deploy-token --dry-run --fork`: runs src/fork-simulation in a child Hardhat
 * process whose in-process network forks this network's RPC, and returns what the
 * transaction did there.
 */
import { spawn } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

import type { HokusaiHost } from "../host";

import type { SimulationInput, SimulationOutput } from "../../core/fork-simulation";
import { forkFailedError, forkNeedsRpcError } from "../errors";

function hardhatCli(): string {
  const packageJson = require.resolve("hardhat/package.json");
  const { bin } = require(packageJson) as { bin: Record<string, string> };
  return path.join(path.dirname(packageJson), bin.hardhat);
}

export async function simulateDeployOnFork(
  hre: HokusaiHost,
  input: SimulationInput,
): Promise<SimulationOutput> {
  const config = hre.network.config;
  if (config.url === undefined) throw forkNeedsRpcError(hre.network.name);
  // The child is a Hardhat 2 process running this project's config.
  const configFile = hre.config.paths.configFile;
  if (configFile === undefined) {
    throw forkFailedError(hre.network.name, "the Hardhat 3 edition has no fork child yet");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-fork-"));
  const inputFile = path.join(dir, "input.json");
  const outputFile = path.join(dir, "output.json");
  fs.writeFileSync(inputFile, JSON.stringify(input));
  const script = path.join(__dirname, `child${path.extname(__filename)}`);
  try {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [hardhatCli(), "--config", configFile, "run", script, "--network", "hardhat"],
        {
          cwd: hre.config.paths.root,
          env: {
            ...process.env,
            HOKUSAI_FORK_URL: config.url,
            HOKUSAI_SIMULATION_INPUT: inputFile,
            HOKUSAI_SIMULATION_OUTPUT: outputFile,
            HARDHAT_DISABLE_TELEMETRY_PROMPT: "true",
          },
          stdio: ["ignore", "ignore", "pipe"],
        },
      );
      let errText = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (errText += chunk));
      child.once("error", reject);
      child.once("close", (exitCode) => resolve({ code: exitCode, stderr: errText }));
    });
    if (!fs.existsSync(outputFile)) {
      throw forkFailedError(hre.network.name, lastLine(stderr) ?? `exit code ${code}`);
    }
    const output = JSON.parse(fs.readFileSync(outputFile, "utf8")) as SimulationOutput;
    if ("error" in output) throw forkFailedError(hre.network.name, output.error);
    return output;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function lastLine(text: string): string | undefined {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .at(-1);
}
