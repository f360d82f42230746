// PGlite only: the embedded database runs in a worker thread and flushes commits to disk; a
// PostgreSQL server is its own process and has its own durability.
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, repositoryRoot } from "../src/db/client.js";
import { organisations } from "../src/db/schema/index.js";
import { buildApp } from "../src/http/app.js";
import { demoPassword } from "../src/features/auth/settings.js";
import { accordBin } from "./support/cli.js";
import { createTestDatabase } from "./support/database.js";
import type { TestDatabase } from "./support/database.js";

/** PostgreSQL's own record of how the cluster was left (global/pg_control, field `state`). */
function clusterState(folder: string): "shut down" | "in production" | number {
  const state = readFileSync(join(folder, "global", "pg_control")).readInt32LE(16);
  return state === 1 ? "shut down" : state === 6 ? "in production" : state;
}

describe("the embedded database in its own thread", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it("answers a request that needs no database while a slow transaction runs", async () => {
    const app = await buildApp({ database, logger: false });
    await app.ready();
    try {
      // The first answer builds the OpenAPI document; that cost is not what is measured here.
      expect((await app.inject({ method: "GET", url: "/api/openapi.json" })).statusCode).toBe(200);
      let slowFinished = false;
      const slow = database.db
        .transaction(async (tx) => {
          await tx.execute(sql`select pg_sleep(5)`);
        })
        .then(() => {
          slowFinished = true;
        });
      // Let the transaction reach the database first.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = performance.now();
      const response = await app.inject({ method: "GET", url: "/api/openapi.json" });
      const waited = performance.now() - started;
      expect(response.statusCode).toBe(200);
      // Answered while the slow statement still ran, not after it (on a busy machine, well under).
      expect(slowFinished).toBe(false);
      expect(waited).toBeLessThan(2500);
      await slow;
    } finally {
      await app.close();
    }
  });

  it("keeps other statements out of an open transaction and rolls it back", async () => {
    const name = "Kent Fire and Rescue (draft, never saved)";
    let insideSaw = 0;
    let outside: Promise<unknown[]> | undefined;
    const transaction = database.db.transaction(async (tx) => {
      await tx.insert(organisations).values({ slug: "draft-fire", name, kind: "partner", statutory: false });
      // While this transaction holds the database, another request asks for the same row.
      outside = database.db.select().from(organisations).where(eq(organisations.slug, "draft-fire"));
      await tx.execute(sql`select pg_sleep(0.5)`);
      insideSaw = (await tx.select().from(organisations).where(eq(organisations.slug, "draft-fire"))).length;
      throw new Error("the officer cancels");
    });
    await expect(transaction).rejects.toThrow("the officer cancels");
    expect(insideSaw).toBe(1);
    // The other request ran after the rollback, not inside the transaction: it never saw the row.
    expect(await outside).toEqual([]);
    expect(await database.db.select().from(organisations).where(eq(organisations.slug, "draft-fire"))).toEqual([]);
  });

  it("keeps the SQLSTATE and the constraint of a unique violation", async () => {
    const [existing] = await database.db.select().from(organisations).limit(1);
    if (!existing) throw new Error("the demo has organisations");
    const error: unknown = await database.db
      .insert(organisations)
      .values({ slug: existing.slug, name: "A second with the same slug", kind: "partner", statutory: false })
      .then(
        () => null,
        (failure: unknown) => failure,
      );
    const cause = (error as { cause?: { code?: unknown; constraint?: unknown; detail?: unknown } }).cause;
    expect(cause?.code).toBe("23505");
    expect(cause?.constraint).toBe("organisations_slug_unique");
    expect(String(cause?.detail)).toContain(existing.slug);
  });
});

describe("closing the embedded database", () => {
  it("shuts PostgreSQL down cleanly, ends the thread and frees the folder", async () => {
    const first = await createTestDatabase();
    const folder = first.env.ACCORD_DATA_DIR ?? "";
    try {
      await first.db.execute(sql`select 1`);
      expect(clusterState(folder)).toBe("in production");
      await first.close();
      expect(clusterState(folder)).toBe("shut down");
      // Drizzle wraps the refusal; its cause says why, at once rather than never answering.
      await expect(first.db.execute(sql`select 1`)).rejects.toMatchObject({
        cause: { message: expect.stringMatching(/embedded database stopped/) as unknown },
      });
      // The lock is gone: this process may open the folder again at once.
      const again = await openDatabase({ dataFolder: folder, databaseUrl: "" });
      await again.close();
    } finally {
      await first.destroy();
    }
  });
});

describe("an acknowledged write", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.close();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  function serve(env: Record<string, string> = {}): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
    const child = spawn(process.execPath, [accordBin, "serve"], {
      cwd: repositoryRoot,
      env: { ...process.env, ...database.env, PORT: "0", ACCORD_LOG: "off", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    return new Promise((resolve, reject) => {
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Accord is serving at (\S+)/.exec(output);
        if (match?.[1]) resolve({ child, url: match[1] });
      });
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("exit", (code) => reject(new Error(`accord serve exited with ${code}: ${output}`)));
    });
  }

  async function killed(child: ChildProcessWithoutNullStreams): Promise<void> {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  it("survives the server being killed right after it answered", async () => {
    const first = await serve();
    let cookie: string;
    try {
      const signIn = await fetch(`${first.url}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "manager@kent-partnership.example", password: demoPassword }),
      });
      expect(signIn.status).toBe(200);
      cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      expect(cookie).not.toBe("");
    } finally {
      await killed(first.child);
    }
    // No clean shutdown: the lock file names a dead process and PostgreSQL must recover.
    expect(clusterState(database.env.ACCORD_DATA_DIR ?? "")).toBe("in production");
    const second = await serve();
    try {
      const session = await fetch(`${second.url}/api/session`, { headers: { cookie } });
      const body = (await session.json()) as { user?: { email?: string } | null };
      expect(body.user?.email).toBe("manager@kent-partnership.example");
    } finally {
      await killed(second.child);
    }
  });

  it("is flushed to disk before the answer, unless ACCORD_DURABLE=off", async () => {
    const durable = await openDatabase({ dataFolder: database.env.ACCORD_DATA_DIR, databaseUrl: "" });
    try {
      const before = (await durable.embeddedSyncs?.()) ?? 0;
      await durable.db.update(organisations).set({ note: "checked" }).where(eq(organisations.id, 1));
      expect((await durable.embeddedSyncs?.()) ?? 0).toBeGreaterThan(before);
    } finally {
      await durable.close();
    }
    const previous = process.env.ACCORD_DURABLE;
    process.env.ACCORD_DURABLE = "off";
    try {
      const fast = await openDatabase({ dataFolder: database.env.ACCORD_DATA_DIR, databaseUrl: "" });
      try {
        await fast.db.update(organisations).set({ note: "checked again" }).where(eq(organisations.id, 1));
        expect(await fast.embeddedSyncs?.()).toBe(0);
      } finally {
        await fast.close();
      }
    } finally {
      if (previous === undefined) delete process.env.ACCORD_DURABLE;
      else process.env.ACCORD_DURABLE = previous;
    }
  });
});
