/**
 * Backing up and restoring a whole Accord database.
 *
 * The embedded database (PGlite) is backed up as PGlite's own tarball of its data folder
 * (dumpDataDir), restored by starting PGlite on an empty folder with that tarball (loadDataDir).
 * Both take the data folder's lock, so they refuse while Accord is serving from it: a copy taken
 * under a running server could be torn. A restore is made in a folder beside the data folder and
 * only then moved in, and the database it replaces is moved aside rather than deleted.
 *
 * A PostgreSQL server (DATABASE_URL) is backed up by pg_dump in its custom format and restored by
 * pg_restore, the tools its administrator already knows; the password goes to them in the
 * environment (PGPASSWORD), never on a command line another user could read.
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { AppError } from "../errors.js";
import { lockDataFolder } from "./lock.js";

/** Answers plain SQL, on whichever database. */
type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/** What a database already holds, in a person's words: "2 agreements, 6 accounts"; null when nothing. */
export async function describeContents(query: Query): Promise<string | null> {
  const tables = await query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const names = tables.map((row) => String(row.table_name));
  // A key generated on first start is not data anyone entered.
  const filled: string[] = [];
  for (const name of names.filter((table) => table !== "settings")) {
    const [row] = await query(`SELECT EXISTS (SELECT 1 FROM "${name.replaceAll('"', '""')}") AS filled`);
    if (row?.filled === true) filled.push(name);
  }
  if (filled.length === 0) return null;
  const counted = async (table: string, word: string): Promise<string | null> => {
    if (!filled.includes(table)) return null;
    const [row] = await query(`SELECT count(*)::int AS n FROM "${table}"`);
    const n = Number(row?.n ?? 0);
    return `${n} ${word}${n === 1 ? "" : "s"}`;
  };
  const words = [await counted("agreements", "agreement"), await counted("users", "account"), await counted("observations", "monitoring value")];
  const said = words.filter((word): word is string => word !== null);
  return said.length > 0 ? said.join(", ") : `rows in ${filled.join(", ")}`;
}

/**
 * The sum of every agreement's count of changes (agreements/freshness.ts), 0 when there is none.
 * A restore moves every restored count past it: a count comes back from the backup lower than
 * the one readers last saw, and as later changes raised it again it would meet a value seen
 * before, so a browser's tag or a kept answer of the database before the restore would be taken
 * for current.
 */
async function sumOfChanges(query: Query): Promise<number> {
  const [table] = await query("SELECT to_regclass('public.agreement_changes') IS NOT NULL AS present");
  if (table?.present !== true) return 0;
  const [row] = await query("SELECT coalesce(sum(changes), 0)::text AS total FROM agreement_changes");
  return Number(row?.total ?? 0);
}

async function moveChangesPast(query: Query, seen: number): Promise<void> {
  const [table] = await query("SELECT to_regclass('public.agreement_changes') IS NOT NULL AS present");
  if (table?.present !== true) return;
  await query(`UPDATE agreement_changes SET changes = changes + ${Math.trunc(seen) + 1}`);
}

