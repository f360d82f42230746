/**
 * The submission template as an Excel workbook: one sheet, the seed's column headings frozen at
 * the top, a bold separator row per theme, wrapped text. Every cell is text, neutralised against
 * formula injection (spreadsheet-safety.ts): "+1356" is the text '+1356.
 */
import ExcelJS from "exceljs";
import { indicatorText } from "./submission.js";
import type { Submission } from "./submission.js";
import { neutraliseCell } from "./spreadsheet-safety.js";

const titleRow = 1;
const noteRow = 2;
const headerRow = 3;
const themeFill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE6E6E6" } } as const;
const headerFill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD0D0D0" } } as const;
const thin = { style: "thin", color: { argb: "FF808080" } } as const;
const border = { top: thin, left: thin, bottom: thin, right: thin };
const bodyFont = { name: "Arial", size: 10 };
const lineHeight = 13; // points, for 10 pt text

/**
 * Column widths (in characters) chosen to print on A4 landscape at about 90% (fit to one page
 * wide): the 10 pt text then prints at about 9 pt. The earlier 246 characters printed at ~5 pt.
 */
function columnWidths(yearCount: number): number[] {
  return [30, 18, ...Array.from({ length: yearCount }, () => 12), 20, 34, 24];
}

/**
 * A row tall enough for its wrapped text. Not every spreadsheet fits rows to wrapped text when it
 * opens a file (LibreOffice keeps the default height and the text overlaps), so the height is
 * estimated here: about 1.2 characters of 10 pt Arial per unit of column width.
 */
function rowHeight(cells: readonly string[], widths: readonly number[]): number {
  let lines = 1;
  cells.forEach((cell, index) => {
    const perLine = Math.max(1, Math.floor((widths[index] ?? 10) * 1.2));
    const count = cell.split("\n").reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(paragraph.length / perLine)), 0);
    lines = Math.max(lines, count);
  });
  return lines * lineHeight + 4;
}

/** The column headings of the sheet: the seed's, then the target note and the status as at the date. */
export function submissionSheetHeader(submission: Submission): string[] {
  const { columns } = submission;
  return [columns.indicator, columns.baseline, ...columns.years, "Target note", columns.partners, columns.status];
}

export async function writeSubmissionXlsx(submission: Submission): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Accord";
  workbook.title = submission.title;
  workbook.subject = `Submission template of ${submission.agreement.name}`;
  // A fixed date keeps the file the same for the same data.
  workbook.created = new Date(`${submission.asAt}T00:00:00Z`);
  workbook.modified = workbook.created;

  const header = submissionSheetHeader(submission);
  const yearCount = submission.years.length;
  const sheet = workbook.addWorksheet("Submission template", {
    views: [{ state: "frozen", xSplit: 1, ySplit: headerRow, topLeftCell: "B4", activeCell: "A4" }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "&LSubmission template as at " + submission.asAtText + "&RPage &P of &N" },
  });
  const widths = columnWidths(yearCount);
  sheet.columns = widths.map((width) => ({ width }));

  const text = (value: string): string => neutraliseCell(value);

  // The title and the note span the table, wrapped, so neither runs off the printed page.
  sheet.mergeCells(titleRow, 1, titleRow, header.length);
  sheet.mergeCells(noteRow, 1, noteRow, header.length);
  sheet.getCell(titleRow, 1).value = text(submission.title);
  sheet.getCell(titleRow, 1).font = { bold: true, size: 14 };
  sheet.getCell(noteRow, 1).value = text(
    `Indicators from the National Indicator Set are shown with a *; lead partners are shown with a *. ` +
      `The negotiation status is as at ${submission.asAtText}; baselines, targets and partners are as currently recorded. ` +
      `Cells that begin with + - = or @ start with an apostrophe so that no spreadsheet reads them as formulas.`,
  );
  sheet.getCell(noteRow, 1).font = { italic: true, size: 10 };
  sheet.getCell(noteRow, 1).alignment = { wrapText: true, vertical: "top" };
  sheet.getRow(noteRow).height = 3 * lineHeight + 4;

  const headings = sheet.getRow(headerRow);
  headings.values = header.map(text);
  headings.height = rowHeight(header, widths);
  headings.eachCell((cell) => {
    cell.font = { ...bodyFont, bold: true };
    cell.fill = headerFill;
    cell.border = border;
    cell.alignment = { wrapText: true, vertical: "top" };
  });

  let rowNumber = headerRow;
  for (const group of submission.groups) {
    rowNumber += 1;
    const separator = sheet.getRow(rowNumber);
    separator.getCell(1).value = text(group.description ? `${group.title} — ${group.description}` : group.title);
    for (let column = 1; column <= header.length; column += 1) {
      const cell = separator.getCell(column);
      cell.font = { ...bodyFont, bold: true, size: 11 };
      cell.fill = themeFill;
      cell.border = border;
    }
    for (const row of group.rows) {
      rowNumber += 1;
      const sheetRow = sheet.getRow(rowNumber);
      const cells = [indicatorText(row), row.baselineLines.join("\n"), ...row.targets, row.targetNote ?? "", row.partnersText.replaceAll(" | ", "\n"), row.statusText].map(text);
      sheetRow.values = cells;
      sheetRow.height = rowHeight(cells, widths);
      sheetRow.eachCell({ includeEmpty: true }, (cell) => {
        cell.font = bodyFont;
        cell.alignment = { wrapText: true, vertical: "top" };
        cell.border = border;
      });
    }
  }

  const written = await workbook.xlsx.writeBuffer();
  return Buffer.from(written);
}
