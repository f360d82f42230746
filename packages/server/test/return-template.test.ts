/**
 * The return template of a monitoring round, through the API on both databases: each person
 * downloads the rows they fill in (read back with exceljs and as CSV text), fills values in and
 * sends the file back; a file with several faults is refused whole with every bad row and cell
 * listed and nothing written; a value someone changed since the download is refused as stale.
 *
 * The round is 2010/11 H1, a period the demo's own rounds do not hold.
 */
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";
import { queryRows } from "./support/sql.js";

let api: TestApp;
let manager: Session;
let officer: Session;
let lsp: Session;

const round = "/api/agreements/kent-ka2/rounds/2010-11-h1";
const kent = "E10000016";
const thanet = "E07000114";
const ashford = "E07000105";
const headings = [
  "Indicator", "Title", "Component", "Area code", "Area", "Period", "Unit", "Value", "Numerator", "Denominator",
  "Provisional or final", "Source", "Note", "Version (do not change)",
];
type Row = Record<string, string>;

async function download(session: Session, format: "csv" | "xlsx") {
  return api.app.inject({
    method: "GET",
    url: `${round}/template?format=${format}`,
    headers: { cookie: session.cookie },
  });
}

/** The CSV as a spreadsheet user's rows, keyed by heading. */
async function csvRows(session: Session): Promise<Row[]> {
  const response = await download(session, "csv");
  expect(response.statusCode).toBe(200);
  expect(response.headers["content-type"]).toMatch(/^text\/csv/);
  return parse(response.body, { columns: true, bom: true }) as Row[];
}

/** A CSV file of rows, as a spreadsheet would save it. */
function csvFile(rows: Row[]): string {
  const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return [headings, ...rows.map((row) => headings.map((heading) => row[heading] ?? ""))]
    .map((cells) => cells.map(quote).join(","))
    .join("\r\n");
}

async function upload(session: Session, file: string | Buffer, contentType = "text/csv") {
  const response = await api.app.inject({
    method: "POST",
    url: `${round}/upload`,
    headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken, "content-type": contentType },
    payload: file,
  });
  return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
}

async function observationCount(): Promise<number> {
  const [row] = await queryRows(api.database.db, sql`select count(*)::int as n from observations`);
  return Number(row?.n);
}

function find(rows: Row[], indicator: string, area: string, component = "all"): Row {
  const row = rows.find((one) => one.Indicator === indicator && one["Area code"] === area && one.Component === component);
  if (!row) throw new Error(`no row for ${indicator} ${area} ${component}`);
  return row;
}

beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
  officer = await signIn(api.app, "officer.ni47@kent-partnership.example");
  lsp = await signIn(api.app, "lsp.thanet@kent-partnership.example");
  const opened = await send(api.app, manager, { method: "POST", url: "/api/agreements/kent-ka2/rounds", body: { period: "2010/11 H1" } });
  expect(opened.status).toBe(201);
});
afterAll(async () => {
  await api?.close();
});

