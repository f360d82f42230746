/**
 * The demo's illustrative monitoring figures for Kent Agreement 2 (issue 9 point 9), read back the
 * way the monitoring pages read them: the rounds, NI 47's values in every area, the county worked
 * out from its districts, the statuses the domain gives them, and the marker on every value.
 */
import { resolve } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PerformanceStatus } from "@accord/domain";
import { migrateDatabase, repositoryRoot } from "../src/db/client.js";
import type { Db } from "../src/db/client.js";
import { actorForUser } from "../src/features/auth/actors.js";
import { illustrativeFiguresMarker } from "../src/features/demo/illustrative-figures.js";
import { illustrativeMarker as markerShownByPerformance } from "../src/features/performance/service.js";
import { illustrativeMarker as markerInReturnTemplates } from "../src/features/returns/template.js";
import { loadDemo } from "../src/features/demo/load-demo.js";
import { indicatorScope } from "../src/features/indicators/scope.js";
import { assessIndicatorPerformance } from "../src/features/observations/performance.js";
import { aggregationFor, listObservations } from "../src/features/observations/service.js";
import { listRounds } from "../src/features/rounds/service.js";
import type { Actor } from "../src/policy/authorize.js";
import { createTestDatabase } from "./support/database.js";
import type { TestDatabase } from "./support/database.js";
import { queryRows } from "./support/sql.js";

let database: TestDatabase;
let second: TestDatabase;
let manager: Actor;
let loadMs = 0;

const rounds = ["2008/09 H1", "2008/09 H2", "2009/10 H1"];

beforeAll(async () => {
  database = await createTestDatabase();
  second = await createTestDatabase({ empty: true });
  await migrateDatabase(second);
  const started = performance.now();
  await loadDemo(second, resolve(repositoryRoot, "data"));
  loadMs = performance.now() - started;
  const [row] = await queryRows(database.db, sql`select id from users where email = 'manager@kent-partnership.example'`);
  const actor = await actorForUser(database.db, Number(row?.id));
  if (!actor) throw new Error("no demo manager");
  manager = actor;
}, 180_000);
afterAll(async () => {
  await database?.destroy();
  await second?.destroy();
});

/** Every generated value, keyed by what it is of, as text so two databases compare exactly. */
async function values(db: Db): Promise<Record<string, unknown>[]> {
  return queryRows(
    db,
    sql`select d.code, p.label as period, a.code as area, o.component, o.value::text as value,
          o.numerator::text as numerator, o.denominator::text as denominator, o.status, o.source, o.recorded_by_name,
          o.recorded_at::text as recorded_at
        from observations o
        join agreement_indicators ai on ai.id = o.agreement_indicator_id
        join agreements g on g.id = ai.agreement_id
        join indicator_definitions d on d.id = ai.indicator_id
        join reporting_periods p on p.id = o.period_id
        join areas a on a.id = o.area_id
        where g.slug = 'kent-ka2'
        order by d.code, p.label, a.code, o.component`,
  );
}

async function returns(db: Db): Promise<Record<string, unknown>[]> {
  return queryRows(
    db,
    sql`select d.code, p.label as period, r.status, r.progress, r.issues_and_risks, r.next_actions,
          r.self_assessed_status, r.manager_comment, r.submitted_at::text as submitted_at
        from indicator_returns r
        join monitoring_rounds m on m.id = r.round_id
        join reporting_periods p on p.id = m.period_id
        join agreement_indicators ai on ai.id = r.agreement_indicator_id
        join indicator_definitions d on d.id = ai.indicator_id
        order by d.code, p.label`,
  );
}

async function ka2Keys(db: Db): Promise<{ key: string; unit: string | null }[]> {
  const rows = await queryRows(
    db,
    sql`select distinct d.key, d.unit from observations o
        join agreement_indicators ai on ai.id = o.agreement_indicator_id
        join indicator_definitions d on d.id = ai.indicator_id
        order by d.key`,
  );
  return rows.map((row) => ({ key: String(row.key), unit: row.unit === null ? null : String(row.unit) }));
}

