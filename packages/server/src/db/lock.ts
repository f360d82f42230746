/**
 * PGlite has no lock of its own: two processes opening one data folder corrupt it (DESIGN.md).
 * We take a lock file holding our pid and refuse a second process with a clear message.
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

export function lockDataFolder(folder: string): DataFolderLock {
  const lockPath = join(folder, "accord.lock");
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = openSync(lockPath, "wx");
      writeSync(handle, `${process.pid}\n`);
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
      const holder = Number.parseInt(readFileSync(lockPath, "utf8").trim(), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
        throw new AppError(
          "DATA_FOLDER_IN_USE",
          `The data folder ${folder} is in use by another Accord process (pid ${holder}). ` +
            "Stop that process first, or set ACCORD_DATA_DIR to another folder.",
          { field: "ACCORD_DATA_DIR" },
        );
      }
      // A lock left behind by a process that no longer runs: take it over.
      rmSync(lockPath, { force: true });
    }
  }
  throw new AppError("DATA_FOLDER_IN_USE", `Could not lock the data folder ${folder}`, { field: "ACCORD_DATA_DIR" });
}
