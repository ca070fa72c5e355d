/**
 * TypeScript for the Hardhat processes that the tests start with a .js config. With a .ts
 * config Hardhat loads ts-node, and ts-node loads the TypeScript compiler even when swc does
 * the transpiling ("swc": true in tsconfig.json): about 0.6 s of CPU in every child and node.
 * Here swc strips the types of the project's .ts files directly, with the options ts-node
 * derives from tsconfig.json (ES2022, CommonJS with esModuleInterop, strict mode, define
 * semantics for class fields, class names kept). Neither way type-checks: `npm run build` does.
 *
 * Where `.ts` already has a loader (ts-node, in the script process of `hardhat run`), it stays.
 *
 * Stack traces name the .ts lines, as under ts-node, and as lazily: swc's source maps are kept
 * in memory and handed to source-map-support (the one Hardhat's CLI installs, or installed here
 * for the stack traces alone where the process is not Hardhat's CLI), which reads one only when
 * a stack trace is printed. Node's own source maps (process.setSourceMapsEnabled) would instead read
 * and parse the source map of every module the process loads, Hardhat's and ethers' included:
 * 0.1 s of CPU in a child that only hashes a file (a sixth of all it does), 0.15 s in one that
 * deploys a token.
 */
"use strict";

if (require.extensions[".ts"] === undefined) {
  const swc = require("@swc/core");
  const { addHook } = require("pirates");
  const options = {
    swcrc: false,
    sourceMaps: true,
    module: { type: "commonjs", strictMode: true, noInterop: false },
    jsc: {
      parser: { syntax: "typescript", dynamicImport: true },
      target: "es2022",
      transform: { useDefineForClassFields: true },
      keepClassNames: true,
    },
  };
  const maps = new Map();
  addHook(
    (code, filename) => {
      const output = swc.transformSync(code, { ...options, filename });
      maps.set(filename, output.map);
      return output.code;
    },
    { exts: [".ts"] },
  );
  require("source-map-support").install({
    retrieveSourceMap: (source) => (maps.has(source) ? { url: source, map: maps.get(source) } : null),
    // Stack traces only: an uncaught exception stays Node's (or Hardhat's) to print.
    handleUncaughtExceptions: false,
  });
}
