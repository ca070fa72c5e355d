/**
 * The parts of Hardhat 3's API this edition uses, as types. The package builds
 * against Hardhat 2's types (its development dependency), so these stand in for
 * Hardhat 3's own; test/e2e/hh3.e2e.test.ts runs the edition in a real Hardhat 3
 * project, and types/hh3/ gives users Hardhat 3's own types.
 */
import type { Provider, Signer } from "ethers";

import type { HostProvider } from "../hardhat/host";
import type { HokusaiConfig, HokusaiUserConfig } from "../types";

/** A value of Hardhat 3's config that may come from a configuration variable. */
export interface ResolvedVariable {
  get(): Promise<string>;
  getUrl(): Promise<string>;
  getHexString(): Promise<string>;
}

export type Hardhat3NetworkConfig =
  | {
      type: "http";
      url: ResolvedVariable;
      chainId?: number;
      accounts: "remote" | ResolvedVariable[] | object;
    }
  | { type: "edr-simulated"; chainId: number; accounts: unknown };

export interface Hardhat3Connection {
  readonly networkName: string;
  readonly networkConfig: Readonly<Hardhat3NetworkConfig>;
  readonly provider: HostProvider;
  /** hardhat-ethers. */
  readonly ethers: { provider: Provider; getSigner(address: string): Promise<Signer & { address: string }> };
  /** This plugin's runtime on the connection (src/hh3/hooks/network.ts). */
  hokusai?: unknown;
}

/** What hooks see of the runtime (Hardhat 3's HookContext). */
export interface Hardhat3Context {
  config: { paths: { root: string; config?: string }; hokusai: HokusaiConfig };
  artifacts: { artifactExists(name: string): Promise<boolean> };
}

export interface Hardhat3Runtime extends Hardhat3Context {
  network: { getOrCreate(network?: string): Promise<Hardhat3Connection> };
  tasks: { getTask(id: string | string[]): { run(args?: Record<string, unknown>): Promise<unknown> } };
}

/** Hardhat 3's argument types, by the values of its `ArgumentType` enum. */
export type Hardhat3ArgumentType = "STRING" | "STRING_WITHOUT_DEFAULT" | "INT" | "FLOAT" | "FLAG";

export type Hardhat3Action = (args: Record<string, unknown>, hre: Hardhat3Runtime) => Promise<unknown>;

export interface Hardhat3TaskBuilder {
  addOption(option: {
    name: string;
    description: string;
    type: Hardhat3ArgumentType;
    defaultValue: string | number | undefined;
  }): Hardhat3TaskBuilder;
  addFlag(flag: { name: string; description: string }): Hardhat3TaskBuilder;
  setAction(action: () => Promise<{ default: Hardhat3Action }>): Hardhat3TaskBuilder;
  build(): object;
}

export interface Hardhat3UserConfig {
  hokusai?: HokusaiUserConfig;
  networks?: Record<string, unknown>;
}

export interface Hardhat3ValidationError {
  path: Array<string | number>;
  message: string;
}
