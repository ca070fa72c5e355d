/**
 * Hardhat 3 projects for the tests of the Hardhat 3 edition: the plugin packed as a
 * user gets it, a project installed from the registry with Node 22 from the npm
 * package `node` (Hardhat 3 needs Node >= 22.13; this machine's node may be older),
 * and its Hardhat CLI run by that Node, as the process's own PID.
 */
import { execFileSync, spawn } from "child_process";
import fs from "fs";
import path from "path";

import { hardhatEnv, NPM_FROM_CACHE, type RunResult } from "./process";

/** The folder of the project's own Node 22 binary, to put first on PATH. */
export function nodeBinDir(project: string): string {
  return path.join(project, "node_modules", "node", "bin");
}

/** PATH with the project's Node first, so that npm, npx and Hardhat run on it. */
export function withProjectNode(project: string, env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...env, PATH: `${nodeBinDir(project)}${path.delimiter}${process.env.PATH ?? ""}` };
}

/** npm's words for a registry it cannot reach (as opposed to a package that does not resolve or build). */
const REGISTRY_UNREACHABLE =
  /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network request to|\b50[234]\b/;

export class RegistryUnreachable extends Error {}

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): void {
  try {
    execFileSync("npm", args, {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...NPM_FROM_CACHE, ...env },
      timeout: 600_000,
    });
  } catch (error) {
    const output = `${(error as { stdout?: string }).stdout ?? ""}\n${(error as { stderr?: string }).stderr ?? ""}`;
    if (REGISTRY_UNREACHABLE.test(output))
      throw new RegistryUnreachable(output.trim().split("\n").slice(-3).join(" "));
    throw new Error(`npm ${args.join(" ")} failed in ${cwd}:\n${output}`);
  }
}

/**
 * A copy of `fixture` in `dest` with the plugin from `tarball`, installed as the README's
 * Hardhat 3 quick start installs: the project's own Node 22 first (the npm package `node`),
 * then everything with npm running on it, so that the packages that want Node 22 (the EDR
 * simulator's native build) come in the one install. Throws RegistryUnreachable when npm
 * cannot reach the registry.
 *
 * With `installed`, a Hardhat 3 project that npm has installed the same way (the README's
 * quick start, whose packages and versions the fixture's are, plus TypeScript), its
 * node_modules is moved into the copy first (that project is left without it), and npm's
 * install then adds only what the fixture lacks. Copying its 30,000 files cost 7.5 s of CPU.
 */
export function installFixture(fixture: string, dest: string, tarball: string, installed?: string): void {
  fs.cpSync(fixture, dest, { recursive: true, filter: (src) => !/node_modules|artifacts|cache/.test(src) });
  const pkgFile = path.join(dest, "package.json");
  const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8")) as { devDependencies: Record<string, string> };
  pkg.devDependencies["hardhat-hokusai"] = `file:${tarball}`;
  const write = (devDependencies: Record<string, string>) =>
    fs.writeFileSync(pkgFile, `${JSON.stringify({ ...pkg, devDependencies }, null, 2)}\n`);
  if (installed !== undefined) {
    fs.renameSync(path.join(installed, "node_modules"), path.join(dest, "node_modules"));
  } else {
    write({ node: pkg.devDependencies.node });
    npm(["install"], dest);
  }
  write(pkg.devDependencies);
  npm(["install"], dest, withProjectNode(dest));
}

/** `node <argv>` with the project's own Node: one process, whose PID is the one to stop. */
export function spawnProjectNode(project: string, argv: string[], env: NodeJS.ProcessEnv = {}) {
  return spawn(path.join(nodeBinDir(project), "node"), argv, {
    cwd: project,
    env: hardhatEnv(withProjectNode(project, env)),
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** The project's Hardhat CLI on its own Node. */
export function spawnHh3(project: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const cli = fs.realpathSync(path.join(project, "node_modules", ".bin", "hardhat"));
  return spawnProjectNode(project, [cli, ...args], env);
}

/** Runs `node <argv>` with the project's Node to its end (killed after `timeoutMs`). */
export function runProjectNode(
  project: string,
  argv: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 180_000,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawnProjectNode(project, argv, env);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Runs `hardhat <args>` in a Hardhat 3 project to its end. */
export function runHh3(project: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const cli = fs.realpathSync(path.join(project, "node_modules", ".bin", "hardhat"));
  return runProjectNode(project, [cli, ...args], env);
}
