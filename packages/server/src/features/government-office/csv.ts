/**
 * One indicator across agreements as CSV, in the house style (performance/csv.ts): UTF-8 with a
 * byte order mark, CRLF lines, every cell neutralised against formula injection
 * (reports/spreadsheet-safety.ts), since agreement and area names are typed by people.
 */
import { neutraliseCell } from "../../reports/spreadsheet-safety.js";
import type { AcrossAgreementsView } from "./schema.js";

const byteOrderMark = "\uFEFF";

function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function line(cells: readonly (string | number | null)[]): string {
  return cells.map((cell) => field(neutraliseCell(cell === null ? "" : String(cell)))).join(",");
}

export const acrossAgreementsCsvHeader = [
  "Rank",
  "Agreement",
  "Area code",
  "Area",
  "Region",
  "Status",
  "Component",
  "Baseline",
  "Final target year",
  "Final target",
  "Change",
  "Planned improvement (% of baseline)",
  "Latest period",
  "Latest value",
  "Progress (%)",
  "Performance status",
];

export function writeAcrossAgreementsCsv(view: AcrossAgreementsView): string {
  const lines = [line(acrossAgreementsCsvHeader)];
  for (const row of view.agreements) {
    lines.push(
      line([
        row.rank,
        row.name,
        row.area.code,
        row.area.name,
        row.region?.name ?? row.governmentOffice.name,
        row.status,
        row.component,
        row.baseline,
        row.finalTarget?.year ?? null,
        row.finalTarget?.value ?? null,
        row.change,
        row.plannedImprovement,
        row.latest.period,
        row.latest.value,
        row.latest.progress,
        row.latest.status,
      ]),
    );
  }
  if (view.illustrative !== null) lines.push(line([view.illustrative]));
  return `${byteOrderMark}${lines.join("\r\n")}\r\n`;
}
