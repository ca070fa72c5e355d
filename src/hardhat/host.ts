/**
 * What the face takes from the Hardhat it runs in: exactly the parts of a runtime and
 * its network that the actions, the context, the address resolution and the local
 * mock system read. Hardhat 2's runtime environment is one as it is; the Hardhat 3
 * edition builds one from its runtime and a network connection (src/hh3/host.ts).
 * Types only: nothing of Hardhat is loaded here.
 */
import type { Provider, Signer } from "ethers";

import type { HokusaiConfig } from "../types";

/** An EIP-1193 provider with the `send(method, params)` both Hardhats offer. */
export interface HostProvider {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
  send(method: string, params?: unknown[]): Promise<unknown>;
}

/** A network's settings as the face reads them. */
export interface HostNetworkConfig {
  /** The RPC URL, resolved, of a network reached over HTTP. */
  url?: string;
  chainId?: number;
  /** Private keys as hex strings, or whatever else the network holds (a mnemonic, "remote"). */
  accounts?: unknown;
  /** Hardhat 3's network type; "edr-simulated" is the in-process network. */
  type?: string;
}

export interface HokusaiHost {
  config: {
    /** `configFile`: Hardhat 2's config file, which the fork child of `--dry-run --fork` runs with. */
    paths: { root: string; configFile?: string };
    hokusai: HokusaiConfig;
  };
  network: { name: string; config: HostNetworkConfig; provider: HostProvider };
  ethers: { provider: Provider; getSigner(address: string): Promise<Signer & { address: string }> };
  artifacts: { artifactExists(name: string): Promise<boolean> };
  /** Runs a task of the host (only `compile`, where the mocks' artifacts are missing). */
  run(name: string, args?: Record<string, unknown>): Promise<unknown>;
}