describe("the demo's illustrative figures for Kent Agreement 2", () => {
  it("are the same on every load: a second, fresh load writes identical values, returns and rounds", async () => {
    const first = await values(database.db);
    expect(first.length).toBeGreaterThan(700);
    expect(await values(second.db)).toEqual(first);
    expect(await returns(second.db)).toEqual(await returns(database.db));
    const roundsOf = async (db: Db) =>
      (await listRounds({ db, actor: manager, slug: "kent-ka2" })).map(({ key, status, dueDate }) => ({ key, status, dueDate }));
    expect(await roundsOf(second.db)).toEqual(await roundsOf(database.db));
    // Measured here for the record; the whole demo (both agreements, catalogue, accounts) loads in a few seconds.
    expect(loadMs).toBeLessThan(30_000);
  });

  it("carry the marker as the source of every value, recorded by no account, and only for Kent Agreement 2", async () => {
    const rows = await values(database.db);
    expect(new Set(rows.map((row) => row.source))).toEqual(new Set([illustrativeFiguresMarker]));
    expect(illustrativeFiguresMarker).toBe("Illustrative figures, not Kent's published results");
    // The pages, templates and exports recognise the figures by this same text.
    expect([markerShownByPerformance, markerInReturnTemplates]).toEqual([illustrativeFiguresMarker, illustrativeFiguresMarker]);
    const [elsewhere] = await queryRows(
      database.db,
      sql`select count(*)::int as n from observations o join agreement_indicators ai on ai.id = o.agreement_indicator_id
          join agreements g on g.id = ai.agreement_id where g.slug <> 'kent-ka2'`,
    );
    expect(elsewhere?.n).toBe(0);
    const [accounts] = await queryRows(database.db, sql`select count(*)::int as n from observations where recorded_by is not null`);
    expect(accounts?.n).toBe(0);
    // Each return's text update says so too.
    for (const row of await returns(database.db)) expect(String(row.progress)).toMatch(/^Illustrative figures, not Kent's published results\. /);
  });

  it("hold 2008/09 H1 and H2 published and 2009/10 H1 open, returns due six weeks after each period", async () => {
    const listed = await listRounds({ db: database.db, actor: manager, slug: "kent-ka2" });
    expect(listed.map(({ key, status, dueDate }) => ({ key, status, dueDate }))).toEqual([
      { key: "2008-09-h1", status: "published", dueDate: "2008-11-11" },
      { key: "2008-09-h2", status: "published", dueDate: "2009-05-12" },
      { key: "2009-10-h1", status: "open", dueDate: "2009-11-11" },
    ]);
    expect(await listRounds({ db: database.db, actor: manager, slug: "kent-ka1" })).toEqual([]);
  });

  it("leave 2009/10 H1's returns submitted, in draft, returned and missing, NI 47's a draft its officer can submit", async () => {
    const open = (await returns(database.db)).filter((row) => row.period === "2009/10 H1");
    const states = new Map(open.map((row) => [String(row.code), String(row.status)]));
    expect(new Set(states.values())).toEqual(new Set(["accepted", "submitted", "draft", "returned"]));
    expect(states.get("NI 47")).toBe("draft");
    const withValues = new Set((await values(database.db)).filter((row) => row.period === "2008/09 H1").map((row) => String(row.code)));
    const missing = [...withValues].filter((code) => !states.has(code));
    expect(missing.length).toBeGreaterThanOrEqual(3);
    // A missing return has sent no values; a returned one says why it went back.
    const openValues = (await values(database.db)).filter((row) => row.period === "2009/10 H1");
    for (const code of missing) expect(openValues.some((row) => row.code === code)).toBe(false);
    for (const row of open.filter((one) => one.status === "returned")) expect(String(row.manager_comment)).not.toBe("");
    // The published rounds' returns are all accepted, with a text update each.
    const published = (await returns(database.db)).filter((row) => row.period !== "2009/10 H1");
    expect(new Set(published.map((row) => row.status))).toEqual(new Set(["accepted"]));
    for (const row of published) {
      expect(String(row.issues_and_risks).length).toBeGreaterThan(20);
      expect(String(row.next_actions).length).toBeGreaterThan(20);
    }
  });

  it("give NI 47 a county value and all 12 districts' in every round, the county their total", async () => {
    const scope = await indicatorScope(database.db, "kent-ka2", "ni-47");
    const listed = await listObservations({ db: database.db, actor: manager, scope });
    expect(listed.periods.map((one) => one.period.label)).toEqual(rounds);
    for (const one of listed.periods) {
      expect(one.county.recorded?.source).toBe(illustrativeFiguresMarker);
      expect(one.districts).toHaveLength(12);
      for (const district of one.districts) expect(district.observation?.value, `${one.period.label} ${district.name}`).toMatch(/^\d+$/);
      expect(one.county.fromDistricts?.value).toBe(one.county.recorded?.value);
    }
  });

  it("work out every county figure that adds up from its districts exactly: a rate from their numerators and denominators", async () => {
    let rates = 0;
    for (const { key, unit } of await ka2Keys(database.db)) {
      const scope = await indicatorScope(database.db, "kent-ka2", key);
      const listed = await listObservations({ db: database.db, actor: manager, scope });
      for (const one of listed.periods) {
        const where = `${scope.code} ${one.component} ${one.period.label}`;
        expect(one.districts.every((district) => district.observation !== null), where).toBe(true);
        const kind = listed.cumulative ? "count" : aggregationFor(unit).kind;
        // A level is reached by the county as a whole, and a figure with no unit is not known to be a rate.
        if (kind === "level" || unit === null) continue;
        expect(one.county.fromDistricts, `${where}: ${one.county.notFromDistricts ?? ""}`).not.toBeNull();
        expect(one.county.recorded?.value, where).toBe(one.county.fromDistricts?.value);
        if (kind === "ratio") {
          rates += 1;
          expect(one.county.recorded?.numerator, where).toBe(one.county.fromDistricts?.numerator);
          expect(one.county.recorded?.denominator, where).toBe(one.county.fromDistricts?.denominator);
        }
      }
    }
    expect(rates).toBeGreaterThan(20);
  });

  it("read green, amber, red and grey across the indicators as the domain judges them, NI 47 red in 2008/09 H1", async () => {
    const byRound = new Map<string, Set<PerformanceStatus>>(rounds.map((round) => [round, new Set()]));
    const keys = await queryRows(
      database.db,
      sql`select d.key from agreement_indicators ai join agreements g on g.id = ai.agreement_id
          join indicator_definitions d on d.id = ai.indicator_id where g.slug = 'kent-ka2' and ai.state = 'active'`,
    );
    let ni47: string[] = [];
    for (const { key } of keys) {
      const scope = await indicatorScope(database.db, "kent-ka2", String(key));
      for (const component of scope.components) {
        const judged = await assessIndicatorPerformance({ db: database.db, actor: manager, scope, component });
        const seen = new Map(judged.periods.map((one) => [one.period.label, one.status]));
        for (const round of rounds) byRound.get(round)?.add(seen.get(round) ?? "grey");
        if (scope.code === "NI 47") ni47 = rounds.map((round) => seen.get(round) ?? "none");
      }
    }
    for (const round of rounds) {
      expect([...(byRound.get(round) ?? [])].sort(), round).toEqual(expect.arrayContaining(["amber", "green", "grey", "red"]));
    }
    expect(ni47).toEqual(["red", "amber", "amber"]);
  });

  it("are recorded in the audit trail once, as loaded, not as a thousand values someone entered", async () => {
    const events = await queryRows(
      database.db,
      sql`select e.action, e.actor, e.entity_type, e.after from audit_events e join agreements g on g.id = e.agreement_id
          where g.slug = 'kent-ka2' and e.action not like 'grant.%' order by e.id`,
    );
    // The demo accounts' role grants are audited as before; the figures add one entry, and no value of theirs is
    // (NI 47's illustrative delivery plan one more).
    expect(events.map((event) => event.action)).toEqual(["demo.illustrative-figures", "demo.delivery-plan"]);
    const after = events[0]?.after as { source: string; observations: number; returns: number; rounds: unknown[] };
    expect(after.source).toBe(illustrativeFiguresMarker);
    expect(after.observations).toBe((await values(database.db)).length);
    expect(after.rounds).toEqual([
      { period: "2008/09 H1", status: "published" },
      { period: "2008/09 H2", status: "published" },
      { period: "2009/10 H1", status: "open" },
    ]);
  });
});
