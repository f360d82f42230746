/**
 * `npx accord import returns` in a child process, as a person or a script runs it: a filled-in
 * template is saved as the account named by --as; a file with faults is refused whole, every bad
 * row listed on standard error and a non-zero exit; so is a value someone changed since.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "../src/features/auth/actors.js";
import { buildReturnTemplate } from "../src/features/returns/template.js";
import { writeTemplateCsv } from "../src/features/returns/template-csv.js";
import { openRound } from "../src/features/rounds/service.js";
import { runAccord } from "./support/cli.js";
import { createTestDatabase } from "./support/database.js";
import type { TestDatabase } from "./support/database.js";
import { queryRows } from "./support/sql.js";

let database: TestDatabase;
let folder: string;
/** The officer of NI 47's template for 2010/11 H1, as downloaded: its rows keyed by heading. */
let downloaded: Record<string, string>[];
let headings: string[];

const officer = "officer.ni47@kent-partnership.example";
const kent = "E10000016";
const thanet = "E07000114";

function fileOf(name: string, change: (rows: Record<string, string>[]) => Record<string, string>[]): string {
  const rows = change(downloaded.map((row) => ({ ...row })));
  const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const text = [headings, ...rows.map((row) => headings.map((heading) => row[heading] ?? ""))].map((cells) => cells.map(quote).join(",")).join("\r\n");
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

function setValue(rows: Record<string, string>[], area: string, value: string, indicator = "NI 47"): void {
  const row = rows.find((one) => one["Area code"] === area && one.Indicator === indicator);
  if (!row) throw new Error(`no row for ${area}`);
  row.Value = value;
}

const importReturns = (file: string, as = officer) =>
  runAccord(["import", "returns", "--agreement", "kent-ka2", "--round", "2010/11 H1", "--file", file, "--as", as], database.env);

beforeAll(async () => {
  database = await createTestDatabase();
  folder = mkdtempSync(join(tmpdir(), "accord-returns-"));
  const [manager] = await queryRows(database.db, sql`select id from users where email = 'manager@kent-partnership.example'`);
  const [ni47] = await queryRows(database.db, sql`select id from users where email = ${officer}`);
  const managerActor = await actorForUser(database.db, Number(manager?.id));
  await openRound({ db: database.db, actor: managerActor, slug: "kent-ka2", body: { period: "2010/11 H1" } });
  const template = await buildReturnTemplate({
    db: database.db,
    actor: await actorForUser(database.db, Number(ni47?.id)),
    slug: "kent-ka2",
    round: "2010-11-h1",
  });
  const csv = writeTemplateCsv(template).toString("utf8");
  downloaded = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
  headings = Object.keys(downloaded[0] ?? {});
  // The child process opens the same database; PGlite allows one process at a time.
  await database.close();
});
afterAll(async () => {
  await database?.destroy();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe("accord import returns", () => {
  it("saves the officer's filled-in values, and finds them unchanged the second time", async () => {
    const file = fileOf("filled.csv", (rows) => {
      setValue(rows, kent, "640");
      setValue(rows, thanet, "71");
      return rows;
    });
    const first = await importReturns(file);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`Saved 2 values for the 2010/11 H1 round from ${file} (0 unchanged, 11 left blank).\n`);
    const again = await importReturns(file);
    expect(again.stdout).toMatch(/^Saved 0 values for the 2010\/11 H1 round .* \(2 unchanged, 11 left blank\)\.$/m);
  });

  it("refuses a file with faults whole, listing every bad row, with a non-zero exit", async () => {
    const file = fileOf("faults.csv", (rows) => {
      setValue(rows, "E07000105", "12");
      setValue(rows, "E07000106", "twelve");
      const wrongDistrict = rows.find((one) => one["Area code"] === "E07000107");
      if (wrongDistrict) Object.assign(wrongDistrict, { "Area code": "29ZZ", Value: "5" });
      const unknown = rows.find((one) => one["Area code"] === "E07000108");
      if (unknown) Object.assign(unknown, { Indicator: "NI 999", Value: "5" });
      return rows;
    });
    const result = await importReturns(file);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines[0]).toBe("accord: Nothing was saved: 3 rows of the file have 3 problems. Correct them and send the whole file again. [--file]");
    expect(lines.slice(1).map((line) => line.replace(/:.*$/, ""))).toEqual(["  - row 4, Value", "  - row 5, Area code", "  - row 6, Indicator"]);
    expect(lines[2]).toMatch(/"29ZZ" is not Kent \(E10000016\) or one of its districts/);
    // The sound row of the refused file (Ashford, 12) was not saved: sent alone it is new.
    const alone = await importReturns(fileOf("ashford.csv", (rows) => {
      setValue(rows, "E07000105", "12");
      return rows.filter((row) => row["Area code"] === "E07000105");
    }));
    expect(alone.stdout).toMatch(/^Saved 1 value for the 2010\/11 H1 round/);
  });

  it("refuses a value someone changed since the download, naming what it is now", async () => {
    // The template was downloaded before Kent's 640 was saved: its Version is blank.
    const file = fileOf("stale.csv", (rows) => {
      setValue(rows, kent, "600");
      return rows;
    });
    const result = await importReturns(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ {2}- row 2, Version \(do not change\): someone changed this since you downloaded it: Kent's NI 47 is now 640, version 1, recorded by /m);
  });

  it("names the option at fault: an unknown account, a round that is not there, a missing file", async () => {
    const file = fileOf("any.csv", (rows) => rows);
    const nobody = await importReturns(file, "nobody@kent.example");
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toBe("accord: No account for nobody@kent.example [--as]\n");
    const partner = await importReturns(file, "partner@kent-police.example");
    expect(partner.stderr).toMatch(/^accord: Only an indicator's accountable officer, an LSP coordinator or a manager/);
    const round = await runAccord(["import", "returns", "--agreement", "kent-ka2", "--round", "2031/32 H1", "--file", file, "--as", officer], database.env);
    expect(round.stderr).toBe('accord: Monitoring round "2031-32-h1" was not found [--round]\n');
    const missing = await importReturns(join(folder, "missing.csv"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--file: cannot read .*missing\.csv \(ENOENT\)/);
  });
});
