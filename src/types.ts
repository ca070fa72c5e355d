/** Per-network addresses and defaults, as written in hardhat.config.ts under `hokusai.networks.<name>`. */
export interface HokusaiNetworkUserConfig {
  /** The TokenManager that deploys model tokens. */
  tokenManager?: string;
  /** The HokusaiAMMFactory the backend creates pools with. */
  ammFactory?: string;
  /** Default governor for new tokens (a multisig in production). */
  governor?: string;
  /** Default recipient of the supplier allocation. */
  modelSupplierRecipient?: string;
  /** The ModelRegistry: the TokenManager's; when set, a run checks it is that one (HOK315). */
  modelRegistry?: string;
  /** The pools' reserve token: the AMM factory's; when set, a run checks it is that one (HOK315). */
  usdc?: string;
  /** The PurchaserWhitelist that gates the platform's pools. */
  purchaserWhitelist?: string;
  /** Block explorer base URL, e.g. https://sepolia.etherscan.io */
  explorerUrl?: string;
}

export interface HokusaiUserConfig {
  networks?: Record<string, HokusaiNetworkUserConfig>;
  /** Gateway for ipfs:// license URIs; `{cid}` and `{path}` are filled in, or the CID path is appended. */
  ipfsGateway?: string;
  /** Where deployment records are written, relative to the project root. */
  deploymentsDir?: string;
  /** Refuse to send when the network's max fee per gas exceeds this many gwei. */
  maxFeePerGasGwei?: number;
  /**
   * Seconds a sent transaction may wait below the network's base fee before it is replaced
   * with a higher fee (same nonce, within maxFeePerGasGwei); 0 never (default 180).
   */
  replaceAfterSeconds?: number;
  /** The mock stack the in-process network gets: "live" (as Sepolia and mainnet; the default) or "guide". */
  localStack?: "live" | "guide";
}

export interface HokusaiNetworkConfig {
  tokenManager?: string;
  ammFactory?: string;
  governor?: string;
  modelSupplierRecipient?: string;
  modelRegistry?: string;
  usdc?: string;
  purchaserWhitelist?: string;
  explorerUrl?: string;
  /** Where each address came from: the config key or the environment variable. */
  sources?: Record<string, string>;
}

export interface HokusaiConfig {
  networks: Record<string, HokusaiNetworkConfig>;
  ipfsGateway: string;
  /** Absolute path. */
  deploymentsDir: string;
  maxFeePerGasGwei?: number;
  replaceAfterSeconds?: number;
  localStack: "live" | "guide";
}
