/**
 * NI 47 for an Open SDG site (issue 10 §3), on the demo as loaded, PGlite and PostgreSQL: the data
 * file read back has the columns Open SDG's data format documents (Year first, breakdowns, GeoCode
 * second from last, Value last; the headline's breakdowns blank) and gives back exactly the stored
 * observations the reader may see; the metadata's front matter reads as Open SDG's configuration.
 */
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { illustrativeFiguresNotice, normaliseDecimal } from "@accord/domain";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";
import { queryRows } from "./support/sql.js";

let api: TestApp;
let manager: Session;
const ni47 = "/api/agreements/kent-ka2/indicators/ni-47/open-sdg";
const kent = "E10000016";

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
});
afterAll(async () => {
  await api?.close();
});

async function download(url: string, session: Session | null = null): Promise<{ body: string; headers: Record<string, unknown> }> {
  const answer = await api.app.inject({ method: "GET", url, headers: session ? { cookie: session.cookie } : {} });
  expect(answer.statusCode, answer.body).toBe(200);
  return { body: answer.body, headers: answer.headers };
}

/** NI 47's stored values as period|area|value, for the periods given. */
async function storedValues(periods: string[]): Promise<string[]> {
  const rows = await queryRows(
    api.database.db,
    sql`select p.label, a.code, o.value::text as value from observations o
      join agreement_indicators ai on ai.id = o.agreement_indicator_id join agreements g on g.id = ai.agreement_id
      join indicator_definitions d on d.id = ai.indicator_id join reporting_periods p on p.id = o.period_id
      join areas a on a.id = o.area_id
      where g.slug = 'kent-ka2' and d.code = 'NI 47' and o.component = 'all'`,
  );
  return rows
    .filter((row) => periods.includes(String(row.label)))
    .map((row) => `${String(row.label)}|${String(row.code)}|${normaliseDecimal(String(row.value))}`)
    .sort();
}

/** The data file's rows as period|area|value: a headline (blank breakdowns) is the county's. */
function exportedValues(records: Record<string, string>[]): string[] {
  return records.map((row) => `${row.Year}|${row.GeoCode === "" ? kent : row.GeoCode}|${row.Value}`).sort();
}

describe("NI 47's Open SDG data file", () => {
  it("has the documented columns: Year first, the breakdown, GeoCode, Value last", async () => {
    const { body, headers } = await download(`${ni47}/data.csv`);
    expect(headers["content-disposition"]).toBe('attachment; filename="indicator_ni-47.csv"');
    expect(body.charCodeAt(0)).not.toBe(0xfeff);
    const [header] = parse(body) as string[][];
    expect(header).toEqual(["Year", "Local authority", "GeoCode", "Value"]);
  });

  it("reads back to the same values as the stored observations of the published rounds, the county as the headline", async () => {
    const records = parse(await download(`${ni47}/data.csv`).then((file) => file.body), { columns: true }) as Record<string, string>[];
    const headline = records.filter((row) => row["Local authority"] === "");
    expect(headline.map((row) => row.Year)).toEqual(["2008/09 H1", "2008/09 H2"]);
    expect(headline.every((row) => row.GeoCode === "")).toBe(true);
    const thanet = records.find((row) => row.GeoCode === "E07000114" && row.Year === "2008/09 H1");
    expect(thanet?.["Local authority"]).toBe("Thanet");
    // Value is numeric, as Open SDG requires, and nothing else is in the cell.
    expect(records.every((row) => /^-?\d+(\.\d+)?$/.test(row.Value ?? ""))).toBe(true);
    expect(exportedValues(records)).toEqual(await storedValues(["2008/09 H1", "2008/09 H2"]));
  });

  it("gives the manager the open round's stored values too", async () => {
    const records = parse((await download(`${ni47}/data.csv`, manager)).body, { columns: true }) as Record<string, string>[];
    expect(exportedValues(records)).toEqual(await storedValues(["2008/09 H1", "2008/09 H2", "2009/10 H1"]));
    expect(records.some((row) => row.Year === "2009/10 H1")).toBe(true);
  });
});

describe("NI 47's Open SDG metadata file", () => {
  it("reads as an Open SDG indicator's configuration, with its target line and the figures' source", async () => {
    const { body, headers } = await download(`${ni47}/metadata.md`);
    expect(headers["content-disposition"]).toBe('attachment; filename="ni-47.md"');
    const match = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(body);
    expect(match, body).not.toBeNull();
    const configuration = parseYaml(match?.[1] ?? "") as Record<string, unknown>;
    expect(configuration).toMatchObject({
      indicator_number: "NI 47",
      indicator_name: "People killed or seriously injured in road traffic accidents",
      reporting_status: "complete",
      data_non_statistical: false,
      graph_type: "line",
      standalone: true,
      computation_units: "count",
      national_geographical_coverage: "Kent",
      graph_target_lines: [{ value: 591.5, label_content: "2010/11 target: 591.5" }],
    });
    expect(configuration.data_footnote).toContain(illustrativeFiguresNotice);
    expect(match?.[2]).toContain('written "Proposed at 592 (50% reduction)"');
    expect(match?.[2]).toMatch(/^# NI 47: People killed or seriously injured in road traffic accidents\n\nFrom Kent Agreement 2/);
  });
});

describe("Open SDG files' refusals", () => {
  it("answers 404 naming the indicator or agreement that is not there", async () => {
    const indicator = await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/indicators/ni-999/open-sdg/data.csv" });
    expect(indicator.status).toBe(404);
    expect(indicator.json<{ error: { field: string } }>().error.field).toBe("key");
    const agreement = await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka9/indicators/ni-47/open-sdg/metadata.md" });
    expect(agreement.status).toBe(404);
    expect(agreement.json<{ error: { field: string } }>().error.field).toBe("slug");
  });

  it("answers 400 naming the key written wrongly", async () => {
    const answer = await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/indicators/NI%2047/open-sdg/data.csv" });
    expect(answer.status).toBe(400);
    expect(answer.json<{ error: { field: string } }>().error.field).toBe("key");
  });
});
