/**
 * `accord export data` and `accord export opensdg`, registered on a program of their own (as
 * cli/main.ts registers them) and run in this process against a real database: what a council's
 * script would get — the public's view unless it asks for --unpublished — and every refusal
 * naming its option.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDataColumns } from "@accord/domain";
import type { Database } from "../src/db/client.js";
import { registerExportCommands } from "../src/cli/export.js";
import type { OpenDataView } from "../src/features/open-data/schema.js";
import { runAccord } from "./support/cli.js";
import { createTestDatabase } from "./support/database.js";
import type { TestDatabase } from "./support/database.js";

let database: TestDatabase;
let folder: string;
beforeAll(async () => {
  database = await createTestDatabase();
  folder = mkdtempSync(join(tmpdir(), "accord-open-data-"));
});
afterAll(async () => {
  await database?.destroy();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

let opened = 0;

async function run(args: string[]): Promise<string[]> {
  const printed: string[] = [];
  opened = 0;
  const withDatabase = async <T>(work: (db: Database) => Promise<T>): Promise<T> => {
    opened += 1;
    return work(database);
  };
  const program = new Command().name("accord").exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  registerExportCommands(program, withDatabase, (text) => printed.push(text));
  await program.parseAsync(["export", ...args], { from: "user" });
  return printed;
}

const observedPeriods = (rows: { measure: string; period: string | null }[]) =>
  [...new Set(rows.filter((row) => row.measure === "observation").map((row) => row.period))].sort();

describe("accord export data", () => {
  it("writes the CSV the public gets: the dictionary's columns, published rounds' values only", async () => {
    const out = join(folder, "ka2.csv");
    const printed = await run(["data", "--agreement", "kent-ka2", "--format", "csv", "--out", out]);
    expect(printed.join("\n")).toMatch(/^Wrote \d+ values of Kent Agreement 2 .*\(csv, published rounds only\) to .*ka2\.csv$/);
    const [header = [], ...lines] = parse(readFileSync(out), { bom: true }) as string[][];
    expect(header).toEqual(openDataColumns.map((column) => column.name));
    const rows = lines.map((line) => Object.fromEntries(header.map((name, index) => [name, line[index] ?? ""])) as { measure: string; period: string });
    expect(observedPeriods(rows)).toEqual(["2008/09 H1", "2008/09 H2"]);
  });

  it("with --unpublished writes the JSON with the open round's values too, narrowed to an indicator written as its code", async () => {
    const out = join(folder, "ni-47.json");
    await run(["data", "--agreement", "kent-ka2", "--format", "JSON", "--out", out, "--indicator", "NI 47", "--unpublished"]);
    const view = JSON.parse(readFileSync(out, "utf8")) as OpenDataView;
    expect(view.publishedRoundsOnly).toBe(false);
    expect(new Set(view.values.map((row) => row.indicator_code))).toEqual(new Set(["NI 47"]));
    expect(observedPeriods(view.values)).toEqual(["2008/09 H1", "2008/09 H2", "2009/10 H1"]);
  });

  it("names --format and --measure when they are not ones it knows, before opening the database", async () => {
    await expect(run(["data", "--agreement", "kent-ka2", "--format", "xml", "--out", join(folder, "x")])).rejects.toMatchObject({ code: "BAD_REQUEST", field: "--format" });
    await expect(run(["data", "--agreement", "kent-ka2", "--format", "csv", "--measure", "forecast", "--out", join(folder, "x")])).rejects.toMatchObject({
      field: "--measure",
      message: expect.stringMatching(/baseline, target, observation/),
    });
    expect(opened).toBe(0);
  });

  it("names --agreement and --indicator when there is no such thing", async () => {
    await expect(run(["data", "--agreement", "kent-ka9", "--format", "csv", "--out", join(folder, "x.csv")])).rejects.toMatchObject({ code: "NOT_FOUND", field: "--agreement" });
    await expect(run(["data", "--agreement", "kent-ka2", "--format", "csv", "--indicator", "ni-999", "--out", join(folder, "x.csv")])).rejects.toMatchObject({
      code: "NOT_FOUND",
      field: "--indicator",
    });
  });

  it("refuses an unpublished agreement without --unpublished, saying what to add", async () => {
    await database.db.execute(sql`update agreements set published = false where slug = 'kent-ka1'`);
    try {
      await expect(run(["data", "--agreement", "kent-ka1", "--format", "csv", "--out", join(folder, "ka1.csv")])).rejects.toMatchObject({
        field: "--agreement",
        message: expect.stringMatching(/not published: add --unpublished/),
      });
      await run(["data", "--agreement", "kent-ka1", "--format", "csv", "--out", join(folder, "ka1.csv"), "--unpublished"]);
      expect(readFileSync(join(folder, "ka1.csv"), "utf8")).toContain("kent-ka1,");
    } finally {
      await database.db.execute(sql`update agreements set published = true where slug = 'kent-ka1'`);
    }
  });

  it("names --out when the file cannot be written", async () => {
    await expect(run(["data", "--agreement", "kent-ka2", "--format", "csv", "--out", join(folder, "no-such-folder", "x.csv")])).rejects.toMatchObject({ field: "--out" });
  });
});

describe("accord export opensdg", () => {
  it("writes data/indicator_ni-47.csv and meta/ni-47.md, the values those of the open data", async () => {
    const out = join(folder, "open-sdg");
    const printed = await run(["opensdg", "--agreement", "kent-ka2", "--indicator", "ni-47", "--out", out]);
    expect(printed.join("\n")).toMatch(/^Wrote \d+ values to .*data\/indicator_ni-47\.csv and the metadata to .*meta\/ni-47\.md$/);
    const records = parse(readFileSync(join(out, "data", "indicator_ni-47.csv")), { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0] ?? {})).toEqual(["Year", "Local authority", "GeoCode", "Value"]);
    expect(readFileSync(join(out, "meta", "ni-47.md"), "utf8")).toMatch(/^---\n[\s\S]*indicator_number: NI 47\n/);

    const dataOut = join(folder, "ni-47-values.json");
    await run(["data", "--agreement", "kent-ka2", "--format", "json", "--indicator", "ni-47", "--measure", "observation", "--out", dataOut]);
    const view = JSON.parse(readFileSync(dataOut, "utf8")) as OpenDataView;
    const fromData = view.values.filter((row) => row.component === "all").map((row) => `${row.period}|${row.area_code === "E10000016" ? "" : row.area_code}|${row.value}`);
    expect(records.map((row) => `${row.Year}|${row.GeoCode}|${row.Value}`).sort()).toEqual(fromData.sort());
  });

  it("names --indicator when it is not in the agreement", async () => {
    await expect(run(["opensdg", "--agreement", "kent-ka2", "--indicator", "NI 999", "--out", join(folder, "x")])).rejects.toMatchObject({ code: "NOT_FOUND", field: "--indicator" });
  });
});

// Last: the embedded database is closed here so the child process can open it.
describe("npx accord export, in a child process as a script runs it", () => {
  it("writes NI 47's Open SDG files and exits 0; a bad --format exits 1 naming it", async () => {
    await database.close();
    const out = join(folder, "child");
    const written = await runAccord(["export", "opensdg", "--agreement", "kent-ka2", "--indicator", "NI 47", "--out", out], database.env);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toMatch(/Wrote \d+ values to .*indicator_ni-47\.csv/);
    expect(readFileSync(join(out, "data", "indicator_ni-47.csv"), "utf8").split("\r\n")[0]).toBe("Year,Local authority,GeoCode,Value");
    const refused = await runAccord(["export", "data", "--agreement", "kent-ka2", "--format", "xml", "--out", join(out, "x")], database.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--format must be csv or json, not "xml" \[--format\]/);
  });
});
