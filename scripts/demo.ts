/**
 * `npm run demo`: a model's launch on the in-process network, with no set-up, on a
 * live-like Hokusai stack (ModelRegistry, vesting, whitelisted pools) that the plugin
 * deploys first. The developer hashes the license, deploys the token and verifies the
 * published license against the chain; the platform distributes the supplier
 * allocation and launches the pool; status shows the model trading; and the
 * deployment, run again, sends nothing twice.
 *
 * The license is "published" on a stand-in IPFS gateway that this script serves on
 * 127.0.0.1, so that verify-license fetches it and checks its CID with no internet.
 */
import fs from "fs";
import http from "http";
import type { AddressInfo } from "net";
import path from "path";

import hre from "hardhat";

import {
  TASK_HOKUSAI_CREATE_POOL,
  TASK_HOKUSAI_DEPLOY_TOKEN,
  TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION,
  TASK_HOKUSAI_LICENSE_HASH,
  TASK_HOKUSAI_STATUS,
  TASK_HOKUSAI_VERIFY_LICENSE,
} from "../src/task-names";

const LICENSE_FILE = path.join(__dirname, "..", "examples", "LICENSE-model.md");
/** CIDv1 (raw, sha2-256) of examples/LICENSE-model.md; verify-license recomputes and checks it. */
/** The live ModelRegistry takes decimal model ids only. */
const MODEL_ID = "101";
const LICENSE_CID = "bafkreiajocsqci6gc3xjcbsqfuzllbnz4wcr7c22b3slnfyil4l4tgtqpi";

function serveGateway(): Promise<http.Server> {
  const bytes = fs.readFileSync(LICENSE_FILE);
  const server = http.createServer((req, res) => {
    if (req.url === `/ipfs/${LICENSE_CID}`) {
      res.writeHead(200, { "content-type": "text/markdown" }).end(bytes);
    } else {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function step(title: string): void {
  console.log(`\n=== ${title}\n`);
}

async function main(): Promise<void> {
  const gateway = await serveGateway();
  const gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  try {
    const deployArgs = {
      modelId: MODEL_ID,
      name: "Sentiment Model",
      symbol: "SENT",
      preset: "growth",
      licenseFile: LICENSE_FILE,
      licenseUri: `ipfs://${LICENSE_CID}`,
    };

    step("1. npx hardhat hokusai:license-hash --file examples/LICENSE-model.md");
    await hre.run(TASK_HOKUSAI_LICENSE_HASH, { file: LICENSE_FILE });

    step(
      `2. npx hardhat hokusai:deploy-token --model-id ${MODEL_ID} --name 'Sentiment Model' --symbol SENT --preset growth ...`,
    );
    await hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, deployArgs);

    step(`3. npx hardhat hokusai:verify-license --model-id ${MODEL_ID} (gateway ${gatewayUrl})`);
    await hre.run(TASK_HOKUSAI_VERIFY_LICENSE, { modelId: MODEL_ID, ipfsGateway: gatewayUrl });

    step(`4. the platform: npx hardhat hokusai:distribute-supplier-allocation --model-id ${MODEL_ID}`);
    await hre.run(TASK_HOKUSAI_DISTRIBUTE_SUPPLIER_ALLOCATION, { modelId: MODEL_ID });

    step(
      `5. the platform: npx hardhat hokusai:create-pool --model-id ${MODEL_ID} --performance-metric accuracy --initial-reserve 100`,
    );
    await hre.run(TASK_HOKUSAI_CREATE_POOL, {
      modelId: MODEL_ID,
      performanceMetric: "accuracy",
      initialReserve: "100",
    });

    step(`6. npx hardhat hokusai:status --model-id ${MODEL_ID}`);
    await hre.run(TASK_HOKUSAI_STATUS, { modelId: MODEL_ID });

    step("7. the same deploy-token again: nothing is sent twice");
    await hre.run(TASK_HOKUSAI_DEPLOY_TOKEN, deployArgs);
  } finally {
    gateway.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
