import { table } from "./format";

/** A running devnet, as it is shown. */
export interface DevnetInfo {
  url: string;
  chainId: number;
  system: {
    stack: "live" | "guide";
    tokenManager: string;
    ammFactory: string;
    usdc: string;
    modelRegistry?: string;
    purchaserWhitelist?: string;
    vestingVault?: string;
  };
  owner: string;
  /** The owner's key when the network derives it from Hardhat's public test mnemonic. */
  ownerKey?: string;
}

/** The variables --network localhost (or, on a Sepolia stand-in, --network sepolia) reads. */
export function devnetExports(devnet: DevnetInfo): Array<[string, string]> {
  const { system } = devnet;
  const rows: Array<[string, string | undefined]> = [
    ["RPC_URL", devnet.url],
    ["TOKEN_MANAGER_ADDRESS", system.tokenManager],
    ["AMM_FACTORY_ADDRESS", system.ammFactory],
    ["MODEL_REGISTRY_ADDRESS", system.modelRegistry],
    ["USDC_ADDRESS", system.usdc],
    ["PURCHASER_WHITELIST_ADDRESS", system.purchaserWhitelist],
    ["GOVERNOR_ADDRESS", devnet.owner],
    ["MODEL_SUPPLIER_RECIPIENT", devnet.owner],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== undefined);
}

/** What hokusai:devnet prints once it is ready. */
export function formatDevnet(devnet: DevnetInfo): string {
  const { system } = devnet;
  const rows: Array<[string, string | undefined]> = [
    ["TokenManager", system.tokenManager],
    ["AMM factory", system.ammFactory],
    ["ModelRegistry", system.modelRegistry],
    ["USDC (mock)", system.usdc],
    ["PurchaserWhitelist", system.purchaserWhitelist],
    ["vesting vault", system.vestingVault],
    ["owner / backend", `${devnet.owner} (account #0 of Hardhat's test mnemonic)`],
  ];
  const network = devnet.chainId === 11155111 ? "--network sepolia" : "--network localhost";
  const stack = system.stack === "live" ? "live-like (as Sepolia and mainnet run)" : "guide's";
  return [
    `Hokusai devnet at ${devnet.url} (chain ${devnet.chainId}), with the ${stack} mock system deployed:`,
    table(rows.filter((row): row is [string, string] => row[1] !== undefined)),
    "",
    `In another terminal, point the tasks at it (${network} reads these):`,
    ...devnetExports(devnet).map(([name, value]) => `export ${name}=${value}`),
    ...(devnet.chainId !== 31337 && devnet.ownerKey !== undefined
      ? [
          "# account #0 of Hardhat's public test mnemonic: known to everyone, never fund it on a real chain",
          `export PRIVATE_KEY=${devnet.ownerKey}`,
        ]
      : []),
    "",
    "Running until interrupted (Ctrl-C).",
  ].join("\n");
}
