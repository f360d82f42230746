/**
 * Creating a PGlite database takes 5–7 s here; reopening one takes 0.4 s. So the suite builds
 * one migrated database with the Kent demo loaded, and every test file works on a copy of it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase, openDatabase, repositoryRoot } from "../../src/db/client.js";
import { loadDemo } from "../../src/features/demo/load-demo.js";

export default async function setup(project: TestProject): Promise<() => void> {
  const root = mkdtempSync(join(tmpdir(), "accord-pglite-"));
  const template = join(root, "template");
  const database = await openDatabase({ dataFolder: template, databaseUrl: "" });
  await migrateDatabase(database);
  await loadDemo(database, resolve(repositoryRoot, "data"));
  await database.close();
  project.provide("backend", "pglite");
  project.provide("pgliteTemplate", template);
  project.provide("postgresAdminUrl", "");
  return () => rmSync(root, { recursive: true, force: true });
}
