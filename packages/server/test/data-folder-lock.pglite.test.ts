// PGlite only: a PostgreSQL server has its own locking; an embedded data folder needs ours.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./support/database.js";
import type { TestDatabase } from "./support/database.js";
import { accordBin, runAccord } from "./support/cli.js";
import { repositoryRoot } from "../src/db/client.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.close();
});
afterAll(async () => {
  await database?.destroy();
});

describe("the data folder lock", () => {
  it("refuses a second accord serve on the same data folder with a message saying it is in use", async () => {
    const first = spawn(process.execPath, [accordBin, "serve"], {
      cwd: repositoryRoot,
      env: { ...process.env, ...database.env, PORT: "0", ACCORD_LOG: "off" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let output = "";
        first.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes("Accord is serving at")) resolve();
        });
        first.on("exit", (code) => reject(new Error(`first server exited with ${code}: ${output}`)));
      });
      const second = await runAccord(["serve"], { ...database.env, PORT: "0" });
      expect(second.code).not.toBe(0);
      expect(second.stderr).toMatch(/data folder .* is in use by another Accord process/);
    } finally {
      first.kill("SIGTERM");
      await new Promise((resolve) => first.once("exit", resolve));
    }
    // Once the first has stopped, the folder can be opened again.
    const after = await runAccord(["agreements", "--json"], database.env);
    expect(after.code).toBe(0);
  });

  describe("a lock file naming a live process that is not Accord", () => {
    // A program that happens to have the pid an earlier Accord process had, as after a crash and
    // a restart of the machine.
    let other: ChildProcess;
    beforeAll(async () => {
      other = spawn("sleep", ["120"], { stdio: "ignore" });
      await new Promise<void>((resolve) => other.once("spawn", () => resolve()));
    });
    afterAll(() => {
      other.kill("SIGKILL");
    });
    const lockFile = (): string => join(database.env.ACCORD_DATA_DIR ?? "", "accord.lock");

    it("does not block start when the lock records another start time for that pid", async () => {
      const myStart = readFileSync(`/proc/${process.pid}/stat`, "utf8");
      const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
      const startTime = myStart.slice(myStart.lastIndexOf(")") + 2).split(" ")[19];
      writeFileSync(lockFile(), `${other.pid}\n${boot} ${startTime}\n`);
      const result = await runAccord(["agreements", "--json"], database.env);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(existsSync(lockFile())).toBe(false);
    });

    it("does not block start when an earlier version's lock (a pid alone) names a program that is not Accord", async () => {
      writeFileSync(lockFile(), `${other.pid}\n`);
      const result = await runAccord(["agreements", "--json"], database.env);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
    });
  });
});
