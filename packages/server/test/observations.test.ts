/**
 * Observations on a real database (PGlite and PostgreSQL), through the service functions the
 * monitoring routes will call: who may record which values, versions, and how the county's
 * value is worked out from its 12 districts.
 *
 * These tests build Kent Agreement 2's figures from none at all: NI 155's running totals are
 * checked against the seed's 2008/09 and 2009/10 targets from the first half-year on. So the
 * demo's illustrative figures (rounds 2008/09 H1 to 2009/10 H1, tested in demo-figures.test.ts)
 * are taken out of this file's copy of the demo first.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "../src/features/auth/actors.js";
import { indicatorScope } from "../src/features/indicators/scope.js";
import type { IndicatorScope } from "../src/features/indicators/scope.js";
import { assessIndicatorPerformance } from "../src/features/observations/performance.js";
import { listObservations, recordObservation } from "../src/features/observations/service.js";
import { RecordObservationBody } from "../src/features/observations/schema.js";
import { moveRound, openRound } from "../src/features/rounds/service.js";
import type { Actor } from "../src/policy/authorize.js";
import { createTestDatabase } from "./support/database.js";
import type { TestDatabase } from "./support/database.js";
import { queryRows } from "./support/sql.js";

let database: TestDatabase;
const people: Record<"manager" | "officer" | "lsp" | "viewer" | "partner", Actor> = {} as Record<
  "manager" | "officer" | "lsp" | "viewer" | "partner",
  Actor
>;
const scopes: Record<"ni47" | "ni155" | "ni163" | "ni188", IndicatorScope> = {} as Record<
  "ni47" | "ni155" | "ni163" | "ni188",
  IndicatorScope
>;

const kent = "E10000016";
const thanet = "E07000114";
const ashford = "E07000105";
/** Kent's 12 districts, E07000105–E07000116. */
const districts = Array.from({ length: 12 }, (_, index) => `E07000${105 + index}`);

async function actorFor(email: string): Promise<Actor> {
  const [row] = await queryRows(database.db, sql`select id from users where email = ${email}`);
  const actor = await actorForUser(database.db, Number(row?.id));
  if (!actor) throw new Error(`no demo user ${email}`);
  return actor;
}

beforeAll(async () => {
  database = await createTestDatabase();
  // Rounds go with their returns (on delete cascade); the values go by their agreement.
  await database.db.execute(
    sql`delete from observations where agreement_indicator_id in
          (select ai.id from agreement_indicators ai join agreements g on g.id = ai.agreement_id where g.slug = 'kent-ka2')`,
  );
  await database.db.execute(
    sql`delete from monitoring_rounds where agreement_id = (select id from agreements where slug = 'kent-ka2')`,
  );
  people.manager = await actorFor("manager@kent-partnership.example");
  people.officer = await actorFor("officer.ni47@kent-partnership.example");
  people.lsp = await actorFor("lsp.thanet@kent-partnership.example");
  people.viewer = await actorFor("member@kent.example");
  people.partner = await actorFor("partner@kent-police.example");
  scopes.ni47 = await indicatorScope(database.db, "kent-ka2", "ni-47");
  scopes.ni155 = await indicatorScope(database.db, "kent-ka2", "ni-155");
  scopes.ni163 = await indicatorScope(database.db, "kent-ka2", "ni-163");
  scopes.ni188 = await indicatorScope(database.db, "kent-ka2", "ni-188");
  // Values are taken only in an open round (no interim updates): open one for each period used here.
  const periods = ["2008/09", "2009/10", "2010/11"].flatMap((year) => [year, `${year} H1`, `${year} H2`]);
  for (const period of periods) {
    await openRound({ db: database.db, actor: people.manager, slug: "kent-ka2", body: { period } });
  }
});
afterAll(async () => {
  await database?.destroy();
});

/** What the route will do: parse the body with the zod schema, then call the service. */
function record(actor: Actor | null, scope: IndicatorScope, body: Record<string, unknown>) {
  return recordObservation({ db: database.db, actor, scope, body: RecordObservationBody.parse(body) });
}

