/**
 * `accord export submission`, registered on a program of its own (as cli/main.ts registers it)
 * and run in this process against a real database.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Command } from "commander";
import { parse as parseCsv } from "csv-parse/sync";
import type { Database } from "../../src/db/client.js";
import { registerExportCommands } from "../../src/cli/export.js";
import { createTestDatabase } from "../support/database.js";
import type { TestDatabase } from "../support/database.js";

let database: TestDatabase;
let folder: string;
beforeAll(async () => {
  database = await createTestDatabase();
  folder = mkdtempSync(join(tmpdir(), "accord-export-"));
});
afterAll(async () => {
  await database?.destroy();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** How often the command opened the database. */
let opened = 0;

async function run(args: string[]): Promise<{ printed: string[] }> {
  const printed: string[] = [];
  opened = 0;
  const withDatabase = async <T>(work: (db: Database) => Promise<T>): Promise<T> => {
    opened += 1;
    return work(database);
  };
  const program = new Command().name("accord").exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  registerExportCommands(program, withDatabase, (text) => printed.push(text));
  await program.parseAsync(["export", "submission", ...args], { from: "user" });
  return { printed };
}

describe("accord export submission", () => {
  it("writes the template as at a date to the file named by --out", async () => {
    const out = join(folder, "ka2.csv");
    const { printed } = await run(["--agreement", "kent-ka2", "--format", "csv", "--out", out, "--as-at", "2008-05-01"]);
    expect(printed.join("\n")).toMatch(/Wrote kent-ka2-submission-2008-05-01 \(csv, \d+ kB\) to .*ka2\.csv/);
    const records = parseCsv(readFileSync(out), { bom: true }) as string[][];
    expect(records.find((r) => r[1] === "NI 47")?.[6]).toBe("Proposed at 592 (50% reduction)");
  });

  it("writes a Word document", async () => {
    const out = join(folder, "ka2.docx");
    await run(["--agreement", "kent-ka2", "--format", "DOCX", "--out", out, "--as-at", "2008-05-01"]);
    expect(readFileSync(out).subarray(0, 2).toString("latin1")).toBe("PK");
  });

  it("names --format when the format is not one it writes, before opening the database", async () => {
    const attempt = run(["--agreement", "kent-ka2", "--format", "odt", "--out", join(folder, "x.odt")]);
    await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST", field: "--format", message: expect.stringMatching(/docx, xlsx, csv, pdf, html/) });
    expect(opened).toBe(0);
  });

  it("names --as-at when the date is not a date", async () => {
    await expect(run(["--agreement", "kent-ka2", "--format", "csv", "--out", join(folder, "x.csv"), "--as-at", "1 May 2008"])).rejects.toMatchObject({ field: "--as-at" });
  });

  it("names --agreement when there is no such agreement", async () => {
    await expect(run(["--agreement", "kent-ka9", "--format", "csv", "--out", join(folder, "x.csv")])).rejects.toMatchObject({ code: "NOT_FOUND", field: "--agreement" });
  });

  it("names --out when the file cannot be written", async () => {
    await expect(run(["--agreement", "kent-ka2", "--format", "csv", "--out", join(folder, "no-such-folder", "x.csv"), "--as-at", "2008-05-01"])).rejects.toMatchObject({ field: "--out" });
  });
});
