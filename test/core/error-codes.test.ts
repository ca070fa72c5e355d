/**
 * One code per failure, one place for it (src/core/errors/codes.ts), and a row for
 * each in the README's troubleshooting table.
 */
import { execFileSync } from "child_process";
import fs from "fs";
import path from "path";

import { expect } from "chai";

import { ERRORS } from "../../src/core/errors/codes";

const ROOT = path.join(__dirname, "..", "..");
const CATALOGUE = "src/core/errors/codes.ts";

describe("error codes", function () {
  const codes = Object.values(ERRORS).map((entry) => entry.code);

  it("gives every failure its own code", function () {
    const seen = new Map<string, string>();
    for (const [name, entry] of Object.entries(ERRORS)) {
      expect(seen.get(entry.code), `${entry.code} is used by ${seen.get(entry.code)} and ${name}`).to.equal(
        undefined,
      );
      seen.set(entry.code, name);
    }
    for (const code of codes) expect(code).to.match(/^HOK[1-7]\d{2}$/);
  });

  it("writes a code out nowhere in the source but in the catalogue", function () {
    const files = execFileSync("git", ["ls-files", "src", "tasks", "ignition"], {
      cwd: ROOT,
      encoding: "utf8",
    })
      .split("\n")
      .filter((file) => file.endsWith(".ts") && file !== CATALOGUE);
    const offenders = files.filter((file) =>
      /["'`]HOK\d{3}/.test(fs.readFileSync(path.join(ROOT, file), "utf8")),
    );
    expect(offenders, "name the failure from the catalogue instead").to.deep.equal([]);
  });

  it("has a row for every code in the README's troubleshooting table, and no row without a code", function () {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const rows = [...readme.matchAll(/^\| (HOK\d{3}) \|/gm)].map((match) => match[1]);
    expect([...rows].sort(), "README rows").to.deep.equal([...codes].sort());
    expect(new Set(rows).size, "a code with two rows").to.equal(rows.length);
  });
});
