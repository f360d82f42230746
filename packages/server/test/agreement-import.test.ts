/**
 * Importing an agreement from a table (issue 10 point 4): two layouts of our own making, neither
 * Kent's, come back through GET /api/agreements/:slug and the submission template as the table
 * wrote them; a table with bad rows is refused whole; a dry run creates nothing.
 */
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import * as t from "../src/db/schema/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgreementDetailView, AgreementIndicatorView } from "@accord/domain";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { signIn } from "./support/session.js";
import type { Session } from "./support/session.js";
import { cellText, parseCsv } from "../src/features/returns/template-csv.js";
import type { ImportPreview } from "../src/features/agreement-import/schema.js";

let api: TestApp;
let manager: Session;

// A council's layout: code and title in one cell, NIs starred, the baseline's period in brackets,
// a column per year headed "Target 2008/09", words where no figure is agreed, refresh status, notes.
const northshireCsv = [
  "Northshire Local Area Agreement 2008-11,,,,,,,",
  "Indicator,Baseline,Target 2008/09,Target 2009/10,Target 2010/11,Lead and partners,Refresh status,Notes",
  "Safer communities,,,,,,,",
  '"NI 47* People killed or seriously injured in road traffic accidents","1183 (2005-07 average)",1100,2% reduction,"592 (50% reduction)","Kent County Council*, Northshire Road Safety Trust",Retained,Casualty figures from STATS19',
  "Environment,,,,,,,",
  "NI 188 * Planning to adapt to climate change,Level 0,Level 1,Level 2,Level 3,Kent County Council*,Retained,",
  "NSH 4 Older people helped to live at home,New PI,TBC,N/A,2% increase,Northshire Care Trust*,New,Local indicator",
].join("\r\n");

// Another council's workbook: code and title apart, the baseline year in the heading, years as
// "2009-10", the lead partner in its own column and the others beside it, a comments column.
async function southvaleWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("LAA targets");
  sheet.addRow(["Southvale LAA refresh 2009"]);
  sheet.addRow([]);
  sheet.addRow(["Ref", "Indicator title", "Baseline 2007/08", "2009-10", "2010-11", "Lead partner", "Other partners", "Comments"]);
  sheet.addRow(["NI 155", "Number of affordable homes delivered (gross)", 231, "+120", "+140 = 260", "Kent County Council", "Southvale Housing Association", "Stretch agreed"]);
  sheet.addRow(["NI 55", "Obesity among primary school age children in Reception Year", "9.6%", "9.4%", "9.1%", "Kent County Council", "", ""]);
  sheet.addRow(["SV 12", "", "TBC", "To be agreed", "", "Southvale Voluntary Action", "", "Baseline from the 2009 survey"]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function importTable(file: Buffer | string, query: string, contentType = "text/csv") {
  const response = await api.app.inject({
    method: "POST",
    url: `/api/agreements/import?${query}`,
    headers: { cookie: manager.cookie, "x-csrf-token": manager.csrfToken, "content-type": contentType },
    payload: typeof file === "string" ? Buffer.from(file, "utf8") : file,
  });
  return { status: response.statusCode, body: response.json<ImportPreview & { error?: { message: string; details: { field: string; message: string }[] } }>() };
}

async function agreement(slug: string) {
  const response = await api.app.inject({ method: "GET", url: `/api/agreements/${slug}`, headers: { cookie: manager.cookie } });
  return { status: response.statusCode, body: response.json<AgreementDetailView>() };
}

function indicatorsOf(detail: AgreementDetailView): AgreementIndicatorView[] {
  return detail.themes.flatMap((theme) => theme.indicators);
}

async function submissionCsv(slug: string) {
  const response = await api.app.inject({ method: "GET", url: `/api/agreements/${slug}/submission?format=csv`, headers: { cookie: manager.cookie } });
  expect(response.statusCode).toBe(200);
  // As a spreadsheet shows them: the apostrophe that keeps "+120" from being a formula is taken off.
  return parseCsv(response.body).map(({ row, cells }) => ({ row, cells: cells.map(cellText) }));
}

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
});
afterAll(async () => api.close());

