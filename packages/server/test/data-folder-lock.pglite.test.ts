// PGlite only: a PostgreSQL server has its own locking; an embedded data folder needs ours.
import { spawn } from "node:child_process";
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
});
