import js from "@eslint/js";
import tseslint from "typescript-eslint";
import importPlugin from "eslint-plugin-import";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "artifacts/",
      "cache/",
      "coverage/",
      "typechain-types/",
      "dist/",
      "ignition/deployments/",
      "test/fixture-projects/**/node_modules/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly",
        process: "readonly",
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        Buffer: "readonly",
        URL: "readonly",
        AbortController: "readonly",
        fetch: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    // Arrows point down only: tasks -> the Hardhat face -> the core; ui -> the core.
    files: ["src/**/*.ts", "tasks/**/*.ts"],
    plugins: { import: importPlugin },
    settings: { "import/resolver": { node: { extensions: [".ts", ".js", ".json"] } } },
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./src/core",
              from: [
                "./src/hardhat",
                "./src/testing",
                "./src/hh3",
                "./src/ui",
                "./src/errors.ts",
                "./src/config.ts",
                "./src/index.ts",
                "./ignition",
                "./tasks",
              ],
              message:
                "src/core is plain logic over ethers: it takes a Provider or Signer and its settings as arguments.",
            },
            {
              target: "./src/ui",
              from: [
                "./src/hardhat",
                "./src/testing",
                "./src/hh3",
                "./src/errors.ts",
                "./src/config.ts",
                "./ignition",
                "./tasks",
              ],
              message: "src/ui is pure: it builds text from the core's results.",
            },
          ],
        },
      ],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["hardhat", "hardhat/*", "@nomicfoundation/*"],
              message: "src/core and src/ui do not use Hardhat.",
            },
          ],
        },
      ],
    },
  },
  {
    // The faces (Hardhat 2 and 3, hardhat-hokusai/testing) and the tasks are where Hardhat is used.
    files: ["src/hardhat/**/*.ts", "src/hh3/**/*.ts", "src/testing/**/*.ts", "src/*.ts", "tasks/**/*.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // chai's `expect(x).to.be.true` is an expression statement
      "@typescript-eslint/no-unused-expressions": "off",
    },
  },
);
