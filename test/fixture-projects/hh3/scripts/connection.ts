// `connection.hokusai`, typed: what a Hardhat 3 script sees of the plugin.
import { network } from "hardhat";

const connection = await network.create();
const outcome = await connection.hokusai.status({ modelId: "101" });
console.log(`status ${outcome.stage}`);
