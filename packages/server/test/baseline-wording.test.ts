/**
 * Issue 7 point 1: a changed baseline takes its wording with it everywhere it is sent. The officer
 * changes NI 47's baseline from 1183 to 1150; the answer, the indicator page's data, the bulletin
 * and the DOCX, XLSX, CSV and PDF submission all say 1150, and none still says 1183. A wording the
 * person typed is kept as typed. The page's words are the files' words (NI 188: "Level 1").
 * Each file is read back with a library other than the one that wrote it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mammoth from "mammoth";
import { read as readWorkbook, utils as sheetUtils } from "xlsx";
import { parse as parseCsv } from "csv-parse/sync";
import { baselineLines, quantityText, targetLines } from "@accord/domain";
import type { AgreementIndicatorPageView } from "@accord/domain";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";
import { squash } from "./reports/seed-appendix.js";

let api: TestApp;
let officer: Session;
let manager: Session;
beforeAll(async () => {
  api = await createTestApp();
  officer = await signIn(api.app, "officer.ni47@kent-partnership.example");
  manager = await signIn(api.app, "manager@kent-partnership.example");
});
afterAll(async () => {
  await api?.close();
});

const ni47Url = "/api/agreements/kent-ka2/indicators/ni-47";
const readIndicator = async (key: string) => (await send(api.app, null, { method: "GET", url: `/api/agreements/kent-ka2/indicators/${key}` })).json<AgreementIndicatorPageView>();

async function setNi47Baseline(body: { value: string; written?: string }) {
  const current = (await readIndicator("ni-47")).baselines.find((baseline) => baseline.component === "all");
  return send(api.app, officer, { method: "PUT", url: `${ni47Url}/baselines`, body: { component: "all", ...body, version: current?.version } });
}

async function download(format: "docx" | "xlsx" | "csv" | "pdf"): Promise<Buffer> {
  const response = await api.app.inject({ method: "GET", url: `/api/agreements/kent-ka2/submission?format=${format}`, headers: { cookie: officer.cookie } });
  expect(response.statusCode, format).toBe(200);
  return response.rawPayload;
}

/** Each file's whole text and the baseline cell of an indicator's row, as a reader gets them out. */
interface ReadBack {
  whole: string;
  baselineOf(code: string): string;
  /** Whether baselineOf is the cell itself (DOCX, XLSX, CSV) or the row's text (PDF). */
  cells: boolean;
}

async function readDocx(): Promise<ReadBack> {
  const { value: html } = await mammoth.convertToHtml({ buffer: await download("docx") });
  const rows = html.split("<tr>").map((tableRow) => tableRow.split(/<\/t[dh]>/).map((cell) => squash(cell.replace(/<[^>]+>/g, " ").replace(/&amp;/g, "&"))));
  return {
    whole: squash(html.replace(/<[^>]+>/g, " ")),
    // The indicator cell starts "NI 47 * …"; the baseline is the cell after it.
    baselineOf: (code) => rows.find((cells) => cells[0]?.startsWith(`${code} `))?.[1] ?? "",
    cells: true,
  };
}

async function readXlsx(): Promise<ReadBack> {
  const workbook = readWorkbook(await download("xlsx"), { type: "buffer" });
  const sheet = workbook.Sheets["Submission template"];
  if (!sheet) throw new Error("no sheet called Submission template");
  const cells = sheetUtils.sheet_to_json<string[]>(sheet, { header: 1, defval: "", raw: false });
  return { whole: cells.map((r) => r.join("\n")).join("\n"), baselineOf: (code) => cells.find((r) => r[0]?.startsWith(`${code} `))?.[1] ?? "", cells: true };
}

async function readCsv(): Promise<ReadBack> {
  const records = parseCsv(await download("csv"), { bom: true }) as string[][];
  const header = records[0] ?? [];
  const baseline = header.indexOf("Baseline");
  return { whole: records.map((r) => r.join("\n")).join("\n"), baselineOf: (code) => records.find((r) => r[1] === code)?.[baseline] ?? "", cells: true };
}

async function readPdf(): Promise<ReadBack> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await pdfjs.getDocument({ data: new Uint8Array(await download("pdf")), isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? `${item.str}${item.hasEOL ? "\n" : " "}` : "")).join(""));
  }
  await document.destroy();
  const whole = squash(pages.join("\n"));
  // A PDF has no cells: the row's baseline is in the text from the indicator's code to its lead partner.
  return {
    whole,
    baselineOf: (code) => {
      const start = whole.indexOf(`${code} `);
      if (start < 0) return "";
      const lead = whole.indexOf(" Lead:", start);
      return whole.slice(start, lead < 0 ? start + 400 : lead);
    },
    cells: false,
  };
}

