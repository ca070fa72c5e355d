/**
 * The in-process network's mock stack for a suite: the plugin deploys the live-like one
 * unless the config says "guide". Suites written against the guide's ABI call
 * useLocalStack("guide") first thing in their describe.
 */
import hre from "hardhat";

export function useLocalStack(stack: "live" | "guide"): void {
  let previous: "live" | "guide";
  before(function () {
    previous = hre.config.hokusai.localStack;
    hre.config.hokusai.localStack = stack;
  });
  after(function () {
    hre.config.hokusai.localStack = previous;
  });
}