describe("downloading the return template", () => {
  it("gives the officer of NI 47 its county and 12 district rows, with the round's period, as CSV", async () => {
    const response = await download(officer, "csv");
    expect(response.headers["content-disposition"]).toBe('attachment; filename="kent-ka2-return-2010-11-h1.csv"');
    const rows = await csvRows(officer);
    expect(Object.keys(rows[0] ?? {})).toEqual(headings);
    expect(rows).toHaveLength(13);
    expect(new Set(rows.map((row) => row.Indicator))).toEqual(new Set(["NI 47"]));
    expect(rows.map((row) => row["Area code"])).toContain(kent);
    expect(rows.map((row) => row["Area code"])).toContain(thanet);
    expect(new Set(rows.map((row) => row.Period))).toEqual(new Set(["2010/11 H1"]));
  });

  it("gives the Thanet LSP coordinator Thanet's rows only, every indicator and component, as XLSX", async () => {
    const response = await download(lsp, "xlsx");
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    const values: string[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1).map((cell) => (cell === null || cell === undefined ? "" : String(cell)))));
    const headerIndex = values.findIndex((cells) => cells[0] === "Indicator");
    expect(values[headerIndex]).toEqual(headings);
    expect(values[0]?.[0]).toMatch(/^Kent Agreement 2: return template for 2010\/11 H1/);
    const rows = values.slice(headerIndex + 1);
    expect(rows.length).toBeGreaterThan(30);
    expect(new Set(rows.map((cells) => cells[3]))).toEqual(new Set([thanet]));
    expect(rows.map((cells) => cells[0])).toContain("NI 47");
    // NI 120 is reported for men, women and all persons: a row for each.
    expect(rows.filter((cells) => cells[0] === "NI 120").map((cells) => cells[2])).toEqual(["male", "female", "all-persons"]);
  });

  it("gives a manager every indicator for the county and each district", async () => {
    const rows = await csvRows(manager);
    const lspRows = await csvRows(lsp);
    const countyRows = rows.filter((row) => row["Area code"] === kent);
    expect(rows.filter((row) => row["Area code"] === thanet)).toHaveLength(lspRows.length);
    expect(countyRows.length).toBeGreaterThan(lspRows.length - 1);
    expect(new Set(rows.map((row) => row["Area code"])).size).toBe(13);
    expect(find(rows, "NI 163", kent).Unit).toBe("%");
  });

  it("carries the demo's values, versions and illustrative-figures notice in a published round, which takes no upload", async () => {
    const response = await api.app.inject({
      method: "GET",
      url: "/api/agreements/kent-ka2/rounds/2008-09-h1/template?format=xlsx",
      headers: { cookie: officer.cookie },
    });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    const firstColumn: unknown[] = [];
    sheet.eachRow((row) => firstColumn.push(row.getCell(1).value));
    expect(firstColumn.slice(0, 4)).toContain("Illustrative figures, not Kent's published results");
    let kentRow: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === "NI 47" && row.getCell(4).value === kent) kentRow = row;
    });
    expect(typeof kentRow?.getCell(8).value).toBe("number");
    expect(kentRow?.getCell(12).value).toBe("Illustrative figures, not Kent's published results");
    expect(kentRow?.getCell(14).value).toBe(1);

    const csv = await api.app.inject({
      method: "GET",
      url: "/api/agreements/kent-ka2/rounds/2008-09-h1/template?format=csv",
      headers: { cookie: officer.cookie },
    });
    const refused = await api.app.inject({
      method: "POST",
      url: "/api/agreements/kent-ka2/rounds/2008-09-h1/upload",
      headers: { cookie: officer.cookie, "x-csrf-token": officer.csrfToken, "content-type": "text/csv" },
      payload: csv.body,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ error: { message: string } }>().error.message).toBe(
      "The 2008/09 H1 round is published: values are taken only while a round is open (no interim updates).",
    );
  });

  it("refuses someone who fills in no return, and a round that does not exist", async () => {
    const partner = await signIn(api.app, "partner@kent-police.example");
    const refused = await download(partner, "csv");
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/accountable officer, an LSP coordinator or a manager/);
    const missing = await api.app.inject({ method: "GET", url: "/api/agreements/kent-ka2/rounds/2031-32-h1/template", headers: { cookie: manager.cookie } });
    expect(missing.statusCode).toBe(404);
  });
});