/** The error a call fails with, with the HTTP status the API would answer. */
async function failure(
  call: Promise<unknown>,
): Promise<{ status: number; code: string; field: string | undefined; message: string; current: unknown }> {
  try {
    await call;
  } catch (error) {
    const { httpStatus, code, field, message } = error as {
      httpStatus: number;
      code: string;
      field?: string;
      message: string;
    };
    const current = (error as { current?: unknown }).current;
    return { status: httpStatus, code, field, message, current };
  }
  throw new Error("the call succeeded");
}

async function observationCount(): Promise<number> {
  const [row] = await queryRows(database.db, sql`select count(*)::int as n from observations`);
  return Number(row?.n);
}

async function auditCount(): Promise<number> {
  const [row] = await queryRows(
    database.db,
    sql`select count(*)::int as n from audit_events where action = 'observation.record'`,
  );
  return Number(row?.n);
}

describe("recording a value", () => {
  it("keeps NI 47's exact value with who recorded it and when, taken from the person signed in", async () => {
    const saved = await record(people.officer, scopes.ni47, {
      period: "2008/09 h1",
      area: kent,
      value: "1090.50",
      source: "Kent Police STATS19",
      note: "January–September",
    });
    expect(saved).toMatchObject({
      period: "2008/09 H1",
      area: kent,
      component: "all",
      value: "1090.5",
      status: "provisional",
      version: 1,
    });
    expect(saved.recordedBy).toBe("Road Safety Accountable Officer (NI 47) <officer.ni47@kent-partnership.example>");
    expect(Date.now() - new Date(saved.recordedAt).getTime()).toBeLessThan(60_000);
    const [history] = await queryRows(
      database.db,
      sql`select actor, after from audit_events where action = 'observation.record' order by id desc limit 1`,
    );
    expect(history?.actor).toMatch(/Road Safety Accountable Officer/);
    expect(history?.after).toMatchObject({ value: "1090.5", period: "2008/09 H1" });
  });

  it("does not accept who or when from the request", () => {
    const parsed = RecordObservationBody.safeParse({
      period: "2008/09 H2",
      area: kent,
      value: "1",
      recordedBy: "someone else",
      recordedAt: "2001-01-01",
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ code: "unrecognized_keys" });
  });

  it("refuses a stale write with 409 and the value as it stands, and changes nothing", async () => {
    const first = await record(people.officer, scopes.ni47, { period: "2009/10 H1", area: kent, value: "900" });
    const corrected = await record(people.manager, scopes.ni47, {
      period: "2009/10 H1",
      area: kent,
      value: "905",
      status: "final",
      version: first.version,
    });
    expect(corrected).toMatchObject({
      value: "905",
      status: "final",
      version: 2,
      recordedBy: expect.stringMatching(/Kent Agreement Manager/),
    });
    const before = await auditCount();
    const stale = await failure(
      record(people.officer, scopes.ni47, { period: "2009/10 H1", area: kent, value: "910", version: 1 }),
    );
    expect(stale).toMatchObject({
      status: 409,
      code: "CONFLICT",
      field: "version",
      current: { value: "905", version: 2 },
    });
    const blind = await failure(
      record(people.officer, scopes.ni47, { period: "2009/10 H1", area: kent, value: "910" }),
    );
    expect(blind.status).toBe(409);
    expect(await auditCount()).toBe(before);
    const listed = await listObservations({ db: database.db, actor: people.officer, scope: scopes.ni47 });
    expect(listed.periods.find((one) => one.period.label === "2009/10 H1")?.county.recorded).toMatchObject({
      value: "905",
      version: 2,
    });
  });

  it("lets only one of two people writing the same version at once win", async () => {
    const first = await record(people.officer, scopes.ni47, { period: "2009/10 H2", area: kent, value: "850" });
    const results = await Promise.allSettled([
      record(people.officer, scopes.ni47, { period: "2009/10 H2", area: kent, value: "851", version: first.version }),
      record(people.manager, scopes.ni47, { period: "2009/10 H2", area: kent, value: "852", version: first.version }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((result) => result.status === "rejected");
    expect((lost?.reason as { httpStatus?: number } | undefined)?.httpStatus).toBe(409);
  });

  it.each([
    {
      why: "an unknown district code",
      body: { period: "2008/09 H2", area: "E07000999", value: "5" },
      field: "area",
      message: /not Kent \(E10000016\) or one of its districts/,
    },
    {
      why: "Medway, outside the county council's area",
      body: { period: "2008/09 H2", area: "E06000035", value: "5" },
      field: "area",
      message: /one of its districts/,
    },
    {
      why: "a period that does not exist",
      body: { period: "2008/09 H3", area: kent, value: "5" },
      field: "period",
      message: /is not a reporting period/,
    },
    {
      why: "a year that is not a year",
      body: { period: "2008/10", area: kent, value: "5" },
      field: "period",
      message: /the year after the first/,
    },
    {
      why: "a numerator for a count",
      body: { period: "2008/09 H2", area: kent, value: "5", numerator: "5", denominator: "1" },
      field: "numerator",
      message: /NI 47 is a count/,
    },
    {
      why: "a component NI 47 does not have",
      body: { period: "2008/09 H2", area: kent, value: "5", component: "girls" },
      field: "component",
      message: /must be one of all/,
    },
  ])("refuses $why, naming the field, and writes nothing", async ({ body, field, message }) => {
    const before = await observationCount();
    const refused = await failure(record(people.manager, scopes.ni47, body));
    expect(refused).toMatchObject({ status: 400, field });
    expect(refused.message).toMatch(message);
    expect(await observationCount()).toBe(before);
  });

  it("takes a district by the ONS code used at the time (29UN is Thanet)", async () => {
    const saved = await record(people.lsp, scopes.ni47, { period: "2008/09 H1", area: "29un", value: "88" });
    expect(saved.area).toBe(thanet);
  });
});

describe("who may record values", () => {
  it.each([
    { who: "officer", indicator: "ni155", area: kent, status: 403, why: "another indicator's officer" },
    { who: "lsp", indicator: "ni47", area: ashford, status: 403, why: "an LSP coordinator for another district" },
    { who: "lsp", indicator: "ni47", area: kent, status: 403, why: "an LSP coordinator for the county" },
    { who: "viewer", indicator: "ni47", area: kent, status: 403, why: "a viewer" },
    { who: "partner", indicator: "ni47", area: kent, status: 403, why: "a partner representative" },
    { who: "anonymous", indicator: "ni47", area: kent, status: 401, why: "someone not signed in" },
  ] as const)("refuses $why ($status)", async ({ who, indicator, area, status }) => {
    const before = await observationCount();
    const actor = who === "anonymous" ? null : people[who];
    const refused = await failure(record(actor, scopes[indicator], { period: "2010/11 H1", area, value: "1" }));
    expect(refused.status).toBe(status);
    expect(await observationCount()).toBe(before);
  });

  it("lets the Thanet LSP coordinator record Thanet's value and the officer any area's", async () => {
    await expect(
      record(people.lsp, scopes.ni155, { period: "2010/11 H1", area: thanet, value: "40" }),
    ).resolves.toMatchObject({ area: thanet });
    await expect(
      record(people.officer, scopes.ni47, { period: "2010/11 H1", area: ashford, value: "40" }),
    ).resolves.toMatchObject({ area: ashford });
  });
});

describe("the county worked out from its districts", () => {
  it("adds NI 163's numerators and denominators rather than averaging the 12 percentages", async () => {
    // Eleven districts at 605/1000 = 60.5%, Thanet at 9012/10000 = 90.12%. The mean of the
    // percentages would be 62.97%; Kent is 15667 of 21000 people, 74.6%.
    for (const code of districts) {
      const [numerator, denominator, value] = code === thanet ? ["9012", "10000", "90.12"] : ["605", "1000", "60.5"];
      await record(people.manager, scopes.ni163, {
        period: "2008/09",
        area: code,
        value,
        numerator,
        denominator,
        status: "final",
      });
    }
    const listed = await listObservations({ db: database.db, actor: people.viewer, scope: scopes.ni163 });
    const year = listed.periods.find((one) => one.period.label === "2008/09");
    expect(listed.aggregation).toBe("ratio");
    expect(year?.county.recorded).toBeNull();
    expect(year?.county.fromDistricts).toEqual({ value: "74.6", numerator: "15667", denominator: "21000" });
    expect(year?.county.value).toBe("74.6");
    expect(year?.districts.map((district) => district.area)).toEqual(districts);
  });

  it("prefers the county's own value where one is given, keeping the worked-out one beside it", async () => {
    await record(people.manager, scopes.ni163, {
      period: "2008/09",
      area: kent,
      value: "74.5",
      source: "Annual Population Survey",
    });
    const year = (await listObservations({ db: database.db, actor: people.viewer, scope: scopes.ni163 })).periods.find(
      (one) => one.period.label === "2008/09",
    );
    expect(year?.county).toMatchObject({
      value: "74.5",
      recorded: { value: "74.5" },
      fromDistricts: { value: "74.6" },
    });
  });

  it("does not work out the county until every district has a value, and says so", async () => {
    for (const code of districts.slice(0, 11)) {
      await record(people.manager, scopes.ni163, {
        period: "2009/10",
        area: code,
        value: "61",
        numerator: "610",
        denominator: "1000",
      });
    }
    let year = (await listObservations({ db: database.db, actor: people.viewer, scope: scopes.ni163 })).periods.find(
      (one) => one.period.label === "2009/10",
    );
    expect(year?.county).toMatchObject({
      value: null,
      fromDistricts: null,
      notFromDistricts: "only 11 of 12 districts have a value for 2009/10",
    });
    await record(people.manager, scopes.ni163, { period: "2009/10", area: districts[11], value: "62" });
    year = (await listObservations({ db: database.db, actor: people.viewer, scope: scopes.ni163 })).periods.find(
      (one) => one.period.label === "2009/10",
    );
    expect(year?.county.fromDistricts).toBeNull();
    expect(year?.county.notFromDistricts).toBe(
      `rates cannot be averaged: ${districts[11]} gave no numerator and denominator`,
    );
  });

  it("refuses a rate whose value is not what its numerator and denominator make", async () => {
    const refused = await failure(
      record(people.manager, scopes.ni163, {
        period: "2010/11",
        area: thanet,
        value: "70",
        numerator: "9012",
        denominator: "10000",
      }),
    );
    expect(refused).toMatchObject({ status: 400, field: "value" });
    expect(refused.message).toBe("value 70 does not match numerator 9012 / denominator 10000 × 100 = 90.12");
    const half = await failure(
      record(people.manager, scopes.ni163, { period: "2010/11", area: thanet, value: "70", numerator: "7" }),
    );
    expect(half).toMatchObject({ status: 400, field: "denominator" });
    const zero = await failure(
      record(people.manager, scopes.ni163, {
        period: "2010/11",
        area: thanet,
        value: "70",
        numerator: "7",
        denominator: "0",
      }),
    );
    expect(zero).toMatchObject({ status: 400, field: "denominator" });
  });

  it("adds up NI 47's casualties across the districts", async () => {
    for (const [index, code] of districts.entries())
      await record(people.manager, scopes.ni47, { period: "2008/09 H2", area: code, value: String(80 + index) });
    const half = (await listObservations({ db: database.db, actor: people.viewer, scope: scopes.ni47 })).periods.find(
      (one) => one.period.label === "2008/09 H2",
    );
    // 80 + 81 + … + 91 = 1026
    expect(half?.county).toMatchObject({
      value: "1026",
      fromDistricts: { value: "1026", numerator: null, denominator: null },
    });
  });

  it("does not add up NI 188's levels", async () => {
    for (const code of districts)
      await record(people.manager, scopes.ni188, { period: "2008/09", area: code, value: "2" });
    const year = (await listObservations({ db: database.db, actor: people.viewer, scope: scopes.ni188 })).periods[0];
    expect(year?.county).toMatchObject({
      value: null,
      notFromDistricts: "a level is reached by the county as a whole, not added up from districts",
    });
  });
});

describe("a cumulative indicator (NI 155)", () => {
  it("takes each half's count and reports the running total from the baseline", async () => {
    const counts: [string, string][] = [
      ["2008/09 H1", "600"],
      ["2009/10 H1", "700"],
      ["2008/09 H2", "756"],
      ["2009/10 H2", "803"],
    ];
    for (const [period, value] of counts) await record(people.manager, scopes.ni155, { period, area: kent, value });
    const listed = await listObservations({ db: database.db, actor: people.viewer, scope: scopes.ni155 });
    expect(listed.cumulative).toBe(true);
    // 600, then 1356 (the 2008/09 target), 2056, 2859 (the 2009/10 target): in time order, whatever order they were given in.
    const county = listed.periods
      .filter((one) => one.county.recorded !== null)
      .map((one) => [one.period.label, one.county.value, one.county.runningTotal]);
    expect(county).toEqual([
      ["2008/09 H1", "600", "600"],
      ["2008/09 H2", "756", "1356"],
      ["2009/10 H1", "700", "2056"],
      ["2009/10 H2", "803", "2859"],
    ]);
  });

  it("refuses a year's count over halves already counted, and a negative count", async () => {
    const before = await observationCount();
    const overlap = await failure(
      record(people.manager, scopes.ni155, { period: "2008/09", area: kent, value: "1356" }),
    );
    expect(overlap).toMatchObject({ status: 400, field: "period" });
    expect(overlap.message).toMatch(/2008\/09 overlaps 2008\/09 H1, which already has a count/);
    const negative = await failure(
      record(people.manager, scopes.ni155, { period: "2010/11 H2", area: kent, value: "-5" }),
    );
    expect(negative).toMatchObject({ status: 400, field: "value" });
    expect(await observationCount()).toBe(before);
  });

  it("keeps each district's running total, and the county's from its districts when no county count is given", async () => {
    for (const [period, value] of [
      ["2008/09 H1", "10"],
      ["2008/09 H2", "20"],
      ["2009/10 H1", "30"],
      ["2009/10 H2", "40"],
    ] as const) {
      await record(people.manager, scopes.ni155, { period, area: ashford, value });
    }
    for (const period of ["2010/11 H1", "2010/11 H2"]) {
      for (const code of districts) {
        // Thanet's 2010/11 H1 count was recorded above (40) by its LSP coordinator.
        if (period === "2010/11 H1" && code === thanet) continue;
        await record(people.manager, scopes.ni155, { period, area: code, value: "60" });
      }
    }
    const listed = await listObservations({ db: database.db, actor: people.viewer, scope: scopes.ni155 });
    const h1 = listed.periods.find((one) => one.period.label === "2010/11 H1");
    const h2 = listed.periods.find((one) => one.period.label === "2010/11 H2");
    // H1: 11 × 60 + 40 = 700 on top of 2859; H2: 12 × 60 = 720.
    expect(h1?.county).toMatchObject({ recorded: null, value: "700", runningTotal: "3559" });
    expect(h2?.county).toMatchObject({ value: "720", runningTotal: "4279" });
    // Ashford: 10 + 20 + 30 + 40, then 60 and 60.
    expect(h2?.districts.find((district) => district.area === ashford)?.runningTotal).toBe("220");
    // Thanet's own total is not known: its 2008/09 and 2009/10 homes were counted only for Kent.
    // A total that silently left them out would understate it, so it is given as not known.
    expect(h2?.districts.find((district) => district.area === thanet)?.runningTotal).toBeNull();
    expect(h2?.districts.find((district) => district.area === thanet)?.observation?.value).toBe("60");
  });
});

describe("the stored values judged against the agreement", () => {
  it("gives NI 155's running totals their status against the trajectory from 0 through 1356, 2859 and 4284", async () => {
    // Seed 000 states NI 155's targets as homes added (+1356, +1503, +1425), so the catalogue holds it as
    // higher is better and the periods are judged without anyone setting a direction by hand.
    const [catalogued] = await queryRows(database.db, sql`select polarity from indicator_definitions where code = 'NI 155'`);
    expect(catalogued?.polarity).toBe("higher-is-better");

    // The county's counts recorded above: 600, 756, 700, 803, then 700 and 720 from the districts.
    const performance = await assessIndicatorPerformance({
      db: database.db,
      actor: people.viewer,
      scope: scopes.ni155,
    });
    expect(performance.polarity).toBe("higher-is-better");
    const rows = performance.periods.map((one) => [
      one.period.label,
      one.actual,
      one.planned,
      one.status,
      one.progress?.percent ?? null,
      one.direction,
    ]);
    expect(rows).toEqual([
      // 679.86 planned by 30 September 2008; 79.86 short is beyond 10% of 679.86.
      ["2008/09 H1", "600", "679.8575342466", "red", "14", null],
      ["2008/09 H2", "1356", "1356", "green", "31.7", "improving"],
      // 2109.56 planned; 53.56 short is within 10% of the 2109.56 planned from 0.
      ["2009/10 H1", "2056", "2109.5589041096", "amber", "48", "improving"],
      ["2009/10 H2", "2859", "2859", "green", "66.7", "improving"],
      ["2010/11 H1", "3559", "3573.4520547945", "amber", "83.1", "improving"],
      // 5 homes short of 4284 at the end: close, but not met.
      ["2010/11 H2", "4279", "4284", "amber", "99.9", "improving"],
    ]);
  });

  it("is grey where there is no value and says why", async () => {
    const performance = await assessIndicatorPerformance({
      db: database.db,
      actor: people.viewer,
      scope: scopes.ni188,
    });
    // NI 188's districts gave levels, which do not add up to the county's.
    expect(performance.periods[0]).toMatchObject({ actual: null, status: "grey", reason: "no-data" });
  });
});

describe("the table itself", () => {
  it("refuses a numerator without a denominator even from plain SQL", async () => {
    const [ids] = await queryRows(
      database.db,
      sql`select ai.id as indicator, (select id from areas where code = ${kent}) as area, (select id from reporting_periods limit 1) as period
          from agreement_indicators ai join indicator_definitions d on d.id = ai.indicator_id where d.code = 'NI 163' limit 1`,
    );
    const refusal = await database.db
      .execute(
        sql`insert into observations (agreement_indicator_id, period_id, area_id, value, numerator, recorded_by_name)
            values (${ids?.indicator}, ${ids?.period}, ${ids?.area}, 1, 1, 'sql')`,
      )
      .then(
        () => "allowed",
        // Drizzle wraps the database's error; its cause is what PostgreSQL said.
        (error: { cause?: { message?: string }; message: string }) => error.cause?.message ?? error.message,
      );
    expect(refusal).toMatch(/observations_numerator_with_denominator/);
  });
});

describe("no interim updates (seed 000 §11)", () => {
  it("refuses a value for a period with no open round, saying why, and writes nothing", async () => {
    const before = await observationCount();
    const refused = await failure(record(people.officer, scopes.ni47, { period: "2011/12 H1", area: kent, value: "600" }));
    expect(refused).toMatchObject({ status: 400, field: "period" });
    expect(refused.message).toMatch(/2011\/12 H1 is not open for returns: no monitoring round is open for it/);
    expect(refused.message).toMatch(/no interim updates/);
    expect(await observationCount()).toBe(before);
  });

  it("refuses a value once the period's round is closed, even from a manager without a reason", async () => {
    const opened = await openRound({ db: database.db, actor: people.manager, slug: "kent-ka2", body: { period: "2011/12 H2" } });
    await moveRound({
      db: database.db,
      actor: people.manager,
      slug: "kent-ka2",
      key: opened.key,
      move: "close",
      body: { version: opened.version },
    });
    const refused = await failure(record(people.manager, scopes.ni47, { period: "2011/12 H2", area: kent, value: "610" }));
    expect(refused).toMatchObject({ status: 400, field: "period" });
    expect(refused.message).toMatch(/its monitoring round is closed/);
  });

  it("lets a manager record a correction with its reason, audited as a correction", async () => {
    const saved = await record(people.manager, scopes.ni47, {
      period: "2011/12 H1",
      area: kent,
      value: "598",
      correctionReason: "STATS19 revision published after the round closed",
    });
    expect(saved).toMatchObject({ period: "2011/12 H1", value: "598", version: 1 });
    const [history] = await queryRows(
      database.db,
      sql`select action, after from audit_events where action like 'observation.%' order by id desc limit 1`,
    );
    expect(history?.action).toBe("observation.correct");
    expect(history?.after).toMatchObject({ correctionReason: "STATS19 revision published after the round closed" });
  });

  it("does not let the accountable officer record a correction outside a round", async () => {
    const before = await observationCount();
    const refused = await failure(
      record(people.officer, scopes.ni47, { period: "2012/13 H1", area: kent, value: "590", correctionReason: "late figure" }),
    );
    expect(refused).toMatchObject({ status: 403 });
    expect(refused.message).toMatch(/Only a manager may correct a value outside an open round/);
    expect(await observationCount()).toBe(before);
  });
});
