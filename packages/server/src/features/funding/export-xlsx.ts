/**
 * The agreement's funding streams as an Excel workbook: one row per stream with its amount for
 * each financial year, then the totals by block or outcome and year. Every text cell goes through
 * spreadsheet-safety.ts; an amount is a number cell only where a spreadsheet holds it exactly.
 */
import ExcelJS from "exceljs";
import { figureCell } from "../../reports/performance-report-xlsx.js";
import { neutraliseCell } from "../../reports/spreadsheet-safety.js";
import type { FundingStreamsView } from "./schema.js";

type Cell = string | number | null;
const text = (value: string | null): Cell => (value === null ? null : neutraliseCell(value));
const kinds = { pooled: "Pooled", aligned: "Aligned", mainstream: "Mainstream" } as const;

export async function fundingStreamsWorkbook(view: FundingStreamsView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Accord";
  const add = (name: string, header: string[], rows: Cell[][]) => {
    const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.getRow(1).values = header.map((one) => neutraliseCell(one));
    sheet.getRow(1).font = { bold: true };
    for (const row of rows) sheet.addRow(row);
    sheet.columns.forEach((column, index) => (column.width = index < 6 ? 28 : 14));
  };
  add(
    "Funding streams",
    ["Funding stream", "Department", "Kind", "Block or outcome", "Accountable partner", "Advance designation", ...view.years, "Total", "Note"],
    view.streams.map((stream) => [
      text(stream.name),
      text(stream.department),
      stream.kind === null ? null : kinds[stream.kind],
      text(stream.blockOrOutcome),
      text(stream.accountablePartner?.name ?? null),
      stream.advanceDesignation ? "Yes" : "No",
      ...view.years.map((year) => figureCell(stream.amounts[year] ?? null)),
      figureCell(stream.total),
      text(stream.note),
    ]),
  );
  add(
    "Totals",
    ["Block or outcome", ...view.years, "Total"],
    [
      ...view.totals.byBlock.map((block) => [
        text(block.blockOrOutcome ?? "No block or outcome recorded"),
        ...view.years.map((year) => figureCell(block.byYear[year] ?? null)),
        figureCell(block.total),
      ]),
      ["All funding streams", ...view.years.map((year) => figureCell(view.totals.all.byYear[year] ?? null)), figureCell(view.totals.all.total)],
    ],
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
