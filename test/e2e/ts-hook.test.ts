/**
 * The TypeScript hook of the Hardhat processes that the tests start (test/e2e/configs/ts-hook.js):
 * a stack trace from a .ts file names the .ts line and column, though the code that ran is
 * swc's output, with more lines above it (the module's imports, compiled to requires).
 */
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";

import { PROJECT_ROOT, spawnNode } from "../helpers/process";

const HOOK = path.join(PROJECT_ROOT, "test", "e2e", "configs", "ts-hook.js");

const SOURCE = [
  'import path from "path";',
  "",
  "interface Shape {",
  "  readonly name: string;",
  "}",
  "",
  "export function fail(shape: Shape): never {",
  "  throw new Error(`no ${shape.name} in ${path.sep}`);",
  "}",
  "",
].join("\n");

describe("the tests' TypeScript hook for Hardhat processes", function () {
  let dir: string;

  before(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-ts-hook-"));
    fs.writeFileSync(path.join(dir, "fails.ts"), SOURCE);
  });

  after(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("maps a stack trace to the .ts line and column", async function () {
    const file = path.join(dir, "fails.ts");
    const script = [
      `require(${JSON.stringify(HOOK)});`,
      `try { require(${JSON.stringify(file)}).fail({ name: "shape" }); }`,
      "catch (error) { console.log(error.stack); }",
    ].join("\n");
    const result = await spawnNode(["-e", script]).done;
    expect(result.code, result.stderr).to.equal(0);
    const [message, top] = result.stdout.split("\n");
    expect(message).to.equal(`Error: no shape in ${path.sep}`);
    // Line 8, column 9: where `new Error` stands in the source above.
    expect(top).to.contain(`${file}:8:9`);
  });
});
