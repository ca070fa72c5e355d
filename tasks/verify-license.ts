import { task, types } from "hardhat/config";

import { TASK_HOKUSAI_VERIFY_LICENSE } from "../src/task-names";

interface VerifyLicenseArgs {
  modelId?: string;
  token?: string;
  tokenManager?: string;
  file?: string;
  uri?: string;
  ipfsGateway?: string;
  timeout: number;
  maxBytes: number;
  noFetch: boolean;
  json: boolean;
}

/**
 * MATCH exits 0 and MISMATCH exits 1 (process.exitCode); both return the result, so
 * `await hre.run("hokusai:verify-license", ...)` can inspect `verdict` and `diagnoses`.
 * A license or chain that cannot be read throws a HokusaiPluginError (exit 1).
 */
task(
  TASK_HOKUSAI_VERIFY_LICENSE,
  "Checks that the license at licenseURI (and/or a local copy) hashes to the token's on-chain licenseHash; exit 0 on MATCH, 1 otherwise. Reads only, never signs",
)
  .addOptionalParam(
    "modelId",
    "Model id whose token to check, looked up through the TokenManager",
    undefined,
    types.string,
  )
  .addOptionalParam("token", "Token address to check, instead of --model-id", undefined, types.string)
  .addOptionalParam(
    "tokenManager",
    "TokenManager address for --model-id (default: hokusai.networks.<network>.tokenManager, TOKEN_MANAGER_ADDRESS, the address book on sepolia and mainnet, or the local mock)",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "file",
    "A local copy of the license to check as well as the URI (or instead of it, with --no-fetch)",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "uri",
    "Fetch this URI instead of the on-chain licenseURI (https://, http://, ipfs://<cid>[/path], file://)",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "ipfsGateway",
    "Gateway for ipfs:// URIs, e.g. https://ipfs.io (default: config hokusai.ipfsGateway)",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "timeout",
    "Seconds allowed for fetching the license, redirects and body included",
    30,
    types.float,
  )
  .addOptionalParam(
    "maxBytes",
    "Largest license accepted, in bytes, counted while it downloads",
    1_048_576,
    types.int,
  )
  .addFlag("noFetch", "Do not fetch licenseURI; check only --file")
  .addFlag("json", 'Print one JSON object on stdout ({"version": 1, "verdict": ...}) instead of the report')
  .setAction(async (args: VerifyLicenseArgs, hre) => {
    const ui = await import("../src/ui/license");
    const { runVerifyLicense } = await import("../src/hardhat/actions/license");
    const { flagNamer } = await import("../src/hardhat/cli");

    const result = await runVerifyLicense(
      hre,
      {
        modelId: args.modelId,
        token: args.token,
        tokenManager: args.tokenManager,
        file: args.file,
        uri: args.uri,
        ipfsGateway: args.ipfsGateway,
        timeoutMs: args.timeout * 1000,
        maxBytes: args.maxBytes,
        fetch: !args.noFetch,
      },
      flagNamer,
    );
    if (args.json) {
      console.log(JSON.stringify(ui.verifyLicenseJson(result), null, 2));
    } else {
      console.log(ui.formatVerifyLicense(result));
      for (const warning of ui.verifyLicenseWarnings(result)) console.error(warning);
    }
    if (result.verdict !== "MATCH") process.exitCode = 1;
    return result;
  });
