/**
 * Each command opens the database afresh in its own process (several seconds on PGlite), hence
 * the longer time allowed per test.
 *
 * `npx accord export dhis2` and `npx accord import dhis2` in a child process, as a council's
 * script runs them (issue 10 point 7): the demo's published 2008/09 H1 round written as a DHIS2
 * data value set and read back with nothing to change; a dry run prints what would change and
 * writes nothing; a file for the open 2010/11 H1 round imported; a file with an unknown org unit
 * refused whole, every conflict on standard error and a non-zero exit.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "../src/features/auth/actors.js";
import { derivedUid } from "../src/features/dhis2/identifiers.js";
import { openRound } from "../src/features/rounds/service.js";
import { runAccord } from "./support/cli.js";
import { createTestDatabase } from "./support/database.js";
import type { TestDatabase } from "./support/database.js";
import { queryRows } from "./support/sql.js";

let database: TestDatabase;
let folder: string;
let h1Values: number;

const ni47 = derivedUid("dataElement", "NI 47");
const thanet = derivedUid("orgUnit", "E07000114");

beforeAll(async () => {
  database = await createTestDatabase();
  folder = mkdtempSync(join(tmpdir(), "accord-dhis2-"));
  const [manager] = await queryRows(database.db, sql`select id from users where email = 'manager@kent-partnership.example'`);
  await openRound({ db: database.db, actor: await actorForUser(database.db, Number(manager?.id)), slug: "kent-ka2", body: { period: "2010/11 H1" } });
  const [count] = await queryRows(
    database.db,
    sql`select count(*)::int as n from observations o join reporting_periods p on p.id = o.period_id where p.label = '2008/09 H1'`,
  );
  h1Values = Number(count?.n);
  // The child process opens the same database; PGlite allows one process at a time.
  await database.close();
});
afterAll(async () => {
  await database?.destroy();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const exportRound = (format: string, out: string, round = "2008/09 H1") =>
  runAccord(["export", "dhis2", "--agreement", "kent-ka2", "--round", round, "--format", format, "--out", out], database.env);
const importFile = (file: string, ...more: string[]) => runAccord(["import", "dhis2", "--file", file, ...more], database.env);

describe("accord export dhis2 and accord import dhis2", () => {
  it("write a round as DHIS2 CSV and JSON that import back with nothing imported or updated", async () => {
    expect(h1Values).toBeGreaterThan(100);
    const csv = join(folder, "h1.csv");
    const written = await exportRound("csv", csv);
    expect(written.stderr).toBe("");
    expect(written.stdout).toBe(`Wrote ${h1Values} data values of kent-ka2 2008/09 H1 (DHIS2 csv) to ${csv}\n`);
    const rows = parse(readFileSync(csv, "utf8"), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(h1Values);
    expect(rows.find((row) => row.dataelement === ni47 && row.orgunit === thanet)?.period).toBe("2008AprilS1");

    const back = await importFile(csv);
    expect(back.stderr).toBe("");
    expect(back.code).toBe(0);
    expect(back.stdout).toContain(`imported 0, updated 0, ignored ${h1Values}, deleted 0`);

    const json = join(folder, "h1.json");
    expect((await exportRound("json", json)).code).toBe(0);
    const jsonBack = await importFile(json);
    expect(jsonBack.stdout).toContain(`imported 0, updated 0, ignored ${h1Values}, deleted 0`);
  }, 180_000);

  it("a dry run prints what would change and writes nothing; then the import writes it", async () => {
    const file = join(folder, "h1-2010.json");
    writeFileSync(file, JSON.stringify({ dataValues: [{ dataElement: ni47, period: "2010AprilS1", orgUnit: thanet, value: "57" }] }));
    const dry = await importFile(file, "--dry-run");
    expect(dry.stderr).toBe("");
    expect(dry.stdout).toMatch(/^Dry run: nothing was saved\. 1 value would be imported, 0 updated, 0 ignored\./);
    expect(dry.stdout).toContain("imported 1, updated 0, ignored 0");
    const real = await importFile(file);
    expect(real.stdout).toMatch(/^Import complete: 1 value imported, 0 updated, 0 ignored\./);
    const exported = join(folder, "h1-2010.csv");
    await exportRound("csv", exported, "2010/11 H1");
    expect(readFileSync(exported, "utf8")).toContain(`${ni47},2010AprilS1,${thanet},`);
    expect(readFileSync(exported, "utf8")).toContain(",57,accord command line,");
    expect((await importFile(file)).stdout).toContain("imported 0, updated 0, ignored 1");
  }, 180_000);

  it("refuses a file with an unknown org unit and a bad period whole, listing each, with a non-zero exit", async () => {
    const file = join(folder, "bad.csv");
    writeFileSync(
      file,
      [
        "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup",
        `${ni47},2010AprilS1,${thanet},,,58,,,,false`,
        `${ni47},2010AprilS1,DiszpKrYNg8,,,12,,,,false`,
        `${ni47},2010W10,${thanet},,,12,,,,false`,
      ].join("\n"),
    );
    const result = await importFile(file);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines[0]).toBe("accord: Nothing was saved: 2 conflicts in 3 data values. Correct them and send the whole file again. [--file]");
    expect(lines[1]).toMatch(/^ {2}- data value 1 orgUnit DiszpKrYNg8: Org unit DiszpKrYNg8 is not known to Accord/);
    expect(lines[2]).toMatch(/^ {2}- data value 2 period 2010W10: Period "2010W10" is a week in DHIS2/);
    // Thanet's 57 stands: the file's 58 was not saved.
    const exported = join(folder, "after.json");
    await exportRound("json", exported, "2010/11 H1");
    expect(readFileSync(exported, "utf8")).toContain('"value": "57"');
  }, 180_000);

  it("names the option at fault", async () => {
    const format = await exportRound("xml", join(folder, "x.xml"));
    expect(format.stderr).toBe('accord: --format must be one of json, csv, not "xml" [--format]\n');
    const round = await exportRound("json", join(folder, "x.json"), "2031/32 H1");
    expect(round.stderr).toBe('accord: Monitoring round "2031-32-h1" was not found [--round]\n');
    const missing = await importFile(join(folder, "missing.json"));
    expect(missing.stderr).toMatch(/--file: cannot read .*missing\.json \(ENOENT\)/);
    const viewer = await importFile(join(folder, "h1.json"), "--as", "member@kent.example");
    expect(viewer.stderr).toMatch(/^accord: Only an indicator's accountable officer, an LSP coordinator for a district or a manager may import values/);
  }, 180_000);
});
