/**
 * The process tests' config (e2e.config.ts), given to Hardhat as a .js file so that it starts
 * without ts-node; ts-hook.js says why.
 */
"use strict";

require("./ts-hook");
module.exports = require("./e2e.config.ts");
