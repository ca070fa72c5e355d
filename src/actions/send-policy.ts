/**
 * What every sending task does alike before and while it sends: ask on a live
 * chain, and choose how many confirmations to wait for.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { DEV_CHAIN_ID } from "../core/deploy-token";
import { ConfirmationRequiredError, DeploymentCancelledError } from "../errors";

/** HOKUSAI_CONFIRM=true answers the question for CI. */
export function envConfirmed(): boolean {
  return /^(1|true|yes)$/i.test(process.env.HOKUSAI_CONFIRM ?? "");
}

/**
 * On any chain but 31337, asks before sending unless --yes or HOKUSAI_CONFIRM; with
 * no way to ask (no terminal), refuses rather than hang.
 */
export async function confirmLiveSend(
  hre: HardhatRuntimeEnvironment,
  chainId: number,
  options: { yes?: boolean; confirm?: (question: string) => Promise<boolean> },
  question: string,
): Promise<void> {
  if (chainId === DEV_CHAIN_ID || options.yes || envConfirmed()) return;
  if (options.confirm === undefined) throw new ConfirmationRequiredError(hre.network.name);
  if (!(await options.confirm(question))) throw new DeploymentCancelledError();
}

/** True on a node that mines each transaction at once (Hardhat, Anvil), where no second block may come. */
export async function isAutomined(hre: HardhatRuntimeEnvironment): Promise<boolean> {
  try {
    return Boolean(await hre.network.provider.send("hardhat_getAutomine", []));
  } catch {
    return false;
  }
}

/** 1 confirmation on development chains and automining nodes, 2 elsewhere. */
export async function defaultConfirmations(hre: HardhatRuntimeEnvironment, chainId: number): Promise<number> {
  return chainId === DEV_CHAIN_ID || (await isAutomined(hre)) ? 1 : 2;
}
