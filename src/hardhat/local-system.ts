/**
 * The mock Hokusai system of the in-process network, deployed the first time a task
 * needs it, so that the tasks work right after `npm ci` with no set-up.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";

/** The addresses of the mock system on the in-process network. */
export interface LocalSystem {
  tokenManager: string;
  ammFactory: string;
  usdc: string;
}

const localSystems = new WeakMap<object, Promise<LocalSystem>>();

/** Deploys HokusaiSystemModule once per in-process network and returns its addresses. */
export async function ensureLocalSystem(hre: HardhatRuntimeEnvironment): Promise<LocalSystem> {
  const key = hre.network.provider as object;
  let pending = localSystems.get(key);
  if (pending === undefined) {
    pending = (async () => {
      // The mock contracts must be compiled before Ignition can deploy them.
      await hre.run("compile", { quiet: true });
      const { default: HokusaiSystemModule } = await import("../../ignition/modules/HokusaiSystem");
      const { tokenManager, ammFactory, usdc } = await hre.ignition.deploy(HokusaiSystemModule, {
        displayUi: false,
      });
      return {
        tokenManager: await tokenManager.getAddress(),
        ammFactory: await ammFactory.getAddress(),
        usdc: await usdc.getAddress(),
      };
    })();
    localSystems.set(key, pending);
  }
  return pending;
}