describe("sending the template back", () => {
  it("writes the officer's filled-in values, then finds the same file unchanged", async () => {
    const rows = await csvRows(officer);
    find(rows, "NI 47", kent).Value = "640";
    find(rows, "NI 47", thanet).Value = "71";
    find(rows, "NI 47", thanet)["Provisional or final"] = "final";
    const file = csvFile(rows);
    const saved = await upload(officer, file);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ round: "2010/11 H1", written: 2, unchanged: 0, blank: 11 });

    const after = await csvRows(officer);
    expect(find(after, "NI 47", kent)).toMatchObject({ Value: "640", "Version (do not change)": "1", "Provisional or final": "provisional" });
    expect(find(after, "NI 47", thanet)).toMatchObject({ Value: "71", "Version (do not change)": "1", "Provisional or final": "final" });

    const again = await upload(officer, csvFile(after));
    expect(again.body).toMatchObject({ written: 0, unchanged: 2 });
    expect(find(await csvRows(officer), "NI 47", kent)["Version (do not change)"]).toBe("1");
  });

  it("takes a workbook back: the LSP coordinator's rate with numerator and denominator, and a change of their earlier value", async () => {
    const response = await download(lsp, "xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    sheet.eachRow((row) => {
      const indicator = row.getCell(1).value;
      if (indicator === "NI 163") {
        row.getCell(8).value = 66.9;
        row.getCell(9).value = 54321;
        row.getCell(10).value = 81197;
      }
      // Thanet's NI 47 as the officer recorded it (version 1), changed by the coordinator.
      if (indicator === "NI 47") {
        expect(row.getCell(8).value).toBe(71);
        expect(row.getCell(14).value).toBe(1);
        row.getCell(8).value = 69;
      }
    });
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const saved = await upload(lsp, file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ written: 2 });
    const rows = await csvRows(manager);
    expect(find(rows, "NI 163", thanet)).toMatchObject({ Value: "66.9", Numerator: "54321", Denominator: "81197", "Version (do not change)": "1" });
    expect(find(rows, "NI 47", thanet)).toMatchObject({ Value: "69", "Version (do not change)": "2" });
  });

  it("takes the file from a multipart form", async () => {
    const rows = (await csvRows(officer)).filter((row) => row["Area code"] === ashford);
    for (const row of rows) row.Value = "55";
    const boundary = "----accord-test-boundary";
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="return.csv"',
      "Content-Type: text/csv",
      "",
      csvFile(rows),
      `--${boundary}--`,
      "",
    ].join("\r\n");
    const saved = await upload(officer, body, `multipart/form-data; boundary=${boundary}`);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ written: 1 });
  });

  it("refuses a file with several faults whole, listing every bad row and cell, and writes nothing", async () => {
    const rows = await csvRows(manager);
    const good = find(rows, "NI 47", "E07000106");
    good.Value = "90";
    const wrongDistrict = { ...find(rows, "NI 47", "E07000107"), "Area code": "E07999999", Value: "12" };
    const text = { ...find(rows, "NI 47", "E07000108"), Value: "twelve" };
    const unknown = { ...find(rows, "NI 47", "E07000109"), Indicator: "NI 999", Value: "3" };
    const component = { ...find(rows, "NI 47", "E07000110"), Component: "female", Value: "4" };
    const mismatch = { ...find(rows, "NI 163", kent), Value: "70", Numerator: "50", Denominator: "100" };
    const textNumerator = { ...find(rows, "NI 163", "E07000110"), Value: "50", Numerator: "lots", Denominator: "100" };
    const before = await observationCount();
    const file = [good, wrongDistrict, text, unknown, component, mismatch, textNumerator];
    const refused = await upload(manager, csvFile(file));
    expect(refused.status).toBe(400);
    const error = refused.body.error as { message: string; details: { field: string; message: string }[] };
    expect(error.message).toBe("Nothing was saved: 6 rows of the file have 6 problems. Correct them and send the whole file again.");
    const problems = refused.body.problems as { row: number; column: string; reason: string }[];
    expect(problems.map(({ row, column }) => [row, column])).toEqual([
      [3, "Area code"],
      [4, "Value"],
      [5, "Indicator"],
      [6, "Component"],
      [7, "Value"],
      [8, "Numerator"],
    ]);
    expect(problems[0]?.reason).toMatch(/"E07999999" is not Kent \(E10000016\) or one of its districts/);
    expect(problems[1]?.reason).toBe('"twelve" must be a number written with digits, e.g. 1183 or 67.5');
    expect(problems[2]?.reason).toBe('"NI 999" is not an indicator of Kent Agreement 2');
    expect(problems[3]?.reason).toMatch(/NI 47 has no component "female": it has all/);
    expect(problems[4]?.reason).toMatch(/value 70 does not match numerator 50 \/ denominator 100 × 100 = 50/);
    expect(error.details[0]).toEqual({ field: "row 3, Area code", message: problems[0]?.reason });
    expect(await observationCount()).toBe(before);
    expect(find(await csvRows(manager), "NI 47", "E07000106").Value).toBe("");
  });

  it("refuses the LSP coordinator's rows for another district, and a row given twice", async () => {
    const rows = await csvRows(manager);
    const ashfordRow = { ...find(rows, "NI 163", ashford), Value: "60" };
    const thanetRow = { ...find(rows, "NI 8", thanet), Value: "40" };
    const twice = { ...thanetRow, Value: "41" };
    const refused = await upload(lsp, csvFile([ashfordRow, thanetRow, twice]));
    expect(refused.status).toBe(400);
    const problems = refused.body.problems as { row: number; column: string; reason: string }[];
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ row: 2, column: "Area code" });
    expect(problems[0]?.reason).toMatch(/^you may not fill in Ashford's NI 163: Only the indicator's accountable officer/);
    expect(problems[1]).toMatchObject({ row: 4, column: "", reason: "row 3 already gives Thanet's NI 8: give each value once" });
    expect(find(await csvRows(lsp), "NI 8", thanet).Value).toBe("");
  });

  it("refuses a value someone changed since the download (409 with what it is now) and leaves theirs", async () => {
    const downloaded = await csvRows(officer);
    // The manager changes Kent's NI 47 after the officer downloaded the template.
    const managers = await csvRows(manager);
    find(managers, "NI 47", kent).Value = "630";
    expect((await upload(manager, csvFile([find(managers, "NI 47", kent)]))).status).toBe(200);

    find(downloaded, "NI 47", kent).Value = "655";
    find(downloaded, "NI 47", "E07000111").Value = "48";
    const refused = await upload(officer, csvFile(downloaded));
    expect(refused.status).toBe(409);
    const problems = refused.body.problems as { row: number; column: string; reason: string; current: { value: string; version: number } }[];
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ column: "Version (do not change)", current: { value: "630", version: 2 } });
    expect(problems[0]?.reason).toMatch(/^someone changed this since you downloaded it: Kent's NI 47 is now 630, version 2, recorded by /);
    const now = await csvRows(officer);
    expect(find(now, "NI 47", kent).Value).toBe("630");
    // All or nothing: the sound row was not written either.
    expect(find(now, "NI 47", "E07000111").Value).toBe("");
  });

  it("refuses the values of a submitted return whole (409 saying it is locked) until it is returned", async () => {
    const ni47 = `${round}/returns/ni-47`;
    expect((await send(api.app, officer, { method: "PUT", url: ni47, body: { progress: "Fewer casualties on the A2" } })).status).toBe(200);
    expect((await send(api.app, officer, { method: "POST", url: `${ni47}/submit`, body: { version: 1 } })).status).toBe(200);
    const rows = await csvRows(officer);
    find(rows, "NI 47", kent).Value = "620";
    find(rows, "NI 47", "E07000112").Value = "40";
    const refused = await upload(officer, csvFile(rows));
    expect(refused.status).toBe(409);
    const problems = refused.body.problems as { row: number; column: string; reason: string }[];
    expect(problems.map(({ row, column }) => [row, column])).toEqual([
      [2, ""],
      // Row 1 holds the headings, so a row's number is its place in the list plus 2.
      [rows.indexOf(find(rows, "NI 47", "E07000112")) + 2, ""],
    ]);
    expect(problems[0]?.reason).toBe(
      "The NI 47 return for 2010/11 H1 is submitted, so its values are locked: a manager must return it before they change.",
    );
    expect(find(await csvRows(officer), "NI 47", kent).Value).toBe("630");
  });

  it("refuses what is not a template, and a file with no rows", async () => {
    const notTemplate = await upload(officer, "name,age\r\nAda,36\r\n");
    expect(notTemplate.status).toBe(400);
    expect((notTemplate.body.error as { message: string }).message).toMatch(/^The file is not a return template/);
    const noRows = await upload(officer, `${headings.join(",")}\r\n`);
    expect(noRows.status).toBe(400);
    expect((noRows.body.error as { message: string }).message).toMatch(/no rows/);
    const json = await send(api.app, officer, { method: "POST", url: `${round}/upload`, body: { rows: [] } });
    expect(json.status).toBe(400);
    expect((json.body as { error: { field: string } }).error.field).toBe("file");
  });
});
