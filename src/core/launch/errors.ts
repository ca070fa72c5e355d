/** Errors of the platform's launch file. */
import { HokusaiError, problemsMessage } from "../errors";

export function invalidLaunchFileError(file: string, problems: string[]): HokusaiError {
  return new HokusaiError(
    "invalidLaunchFile",
    problemsMessage(
      (p) => `launch file ${file}: ${p}; fix it and rerun`,
      `launch file ${file} has ${problems.length} problems; fix them and rerun`,
      problems,
    ),
    { problems },
  );
}

/** The platform's guard: every token of its launch file is governed by its Safe. */
export function requiredGovernorError(file: string, required: string, offenders: string[]): HokusaiError {
  return new HokusaiError(
    "requiredGovernor",
    problemsMessage(
      (p) =>
        `launch file ${file} requires every governor to be ${required}, and ${p}; nothing was sent: fix the governor`,
      `launch file ${file} requires every governor to be ${required}, and ${offenders.length} tokens name another; nothing was sent: fix them`,
      offenders,
    ),
    { problems: offenders },
  );
}
