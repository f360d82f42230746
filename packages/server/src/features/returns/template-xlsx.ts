/**
 * The return template as an Excel workbook, and reading one back. Loaded only when a workbook is
 * made or read (template-files.ts), as exceljs costs ~0.7 s and 27 MiB to load.
 *
 * The sheet: a title and instructions, the headings (frozen), one row per indicator, component
 * and area. Figures are number cells, so they can be worked on in the spreadsheet; every text
 * cell is neutralised against formula injection (reports/spreadsheet-safety.ts). The columns to
 * fill in are white, the others grey; the Version column is labelled "do not change".
 */
import ExcelJS from "exceljs";
import type { CellValue } from "exceljs";
import { neutraliseCell } from "../../reports/spreadsheet-safety.js";
import { templateColumnOrder, templateColumns, templateInstructions } from "./template.js";
import type { ReturnTemplate, TemplateColumn } from "./template.js";

const numberColumns = new Set<TemplateColumn>(["value", "numerator", "denominator"]);
const fillIn = new Set<TemplateColumn>(["value", "numerator", "denominator", "status", "source", "note"]);
const widths: Record<TemplateColumn, number> = {
  indicator: 10,
  title: 40,
  component: 14,
  areaCode: 12,
  area: 22,
  period: 12,
  unit: 14,
  value: 12,
  numerator: 12,
  denominator: 12,
  status: 12,
  source: 30,
  note: 30,
  version: 12,
};
const grey = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEDEDED" } } as const;
const headerFill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD0D0D0" } } as const;

/** A decimal as a number cell when a spreadsheet's double holds it exactly as written, else as text. */
function figure(text: string): string | number {
  if (text === "") return "";
  const number = Number(text);
  return Number.isFinite(number) && String(number) === text ? number : neutraliseCell(text);
}

export async function writeTemplateXlsx(template: ReturnTemplate): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Accord";
  workbook.title = `Return template ${template.round.label}`;
  workbook.subject = `${template.agreement.name}: monitoring round ${template.round.label}`;
  const instructions = templateInstructions(template);
  const headerRow = instructions.length + 2;
  const sheet = workbook.addWorksheet("Return", {
    views: [{ state: "frozen", ySplit: headerRow, xSplit: 1 }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = templateColumnOrder.map((column) => ({ width: widths[column] }));
  instructions.forEach((line, index) => {
    const cell = sheet.getCell(index + 1, 1);
    cell.value = neutraliseCell(line);
    cell.font = index === 0 ? { bold: true, size: 12 } : { size: 10 };
  });
  const heading = sheet.getRow(headerRow);
  templateColumnOrder.forEach((column, index) => {
    const cell = heading.getCell(index + 1);
    cell.value = neutraliseCell(templateColumns[column]);
    cell.font = { bold: true };
    cell.fill = headerFill;
  });
  template.rows.forEach((row, rowIndex) => {
    const sheetRow = sheet.getRow(headerRow + 1 + rowIndex);
    templateColumnOrder.forEach((column, index) => {
      const cell = sheetRow.getCell(index + 1);
      const text = row[column];
      cell.value = numberColumns.has(column) ? figure(text) : neutraliseCell(text);
      if (column === "version" && text !== "") cell.value = Number(text);
      if (!fillIn.has(column)) cell.fill = grey;
    });
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer);
}

/** What a cell shows, as text: a formula without a saved result reads as its formula, so it is refused as a number. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("error" in value) return String(value.error);
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: CellValue }).result;
    if (result !== undefined && result !== null && typeof result !== "object") return cellText(result);
    const formula = "formula" in value ? value.formula : value.sharedFormula;
    return `=${String(formula)}`;
  }
  if ("text" in value) return String(value.text);
  return "";
}

/** The first sheet's cells as text, row by row (rows numbered as the spreadsheet shows them). */
export async function readTemplateXlsx(file: Buffer): Promise<{ row: number; cells: string[] }[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const grid: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) cells.push(cellText(row.getCell(column).value));
    grid.push({ row: rowNumber, cells });
  });
  return grid;
}
