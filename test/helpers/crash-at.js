/**
 * Loaded with `node --require` into a Hardhat child process by the crash tests: with
 * HOKUSAI_CRASH_AT=<point> the process kills itself (SIGKILL, as a power cut would)
 * exactly at that point, so a test can prove that the rerun finishes the job without
 * sending anything twice. Nothing of it is in the package: it watches what the tasks
 * write to their records and print on stderr.
 *
 *   before-send    the transaction is recorded ("prepared"), not yet signed or broadcast
 *   after-send     broadcast, but the record does not know it yet (killed before it says "sent");
 *                  after-send:N at the Nth broadcast of the run (a batch with others in flight)
 *   after-receipt  mined, the record not yet completed
 *   after-model:N  the Nth model of a batch is done
 */
"use strict";

const Module = require("module");

const wanted = process.env.HOKUSAI_CRASH_AT;
const [point, nth] = (wanted ?? "").split(":");

const crash = () => process.kill(process.pid, "SIGKILL");

/** A record write: before-send crashes after the "prepared" write, after-send before the "sent" one. */
function watchRecords(exported) {
  const sync = exported.sync;
  let sent = 0;
  exported.sync = (file, text, ...rest) => {
    const status = /"status": "(\w+)"/.exec(String(text))?.[1];
    if (point === "after-send" && status === "sent" && ++sent >= Number(nth ?? 1)) crash();
    const result = sync(file, text, ...rest);
    if (point === "before-send" && status === "prepared") crash();
    return result;
  };
  return exported;
}

const LINES = { "after-receipt": /^Mined 0x/, "after-model": /^\[\s*\d+\/\d+\]/ };

if (point === "before-send" || point === "after-send") {
  const load = Module._load;
  let patched;
  Module._load = function (request, ...rest) {
    const exported = load.call(this, request, ...rest);
    if (request !== "write-file-atomic") return exported;
    patched ??= watchRecords(exported);
    return patched;
  };
} else if (point in LINES) {
  let seen = 0;
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk, ...rest) => {
    const result = write(chunk, ...rest);
    for (const line of String(chunk).split("\n")) {
      if (!LINES[point].test(line)) continue;
      seen += 1;
      if (nth === undefined || seen === Number(nth)) crash();
    }
    return result;
  };
} else if (wanted !== undefined && wanted !== "") {
  throw new Error(`HOKUSAI_CRASH_AT=${wanted}: unknown point`);
}