/** Writes a file so that a reader never finds half of it under its name: a file beside it, then renamed. */
function writeWhole(path: string, bytes: Uint8Array): void {
  const partial = join(dirname(path), `.${basename(path)}.partial-${process.pid}`);
  writeFileSync(partial, bytes);
  const handle = openSync(partial, "r");
  try {
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
  renameSync(partial, path);
}

function refuseExistingFile(out: string, force: boolean): void {
  if (!existsSync(dirname(out))) throw new AppError("NOT_FOUND", `There is no folder ${dirname(out)} to write ${basename(out)} in`, { field: "--out" });
  if (existsSync(out) && !force) {
    throw new AppError("CONFLICT", `${out} already exists; choose another file, or add --force to replace it`, { field: "--out" });
  }
}

async function openEmbedded(options: { dataDir: string; loadDataDir?: Blob }) {
  const { PGlite } = await import("@electric-sql/pglite");
  const pg = await PGlite.create(options);
  const query: Query = async (sql) => (await pg.query<Record<string, unknown>>(sql)).rows;
  return { pg, query };
}

function hasEmbeddedDatabase(folder: string): boolean {
  return existsSync(join(folder, "PG_VERSION"));
}

export interface BackupReport {
  file: string;
  bytes: number;
  contents: string;
}

/** The embedded database in `folder` as a gzipped tarball at `out`. */
export async function backUpEmbedded(folder: string, out: string, force: boolean): Promise<BackupReport> {
  if (!hasEmbeddedDatabase(folder)) {
    throw new AppError("NOT_FOUND", `There is no Accord database in ${folder} to back up (set ACCORD_DATA_DIR to its folder)`, { field: "ACCORD_DATA_DIR" });
  }
  refuseExistingFile(out, force);
  const lock = lockDataFolder(folder);
  try {
    const { pg, query } = await openEmbedded({ dataDir: folder });
    try {
      const contents = (await describeContents(query)) ?? "nothing yet";
      const tarball = new Uint8Array(await (await pg.dumpDataDir("gzip")).arrayBuffer());
      writeWhole(out, tarball);
      return { file: out, bytes: tarball.byteLength, contents };
    } finally {
      await pg.close();
    }
  } finally {
    lock.release();
  }
}

const gzipMagic = [0x1f, 0x8b];
const pgDumpMagic = "PGDMP";

/** What kind of backup a file is, read from its first bytes. */
export function backupKind(file: string): "embedded" | "pg_dump" | "unknown" {
  const head = readFileSync(file).subarray(0, 5);
  if (head[0] === gzipMagic[0] && head[1] === gzipMagic[1]) return "embedded";
  if (head.toString("latin1") === pgDumpMagic) return "pg_dump";
  return "unknown";
}

function readableBackup(file: string, expected: "embedded" | "pg_dump"): void {
  if (!existsSync(file)) throw new AppError("NOT_FOUND", `There is no file ${file} to restore`, { field: "FILE" });
  const kind = backupKind(file);
  if (kind === expected) return;
  if (kind === "pg_dump") {
    throw new AppError("BAD_REQUEST", `${file} is a pg_dump backup of a PostgreSQL server: restore it with DATABASE_URL set to the server`, { field: "FILE" });
  }
  if (kind === "embedded") {
    throw new AppError("BAD_REQUEST", `${file} is a backup of an embedded database: restore it without DATABASE_URL (into ACCORD_DATA_DIR)`, { field: "FILE" });
  }
  throw new AppError("BAD_REQUEST", `${file} is not an Accord backup (neither an embedded database's tarball nor a pg_dump file)`, { field: "FILE" });
}

export interface RestoreReport {
  contents: string;
  /** Where the database that was replaced now is, when there was one. */
  setAside: string | null;
}

function moveEntries(from: string, to: string, keep: (name: string) => boolean): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) if (!keep(name)) renameSync(join(from, name), join(to, name));
}

/**
 * The backup at `file` as the embedded database in `folder`. A folder that already holds data is
 * replaced only with `force`, and its database is moved to a folder beside it, not deleted.
 */
export async function restoreEmbedded(folder: string, file: string, force: boolean): Promise<RestoreReport> {
  readableBackup(file, "embedded");
  const target = resolve(folder);
  mkdirSync(target, { recursive: true });
  const lock = lockDataFolder(target);
  const stamp = new Date().toISOString().replaceAll(":", "").replace(/\.\d+Z$/, "Z");
  const staging = `${target}.restoring-${process.pid}`;
  try {
    let seen = 0;
    if (hasEmbeddedDatabase(target)) {
      const { pg, query } = await openEmbedded({ dataDir: target });
      let held: string | null;
      try {
        held = await describeContents(query);
        seen = await sumOfChanges(query);
      } finally {
        await pg.close();
      }
      if (held !== null && !force) {
        throw new AppError(
          "CONFLICT",
          `The database in ${target} already holds data (${held}). Restoring would replace it: add --force to restore anyway ` +
            "(the database it replaces is kept in a folder beside it), or set ACCORD_DATA_DIR to an empty folder.",
          { field: "--force" },
        );
      }
    }
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging);
    const { pg, query } = await openEmbedded({ dataDir: staging, loadDataDir: new Blob([readFileSync(file)]) });
    let contents: string | null;
    try {
      const [agreements] = await query("SELECT to_regclass('public.agreements') IS NOT NULL AS accord");
      if (agreements?.accord !== true) throw new AppError("BAD_REQUEST", `${file} is a PGlite database but not an Accord one`, { field: "FILE" });
      contents = await describeContents(query);
      await moveChangesPast(query, seen);
    } finally {
      await pg.close();
    }
    let setAside: string | null = null;
    if (readdirSync(target).some((name) => name !== "accord.lock")) {
      setAside = `${target}.replaced-${stamp}`;
      moveEntries(target, setAside, (name) => name === "accord.lock");
    }
    moveEntries(staging, target, () => false);
    rmSync(staging, { recursive: true, force: true });
    return { contents: contents ?? "nothing", setAside };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  } finally {
    lock.release();
  }
}

