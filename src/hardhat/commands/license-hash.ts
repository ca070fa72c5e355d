/** `hokusai:license-hash` as a command: no chain, no network. Both editions run it. */
export interface LicenseHashArgs {
  file?: string;
  text?: string;
  json: boolean;
}

export async function licenseHashCommand(args: LicenseHashArgs): Promise<unknown> {
  const errors = await import("../../core/errors");
  const { hashLicense } = await import("../../core/license/hash");
  const { flagNamer, withPluginErrors } = await import("../../errors");
  const ui = await import("../../ui/license");

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
}
