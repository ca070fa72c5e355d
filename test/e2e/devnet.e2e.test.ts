import { expect } from "chai";
import fs from "fs";
import net from "net";
import os from "os";
import path from "path";

import { freePort, jsonRpc } from "../helpers/node";
import { allOutput, runHardhat, spawnHardhat } from "../helpers/process";

describe("hokusai:devnet", function () {
  this.timeout(180_000);

  it("serves a chain with the system deployed, prints the exports the tasks read, and stops when interrupted", async function () {
    const port = await freePort();
    const devnet = spawnHardhat(["hokusai:devnet", "--port", String(port)]);
    const records = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-devnet-"));
    try {
      await devnet.waitForOutput(/Running until interrupted/, 120_000);
      const printed = devnet.stdout();
      expect(printed).to.contain(`Hokusai devnet at http://127.0.0.1:${port} (chain 31337)`);
      const exports = Object.fromEntries(
        [...printed.matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]] as [string, string]),
      );
      expect(Object.keys(exports)).to.deep.equal([
        "RPC_URL",
        "TOKEN_MANAGER_ADDRESS",
        "AMM_FACTORY_ADDRESS",
        "MODEL_REGISTRY_ADDRESS",
        "USDC_ADDRESS",
        "PURCHASER_WHITELIST_ADDRESS",
        "GOVERNOR_ADDRESS",
        "MODEL_SUPPLIER_RECIPIENT",
      ]);
      expect(
        await jsonRpc(exports.RPC_URL, "eth_getCode", [exports.TOKEN_MANAGER_ADDRESS, "latest"]),
      ).to.not.equal("0x");

      // A user's next command, with nothing but the printed exports: --network localhost
      // follows RPC_URL to the devnet's port.
      const deploy = await runHardhat(
        [
          "hokusai:deploy-token",
          "--network",
          "localhost",
          "--model-id",
          "301",
          "--name",
          "Devnet Model",
          "--symbol",
          "DEV",
          "--preset",
          "growth",
          "--license-hash",
          "0x" + "ab".repeat(32),
          "--license-uri",
          "https://example.org/license.md",
        ],
        { env: { ...exports, HOKUSAI_DEPLOYMENTS_DIR: records } },
      );
      expect(deploy.code, allOutput(deploy)).to.equal(0);
      expect(deploy.stdout).to.contain('Deployed model token "301" on localhost.');
    } finally {
      const ended = await devnet.kill("SIGINT");
      fs.rmSync(records, { recursive: true, force: true });
      expect(ended.signal ?? ended.code).to.not.equal(null);
    }
    await expect(jsonRpc(`http://127.0.0.1:${port}`, "eth_chainId")).to.be.rejected;
  });

  it("refuses to run on another network", async function () {
    const result = await runHardhat(["hokusai:devnet", "--network", "sepolia"], {
      env: { RPC_URL: "http://127.0.0.1:9" },
    });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain("HOK108: hokusai:devnet serves the in-process network");
  });

  it("says in one line that its port is taken, without a stack", async function () {
    const port = await freePort();
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(port, "127.0.0.1", resolve));
    try {
      const result = await runHardhat(["hokusai:devnet", "--port", String(port)]);
      expect(result.code, allOutput(result)).to.equal(1);
      const lines = result.stderr.split("\n").filter((line) => line.trim() !== "");
      expect(lines, allOutput(result)).to.have.length(1);
      expect(lines[0]).to.match(new RegExp(`HOK109: .*127\\.0\\.0\\.1:${port}.*--port`));
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
