/**
 * The record lock: a lock left by a run that crashed goes stale sooner when its holder's
 * process is known to be gone, and never sooner while the holder may still run.
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";

import { holderIsGone, lockHolderFile, staleAfterMs, withRecordLock } from "../../src/core/deploy/record";

/** The PID of a process that has ended. */
function goneProcessPid(): number {
  const ended = spawnSync(process.execPath, ["-e", "0"]);
  expect(ended.status).to.equal(0);
  return ended.pid!;
}

describe("the record lock", function () {
  const host = os.hostname();
  let dir: string;

  beforeEach(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-record-lock-"));
  });
  afterEach(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("takes a holder for gone only when it ran on this machine and its PID runs no more", function () {
    const gone = goneProcessPid();
    expect(holderIsGone({ pid: gone, host })).to.equal(true);
    expect(holderIsGone({ pid: process.pid, host })).to.equal(false);
    expect(holderIsGone({ pid: gone, host: `${host}-elsewhere` }), "another machine").to.equal(false);
    expect(holderIsGone(undefined), "no holder named").to.equal(false);
    // A PID that a process of another user holds answers EPERM: that one runs.
    expect(holderIsGone({ pid: 1, host }, () => true)).to.equal(false);
  });

  it("lets a lock go stale after 2 s when its holder is gone, after 5 s otherwise", function () {
    expect(staleAfterMs({ pid: goneProcessPid(), host })).to.equal(2_000);
    expect(staleAfterMs({ pid: process.pid, host })).to.equal(5_000);
    expect(staleAfterMs(undefined)).to.equal(5_000);
  });

  it("names its holder while it is held and removes the name when let go; a gone holder's lock is taken over", async function () {
    const record = path.join(dir, "model.json");
    const holder = lockHolderFile(record);
    // What a run killed while it held the lock leaves: the lock, and its holder's name.
    fs.mkdirSync(`${record}.lock`);
    const lastTouched = new Date(Date.now() - 3_000);
    fs.utimesSync(`${record}.lock`, lastTouched, lastTouched);
    fs.writeFileSync(holder, JSON.stringify({ pid: goneProcessPid(), host }));
    const named = await withRecordLock(record, { activity: "testing", network: "hardhat" }, async () =>
      JSON.parse(fs.readFileSync(holder, "utf8")),
    );
    expect(named).to.deep.equal({ pid: process.pid, host });
    expect(fs.existsSync(holder), "the holder's name outlived the lock").to.equal(false);
    expect(fs.existsSync(`${record}.lock`), "the lock was not let go").to.equal(false);
  });
});
