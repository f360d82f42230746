/**
 * The return template as CSV, and reading a filled-in one back (a CSV or, through
 * template-xlsx.ts, a workbook) into rows keyed by column. The CSV is RFC 4180, UTF-8 with a
 * byte order mark (Excel otherwise reads "–" as Windows-1252), lines ending CRLF, every cell
 * neutralised against formula injection (reports/spreadsheet-safety.ts); reading strips that
 * one apostrophe again.
 */
import { looksLikeFormula, neutraliseCell } from "../../reports/spreadsheet-safety.js";
import { templateColumnOrder, templateColumns } from "./template.js";
import type { ReturnTemplate, TemplateColumn } from "./template.js";

const byteOrderMark = "\uFEFF";

function field(text: string): string {
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function writeTemplateCsv(template: ReturnTemplate): Buffer {
  const line = (cells: readonly string[]) => cells.map((cell) => field(neutraliseCell(cell))).join(",");
  const lines = [line(templateColumnOrder.map((column) => templateColumns[column]))];
  for (const row of template.rows) lines.push(line(templateColumnOrder.map((column) => row[column])));
  return Buffer.from(`${byteOrderMark}${lines.join("\r\n")}\r\n`, "utf8");
}

/** One row of a filled-in template: its number as a spreadsheet shows it, and its cells by column. */
export interface SheetRow {
  row: number;
  cells: Partial<Record<TemplateColumn, string>>;
}

export interface ReadSheet {
  /** The row the headings are on, and the columns found there. */
  headerRow: number;
  columns: TemplateColumn[];
  rows: SheetRow[];
}

/** The columns an upload cannot do without. */
export const requiredColumns: TemplateColumn[] = ["indicator", "areaCode", "value", "version"];

const normalise = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");

/** "Version (do not change)" is also found as "version"; headings are matched without regard to case. */
function columnNamed(heading: string): TemplateColumn | undefined {
  const wanted = normalise(heading);
  if (wanted === "") return undefined;
  return templateColumnOrder.find((column) => {
    const label = normalise(templateColumns[column]);
    return label === wanted || label.replace(/\s*\(.*\)$/, "") === wanted;
  });
}

/** A cell as typed: one apostrophe put before a would-be formula by the export is taken off again. */
export function cellText(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith("'") && looksLikeFormula(trimmed.slice(1)) ? trimmed.slice(1) : trimmed;
}

/**
 * The grid of a sheet (row numbers from 1) read as template rows: the first row holding an
 * Indicator and a Value heading is the header; rows with nothing in them are left out.
 */
export function readGrid(grid: readonly { row: number; cells: readonly string[] }[]): ReadSheet | { missing: string[] } {
  const header = grid.find(({ cells }) => {
    const found = cells.map(columnNamed);
    return found.includes("indicator") && found.includes("value");
  });
  if (!header) return { missing: requiredColumns.map((column) => templateColumns[column]) };
  const positions = new Map<TemplateColumn, number>();
  header.cells.forEach((heading, index) => {
    const column = columnNamed(heading);
    if (column !== undefined && !positions.has(column)) positions.set(column, index);
  });
  const missing = requiredColumns.filter((column) => !positions.has(column));
  if (missing.length > 0) return { missing: missing.map((column) => templateColumns[column]) };
  const rows: SheetRow[] = [];
  for (const { row, cells } of grid) {
    if (row <= header.row || cells.every((cell) => cell.trim() === "")) continue;
    const byColumn: SheetRow["cells"] = {};
    for (const [column, index] of positions) byColumn[column] = cellText(cells[index] ?? "");
    rows.push({ row, cells: byColumn });
  }
  return { headerRow: header.row, columns: [...positions.keys()], rows };
}

/**
 * RFC 4180 records, numbered as a spreadsheet numbers its rows. A file whose first line has
 * semicolons and no commas is read with semicolons (Excel saves CSV so in much of Europe).
 */
export function parseCsv(text: string): { row: number; cells: string[] }[] {
  const body = text.startsWith(byteOrderMark) ? text.slice(1) : text;
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const separator = !firstLine.includes(",") && firstLine.includes(";") ? ";" : ",";
  const records: { row: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let index = 0;
  const endRecord = () => {
    cells.push(cell);
    records.push({ row: records.length + 1, cells });
    cells = [];
    cell = "";
  };
  while (index < body.length) {
    const char = body.charAt(index);
    if (quoted) {
      if (char === '"' && body.charAt(index + 1) === '"') {
        cell += '"';
        index += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else cell += char;
      index += 1;
      continue;
    }
    if (char === '"' && cell === "") quoted = true;
    else if (char === separator) {
      cells.push(cell);
      cell = "";
    } else if (char === "\r" && body.charAt(index + 1) === "\n") {
      endRecord();
      index += 1;
    } else if (char === "\n" || char === "\r") endRecord();
    else cell += char;
    index += 1;
  }
  if (cell !== "" || cells.length > 0) endRecord();
  return records;
}
