import { table } from "./format";

/** A running devnet, as it is shown. */
export interface DevnetInfo {
  url: string;
  chainId: number;
  system: { tokenManager: string; ammFactory: string; usdc: string };
  owner: string;
}

/** What hokusai:devnet prints once it is ready. */
export function formatDevnet(devnet: DevnetInfo): string {
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
