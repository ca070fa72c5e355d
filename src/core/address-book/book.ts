/**
 * The platform's published addresses (its exported deployment files for Sepolia and
 * Ethereum mainnet). Sepolia has been redeployed several times, so an entry is checked
 * on chain before it is used (./check.ts). Pure data.
 */
export interface AddressBookEntry {
  network: string;
  chainId: number;
  /** When the platform deployed this set. */
  deployedAt: string;
  explorerUrl: string;
  tokenManager: string;
  ammFactory: string;
  modelRegistry: string;
  usdc: string;
  purchaserWhitelist: string;
  vestingVault: string;
  /** The governance Safe, where the platform handed governance to one. */
  adminSafe?: string;
}

export const ADDRESS_BOOK: Record<number, AddressBookEntry> = {
  11155111: {
    network: "sepolia",
    chainId: 11155111,
    deployedAt: "2026-06-27",
    explorerUrl: "https://sepolia.etherscan.io",
    tokenManager: "0xF3ADF676dF4ceeD6e003e9Da49363259e29afb90",
    ammFactory: "0x72c12b5bCf373B5a9ef26FBcfbC55E0e1146Fa1e",
    modelRegistry: "0xB5130089dF2E1DF3DfC475C72D654aE9568b5531",
    usdc: "0x97ED7781A667E087Cf80A6C31e322a10bc48473A",
    purchaserWhitelist: "0xE136ebe26Da0360A57B1879b0EBDF947bf9990f5",
    vestingVault: "0xB3beEE8e9f6f45B4F52f27d54f38C3EEC9EE4276",
  },
  1: {
    network: "mainnet",
    chainId: 1,
    deployedAt: "2026-07-01",
    explorerUrl: "https://etherscan.io",
    tokenManager: "0xBD0A038C211A7694893506483EC458Bb7c8F473c",
    ammFactory: "0xC0d2958E54A8FBAf7E0ed054Ff885227804FE3B4",
    modelRegistry: "0x0a09B52fE6b55dE42676b3F68BED76793FB9FEe9",
    usdc: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
    purchaserWhitelist: "0x7304dC498D5d7Ef0674891D7260d00Ea3ff37569",
    vestingVault: "0x69a1A7fF6b765B27a4436EB7AC343b13abE523a5",
    adminSafe: "0x158B985CC667b4E022AD05B99E89007790da66E2",
  },
};

export type AddressBookKind = "tokenManager" | "ammFactory" | "modelRegistry" | "usdc" | "purchaserWhitelist";

/** The option that names each address where a task takes it (the whitelist's is `whitelist`). */
export const ADDRESS_OPTION: Record<AddressBookKind, string> = {
  tokenManager: "tokenManager",
  ammFactory: "ammFactory",
  modelRegistry: "modelRegistry",
  usdc: "usdc",
  purchaserWhitelist: "whitelist",
};
