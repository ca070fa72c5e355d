/**
 * The project's own config (hardhat.config.ts), given to Hardhat as a .js file so that a child
 * of the tests starts without ts-node (ts-hook.js says why). Its root stays the project's.
 * spawnHardhat runs the project's CLI with it; the demo's test keeps hardhat.config.ts itself.
 */
"use strict";

require("./ts-hook");
const path = require("path");

const { default: config } = require("../../../hardhat.config.ts");

module.exports = { ...config, paths: { ...config.paths, root: path.resolve(__dirname, "..", "..", "..") } };
