/**
 * deploy-tokens with a manifest of many models on a running node: wall time, and the
 * blocks its deployments went into against the fewest their gas allows.
 */
import fs from "fs";
import path from "path";

import type { JsonRpcProvider } from "ethers";

import { E2E_CONFIG } from "../../test/helpers/node";
import { runHardhat } from "../../test/helpers/process";
import { tokenDeployedLogs } from "../../test/helpers/system";

export interface BatchFigures {
  ms: number;
  blocks: number;
  /** ceil(total gas used / block gas limit). */
  fewestByGasUsed: number;
  /** The fewest when blocks are filled by each transaction's gas limit, as nodes fill them. */
  fewestByGasLimit: number;
}

export async function runBatch(options: {
  dir: string;
  prefix: string;
  count: number;
  license: string;
  tokenManager: string;
  provider: JsonRpcProvider;
  env: NodeJS.ProcessEnv;
  sequential: boolean;
}): Promise<BatchFigures> {
  const { count, prefix } = options;
  const manifest = path.join(options.dir, `${prefix}.json`);
  const models = Array.from({ length: count }, (_, i) => ({
    modelId: `${prefix}-${i}`,
    name: `Model ${i}`,
    symbol: `M${i}`.padEnd(3, "X"),
  }));
  const defaults = { preset: "growth", licenseFile: options.license, licenseUri: "ipfs://bafkreiexample" };
  fs.writeFileSync(manifest, JSON.stringify({ defaults, models }));
  const args = ["--config", E2E_CONFIG, "hokusai:deploy-tokens", "--network", "localhost"];
  args.push("--token-manager", options.tokenManager, "--manifest", manifest, "--confirmations", "1");
  if (options.sequential) args.push("--sequential");
  const started = Date.now();
  const result = await runHardhat(args, { env: options.env, timeoutMs: 3_600_000 });
  const ms = Date.now() - started;
  if (result.code !== 0) throw new Error(`deploy-tokens failed:\n${result.stdout}\n${result.stderr}`);

  const blocks = new Set<number>();
  const gasUsed: bigint[] = [];
  const gasLimits: bigint[] = [];
  for (const { modelId } of models) {
    const [log] = await tokenDeployedLogs(options.provider, options.tokenManager, modelId);
    const [receipt, tx] = await Promise.all([
      options.provider.getTransactionReceipt(log.transactionHash),
      options.provider.getTransaction(log.transactionHash),
    ]);
    blocks.add(receipt!.blockNumber);
    gasUsed.push(receipt!.gasUsed);
    gasLimits.push(tx!.gasLimit);
  }
  const limit = (await options.provider.getBlock("latest"))!.gasLimit;
  const total = gasUsed.reduce((a, b) => a + b, 0n);
  const perBlock = Number(limit / gasLimits.reduce((a, b) => (b > a ? b : a), 0n));
  return {
    ms,
    blocks: blocks.size,
    fewestByGasUsed: Number((total + limit - 1n) / limit),
    fewestByGasLimit: Math.ceil(count / perBlock),
  };
}
