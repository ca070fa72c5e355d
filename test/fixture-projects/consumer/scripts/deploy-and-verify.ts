// The plugin's script API in a consumer: deploy, then verify the license, in one chain.
import fs from "fs";
import path from "path";

import hre from "hardhat";

async function main(): Promise<void> {
  const licenseFile = path.join(__dirname, "..", "LICENSE.md");
  const result = (await hre.run("hokusai:deploy-token", {
    modelId: "102",
    name: "Consumer Model",
    symbol: "CONS",
    preset: "mature",
    licenseFile,
    licenseUri: `file://${licenseFile}`,
    json: true,
  })) as { token: string };
  const check = await hre.hokusai.verifyLicense({ modelId: "102" });
  fs.writeFileSync(
    process.env.CONSUMER_OUTPUT ?? "output.json",
    JSON.stringify({ token: result.token, verdict: check.verdict }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