const readers = { DOCX: readDocx, XLSX: readXlsx, CSV: readCsv, PDF: readPdf };

async function readEveryFile(): Promise<[string, ReadBack][]> {
  const files: [string, ReadBack][] = [];
  // One at a time: the PDF is printed by Chromium, and two cores are shared.
  for (const [name, reader] of Object.entries(readers)) files.push([name, await reader()]);
  return files;
}

const bulletinText = async () => {
  const response = await send(api.app, manager, { method: "GET", url: "/api/agreements/kent-ka2/bulletins/draft?format=text" });
  expect(response.status).toBe(200);
  return response.body as string;
};

describe("NI 47's baseline changed from 1183 to 1150 without a wording", () => {
  it("reads 1150 in the answer, on the indicator page, in the bulletin and in the DOCX, XLSX, CSV and PDF, and nowhere 1183", async () => {
    expect((await readIndicator("ni-47")).baselines.map((baseline) => baseline.written)).toEqual(["1183"]);
    const saved = await setNi47Baseline({ value: "1150" });
    expect(saved.status).toBe(200);
    expect(saved.json<{ value: string; written: string }>()).toMatchObject({ value: "1150", written: "1150" });

    const page = await readIndicator("ni-47");
    expect(page.baselines.map((baseline) => ({ value: baseline.value, written: baseline.written }))).toEqual([{ value: "1150", written: "1150" }]);
    expect(baselineLines(page)).toEqual(["1150"]);

    // The 50% reduction is worked out from the baseline: 1150 halved is 575, printed as the
    // document printed 592 (591.5 rounded), and the planned trajectory ends there too.
    expect(page.targets.map((target) => ({ year: target.year, value: target.value, written: target.written }))).toEqual([
      { year: "2010/11", value: "575", written: "Proposed at 575 (50% reduction)" },
    ]);
    expect(targetLines(page, "2010/11")).toEqual(["Proposed at 575 (50% reduction)"]);

    const bulletin = await bulletinText();
    expect(bulletin).toContain('NI 47: baseline set to "1150"');
    expect(bulletin).not.toContain("1183");
    expect(bulletin).toContain("Proposed at 575 (50% reduction)");

    for (const [name, file] of await readEveryFile()) {
      if (file.cells) expect(file.baselineOf("NI 47"), name).toBe("1150");
      else expect(file.baselineOf("NI 47"), name).toContain("1150");
      // 1183 was NI 47's baseline and nothing else's: no trace of it may be sent.
      expect(file.whole, name).not.toContain("1183");
      expect(file.whole, name).toContain("Proposed at 575 (50% reduction)");
      expect(file.whole, name).not.toContain("Proposed at 592");
    }
  }, 180_000);

  it("lets the new value's words replace the old ones when the form sends the old wording back unchanged", async () => {
    // The web form used to send "as written" as it was read: the words of the value before.
    const before = (await readIndicator("ni-47")).baselines[0]?.written;
    expect(before).toBeDefined();
    const saved = await setNi47Baseline({ value: "1100", ...(before !== undefined ? { written: before } : {}) });
    expect(saved.json<{ written: string }>().written).toBe("1100");
    expect((await readCsv()).baselineOf("NI 47")).toBe("1100");
  });
});

describe("a wording the person typed", () => {
  it("is kept as typed, in the answer, on the page, in the bulletin and in every file", async () => {
    const typed = "1150 (2007/08)";
    const saved = await setNi47Baseline({ value: "1150", written: typed });
    expect(saved.status).toBe(200);
    expect(saved.json<{ written: string }>().written).toBe(typed);
    expect(baselineLines(await readIndicator("ni-47"))).toEqual([typed]);
    expect(await bulletinText()).toContain(`NI 47: baseline set to "${typed}"`);
    for (const [name, file] of await readEveryFile()) {
      if (file.cells) expect(file.baselineOf("NI 47"), name).toBe(typed);
      else expect(file.baselineOf("NI 47"), name).toContain(typed);
      expect(file.whole, name).not.toContain("1183");
    }
  }, 180_000);
});

describe("the page and the files say the same", () => {
  it("words NI 188's baseline as the files do: 'Level 1', not '1 level'", async () => {
    const ni188 = await readIndicator("ni-188");
    const [baseline] = ni188.baselines;
    // The two formatters the web app shows a baseline with: its figure and unit, and the cell.
    expect(quantityText(baseline?.value ?? "", baseline?.unit ?? null)).toBe("Level 1");
    expect(baselineLines(ni188)).toEqual(["Level 1"]);
    for (const [name, file] of [["DOCX", await readDocx()], ["XLSX", await readXlsx()], ["CSV", await readCsv()]] as const) {
      expect(file.baselineOf("NI 188"), name).toBe("Level 1");
    }
  });
});
