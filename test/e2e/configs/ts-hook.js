/**
 * TypeScript for the Hardhat processes that the tests start with a .js config. With a .ts
 * config Hardhat loads ts-node, and ts-node loads the TypeScript compiler even when swc does
 * the transpiling ("swc": true in tsconfig.json): about 0.6 s of CPU in every child and node.
 * Here swc strips the types of the project's .ts files directly, with the options ts-node
 * derives from tsconfig.json (ES2022, CommonJS with esModuleInterop, strict mode, define
 * semantics for class fields, class names kept). Neither way type-checks: `npm run build` does.
 *
 * Where `.ts` already has a loader (ts-node, in the script process of `hardhat run`), it stays.
 */
"use strict";

if (require.extensions[".ts"] === undefined) {
  const swc = require("@swc/core");
  const { addHook } = require("pirates");
  const options = {
    swcrc: false,
    sourceMaps: "inline",
    module: { type: "commonjs", strictMode: true, noInterop: false },
    jsc: {
      parser: { syntax: "typescript", dynamicImport: true },
      target: "es2022",
      transform: { useDefineForClassFields: true },
      keepClassNames: true,
    },
  };
  addHook((code, filename) => swc.transformSync(code, { ...options, filename }).code, { exts: [".ts"] });
  // Stack traces name the .ts lines, as under ts-node.
  process.setSourceMapsEnabled(true);
}
