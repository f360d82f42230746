/**
 * The six-monthly performance report's generation time for Kent Agreement 2 (issue 9: target
 * under 5 s): one-shot timings of the model, the HTML, the DOCX (with its PNG chart copies drawn
 * by Chromium) and the PDF, cold (first document of the process) then warm. On a fresh PGlite
 * copy of the demo; the round reported is the latest with values (the demo's illustrative
 * figures when loaded), else a 2010/11 H1 round opened here with NI 47's district values.
 * Run alone with `npx tsx bench/report.ts`, or as part of `npm run bench`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import { migrateDatabase, openDatabase, repositoryRoot } from "../packages/server/src/db/client.js";
import { loadDemo } from "../packages/server/src/features/demo/load-demo.js";
import { indicatorScope } from "../packages/server/src/features/indicators/scope.js";
import { recordObservation } from "../packages/server/src/features/observations/service.js";
import { RecordObservationBody } from "../packages/server/src/features/observations/schema.js";
import { openRound } from "../packages/server/src/features/rounds/service.js";
import { buildPerformanceReport, exportPerformanceReport } from "../packages/server/src/reports/performance-report.js";
import { actorForUser } from "../packages/server/src/features/auth/actors.js";
import type { Db } from "../packages/server/src/db/client.js";
// The request's actor the services' types refer to is declared with the authentication plugin.
import type {} from "../packages/server/src/features/auth/plugin.js";

const districts = ["E07000105", "E07000106", "E07000107", "E07000108", "E07000109", "E07000110", "E07000111", "E07000112", "E07000113", "E07000114", "E07000115", "E07000116"];

export interface ReportTiming {
  round: string;
  indicators: number;
  charts: number;
  timings: { name: string; ms: number; bytes: number | null }[];
}

async function rows(db: Db, query: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> {
  const result: unknown = await db.execute(query);
  return typeof result === "object" && result !== null && "rows" in result && Array.isArray(result.rows) ? (result.rows as Record<string, unknown>[]) : [];
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

export async function measureReport(): Promise<ReportTiming> {
  const folder = mkdtempSync(join(tmpdir(), "accord-bench-report-"));
  const database = await openDatabase({ dataFolder: folder, databaseUrl: "" });
  try {
    await migrateDatabase(database);
    await loadDemo(database, resolve(repositoryRoot, "data"));
    const { db } = database;
    const [manager] = await rows(db, sql`select id from users where email = 'manager@kent-partnership.example'`);
    const reader = await actorForUser(db, Number(manager?.id));
    if (!reader) throw new Error("the demo has no manager");
    const valued = await rows(db, sql`
      select p.label from monitoring_rounds r join reporting_periods p on p.id = r.period_id join agreements a on a.id = r.agreement_id
      where a.slug = 'kent-ka2' and exists (select 1 from observations o where o.period_id = r.period_id)
      order by p.end_date desc limit 1`);
    let round = valued[0]?.label === undefined ? undefined : String(valued[0].label);
    if (round === undefined) {
      round = "2010/11 H1";
      await openRound({ db, actor: reader, slug: "kent-ka2", body: { period: round } });
      const scope = await indicatorScope(db, "kent-ka2", "ni-47");
      for (const [index, area] of districts.entries()) {
        await recordObservation({ db, actor: reader, scope, body: RecordObservationBody.parse({ period: round, area, value: String(40 + 3 * index) }) });
      }
    }
    const options = { db, actor: reader, slug: "kent-ka2", round };
    const timings: ReportTiming["timings"] = [];
    const [model, modelMs] = await timed(() => buildPerformanceReport(options));
    timings.push({ name: "model (first read)", ms: modelMs, bytes: null });
    for (const pass of ["cold", "warm"] as const) {
      for (const format of ["html", "docx", "pdf"] as const) {
        const [file, ms] = await timed(() => exportPerformanceReport({ ...options, format }));
        timings.push({ name: `${format.toUpperCase()} (${pass})`, ms, bytes: file.buffer.length });
      }
    }
    const indicators = model.themes.flatMap((theme) => theme.indicators);
    return { round, indicators: indicators.length, charts: indicators.filter((one) => one.chart !== null).length, timings };
  } finally {
    await database.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

export function reportTimingLines(timing: ReportTiming): string[] {
  return [
    `Performance report, Kent Agreement 2 ${timing.round} (${timing.indicators} indicators, ${timing.charts} charts), PGlite; target < 5 s:`,
    ...timing.timings.map((one) => `  ${one.name.padEnd(66)} ${(one.ms / 1000).toFixed(2)} s${one.bytes === null ? "" : ` (${Math.round(one.bytes / 1024)} kB)`}`),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const text of reportTimingLines(await measureReport())) process.stdout.write(`${text}\n`);
}
