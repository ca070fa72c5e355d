/**
 * The plugin packed as a user gets it: `npm run build`, then `npm pack`. Suites that
 * run side by side (`npm test` runs two workers) take turns: a build empties dist/
 * first, which would break another suite's pack half-way.
 */
import { execFileSync } from "child_process";
import fs from "fs";
import path from "path";

import lockfile from "proper-lockfile";

import { PROJECT_ROOT } from "./process";

export interface Packed {
  tarball: string;
  /** The paths the tarball holds, relative to the package. */
  files: string[];
}

export async function packPlugin(dir: string): Promise<Packed> {
  const lockTarget = path.join(PROJECT_ROOT, "package.json");
  const release = await lockfile.lock(lockTarget, {
    lockfilePath: path.join(PROJECT_ROOT, ".tmp", "pack.lock"),
    stale: 60_000,
    update: 10_000,
    retries: { retries: 120, factor: 1, minTimeout: 5_000, maxTimeout: 5_000 },
  });
  try {
    const options = {
      cwd: PROJECT_ROOT,
      encoding: "utf8" as const,
      stdio: ["ignore", "pipe", "pipe"] as ["ignore", "pipe", "pipe"],
      env: { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: "true" },
    };
    // What `npm pack` does through prepack, in two steps so that pack's JSON is alone on stdout.
    execFileSync("npm", ["run", "build"], options);
    const [packed] = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], options),
    ) as Array<{ filename: string; files: Array<{ path: string }> }>;
    return { tarball: path.join(dir, packed.filename), files: packed.files.map((f) => f.path) };
  } finally {
    await release();
  }
}

/** Makes sure the lock's folder exists (it is git-ignored). */
fs.mkdirSync(path.join(PROJECT_ROOT, ".tmp"), { recursive: true });
