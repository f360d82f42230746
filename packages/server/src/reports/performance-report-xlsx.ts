/**
 * The performance report's figures as an Excel workbook, for partners' own reporting: a cover
 * sheet (agreement, round, date, the illustrative-figures marker, counts by status), one row per
 * indicator, and one row per indicator and district. Every text cell goes through
 * spreadsheet-safety.ts; a figure is a number cell only when the number is exactly the decimal
 * recorded (a spreadsheet holds binary floating point), otherwise it stays text.
 */
import ExcelJS from "exceljs";
import { normaliseDecimal } from "@accord/domain";
import { reportStatuses, statusLabels } from "./performance-report.js";
import type { PerformanceReport } from "./performance-report.js";
import { neutraliseCell } from "./spreadsheet-safety.js";

type Cell = string | number | null;

const headerFill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD0D0D0" } } as const;

/** A recorded decimal as a number when a spreadsheet can hold it exactly, else as text. */
export function figureCell(value: string | null): Cell {
  if (value === null) return null;
  const exact = normaliseDecimal(value);
  const number = Number(exact);
  return Number.isFinite(number) && normaliseDecimal(String(number)) === exact ? number : neutraliseCell(exact);
}

function text(value: string | null): Cell {
  return value === null ? null : neutraliseCell(value);
}

function addSheet(workbook: ExcelJS.Workbook, name: string, header: string[], rows: Cell[][], widths: number[]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = widths.map((width) => ({ width }));
  const heading = sheet.getRow(1);
  heading.values = header.map((one) => neutraliseCell(one));
  heading.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = headerFill;
    cell.alignment = { wrapText: true, vertical: "top" };
  });
  for (const row of rows) sheet.addRow(row).alignment = { wrapText: true, vertical: "top" };
}

export async function writePerformanceReportXlsx(report: PerformanceReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Accord";
  workbook.title = report.title;
  // A fixed date keeps the file the same for the same figures on the same day.
  workbook.created = new Date(`${report.date}T00:00:00Z`);
  workbook.modified = workbook.created;

  const cover = workbook.addWorksheet("Report");
  cover.columns = [{ width: 28 }, { width: 90 }];
  const coverRows: [string, Cell][] = [
    ["Report", text(report.title)],
    ["Agreement", text(`${report.agreement.name} (${report.agreement.area})`)],
    ["Round", text(`${report.round.period.label} (${report.round.period.start} to ${report.round.period.end}), ${report.round.status}`)],
    ["Made", text(report.dateText)],
    ...(report.illustrative ? ([["Figures", text(report.illustrative)]] as [string, Cell][]) : []),
    ...reportStatuses.map((status): [string, Cell] => [statusLabels[status], report.counts[status]]),
    ["Note", "Cells that begin with + - = or @ start with an apostrophe so that no spreadsheet reads them as formulas."],
  ];
  for (const [name, value] of coverRows) {
    const row = cover.addRow([name, value]);
    row.getCell(1).font = { bold: true };
  }

  const indicators = report.themes.flatMap((theme) => theme.indicators.map((indicator) => ({ theme, indicator })));
  const years = indicators[0]?.indicator.targets.map((one) => one.year) ?? [];
  addSheet(
    workbook,
    "Indicators",
    ["Theme", "Indicator", "Title", "Component", "Unit", "Baseline", ...years.map((year) => `Target ${year}`), "Period", "Latest value", "Planned", "Status", "Progress (%)", "Direction", "Return", "Progress update", "Issues and risks", "Next actions", "Source of figures"],
    indicators.map(({ theme, indicator }) => [
      text(theme.title),
      text(indicator.code),
      text(indicator.title),
      text(indicator.component ?? "All"),
      text(indicator.unit),
      text(indicator.baseline),
      ...indicator.targets.map((one) => text(one.text === "" ? null : one.text)),
      text(indicator.period),
      figureCell(indicator.figures.actual),
      figureCell(indicator.figures.planned),
      text(indicator.statusText),
      indicator.figures.progress,
      text(indicator.directionText),
      text(indicator.returnText),
      text(indicator.update?.progress ?? null),
      text(indicator.update?.issuesAndRisks ?? null),
      text(indicator.update?.nextActions ?? null),
      text(report.illustrative),
    ]),
    [24, 12, 40, 14, 10, 20, ...years.map(() => 16), 12, 12, 12, 30, 10, 24, 20, 50, 50, 50, 30],
  );
  addSheet(
    workbook,
    "Districts",
    ["Indicator", "Title", "Component", "Period", "Rank", "District", "Area code", "Value", "County value", "Share of county total (%)", "Difference from county"],
    indicators.flatMap(({ indicator }) =>
      (indicator.districts?.raw.districts ?? []).map((row) => [
        text(indicator.code),
        text(indicator.title),
        text(indicator.component ?? "All"),
        text(indicator.districts?.period ?? null),
        row.rank,
        text(row.name),
        text(row.area),
        figureCell(row.value),
        figureCell(indicator.districts?.raw.county.value ?? null),
        figureCell(row.share),
        figureCell(row.fromCounty),
      ]),
    ),
    [12, 40, 14, 12, 8, 24, 12, 12, 12, 14, 14],
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
