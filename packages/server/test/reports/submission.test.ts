/**
 * The submission template of Kent Agreement 2 as at 1 May 2008, the date of the seed's appendix:
 * the model, then each format written and read back with a library other than the one that wrote
 * it (DOCX: mammoth and JSZip; XLSX: SheetJS; CSV: csv-parse; PDF: pdf.js).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import JSZip from "jszip";
import mammoth from "mammoth";
import { read as readWorkbook, utils as sheetUtils } from "xlsx";
import { parse as parseCsv } from "csv-parse/sync";
import { getAgreement } from "../../src/features/agreements/service.js";
import { AppError } from "../../src/errors.js";
import { exportSubmission } from "../../src/reports/export-submission.js";
import type { ExportedFile, SubmissionFormat } from "../../src/reports/export-submission.js";
import { buildSubmission } from "../../src/reports/submission.js";
import type { Submission, SubmissionRow } from "../../src/reports/submission.js";
import { createTestDatabase } from "../support/database.js";
import type { TestDatabase } from "../support/database.js";
import { designatedCodes, mentionsCode, squash, statutoryCodes, themeTitles } from "./seed-appendix.js";

const asAt = "2008-05-01";
const everyCode = [...designatedCodes, ...statutoryCodes];

let database: TestDatabase;
let submission: Submission;
beforeAll(async () => {
  database = await createTestDatabase();
  submission = buildSubmission(await getAgreement(database.db, "kent-ka2"), asAt);
});
afterAll(async () => {
  await database?.destroy();
});

function exportAs(format: SubmissionFormat): Promise<ExportedFile> {
  return exportSubmission({ db: database.db, slug: "kent-ka2", format, asAt });
}

function row(code: string): SubmissionRow {
  const found = submission.groups.flatMap((group) => group.rows).find((candidate) => candidate.code === code);
  if (!found) throw new Error(`${code} is not in the submission template`);
  return found;
}

/** What every format must show, checked on the text a reader got out of the file. */
function expectTheWholeTemplate(text: string): void {
  const flat = squash(text);
  for (const title of themeTitles) expect(flat.toLowerCase()).toContain(title.toLowerCase());
  const missing = everyCode.filter((code) => !mentionsCode(flat, code));
  expect(missing).toEqual([]);
  expect(flat).toContain("592 (50% reduction)");
  expect(flat).toContain("+1503 = 2859");
  expect(flat).toContain("Kent County Council*");
  expect(flat).toMatch(/proposed to omit, replaced by NI 159/i);
}

