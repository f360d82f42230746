/**
 * One SQL dialect, PostgreSQL: embedded PGlite in a data folder by default, a PostgreSQL server
 * when DATABASE_URL is set. Both are reached through the same Drizzle schema and queries.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { AppError } from "../errors.js";
import * as schema from "./schema/index.js";
import { lockDataFolder } from "./lock.js";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Where the data lives: the folder, or the server URL without its password. */
  location: string;
  close(): Promise<void>;
  /** Applies the migrations this database has not had yet. */
  migrate(): Promise<void>;
  /** Embedded only: how often PGlite's files were flushed to disk (fsync) since it opened. */
  embeddedSyncs?: () => Promise<number>;
}

const here = dirname(fileURLToPath(import.meta.url));
export const repositoryRoot = resolve(here, "../../../..");
export const migrationsFolder = resolve(here, "migrations");

export function defaultDataFolder(): string {
  return process.env.ACCORD_DATA_DIR ? resolve(process.env.ACCORD_DATA_DIR) : resolve(repositoryRoot, ".accord-data");
}

export interface OpenOptions {
  /** PostgreSQL server URL; defaults to DATABASE_URL. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; defaults to ACCORD_DATA_DIR or .accord-data in the repository. */
  dataFolder?: string | undefined;
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "PostgreSQL server";
  }
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  if (databaseUrl) {
    const { default: pg } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    // numeric comes back as text (the default), so exact decimals are never turned into floats.
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    // An idle connection closed by the server (restart, failover) must not crash the process;
    // the pool replaces it on next use.
    pool.on("error", (error) => process.stderr.write(`accord: idle database connection lost: ${error.message}\n`));
    const db = drizzle(pool, { schema });
    return {
      db,
      kind: "postgres",
      location: redact(databaseUrl),
      close: () => pool.end(),
      migrate: async () => {
        const { migrate } = await import("drizzle-orm/node-postgres/migrator");
        await migrate(db, { migrationsFolder });
      },
    };
  }
  const folder = options.dataFolder ?? defaultDataFolder();
  mkdirSync(folder, { recursive: true });
  const lock = lockDataFolder(folder);
  try {
    const { drizzle } = await import("drizzle-orm/pglite");
    const { startEmbeddedDatabase } = await import("./pglite-thread.js");
    // PGlite runs in a worker thread so that its computing does not hold the server's event loop.
    const client = await startEmbeddedDatabase({ folder, durable: embeddedDurability() });
    // Drizzle's PGlite driver calls only query() and transaction(), which the client provides.
    const db = drizzle(client as unknown as PGlite, { schema });
    return {
      db,
      kind: "pglite",
      location: folder,
      close: async () => {
        try {
          await client.close();
        } finally {
          lock.release();
        }
      },
      migrate: async () => {
        const { migrate } = await import("drizzle-orm/pglite/migrator");
        await migrate(db, { migrationsFolder });
      },
      embeddedSyncs: () => client.syncs(),
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * Whether a commit on the embedded database waits until it is on disk. On by default; tests and
 * benchmarks that do not need it may set ACCORD_DURABLE=off (README: what the embedded database
 * promises).
 */
export function embeddedDurability(): boolean {
  const setting = process.env.ACCORD_DURABLE?.trim().toLowerCase();
  if (setting === undefined || setting === "" || setting === "on") return true;
  if (setting === "off") return false;
  throw new AppError("INVALID_DATA", `ACCORD_DURABLE must be "on" or "off", not "${setting}"`, {
    field: "ACCORD_DURABLE",
  });
}

export async function migrateDatabase(database: Database): Promise<void> {
  await database.migrate();
}
