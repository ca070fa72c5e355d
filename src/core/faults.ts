/**
 * Crash points for the tests of crash recovery: with HOKUSAI_CRASH_AT=<point> the
 * process kills itself (SIGKILL, as a power cut would) exactly there, so a test can
 * prove that the rerun finishes the job without sending anything twice. Unset, it
 * does nothing.
 */
export type CrashPoint = "before-send" | "after-send" | "after-receipt" | "after-model";

export function crashPoint(point: CrashPoint, count?: number): void {
  const wanted = process.env.HOKUSAI_CRASH_AT;
  if (wanted === undefined || wanted === "") return;
  // "after-model:3" crashes after the third model of a manifest.
  const [name, nth] = wanted.split(":");
  if (name !== point) return;
  if (nth !== undefined && count !== Number(nth)) return;
  process.kill(process.pid, "SIGKILL");
}
