import { task, types } from "hardhat/config";

import { TASK_HOKUSAI_LICENSE_HASH } from "../src/task-names";

interface LicenseHashArgs {
  file?: string;
  text?: string;
  json: boolean;
}

task(
  TASK_HOKUSAI_LICENSE_HASH,
  "Prints keccak256 of a license's exact bytes: the licenseHash to deploy with (the guide's step 2)",
)
  .addOptionalParam(
    "file",
    "License file, hashed byte for byte exactly as it will be published at licenseURI",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "text",
    "License text instead of --file, hashed as UTF-8 like keccak256(toUtf8Bytes(text))",
    undefined,
    types.string,
  )
  .addFlag("json", 'Print one JSON object on stdout ({"version": 1, "hash": ...}) instead of a sentence')
  .setAction(async (args: LicenseHashArgs) => {
    const errors = await import("../src/core/errors");
    const { hashLicense } = await import("../src/core/license/hash");
    const { flagNamer, withPluginErrors } = await import("../src/errors");
    const ui = await import("../src/ui/license");

    const result = await withPluginErrors(async () => {
      const f = errors.fieldRef;
      if (args.file !== undefined && args.text !== undefined) {
        throw errors.conflictingOptionsError("file", "text", "hash either the file or the text");
      }
      if (args.text === "") {
        throw errors.invalidInput(
          "licenseFileEmpty",
          "text",
          "",
          "pass the license text; a hash of nothing proves nothing",
        );
      }
      if (args.file === undefined && args.text === undefined) {
        throw errors.missingInput(
          "file",
          errors.msg`pass ${f("file")} ./LICENSE.md (the exact bytes you publish) or ${f("text")} "..."`,
          "text",
        );
      }
      return hashLicense(args.file !== undefined ? { file: args.file } : { text: args.text as string });
    }, flagNamer);
    if (args.json) {
      console.log(JSON.stringify(ui.licenseHashJson(result), null, 2));
    } else {
      console.log(ui.formatLicenseHash(result));
      for (const note of ui.licenseHashNotes(result)) console.error(`Note: ${note}.`);
    }
    return result;
  });