describe("buildSubmission (Kent Agreement 2 as at 1 May 2008)", () => {
  it("is titled with the agreement and the date, and heads its columns as the seed's appendix does", () => {
    expect(submission.title).toBe("Kent Agreement 2 — submission template as at 1 May 2008");
    expect(submission.columns.indicator).toBe("Indicator(s), including those from national indicator set (shown with a *)");
    expect(submission.columns.baseline).toBe("Baseline");
    expect(submission.columns.years).toEqual(["08/09", "09/10", "10/11"]);
    expect(submission.columns.partners).toBe("Partners who have signed-up to the target and any which are acting as lead partner/s (shown with a*)");
  });

  it("groups the indicators by theme in the seed's order, the DCSF statutory group last", () => {
    expect(submission.groups.map((group) => group.title)).toEqual(themeTitles);
    const rows = submission.groups.flatMap((group) => group.rows);
    expect(rows.filter((r) => r.kind === "designated" && !r.omitted).map((r) => r.code)).toEqual(designatedCodes);
    expect(submission.groups.at(-1)?.rows.map((r) => r.code)).toEqual(statutoryCodes);
  });

  it("writes NI 47 with its NIS star, baseline 1183, the 592 target as written and Kent County Council starred as lead", () => {
    const ni47 = row("NI 47");
    expect(ni47.indicator).toBe("NI 47 * People killed or seriously injured in road traffic accidents");
    expect(ni47.baseline).toBe("1183");
    expect(ni47.targets).toEqual(["", "", "Proposed at 592 (50% reduction)"]);
    expect(ni47.partnersText).toBe(
      "Lead: Kent County Council* | Statutory partners: Kent Police, Kent Fire and Rescue Service, East Kent and Coastal Primary Care Trust, " +
        "West Kent Primary Care Trust, District Councils (to be named), Kent Probation | Non-statutory partners: Kent & Medway Safety Camera Partnership",
    );
    expect(ni47.statusText).toBe("Under discussion with GOSE. – not yet agreed");
  });

  it("gives a value per component and year for NI 120, and NI 155's cumulative targets as written", () => {
    const ni120 = row("NI 120");
    expect(ni120.baseline).toBe("Male 656; Female 491; All persons 565");
    expect(ni120.targets[0]).toBe("Male 613\nFemale 467\nAll persons 535");
    expect(row("NI 155").targets).toEqual(["+1356", "+1503 = 2859", "+1425 = 4284"]);
  });

  it("shows a pending baseline's reason and a target given only as prose", () => {
    const ni3 = row("NI 3");
    expect(ni3.baseline).toMatch(/^Pending: .*Place/);
    expect(ni3.targets).toEqual(["", "", ""]);
    expect(ni3.targetNote).toMatch(/2% increase/);
  });

  it("shows NI 170 as proposed to omit, replaced by NI 159", () => {
    const ni170 = row("NI 170");
    expect(ni170.omitted).toBe(true);
    expect(ni170.indicatorNotes).toContain("Proposed to omit, replaced by NI 159");
    expect(ni170.status).toBeNull();
    expect(row("NI 159").indicatorNotes).toContain("Replaces NI 170");
  });

  it("counts the statuses as the seed's summary does: 2 agreed, 23 under discussion, 10 deferred", () => {
    const designated = submission.groups.flatMap((group) => group.rows).filter((r) => r.kind === "designated" && !r.omitted);
    const count = (status: string) => designated.filter((r) => r.status === status).length;
    expect(count("agreed-with-government-office")).toBe(2);
    expect(count("under-discussion")).toBe(23);
    expect(count("deferred")).toBe(10);
  });

  it("shows the negotiation status as it stood on the date asked for", async () => {
    const before = buildSubmission(await getAgreement(database.db, "kent-ka2"), "2008-04-30");
    expect(before.title).toBe("Kent Agreement 2 — submission template as at 30 April 2008");
    const rows = before.groups.flatMap((group) => group.rows).filter((r) => !r.omitted);
    expect(new Set(rows.map((r) => r.statusText))).toEqual(new Set(["Not started"]));
    // Everything else is as stored.
    expect(rows.find((r) => r.code === "NI 47")?.baseline).toBe("1183");
  });
});

describe("exportSubmission", () => {
  it("names the file after the agreement and the date", async () => {
    const file = await exportAs("csv");
    expect(file.fileName).toBe("kent-ka2-submission-2008-05-01.csv");
    expect(file.contentType).toMatch(/^text\/csv/);
  });

  it("refuses an unknown format or a date that is not a date, naming the field", async () => {
    await expect(exportSubmission({ db: database.db, slug: "kent-ka2", format: "odt" as SubmissionFormat, asAt })).rejects.toMatchObject({ code: "BAD_REQUEST", field: "format" });
    await expect(exportSubmission({ db: database.db, slug: "kent-ka2", format: "csv", asAt: "1 May 2008" })).rejects.toMatchObject({ code: "BAD_REQUEST", field: "asAt" });
    await expect(exportSubmission({ db: database.db, slug: "kent-ka9", format: "csv", asAt })).rejects.toBeInstanceOf(AppError);
  });
});

