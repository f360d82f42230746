/**
 * `npx accord import agreement` in a child process, as a council's script runs it (issue 10
 * point 7): a dry run prints every row as read and writes nothing; the import creates the draft;
 * a table with a bad row prints every problem on standard error, exits non-zero and creates
 * nothing. Each command opens the database afresh (several seconds on PGlite), hence the time allowed.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAccord } from "./support/cli.js";
import { createTestDatabase } from "./support/database.js";
import type { TestDatabase } from "./support/database.js";

let database: TestDatabase;
let folder: string;

const table = [
  "Westmere LAA,,,,",
  "Indicator,Baseline,2008/09,2009/10,Partners",
  '"NI 47 * People killed or seriously injured in road traffic accidents","410 (2004-06 average)",400,5% reduction,"Kent County Council*, Kent Police"',
  "WM 2 Residents who feel safe after dark,New PI,TBC,Level 2,",
].join("\n");

beforeAll(async () => {
  database = await createTestDatabase();
  folder = mkdtempSync(join(tmpdir(), "accord-agreement-import-"));
  // The child process opens the same database; PGlite allows one process at a time.
  await database.close();
});
afterAll(async () => {
  await database?.destroy();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe("accord import agreement", () => {
  it("a dry run prints every row as it will be read and writes nothing; then the import creates the draft", async () => {
    const file = join(folder, "westmere.csv");
    writeFileSync(file, table);
    const dry = await runAccord(["import", "agreement", "--file", file, "--slug", "westmere-laa", "--dry-run"], database.env, 120_000);
    expect(dry.stderr).toBe("");
    expect(dry.code).toBe(0);
    expect(dry.stdout.split("\n")).toEqual([
      "Westmere LAA (westmere-laa), 2008/09, 2009/10, Kent: 2 indicators",
      "row 3: NI 47 People killed or seriously injured in road traffic accidents (designated) in Indicators",
      "  baseline: 410 (2004-06 average)",
      "  2008/09: 400",
      "  2009/10: 5% reduction",
      "  partners: Kent County Council*, Kent Police",
      "row 4: WM 2 Residents who feel safe after dark (local, new to the catalogue) in Indicators",
      "  baseline: Pending: New PI",
      "  2009/10: Level 2",
      "  target note: 2008/09: TBC",
      "New to the catalogue, marked unknown: WM 2",
      "Dry run: westmere-laa would be created as a draft; nothing was written.",
      "",
    ]);
    const created = await runAccord(["import", "agreement", "--file", file, "--slug", "westmere-laa"], database.env, 120_000);
    expect(created.stderr).toBe("");
    expect(created.stdout).toContain(`Created the draft agreement westmere-laa from ${file}.`);
    const again = await runAccord(["import", "agreement", "--file", file, "--slug", "westmere-laa"], database.env, 120_000);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("An agreement westmere-laa already exists");
  }, 400_000);

  it("refuses a table with a bad row, every problem on standard error, and creates nothing", async () => {
    const file = join(folder, "bad.csv");
    writeFileSync(file, table.replace("400,5% reduction", '"4,0x",5% reduction').replace("TBC,Level 2", "TBC,1..2"));
    const refused = await runAccord(["import", "agreement", "--file", file, "--slug", "bad-laa"], database.env, 120_000);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("Nothing was imported: the table has 2 problems on 2 rows.");
    expect(refused.stderr).toContain("row 3, column '2008/09': '4,0x' is not a target");
    expect(refused.stderr).toContain("row 4, column '2009/10': '1..2' is not a target");
    // Nothing was created: the slug is still free for the corrected table.
    writeFileSync(file, table);
    const corrected = await runAccord(["import", "agreement", "--file", file, "--slug", "bad-laa"], database.env, 120_000);
    expect(corrected.stdout).toContain("Created the draft agreement bad-laa");
  }, 200_000);
});
