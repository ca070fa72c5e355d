/**
 * The README's runnable blocks: a fenced block directly under a comment
 * `<!-- <marker>: <name> ... -->` is that block, taken as written.
 */
import { spawn } from "child_process";

import { NPM_FROM_CACHE } from "./process";

export function readmeBlocks(readme: string, marker: string): Map<string, string> {
  const blocks = new Map<string, string>();
  const pattern = new RegExp(
    `^<!-- ${marker}: ([\\w-]+)[^\\n]*-->\\n\`\`\`\\w*\\n([\\s\\S]*?)^\`\`\`$`,
    "gm",
  );
  for (const match of readme.matchAll(pattern)) {
    if (blocks.has(match[1])) throw new Error(`README marks two blocks "${match[1]}"`);
    blocks.set(match[1], match[2]);
  }
  return blocks;
}

/** The one fenced block under `<!-- <marker>: ... -->`, whatever the comment says after the marker. */
export function markedBlock(readme: string, marker: string): string {
  const pattern = new RegExp(`^<!-- ${marker}:[^\\n]*-->\\n\`\`\`\\w*\\n([\\s\\S]*?)^\`\`\`$`, "gm");
  const found = [...readme.matchAll(pattern)];
  if (found.length !== 1) throw new Error(`README has ${found.length} blocks marked ${marker}, not one`);
  return found[0][1];
}

export interface BlockResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr, for a failure's message. */
  output: string;
}

/** Runs a shell block with bash -euo pipefail in `cwd`; the child is this call's own and waited for. */
export function runBlock(block: string, cwd: string, env: NodeJS.ProcessEnv = {}): Promise<BlockResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-euo", "pipefail", "-c", block], {
      cwd,
      env: { ...process.env, ...NPM_FROM_CACHE, HARDHAT_DISABLE_TELEMETRY_PROMPT: "true", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += String(chunk)));
    child.stderr.on("data", (chunk) => (stderr += String(chunk)));
    child.once("error", reject);
    child.once("close", (code) =>
      resolve({ code, stdout, stderr, output: `--- stdout\n${stdout}\n--- stderr\n${stderr}` }),
    );
  });
}