describe("DOCX, read back with mammoth and JSZip", () => {
  let file: ExportedFile;
  beforeAll(async () => {
    file = await exportAs("docx");
  });

  it("holds every theme, every indicator, the NI 47 and NI 155 targets, the starred leads and NI 170's omission", async () => {
    const { value: text } = await mammoth.extractRawText({ buffer: file.buffer });
    expect(text).toContain("Kent Agreement 2 — submission template as at 1 May 2008");
    expectTheWholeTemplate(text);
  });

  it("puts NI 47's baseline, target and lead partner in NI 47's rows", async () => {
    const { value: html } = await mammoth.convertToHtml({ buffer: file.buffer });
    const ni47 = html.split("<tr>").find((tableRow) => tableRow.includes("NI 47"));
    expect(ni47).toBeDefined();
    const text = squash((ni47 ?? "").replace(/<[^>]+>/g, " "));
    expect(text).toContain("1183");
    expect(text).toContain("Proposed at 592 (50% reduction)");
    expect(text).toContain("Lead: Kent County Council*");
  });

  it("is landscape A4, with a table per theme whose heading rows repeat on every page", async () => {
    const zip = await JSZip.loadAsync(file.buffer);
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    expect(xml).toMatch(/<w:pgSz[^>]*w:w="16838"[^>]*w:h="11906"[^>]*w:orient="landscape"/);
    expect(xml.match(/<w:tbl>/g)?.length).toBe(themeTitles.length);
    expect(xml.match(/<w:tblHeader\/>/g)?.length).toBe(2 * themeTitles.length);
  });
});

