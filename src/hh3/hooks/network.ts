/**
 * `connection.hokusai`: Hardhat 2's `hre.hokusai` on every Hardhat 3 network
 * connection, as hardhat-ethers puts `ethers` there. Its methods load their modules on
 * first use.
 */
import type { Hardhat3Connection, Hardhat3Context } from "../hardhat3";

export default async () => ({
  async newConnection(
    context: Hardhat3Context,
    next: (context: Hardhat3Context) => Promise<Hardhat3Connection>,
  ): Promise<Hardhat3Connection> {
    const connection = await next(context);
    const { HokusaiRuntime } = await import("../../hardhat/runtime");
    const { hostOf } = await import("../host");
    connection.hokusai = new HokusaiRuntime(await hostOf(context, connection));
    return connection;
  },
});
