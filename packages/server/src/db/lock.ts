/**
 * PGlite has no lock of its own: two processes opening one data folder corrupt it (DESIGN.md).
 * We take a lock file holding our pid and refuse a second process with a clear message.
 * A pid alone is not enough: after a crash or a restart of the machine the same number may
 * belong to some other program, which would block Accord for ever. So the lock also records the
 * machine's boot and the process's start time, and a live pid that started at another time is
 * not the process that took the lock.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../errors.js";

export interface DataFolderLock {
  release(): void;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** This boot of the machine and the moment the process started, from Linux's /proc; null elsewhere. */
function processIdentity(pid: number): string | null {
  try {
    const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces and brackets); start time is field 22.
    const startTime = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
    return startTime ? `${boot} ${startTime}` : null;
  } catch {
    return null;
  }
}

/** Whether a process's command line is an Accord command (for locks written before identities). */
function looksLikeAccord(pid: number): boolean | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").toLowerCase().includes("accord");
  } catch {
    return null;
  }
}

/** Whether the process named in the lock file is still the one that wrote it. */
function holdsLock(holder: number, recordedIdentity: string | undefined): boolean {
  if (holder === process.pid || !isRunning(holder)) return false;
  if (recordedIdentity) {
    const identity = processIdentity(holder);
    return identity === null || identity === recordedIdentity;
  }
  return looksLikeAccord(holder) ?? true;
}

export function lockDataFolder(folder: string): DataFolderLock {
  const lockPath = join(folder, "accord.lock");
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = openSync(lockPath, "wx");
      writeSync(handle, `${process.pid}\n${processIdentity(process.pid) ?? ""}\n`);
      closeSync(handle);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        rmSync(lockPath, { force: true });
      };
      process.once("exit", release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const [pidLine, identityLine] = readFileSync(lockPath, "utf8").split("\n");
      const holder = Number.parseInt(pidLine ?? "", 10);
      if (Number.isInteger(holder) && holdsLock(holder, identityLine?.trim() || undefined)) {
        throw new AppError(
          "DATA_FOLDER_IN_USE",
          `The data folder ${folder} is in use by another Accord process (pid ${holder}). ` +
            "Stop that process first, or set ACCORD_DATA_DIR to another folder.",
          { field: "ACCORD_DATA_DIR" },
        );
      }
      // A lock left behind by a process that no longer runs (or whose pid another program now
      // has): take it over.
      rmSync(lockPath, { force: true });
    }
  }
  throw new AppError("DATA_FOLDER_IN_USE", `Could not lock the data folder ${folder}`, { field: "ACCORD_DATA_DIR" });
}
