/**
 * `hokusai:verify-license` as a command. MATCH exits 0 and MISMATCH exits 1
 * (process.exitCode); both return the result. A license or chain that cannot be read
 * throws a HokusaiPluginError (exit 1). Both editions run it.
 */
import type { HokusaiHost } from "../host";

export interface VerifyLicenseArgs {
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

export async function verifyLicenseCommand(hre: HokusaiHost, args: VerifyLicenseArgs): Promise<unknown> {
  const ui = await import("../../ui/license");
  const { runVerifyLicense } = await import("../actions/license");
  const { flagNamer } = await import("../cli");

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
}
