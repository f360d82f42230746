/**
 * A real database for one test file, loaded with the Kent demo: a copy of the PGlite template,
 * or a fresh database on the PostgreSQL server. No mocks stand in for the database.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { migrateDatabase, openDatabase, repositoryRoot } from "../../src/db/client.js";
import type { Database } from "../../src/db/client.js";
import { loadDemo } from "../../src/features/demo/load-demo.js";

export interface TestDatabase extends Database {
  /** Environment for a child `accord` process that should see this same database. */
  env: Record<string, string>;
  /** Closes this process's connection (and the data folder lock) so a child process can open it. */
  close(): Promise<void>;
  /** Closes the database if still open and removes it. */
  destroy(): Promise<void>;
}

export function backend(): "pglite" | "postgres" {
  return inject("backend");
}

function onceClosable(database: Database): Database {
  let closing: Promise<void> | undefined;
  return { ...database, close: () => (closing ??= database.close()) };
}

/** A copy of the demo database, or an empty one when `empty` is set. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  if (inject("backend") === "pglite") {
    const folder = mkdtempSync(join(tmpdir(), "accord-test-"));
    if (!options.empty) cpSync(inject("pgliteTemplate"), folder, { recursive: true });
    const database = onceClosable(await openDatabase({ dataFolder: folder, databaseUrl: "" }));
    return {
      ...database,
      env: { ACCORD_DATA_DIR: folder, DATABASE_URL: "" },
      destroy: async () => {
        await database.close();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = inject("postgresAdminUrl");
  const name = `accord_test_${randomBytes(6).toString("hex")}`;
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = onceClosable(await openDatabase({ databaseUrl: url.toString() }));
  if (!options.empty) {
    await migrateDatabase(database);
    await loadDemo(database, resolve(repositoryRoot, "data"));
  }
  return {
    ...database,
    env: { DATABASE_URL: url.toString() },
    destroy: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