/** The server's URL without its password, and the password for PGPASSWORD. */
function connection(databaseUrl: string): { url: string; password: string | null; shown: string } {
  const parsed = new URL(databaseUrl);
  const password = parsed.password === "" ? null : decodeURIComponent(parsed.password);
  parsed.password = "";
  return { url: parsed.toString(), password, shown: parsed.toString() };
}

function quoted(argument: string): string {
  return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replaceAll("'", "'\\''")}'`;
}

/** Runs one of PostgreSQL's own tools, its output passed through; names the package when it is missing. */
function runTool(tool: string, args: string[], password: string | null): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(tool, args, {
      stdio: ["ignore", "inherit", "pipe"],
      env: { ...process.env, ...(password === null ? {} : { PGPASSWORD: password }) },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") {
        reject(new AppError("NOT_FOUND", `${tool} is not installed: install PostgreSQL's client tools (Debian: apt-get install postgresql-client), or run the command above yourself`, { field: tool }));
      } else reject(error);
    });
    child.on("close", (code) => {
      if (code === 0) resolveRun();
      else reject(new AppError("INVALID_DATA", `${tool} failed (exit code ${code}): ${stderr.trim()}`, { field: tool }));
    });
  });
}

/** The pg_dump command for the server at `databaseUrl`, printed and then run. */
export async function backUpServer(databaseUrl: string, out: string, force: boolean, print: (text: string) => void): Promise<BackupReport> {
  refuseExistingFile(out, force);
  const { url, password, shown } = connection(databaseUrl);
  const partial = join(dirname(out), `.${basename(out)}.partial-${process.pid}`);
  const args = ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`, `--dbname=${url}`];
  print(`Running: pg_dump --format=custom --no-owner --no-privileges --file=${quoted(out)} --dbname=${quoted(shown)}`);
  try {
    await runTool("pg_dump", args, password);
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
  }
  return { file: out, bytes: readFileSync(out).byteLength, contents: "the whole database (pg_dump custom format)" };
}

/** pg_restore of a pg_dump backup onto the server; a database that holds data is replaced only with `force`. */
export async function restoreServer(options: {
  databaseUrl: string;
  file: string;
  force: boolean;
  query: Query;
  print: (text: string) => void;
}): Promise<RestoreReport> {
  readableBackup(options.file, "pg_dump");
  const held = await describeContents(options.query);
  if (held !== null && !options.force) {
    throw new AppError(
      "CONFLICT",
      `The database at ${connection(options.databaseUrl).shown} already holds data (${held}). Restoring would replace it: add --force to restore anyway, ` +
        "or point DATABASE_URL at an empty database.",
      { field: "--force" },
    );
  }
  const seen = await sumOfChanges(options.query);
  const { url, password, shown } = connection(options.databaseUrl);
  const flags = ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"];
  options.print(`Running: pg_restore ${flags.join(" ")} --dbname=${quoted(shown)} ${quoted(options.file)}`);
  await runTool("pg_restore", [...flags, `--dbname=${url}`, options.file], password);
  await moveChangesPast(options.query, seen);
  return { contents: (await describeContents(options.query)) ?? "nothing", setAside: null };
}
