/**
 * The submission template downloaded in each format and read back with a library other than the
 * one that wrote it, as the Government Office would open it: each file's whole text and, per
 * indicator code, its status cell and its targets (a PDF has no cells: its row's text instead).
 */
import { expect } from "vitest";
import mammoth from "mammoth";
import { read as readWorkbook, utils as sheetUtils } from "xlsx";
import { parse as parseCsv } from "csv-parse/sync";
import type { FastifyInstance } from "fastify";
import type { Session } from "./session.js";
import { squash } from "../reports/seed-appendix.js";

export type FileFormat = "DOCX" | "XLSX" | "CSV" | "PDF";

export interface ReadBackFile {
  format: FileFormat;
  whole: string;
  /** The indicator codes in the order the file lists them. */
  codes: string[];
  /** The status cell of a code's row ("" when there is none). */
  statusOf(code: string): string;
  /** The row's text for a code: every cell of it joined, so a check can look at what the row says. */
  rowOf(code: string): string;
}

const statusLabel = /^Negotiation status as at [^:]+:\s*/;
const codeAtStart = /^((?:NI|KA\d|LPSA\d?|L)\s?[\w.]+)\s/;

async function download(app: FastifyInstance, session: Session, format: string, asAt: string): Promise<Buffer> {
  const response = await app.inject({ method: "GET", url: `/api/agreements/kent-ka2/submission?format=${format}&asAt=${asAt}`, headers: { cookie: session.cookie } });
  expect(response.statusCode, format).toBe(200);
  return response.rawPayload;
}

async function readCsv(app: FastifyInstance, session: Session, asAt: string): Promise<ReadBackFile> {
  const records = parseCsv(await download(app, session, "csv", asAt), { bom: true }) as string[][];
  const header = records[0] ?? [];
  const status = header.findIndex((heading) => heading.startsWith("Negotiation status"));
  const body = records.slice(1);
  const find = (code: string) => body.find((record) => record[1] === code) ?? [];
  return {
    format: "CSV",
    whole: records.map((record) => record.join("\n")).join("\n"),
    codes: body.map((record) => record[1] ?? ""),
    statusOf: (code) => find(code)[status] ?? "",
    rowOf: (code) => find(code).join("\n"),
  };
}

async function readXlsx(app: FastifyInstance, session: Session, asAt: string): Promise<ReadBackFile> {
  const workbook = readWorkbook(await download(app, session, "xlsx", asAt), { type: "buffer" });
  const sheet = workbook.Sheets["Submission template"];
  if (!sheet) throw new Error("no sheet called Submission template");
  const cells = sheetUtils.sheet_to_json<string[]>(sheet, { header: 1, defval: "", raw: false });
  const header = cells.find((row) => row.some((cell) => cell.startsWith("Negotiation status"))) ?? [];
  const status = header.findIndex((cell) => cell.startsWith("Negotiation status"));
  const rows = cells.filter((row) => codeAtStart.test(row[0] ?? "") && row.length > 2 && row.slice(1).some((cell) => cell !== ""));
  const find = (code: string) => rows.find((row) => row[0]?.startsWith(`${code} `)) ?? [];
  return {
    format: "XLSX",
    whole: cells.map((row) => row.join("\n")).join("\n"),
    codes: rows.map((row) => codeAtStart.exec(row[0] ?? "")?.[1] ?? ""),
    statusOf: (code) => find(code)[status] ?? "",
    rowOf: (code) => find(code).join("\n"),
  };
}

async function readDocx(app: FastifyInstance, session: Session, asAt: string): Promise<ReadBackFile> {
  const { value: html } = await mammoth.convertToHtml({ buffer: await download(app, session, "docx", asAt) });
  const cellText = (cell: string) => squash(cell.replace(/<[^>]+>/g, " ").replace(/&amp;/g, "&").replace(/&quot;/g, '"'));
  // Each indicator is two table rows: its cells, then the status row under the targets.
  const statuses = new Map<string, string>();
  const rows = new Map<string, string>();
  let code = "";
  for (const tableRow of html.split("<tr>").slice(1)) {
    const cells = tableRow.split(/<\/t[dh]>/).map(cellText).filter((cell) => cell !== "");
    const first = cells[0] ?? "";
    const paragraphs = tableRow.split("</p>").map(cellText);
    const status = paragraphs.find((paragraph) => statusLabel.test(paragraph));
    if (status !== undefined && code !== "") {
      statuses.set(code, status.replace(statusLabel, ""));
      rows.set(code, `${rows.get(code) ?? ""}\n${cells.join("\n")}`);
    } else if (codeAtStart.test(first)) {
      code = codeAtStart.exec(first)?.[1] ?? "";
      rows.set(code, cells.join("\n"));
    }
  }
  return {
    format: "DOCX",
    whole: cellText(html),
    codes: [...rows.keys()],
    statusOf: (wanted) => statuses.get(wanted) ?? "",
    rowOf: (wanted) => rows.get(wanted) ?? "",
  };
}

async function readPdf(app: FastifyInstance, session: Session, asAt: string, codes: readonly string[]): Promise<ReadBackFile> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await pdfjs.getDocument({ data: new Uint8Array(await download(app, session, "pdf", asAt)), isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? `${item.str}${item.hasEOL ? "\n" : " "}` : "")).join(""));
  }
  await document.destroy();
  const whole = squash(pages.join("\n"));
  // No cells in a PDF: each row ends with its status label, so the n-th label's text is the n-th
  // row's status, up to where the next row ("NI 51 * …"), a page footer or a theme starts.
  const label = /Negotiation status as at \d+ \w+ \d{4}:\s*/g;
  const statuses = [...whole.matchAll(label)].map((match) => {
    const rest = whole.slice((match.index ?? 0) + match[0].length);
    const end = rest.search(/\b[A-Z]{2,4} \d+ \* |Kent Agreement 2 — submission template|\b[A-Z&]{4,}(?: [A-Z&]{2,})+\b/);
    // pdf.js splits ligatures out of words ("E ff ectiveness"): joined again, as a reader sees them.
    return (end < 0 ? rest : rest.slice(0, end)).replace(/ (ff|fi|fl|ffi|ffl) /g, "$1").trim();
  });
  const rowStart = (code: string) => whole.search(new RegExp(`\\b${code} \\* `));
  return {
    format: "PDF",
    whole,
    codes: [...codes],
    statusOf: (code) => (statuses.length === codes.length ? (statuses[codes.indexOf(code)] ?? "") : ""),
    rowOf: (code) => {
      const start = rowStart(code);
      const next = codes[codes.indexOf(code) + 1];
      const end = next === undefined ? -1 : rowStart(next);
      return start < 0 ? "" : whole.slice(start, end < start ? undefined : end);
    },
  };
}

/** Every file of the submission, one at a time (the PDF is printed by Chromium; two cores are shared). */
export async function readEverySubmissionFile(app: FastifyInstance, session: Session, asAt: string): Promise<ReadBackFile[]> {
  const csv = await readCsv(app, session, asAt);
  const xlsx = await readXlsx(app, session, asAt);
  const docx = await readDocx(app, session, asAt);
  const pdf = await readPdf(app, session, asAt, csv.codes);
  return [docx, xlsx, csv, pdf];
}
