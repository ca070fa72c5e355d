/**
 * The plugin packed as a user gets it: `npm run build`, then `npm pack`. Suites that
 * run side by side (`npm test` runs several workers) take turns: a build empties dist/
 * first, which would break another suite's pack half-way. A tarball is kept under .tmp/
 * by the hash of everything the build and the package read, so the suites that need it
 * share one build while those inputs stay the same.
 */
import { execFileSync } from "child_process";
import { createHash } from "crypto";
import fs from "fs";
import path from "path";

import lockfile from "proper-lockfile";

import { PROJECT_ROOT } from "./process";

export interface Packed {
  tarball: string;
  /** The paths the tarball holds, relative to the package. */
  files: string[];
}

/** A kept tarball's name in its folder, and the paths it holds. */
interface KeptPack {
  filename: string;
  files: string[];
}

/** What the build and `npm pack` read: the sources, the contracts, the package's files and settings. */
const PACK_INPUTS = [
  ...[
    "src",
    "contracts",
    "types",
    "schemas",
    "examples",
    "ignition/modules",
    "ignition/parameters",
    "scripts",
  ],
  ...["package.json", "package-lock.json", "hardhat.config.ts", "README.md", "LICENSE"],
  ...["tsconfig.json", "tsconfig.build.json", "tsconfig.esm.json"],
];

/** The hash of every input file's path and bytes. */
function inputsHash(): string {
  const hash = createHash("sha256");
  const add = (file: string) => {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat === undefined) return;
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(file).sort()) add(path.join(file, entry));
      return;
    }
    hash.update(path.relative(PROJECT_ROOT, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  };
  for (const input of PACK_INPUTS) add(path.join(PROJECT_ROOT, input));
  return hash.digest("hex").slice(0, 16);
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
    const kept = path.join(PROJECT_ROOT, ".tmp", "pack", inputsHash());
    const keptPacked = path.join(kept, "packed.json");
    if (fs.existsSync(keptPacked)) {
      const { filename, files } = JSON.parse(fs.readFileSync(keptPacked, "utf8")) as KeptPack;
      fs.copyFileSync(path.join(kept, filename), path.join(dir, filename));
      return { tarball: path.join(dir, filename), files };
    }
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
    const files = packed.files.map((f) => f.path);
    fs.rmSync(path.dirname(kept), { recursive: true, force: true });
    fs.mkdirSync(kept, { recursive: true });
    fs.copyFileSync(path.join(dir, packed.filename), path.join(kept, packed.filename));
    fs.writeFileSync(keptPacked, JSON.stringify({ filename: packed.filename, files } satisfies KeptPack));
    return { tarball: path.join(dir, packed.filename), files };
  } finally {
    await release();
  }
}

/** Makes sure the lock's folder exists (it is git-ignored). */
fs.mkdirSync(path.join(PROJECT_ROOT, ".tmp"), { recursive: true });