describe("XLSX, read back with SheetJS", () => {
  let cells: string[][];
  let raw: JSZip;
  beforeAll(async () => {
    const file = await exportAs("xlsx");
    const workbook = readWorkbook(file.buffer, { type: "buffer" });
    expect(workbook.SheetNames).toEqual(["Submission template"]);
    const sheet = workbook.Sheets["Submission template"];
    if (!sheet) throw new Error("no sheet");
    // Every cell is text: nothing for a spreadsheet to calculate.
    const types = new Set(Object.entries(sheet).filter(([address]) => !address.startsWith("!")).map(([, cell]) => (cell as { t: string }).t));
    expect([...types]).toEqual(["s"]);
    cells = sheetUtils.sheet_to_json<string[]>(sheet, { header: 1, defval: "", raw: false });
    raw = await JSZip.loadAsync(file.buffer);
  });
  const sheetRow = (code: string) => cells.find((r) => r[0]?.startsWith(`${code} `)) ?? [];

  it("holds every theme, every indicator, the NI 47 and NI 155 targets, the starred leads and NI 170's omission", () => {
    expectTheWholeTemplate(cells.map((r) => r.join("\n")).join("\n"));
  });

  it("heads its columns as the seed does, with a separator row per theme", () => {
    expect(cells[0]?.[0]).toBe("Kent Agreement 2 — submission template as at 1 May 2008");
    expect(cells[2]?.slice(0, 5)).toEqual(["Indicator(s), including those from national indicator set (shown with a *)", "Baseline", "08/09", "09/10", "10/11"]);
    expect(cells[2]?.[6]).toMatch(/^Partners who have signed-up to the target/);
    for (const title of themeTitles) {
      const separator = cells.find((r) => r[0] === title);
      expect(separator?.slice(1).every((cell) => cell === "")).toBe(true);
    }
  });

  it("keeps NI 47's baseline, target and lead in one row", () => {
    const ni47 = sheetRow("NI 47");
    expect(ni47[1]).toBe("1183");
    expect(ni47[4]).toBe("Proposed at 592 (50% reduction)");
    expect(ni47[6]).toMatch(/^Lead: Kent County Council\*\n/);
  });

  it("writes NI 155's '+1356' as text behind an apostrophe, and no cell starts with = + - @", () => {
    const ni155 = sheetRow("NI 155");
    expect(ni155.slice(2, 5)).toEqual(["'+1356", "'+1503 = 2859", "'+1425 = 4284"]);
    const risky = cells.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell));
    expect(risky).toEqual([]);
  });

  it("freezes the heading row and wraps text", async () => {
    const xml = (await raw.file("xl/worksheets/sheet1.xml")?.async("string")) ?? "";
    expect(xml).toMatch(/<pane [^>]*ySplit="3"[^>]*state="frozen"/);
    const styles = (await raw.file("xl/styles.xml")?.async("string")) ?? "";
    expect(styles).toContain('wrapText="1"');
  });

  it("prints on A4 landscape, one page wide, the heading row repeated, its text at a readable size", async () => {
    const xml = (await raw.file("xl/worksheets/sheet1.xml")?.async("string")) ?? "";
    const workbookXml = (await raw.file("xl/workbook.xml")?.async("string")) ?? "";
    const styles = (await raw.file("xl/styles.xml")?.async("string")) ?? "";
    const attribute = (tag: string, name: string) => new RegExp(`<${tag}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml)?.[1];
    expect(attribute("pageSetup", "orientation")).toBe("landscape");
    expect(attribute("pageSetup", "paperSize")).toBe("9");
    expect(attribute("pageSetUpPr", "fitToPage")).toBe("1");
    expect(attribute("pageSetup", "fitToWidth")).toBe("1");
    expect(attribute("pageSetup", "fitToHeight")).toBe("0");
    expect(workbookXml).toMatch(/<definedName name="_xlnm.Print_Titles" localSheetId="0">[^<]*\$3:\$3<\/definedName>/);

    // How large the body text prints: a column of width w characters is about 7w + 5 pixels at
    // 96 dpi; fit to one page wide shrinks the whole sheet to the printable width of the page.
    const widths = [...xml.matchAll(/<col\b[^>]*\bmin="(\d+)"[^>]*\bmax="(\d+)"[^>]*\bwidth="([\d.]+)"/g)].flatMap(([, min, max, width]) =>
      Array.from({ length: Number(max) - Number(min) + 1 }, () => Number(width)),
    );
    expect(widths.length).toBe(cells[2]?.length);
    const sheetPoints = widths.reduce((sum, width) => sum + (7 * width + 5) * 0.75, 0);
    const margins = /<pageMargins\b[^>]*\bleft="([\d.]+)"[^>]*\bright="([\d.]+)"/.exec(xml);
    const printablePoints = (297 / 25.4 - Number(margins?.[1]) - Number(margins?.[2])) * 72;
    const scale = Math.min(1, printablePoints / sheetPoints);
    // The font of NI 47's cells, through the cell's style.
    const rowNumber = cells.findIndex((r) => r[0]?.startsWith("NI 47 ")) + 1;
    const styleIndex = Number(new RegExp(`<c r="B${rowNumber}"[^>]*\\bs="(\\d+)"`).exec(xml)?.[1]);
    const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "";
    const fontId = Number(/fontId="(\d+)"/.exec([...cellXfs.matchAll(/<xf\b[^>]*\/?>/g)][styleIndex]?.[0] ?? "")?.[1]);
    const fonts = [...(/<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)?.[1] ?? "").matchAll(/<font>([\s\S]*?)<\/font>/g)];
    const size = Number(/<sz val="([\d.]+)"/.exec(fonts[fontId]?.[1] ?? "")?.[1]);
    expect(size).toBeGreaterThanOrEqual(9);
    expect(size * scale, `body text prints at ${(size * scale).toFixed(1)} pt`).toBeGreaterThanOrEqual(8);
  });
});

describe("CSV, read back with csv-parse", () => {
  let bytes: Buffer;
  let records: string[][];
  beforeAll(async () => {
    bytes = (await exportAs("csv")).buffer;
    records = parseCsv(bytes, { bom: true }) as string[][];
  });
  const csvRow = (code: string) => records.find((r) => r[1] === code) ?? [];

  it("starts with a UTF-8 byte order mark so Excel reads the dashes, and keeps them", () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvRow("NI 47")[9]).toBe("Under discussion with GOSE. – not yet agreed");
  });

  it("has one row per indicator with its theme, under the seed's headings", () => {
    expect(records[0]?.slice(0, 7)).toEqual(["Theme", "Code", "Indicator(s), including those from national indicator set (shown with a *)", "Baseline", "08/09", "09/10", "10/11"]);
    expect(records.length).toBe(1 + designatedCodes.length + 1 + statutoryCodes.length);
    expect(new Set(records.slice(1).map((r) => r[0]))).toEqual(new Set(themeTitles));
    expect(csvRow("NI 92")[0]).toBe("DCSF Statutory Indicators");
    expectTheWholeTemplate(records.map((r) => r.join("\n")).join("\n"));
  });

  it("keeps NI 47's baseline, target and starred lead in one row", () => {
    const ni47 = csvRow("NI 47");
    expect(ni47[0]).toBe("Keeping Kent Moving");
    expect(ni47[3]).toBe("1183");
    expect(ni47[6]).toBe("Proposed at 592 (50% reduction)");
    expect(ni47[8]).toMatch(/^Lead: Kent County Council\* \|/);
  });

  it("writes NI 155's '+1356' behind an apostrophe, and no cell starts with = + - @", () => {
    expect(csvRow("NI 155").slice(4, 7)).toEqual(["'+1356", "'+1503 = 2859", "'+1425 = 4284"]);
    expect(records.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  });

  it("shows NI 170 as proposed to omit, replaced by NI 159", () => {
    expect(csvRow("NI 170")[2]).toMatch(/^NI 170 \* Previously developed land .*\nProposed to omit, replaced by NI 159$/);
    expect(csvRow("NI 170")[9]).toBe("Omitted: replaced by NI 159");
  });
});

describe("printable HTML", () => {
  let html: string;
  beforeAll(async () => {
    html = (await exportAs("html")).buffer.toString("utf8");
  });

  it("is a complete page in British English, with no scripts", () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("<title>Kent Agreement 2 — submission template as at 1 May 2008</title>");
    expectTheWholeTemplate(html.replace(/<[^>]+>/g, " ").replace(/&amp;/g, "&").replace(/&#39;/g, "'").replace(/&quot;/g, '"'));
  });

  it("captions a table per theme, heads its columns and rows with th scope, and prints landscape with the headings repeated", () => {
    expect(html.match(/<caption>/g)?.length).toBe(themeTitles.length);
    expect(html.match(/<th scope="row"/g)?.length).toBe(designatedCodes.length + 1 + statutoryCodes.length);
    expect(html).toContain('<th scope="colgroup" colspan="3">');
    expect(html).toMatch(/@page \{ size: A4 landscape;/);
    expect(html).toMatch(/thead \{ display: table-header-group; \}/);
  });
});

describe("PDF, printed by Chromium and read back with pdf.js", () => {
  let pages: string[];
  beforeAll(async () => {
    const file = await exportAs("pdf");
    expect(file.buffer.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const document = await pdfjs.getDocument({ data: new Uint8Array(file.buffer), isEvalSupported: false }).promise;
    pages = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const content = await (await document.getPage(number)).getTextContent();
      pages.push(content.items.map((item) => ("str" in item ? `${item.str}${item.hasEOL ? "\n" : " "}` : "")).join(""));
    }
    await document.destroy();
  }, 120_000);

  it("holds every theme, every indicator, the NI 47 and NI 155 targets, the starred leads and NI 170's omission", () => {
    expectTheWholeTemplate(pages.join("\n"));
  });

  it("keeps NI 47's baseline, target and lead together", () => {
    const text = squash(pages.join("\n"));
    const ni47 = text.slice(text.search(/NI 47 \*/), text.search(/NI 170 \*/));
    expect(ni47).toContain("1183");
    expect(ni47).toContain("592 (50% reduction)");
    expect(ni47).toContain("Lead: Kent County Council*");
  });

  it("repeats the column headings and numbers every page", () => {
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, index) => {
      expect(squash(page)).toContain("Partners who have signed-up to the target");
      expect(squash(page)).toContain(`Page ${index + 1} of ${pages.length}`);
    });
  });

  it("leaves out the printable page's link back into the app", () => {
    expect(pages.join("\n")).not.toContain("Back to the submission page");
  });
});
