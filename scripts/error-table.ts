/**
 * Prints the README's troubleshooting table from the catalogue of codes
 * (src/core/errors/codes.ts); test/core/error-codes.test.ts holds the two together.
 * `npx ts-node --transpile-only scripts/error-table.ts --write` replaces the table in README.md.
 */
import fs from "fs";
import path from "path";

import { ERRORS } from "../src/core/errors/codes";

const rows = Object.values(ERRORS).map(
  (entry) => `| ${entry.code} | ${"exit" in entry ? entry.exit : 1} | ${entry.means} |`,
);
const table = ["| code | exit | what it means |", "|---|---|---|", ...rows].join("\n");

if (process.argv.includes("--write")) {
  const readme = path.join(__dirname, "..", "README.md");
  const text = fs.readFileSync(readme, "utf8");
  const start = text.indexOf("| code | exit | what it means |");
  const end = text.indexOf("\n\n", start);
  if (start < 0 || end < 0) throw new Error("README.md has no troubleshooting table to replace");
  fs.writeFileSync(readme, text.slice(0, start) + table + text.slice(end));
} else {
  console.log(table);
}
