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
}

export interface HokusaiNetworkConfig {
  tokenManager?: string;
  ammFactory?: string;
  governor?: string;
  modelSupplierRecipient?: string;
  explorerUrl?: string;
}

export interface HokusaiConfig {
  networks: Record<string, HokusaiNetworkConfig>;
  ipfsGateway: string;
  /** Absolute path. */
  deploymentsDir: string;
  maxFeePerGasGwei?: number;
}
