/**
 * A first start stopped while the demo is loading (a killed process, a power cut) must not leave
 * the demo broken: the next `accord seed --demo` completes it. The child process is killed at a
 * fixed point, just after it created two demo accounts, by a switch only this test sets.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./support/database.js";
import type { TestDatabase } from "./support/database.js";
import { runAccord } from "./support/cli.js";
import { demoLoadUnfinished, demoUsers } from "../src/features/demo/demo-users.js";
import { resolve } from "node:path";
import { eq, notInArray } from "drizzle-orm";
import { openDatabase, repositoryRoot } from "../src/db/client.js";
import { loadDemo } from "../src/features/demo/load-demo.js";
import { isDemo } from "../src/features/auth/settings.js";
import * as t from "../src/db/schema/index.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
  await database.close();
});
afterAll(async () => {
  await database?.destroy();
});

async function readBack(): Promise<{ emails: string[]; grants: number; demo: boolean }> {
  const reopened = await openDatabase({ dataFolder: database.env.ACCORD_DATA_DIR, databaseUrl: database.env.DATABASE_URL ?? "" });
  try {
    const users = await reopened.db.select({ email: t.users.email }).from(t.users);
    const grants = await reopened.db.select({ id: t.roleGrants.id }).from(t.roleGrants);
    return { emails: users.map((user) => user.email).sort(), grants: grants.length, demo: await isDemo(reopened.db) };
  } finally {
    await reopened.close();
  }
}

describe("accord seed --demo after an interrupted first load", () => {
  it("is killed after two demo accounts, then a rerun creates every demo account and marks the demo", async () => {
    const killed = await runAccord(["seed", "--demo"], { ...database.env, ACCORD_TEST_STOP_DEMO_AFTER_ACCOUNTS: "2" }, 180_000);
    expect(killed.code).not.toBe(0);

    const rerun = await runAccord(["seed", "--demo"], database.env, 180_000);
    expect(rerun.stderr).toBe("");
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(`Demo accounts created: ${demoUsers.length}`);

    const after = await readBack();
    expect(after.emails).toEqual(demoUsers.map((user) => user.email).sort());
    expect(after.grants).toBe(demoUsers.reduce((sum, user) => sum + user.grants.length, 0));
    expect(after.demo).toBe(true);

    const agreements = JSON.parse((await runAccord(["agreements", "--json"], database.env)).stdout) as { slug: string }[];
    expect(agreements.map((agreement) => agreement.slug)).toEqual(["kent-ka1", "kent-ka2"]);
    // Three child processes, each loading or reading the whole demo: more than the default minute on a busy machine.
  }, 300_000);
});

describe("loading the demo into a database an earlier version left half-done", () => {
  it("creates the missing demo accounts and their roles, and marks the demo", async () => {
    const half = await createTestDatabase();
    try {
      // What an interrupted load by the earlier version left: two accounts, no demo mark.
      const kept = demoUsers.slice(0, 2).map((user) => user.email);
      await half.db.delete(t.users).where(notInArray(t.users.email, kept));
      await half.db.delete(t.settings).where(eq(t.settings.key, "demo"));
      // What `accord start` asks before deciding to load the demo again.
      expect(await demoLoadUnfinished(half.db)).toBe(true);
      const report = await loadDemo(half, resolve(repositoryRoot, "data"));
      expect(report.demoUsers).toBe(demoUsers.length - 2);
      const users = await half.db.select({ email: t.users.email }).from(t.users);
      expect(users.map((user) => user.email).sort()).toEqual(demoUsers.map((user) => user.email).sort());
      const grants = await half.db.select({ id: t.roleGrants.id }).from(t.roleGrants);
      expect(grants.length).toBe(demoUsers.reduce((sum, user) => sum + user.grants.length, 0));
      expect(await isDemo(half.db)).toBe(true);
      expect(await demoLoadUnfinished(half.db)).toBe(false);
    } finally {
      await half.destroy();
    }
  });

  it("never adds demo accounts, with their published password, to an installation with its own accounts", async () => {
    const real = await createTestDatabase({ empty: true });
    try {
      await real.migrate();
      await real.db.insert(t.users).values({ email: "first.manager@council.example", name: "First Manager", passwordHash: null });
      const report = await loadDemo(real, resolve(repositoryRoot, "data"));
      expect(report.loaded).toEqual(["kent-ka1", "kent-ka2"]);
      expect(report.demoUsers).toBe(0);
      const users = await real.db.select({ email: t.users.email }).from(t.users);
      expect(users.map((user) => user.email)).toEqual(["first.manager@council.example"]);
      expect(await isDemo(real.db)).toBe(false);
    } finally {
      await real.destroy();
    }
  });
});
