/**
 * npm run bench: how fast and how big, measured rather than asserted. Prints one line per
 * measurement; run on an idle machine for numbers worth comparing.
 *   - opening a new PGlite database and migrating it; reopening it
 *   - loading the Kent demo (both agreements, reference data, demo users)
 *   - API latency (p50 / p95 over N requests) for the heaviest read pages and a write
 *   - resident memory of the process after the run
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { migrateDatabase, openDatabase, repositoryRoot } from "../packages/server/src/db/client.js";
import { loadDemo } from "../packages/server/src/features/demo/load-demo.js";
import type { InjectOptions } from "fastify";
import { buildApp } from "../packages/server/src/http/app.js";

const rounds = Number(process.env.BENCH_ROUNDS ?? 200);

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const report = (name: string, value: string): void => {
  process.stdout.write(`${name.padEnd(58)} ${value}\n`);
};

const folder = mkdtempSync(join(tmpdir(), "accord-bench-"));
try {
  const [database, openMs] = await time(() => openDatabase({ dataFolder: folder, databaseUrl: "" }));
  report("PGlite: create a new database", `${openMs.toFixed(0)} ms`);
  const [, migrateMs] = await time(() => migrateDatabase(database));
  report("PGlite: migrate", `${migrateMs.toFixed(0)} ms`);
  const [loaded, loadMs] = await time(() => loadDemo(database, resolve(repositoryRoot, "data")));
  report("Load the Kent demo (2 agreements, catalogue, organisations, users)", `${loadMs.toFixed(0)} ms (${loaded.loaded.join(", ")})`);
  await database.close();
  const [reopened, reopenMs] = await time(() => openDatabase({ dataFolder: folder, databaseUrl: "" }));
  report("PGlite: reopen the database", `${reopenMs.toFixed(0)} ms`);

  const app = await buildApp({ database: reopened });
  await app.ready();
  const signIn = await app.inject({ method: "POST", url: "/api/session", payload: { email: "officer.ni47@kent-partnership.example", password: "kent-demo-2008" } });
  const cookie = String(signIn.headers["set-cookie"]).split(";")[0] ?? "";
  const csrf = signIn.json<{ csrfToken: string }>().csrfToken;

  let version: number | undefined;
  const measure = async (name: string, request: () => InjectOptions): Promise<void> => {
    const samples: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      const [response, ms] = await time(() => app.inject(request()));
      if (response.statusCode >= 400) throw new Error(`${name}: ${response.statusCode} ${response.body}`);
      // Writes answer with the new version; the next write sends it back, as a client would.
      const saved = response.json<{ version?: number }>();
      if (typeof saved.version === "number") version = saved.version;
      samples.push(ms);
    }
    samples.sort((a, b) => a - b);
    report(`API ${name}`, `p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms (${rounds} requests)`);
  };
  await measure("GET /api/agreements", () => ({ method: "GET", url: "/api/agreements" }));
  await measure("GET /api/agreements/kent-ka2 (whole appendix)", () => ({ method: "GET", url: "/api/agreements/kent-ka2" }));
  await measure("GET /api/agreements/kent-ka1 (147 indicators, 43 freedoms)", () => ({ method: "GET", url: "/api/agreements/kent-ka1" }));
  await measure("GET position-summary as at 2008-05-01", () => ({ method: "GET", url: "/api/agreements/kent-ka2/position-summary?asAt=2008-05-01" }));
  version = undefined;
  await measure("PUT a target (officer, with audit row)", () => ({
    method: "PUT",
    url: "/api/agreements/kent-ka2/indicators/ni-47/targets",
    headers: { cookie, "x-csrf-token": csrf },
    payload: { year: "2009/10", target: { form: "absolute", value: "800" }, written: "800", ...(version === undefined ? {} : { version }) },
  }));
  await app.close();
  await reopened.close();
  const memory = process.memoryUsage();
  report("Memory after the run (resident / heap used)", `${(memory.rss / 2 ** 20).toFixed(0)} MiB / ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
