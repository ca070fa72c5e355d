/**
 * Part of `npm run build`: the ES module build of the Hardhat 3 edition (dist/esm),
 * from the same sources as the CommonJS one. Hardhat 3 projects are ES modules, and a
 * CommonJS core loaded from one would bring a second copy of ethers (its CommonJS
 * build beside the project's ESM one). tsc compiles src/hh3/index.ts with everything
 * it imports, lazily or not, and the Ignition modules (tsconfig.esm.json); this script
 * then gives each relative import the file name Node's ESM loader needs ("./x.js",
 * "./dir/index.js") and gives a file that uses `require` or `__dirname` their ESM
 * equivalents.
 */
import fs from "fs";
import path from "path";

import ts from "typescript";

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "dist", "esm");

/** The specifier with the extension the compiled file has, resolved against the sources. */
function withExtension(specifier: string, sourceDir: string): string {
  if (!specifier.startsWith(".") || /\.(c|m)?js$|\.json$/.test(specifier)) return specifier;
  const target = path.resolve(sourceDir, specifier);
  if (fs.existsSync(`${target}.ts`)) return `${specifier}.js`;
  if (fs.existsSync(path.join(target, "index.ts"))) return `${specifier}/index.js`;
  throw new Error(`cannot resolve ${specifier} from ${path.relative(ROOT, sourceDir)}`);
}

const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)"(\.[^"]*)"/g;

const COMMONJS_GLOBALS = [
  'import { createRequire as __createRequire } from "module";',
  'import { fileURLToPath as __fileURLToPath } from "url";',
  'import __path from "path";',
  "const require = __createRequire(import.meta.url);",
  "const __filename = __fileURLToPath(import.meta.url);",
  "const __dirname = __path.dirname(__filename);",
].join("\n");

function rewrite(file: string, text: string): string {
  const sourceDir = path.dirname(path.join(ROOT, path.relative(OUT, file)));
  const rewritten = text.replace(
    SPECIFIER,
    (_, lead: string, spec: string) => `${lead}"${withExtension(spec, sourceDir)}"`,
  );
  if (file.endsWith(".d.ts") || !/\brequire\b|\b__dirname\b|\b__filename\b/.test(rewritten)) return rewritten;
  return `${COMMONJS_GLOBALS}\n${rewritten}`;
}

function main(): void {
  const configFile = path.join(ROOT, "tsconfig.esm.json");
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, ROOT, undefined, configFile);
  fs.rmSync(OUT, { recursive: true, force: true });
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const emitted = program.emit(undefined, (file, text) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, rewrite(file, text));
  });
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  if (diagnostics.length > 0) {
    const host = {
      getCanonicalFileName: (f: string) => f,
      getCurrentDirectory: () => ROOT,
      getNewLine: () => "\n",
    };
    console.error(ts.formatDiagnostics(diagnostics, host));
    process.exit(1);
  }
  // Every .js file under dist/esm is an ES module.
  fs.writeFileSync(path.join(OUT, "package.json"), `${JSON.stringify({ type: "module" }, null, 2)}\n`);
  const count = program.getSourceFiles().filter((f) => !f.isDeclarationFile).length;
  console.log(`built ${count} modules as ES modules into ${path.relative(ROOT, OUT)}`);
}

main();
