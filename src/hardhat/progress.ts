/**
 * Progress of a long run on stderr: a bar on a terminal (cli-progress), one line
 * per step in a log, where a redrawn bar would be noise.
 */
export interface Progress {
  update(done: number, line: string): void;
  /** A line that must be read (a transaction replaced, sent again, reorged), above the bar. */
  note(line: string): void;
  stop(): void;
}

export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) {
    return {
      update: (_done, line) => console.error(line),
      note: (line) => console.error(line),
      stop: () => undefined,
    };
  }
  const { SingleBar, Presets } = require("cli-progress") as typeof import("cli-progress");
  const bar = new SingleBar(
    { stream, format: "{bar} {value}/{total} models | {eta_formatted} left | {last}", hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(total, 0, { last: "" });
  const note = (line: string) => stream.write(`\n${line}\n`);
  return {
    update: (done, line) => {
      if (line.includes("FAILED")) note(line);
      bar.update(done, { last: line.replace(/^\[[^\]]*\] /, "").slice(0, 60) });
    },
    note,
    stop: () => bar.stop(),
  };
}

/** A line that must be read: above the bar where a run has one yet, else on stderr as it is. */
export function noteLine(progress: Progress | undefined, line: string): void {
  if (progress === undefined) console.error(line);
  else progress.note(line);
}
