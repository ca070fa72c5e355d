import type { Devnet } from "../actions/devnet";
import { table } from "./format";

/** What hokusai:devnet prints once it is ready. */
export function formatDevnet(devnet: Omit<Devnet, "closed" | "close">): string {
  return [
    `Hokusai devnet at ${devnet.url} (chain ${devnet.chainId}), with the mock system deployed:`,
    table([
      ["TokenManager", devnet.system.tokenManager],
      ["AMM factory", devnet.system.ammFactory],
      ["USDC (mock)", devnet.system.usdc],
      ["owner / backend", `${devnet.owner} (account #0 of Hardhat's test mnemonic)`],
    ]),
    "",
    "In another terminal, point the tasks at it (--network localhost reads these):",
    `export RPC_URL=${devnet.url}`,
    `export TOKEN_MANAGER_ADDRESS=${devnet.system.tokenManager}`,
    `export AMM_FACTORY_ADDRESS=${devnet.system.ammFactory}`,
    `export GOVERNOR_ADDRESS=${devnet.owner}`,
    `export MODEL_SUPPLIER_RECIPIENT=${devnet.owner}`,
    "",
    "Running until interrupted (Ctrl-C).",
  ].join("\n");
}
