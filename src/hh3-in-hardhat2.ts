// What `require("hardhat-hokusai/hh3")` loads (package.json "exports"): the edition is an ES module for Hardhat 3.
import { refuseHardhat2 } from "./edition";

refuseHardhat2();
