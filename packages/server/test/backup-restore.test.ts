/**
 * Issue 10 point 8: `accord backup --out F` and `accord restore F`, run as a person would, on the
 * embedded database (PGlite's own tarball of its data folder) and on a PostgreSQL server
 * (pg_dump / pg_restore). A round trip: back up the demo, change something, restore, and the
 * change is gone while every row of every table is back as it was.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/client.js";
import { runAccord } from "./support/cli.js";
import { backend, createTestDatabase } from "./support/database.js";
import type { TestDatabase } from "./support/database.js";
import { queryRows } from "./support/sql.js";

let database: TestDatabase;
let empty: TestDatabase | null = null;
let files: string;
const newcomer = "new.member@kent.example";

beforeAll(async () => {
  database = await createTestDatabase();
  await database.close();
  files = mkdtempSync(join(tmpdir(), "accord-backups-"));
});
afterAll(async () => {
  await database?.destroy();
  await empty?.destroy();
  rmSync(files, { recursive: true, force: true });
  const folder = database?.env.ACCORD_DATA_DIR;
  // The embedded restore keeps the database it replaced beside the data folder.
  if (folder) {
    for (const name of readdirSync(dirname(folder))) {
      if (name.startsWith(`${folder.split("/").at(-1)}.replaced-`)) rmSync(join(dirname(folder), name), { recursive: true, force: true });
    }
  }
});

/** Every table's rows, as one string per table, in a stable order: what "everything else is there" means. */
async function everyRow(env: Record<string, string>, only?: string): Promise<Record<string, string>> {
  const opened = await openDatabase({ databaseUrl: env.DATABASE_URL ?? "", dataFolder: env.ACCORD_DATA_DIR });
  try {
    const tables = await queryRows(opened.db, sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`);
    const rows: Record<string, string> = {};
    for (const { table_name: name } of tables.filter((table) => only === undefined || table.table_name === only)) {
      const all = await queryRows(opened.db, sql.raw(`SELECT t::text AS row FROM "${String(name)}" t ORDER BY 1`));
      rows[String(name)] = all.map((row) => String(row.row)).join("\n");
    }
    return rows;
  } finally {
    await opened.close();
  }
}

/** Each agreement's count of changes, from its rows as everyRow prints them: "(id,changes)". */
function changesOf(rows: Record<string, string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of (rows.agreement_changes ?? "").split("\n").filter((one) => one !== "")) {
    const [id, changes] = line.replace(/[()]/g, "").split(",");
    counts[String(id)] = Number(changes);
  }
  return counts;
}

async function emails(env: Record<string, string>): Promise<string[]> {
  const listed = await runAccord(["users", "list", "--json"], env);
  expect(listed.code, listed.stderr).toBe(0);
  return (JSON.parse(listed.stdout) as { email: string }[]).map((user) => user.email);
}

describe(`accord backup and accord restore (${backend()})`, () => {
  it("backs up the demo, and a restore after a change brings back every row and not the change", async () => {
    const before = await everyRow(database.env);
    expect(before.agreements?.split("\n")).toHaveLength(2);
    const file = join(files, backend() === "pglite" ? "kent.tar.gz" : "kent.pgdump");

    const backedUp = await runAccord(["backup", "--out", file], database.env);
    expect(backedUp.code, backedUp.stderr).toBe(0);
    expect(backedUp.stdout).toMatch(/Backed up .*\bto .*kent\./);
    if (backend() === "pglite") expect(backedUp.stdout).toMatch(/Backed up 2 agreements, 6 accounts, \d+ monitoring values to/);
    else expect(backedUp.stdout).toMatch(/Running: pg_dump --format=custom .*--file=/);
    expect(existsSync(file)).toBe(true);

    // The backup file is not overwritten by accident.
    const again = await runAccord(["backup", "--out", file], database.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; choose another file, or add --force/);

    const created = await runAccord(["users", "create", "--email", newcomer, "--name", "New Member", "--role", "viewer"], database.env);
    expect(created.code, created.stderr).toBe(0);
    expect(await emails(database.env)).toContain(newcomer);

    const refused = await runAccord(["restore", file], database.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds data \(2 agreements, 7 accounts, \d+ monitoring values\)\. Restoring would replace it: add --force/);
    expect(await emails(database.env)).toContain(newcomer);

    const countsBefore = changesOf(await everyRow(database.env, "agreement_changes"));
    const restored = await runAccord(["restore", file, "--force"], database.env);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Restored 2 agreements, 6 accounts, \d+ monitoring values from /);
    if (backend() === "pglite") expect(restored.stdout).toMatch(/The database it replaced is kept in \S+\.replaced-/);
    else expect(restored.stdout).toMatch(/Running: pg_restore --clean --if-exists/);

    expect(await emails(database.env)).not.toContain(newcomer);
    const after = await everyRow(database.env);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const table of Object.keys(before).filter((name) => name !== "agreement_changes")) expect(after[table], table).toBe(before[table]);
    // Each agreement's count of changes is moved past every count readers saw before the restore,
    // so no browser's tag or kept answer of the replaced database is taken for current.
    const countsAfter = changesOf(after);
    expect(Object.keys(countsAfter).sort()).toEqual(Object.keys(countsBefore).sort());
    for (const [agreement, count] of Object.entries(countsAfter)) expect(count, agreement).toBeGreaterThan(countsBefore[agreement] ?? Infinity);

    // The restored database answers the command line's reads as before.
    const agreements = await runAccord(["agreements"], database.env);
    expect(agreements.stdout).toMatch(/kent-ka2 +Kent Agreement 2/);
    // Eight commands in child processes, each starting Node and opening the database.
  }, 300_000);

  it("restores a backup into an empty database without --force, as on a new machine", async () => {
    const file = join(files, backend() === "pglite" ? "kent.tar.gz" : "kent.pgdump");
    let env: Record<string, string>;
    if (backend() === "pglite") {
      env = { ACCORD_DATA_DIR: join(files, "new-machine"), DATABASE_URL: "" };
    } else {
      empty = await createTestDatabase({ empty: true });
      await empty.close();
      env = empty.env;
    }
    const restored = await runAccord(["restore", file], env);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).not.toMatch(/kept in/);
    expect(await emails(env)).toContain("manager@kent-partnership.example");
    const rows = await everyRow(env);
    expect(rows.agreements).toBe((await everyRow(database.env)).agreements);
  }, 120_000);

  it("while Accord has the database open: the embedded one is refused (a copy could be torn), a server's is dumped as it stands", async () => {
    const serving = await openDatabase({ databaseUrl: database.env.DATABASE_URL ?? "", dataFolder: database.env.ACCORD_DATA_DIR });
    const file = join(files, "while-serving");
    try {
      const backedUp = await runAccord(["backup", "--out", file], database.env);
      if (backend() === "pglite") {
        expect(backedUp.code).toBe(1);
        expect(backedUp.stderr).toMatch(/is in use by another Accord process \(pid \d+\)\. Stop that process first/);
        expect(existsSync(file)).toBe(false);
        const restored = await runAccord(["restore", join(files, "kent.tar.gz"), "--force"], database.env);
        expect(restored.code).toBe(1);
        expect(restored.stderr).toMatch(/is in use by another Accord process/);
      } else {
        expect(backedUp.code, backedUp.stderr).toBe(0);
        expect(existsSync(file)).toBe(true);
      }
    } finally {
      await serving.close();
    }
  });

  it("refuses a file that is not an Accord backup, naming what it is", async () => {
    const file = join(files, "notes.txt");
    writeFileSync(file, "not a backup\n");
    const refused = await runAccord(["restore", file, "--force"], database.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not an Accord backup/);
    const nowhere = await runAccord(["backup", "--out", join(files, "no-such-folder", "kent.tar.gz")], database.env);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/There is no folder .*no-such-folder to write kent\.tar\.gz in \[--out\]/);
    const missing = await runAccord(["restore", join(files, "nowhere.tar.gz")], database.env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/There is no file .*nowhere\.tar\.gz to restore/);
  });
});
