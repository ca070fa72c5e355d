/**
 * Part of `npm run build`: copies the artifacts of the contracts that the Ignition
 * modules name into dist/artifacts-bundle, so that a project using the published
 * plugin can deploy the mock system (e.g. on its in-process network) without
 * compiling the mocks itself. Build info is left out: it is large and only
 * contract verification needs it.
 */
import fs from "fs";
import path from "path";

import { projectArtifactFiles } from "../ignition/modules/builders";

const ROOT = path.resolve(__dirname, "..");
const TARGET = path.join(ROOT, "dist", "artifacts-bundle");

const sources = projectArtifactFiles(ROOT);
fs.rmSync(TARGET, { recursive: true, force: true });
fs.mkdirSync(TARGET, { recursive: true });
for (const file of sources) {
  const artifact = JSON.parse(fs.readFileSync(file, "utf8")) as { contractName: string };
  fs.writeFileSync(path.join(TARGET, `${artifact.contractName}.json`), JSON.stringify(artifact));
}
console.log(`bundled ${sources.length} artifacts into ${path.relative(ROOT, TARGET)}`);