describe("importing an agreement from a table", () => {
  it("a dry run shows every row as it will be read and creates nothing", async () => {
    const preview = await importTable(northshireCsv, "dryRun=true&fileName=northshire.csv");
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, created: false, problems: [] });
    expect(preview.body.agreement).toMatchObject({ slug: "northshire-local-area-agreement-2008-11", name: "Northshire Local Area Agreement 2008-11", years: ["2008/09", "2009/10", "2010/11"] });
    expect(preview.body.rows.map((row) => [row.row, row.theme, row.code, row.kind, row.catalogued, row.baseline])).toEqual([
      [4, "Safer communities", "NI 47", "designated", true, ["1183 (2005-07 average)"]],
      [6, "Environment", "NI 188", "designated", true, ["Level 0"]],
      [7, "Environment", "NSH 4", "local", false, ["Pending: New PI"]],
    ]);
    expect(preview.body.rows[0]?.targets).toEqual([
      { year: "2008/09", written: ["1100"], read: ["All: 1100"] },
      { year: "2009/10", written: ["2% reduction"], read: ["All: 2% reduction"] },
      { year: "2010/11", written: ["592 (50% reduction)"], read: ["All: 50% reduction"] },
    ]);
    expect(preview.body.newIndicators).toEqual([{ code: "NSH 4", title: "Older people helped to live at home" }]);
    expect(preview.body.newOrganisations).toEqual(["Northshire Road Safety Trust", "Northshire Care Trust"]);
    expect((await agreement("northshire-local-area-agreement-2008-11")).status).toBe(404);
    const catalogue = await api.app.inject({ method: "GET", url: "/api/indicators/nsh-4", headers: { cookie: manager.cookie } });
    expect(catalogue.statusCode).toBe(404);
  });

  it("creates a draft from a council's CSV with the indicators, baselines and targets as the table wrote them", async () => {
    const created = await importTable(northshireCsv, "slug=northshire-laa&fileName=northshire.csv");
    expect(created.status).toBe(201);
    expect(created.body.created).toBe(true);
    const { status, body } = await agreement("northshire-laa");
    const audited = await api.database.db.select().from(t.auditEvents).where(eq(t.auditEvents.entityType, "agreement"));
    expect(audited.filter((event) => event.action === "agreement.import").map((event) => [event.entityId, event.actor])).toEqual([
      [String(body.id), "Kent Agreement Manager <manager@kent-partnership.example>"],
    ]);
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: "Northshire Local Area Agreement 2008-11", status: "draft", years: ["2008/09", "2009/10", "2010/11"] });
    expect(body.themes.map((theme) => theme.title)).toEqual(["Safer communities", "Environment"]);
    const [ni47, ni188, local] = indicatorsOf(body);
    expect(ni47?.code).toBe("NI 47");
    expect(ni47?.baselines.map(({ value, period, written }) => ({ value, period, written }))).toEqual([{ value: "1183", period: "2005-07 average", written: "1183 (2005-07 average)" }]);
    expect(ni47?.targets.map(({ year, value, written }) => [year, value, written])).toEqual([
      ["2008/09", "1100", "1100"],
      ["2009/10", "1159.34", "2% reduction"],
      ["2010/11", "591.5", "592 (50% reduction)"],
    ]);
    expect(ni47?.partners.map((partner) => [partner.organisation.name, partner.role])).toEqual([
      ["Kent County Council", "lead"],
      ["Northshire Road Safety Trust", "non-statutory"],
    ]);
    expect(ni47?.notes).toEqual(["Casualty figures from STATS19", "Refresh status: Retained"]);
    expect(ni188?.targets.map((target) => target.written)).toEqual(["Level 1", "Level 2", "Level 3"]);
    expect(local).toMatchObject({ code: "NSH 4", title: "Older people helped to live at home", titleStatus: "unknown", kind: "local" });
    expect(local?.baselinePending).toMatchObject({ reason: "New PI" });
    expect(local?.targetNote).toBe("2008/09: TBC\n2009/10: N/A");

    // The catalogue grows by the unknown code, marked unknown, titled only as the table titled it.
    const catalogue = await api.app.inject({ method: "GET", url: "/api/indicators/nsh-4", headers: { cookie: manager.cookie } });
    expect(catalogue.json()).toMatchObject({ code: "NSH 4", title: "Older people helped to live at home", titleStatus: "unknown" });

    const rows = await submissionCsv("northshire-laa");
    const cells = (code: string) => rows.find((row) => row.cells[1] === code)?.cells ?? [];
    expect(cells("NI 47").slice(2, 7)).toEqual(["NI 47 * People killed or seriously injured in road traffic accidents", "1183 (2005-07 average)", "1100", "2% reduction", "592 (50% reduction)"]);
    expect(cells("NI 188").slice(3, 7)).toEqual(["Level 0", "Level 1", "Level 2", "Level 3"]);
    expect(cells("NSH 4").slice(2, 8)).toEqual(["NSH 4 Older people helped to live at home", "Pending: New PI", "", "", "2% increase", "2008/09: TBC\n2009/10: N/A"]);
  });

  it("creates a draft from another council's workbook laid out differently again", async () => {
    const created = await importTable(await southvaleWorkbook(), "slug=southvale-laa&name=Southvale Local Area Agreement&fileName=southvale.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(created.status).toBe(201);
    const { body } = await agreement("southvale-laa");
    expect(body).toMatchObject({ name: "Southvale Local Area Agreement", years: ["2009/10", "2010/11"] });
    const [ni155, ni55, local] = indicatorsOf(body);
    expect(ni155?.baselines.map((baseline) => baseline.value)).toEqual(["231"]);
    expect(ni155?.targets.map(({ year, value, writtenValue, written }) => [year, value, writtenValue, written])).toEqual([
      ["2009/10", "351", null, "+120"],
      ["2010/11", "491", "260", "+140 = 260"],
    ]);
    expect(ni155?.partners.map((partner) => [partner.organisation.name, partner.role])).toEqual([
      ["Kent County Council", "lead"],
      ["Southvale Housing Association", "non-statutory"],
    ]);
    expect(ni155?.notes).toEqual(["Stretch agreed"]);
    expect(ni55?.baselines.map(({ value, unit, written }) => ({ value, unit, written }))).toEqual([{ value: "9.6", unit: "%", written: "9.6%" }]);
    expect(ni55?.targets.map(({ value, written }) => [value, written])).toEqual([["9.4", "9.4%"], ["9.1", "9.1%"]]);
    // No title in the table: the catalogue takes the code alone, never a title made up.
    expect(local).toMatchObject({ code: "SV 12", title: "SV 12", titleStatus: "unknown", targetNote: "2009/10: To be agreed" });
    const rows = await submissionCsv("southvale-laa");
    expect(rows.find((row) => row.cells[1] === "NI 155")?.cells.slice(3, 6)).toEqual(["231", "+120", "+140 = 260"]);
    expect(rows.find((row) => row.cells[1] === "NI 55")?.cells.slice(3, 6)).toEqual(["9.6%", "9.4%", "9.1%"]);
  });

  it("reads back Accord's own submission template", async () => {
    const exported = await api.app.inject({ method: "GET", url: "/api/agreements/kent-ka2/submission?format=xlsx", headers: { cookie: manager.cookie } });
    expect(exported.statusCode).toBe(200);
    const preview = await importTable(exported.rawPayload, "dryRun=true&slug=kent-ka2-copy", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(preview.body.problems.map((problem) => problem.text)).toEqual([]);
    const original = indicatorsOf((await agreement("kent-ka2")).body);
    expect(preview.body.rows.map((row) => row.code).sort()).toEqual(original.map((indicator) => indicator.code).sort());
    const ni47 = preview.body.rows.find((row) => row.code === "NI 47");
    const kentNi47 = original.find((indicator) => indicator.code === "NI 47");
    expect(ni47?.baselines.map((baseline) => baseline.value)).toEqual(kentNi47?.baselines.map((baseline) => baseline.value));
  });

  it("refuses a table with bad rows whole, every problem listed, and creates nothing", async () => {
    const bad = [
      "Code,Title,Baseline,08/09,09/10",
      "NI 47,Road casualties,\"12,x\",1100,1000",
      "NI 8,Adult participation in sport,21.9%,23.4.5,24%",
      "BVX 9,A new local measure,100,90,80",
    ].join("\n");
    const refused = await importTable(bad, "slug=badshire-laa");
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toBe("Nothing was imported: the table has 2 problems on 2 rows. Correct them and send the whole table again.");
    expect(refused.body.error?.details).toEqual([
      { field: "row 2, column 'Baseline'", message: "'12,x' is not a number" },
      { field: "row 3, column '08/09'", message: "'23.4.5' is not a target: write a number, a change such as '2% increase', or 'Level 3'" },
    ]);
    expect((await agreement("badshire-laa")).status).toBe(404);
    const imports = await api.database.db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "agreement.import"));
    expect(imports.map((event) => (event.after as { agreement: { slug: string } }).agreement.slug)).not.toContain("badshire-laa");
    expect((await api.app.inject({ method: "GET", url: "/api/indicators/bvx-9", headers: { cookie: manager.cookie } })).statusCode).toBe(404);
  });

  it("refuses a slug that is taken, and someone who is not a manager", async () => {
    const taken = await importTable(northshireCsv, "slug=kent-ka2");
    expect(taken.status).toBe(409);
    const officer = await signIn(api.app, "officer.ni47@kent-partnership.example");
    const response = await api.app.inject({
      method: "POST",
      url: "/api/agreements/import?slug=officer-laa",
      headers: { cookie: officer.cookie, "x-csrf-token": officer.csrfToken, "content-type": "text/csv" },
      payload: Buffer.from(northshireCsv),
    });
    expect(response.statusCode).toBe(403);
  });
});
