/**
 * The district tables as CSV (RFC 4180), as the submission's CSV is written: UTF-8 with a byte
 * order mark (Excel reads "–" wrongly otherwise), CRLF lines, every cell neutralised against
 * formula injection (reports/spreadsheet-safety.ts) — a source typed "=HYPERLINK(…)" by an
 * officer reaches the file as text. When any value is illustrative the last line says so.
 */
import { neutraliseCell } from "../../reports/spreadsheet-safety.js";
import type { DistrictPerformanceWithSources, DistrictRankingWithSources } from "./service.js";

const byteOrderMark = "\uFEFF";

function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function line(cells: readonly (string | number | null)[]): string {
  return cells.map((cell) => field(neutraliseCell(cell === null ? "" : String(cell)))).join(",");
}

function file(lines: string[], illustrative: string | null): string {
  if (illustrative !== null) lines.push(line([illustrative]));
  return `${byteOrderMark}${lines.join("\r\n")}\r\n`;
}

export const rankingCsvHeader = ["Rank", "Area code", "District", "Value", "Share of county total (%)", "Difference from county", "Source"];

export function writeRankingCsv(ranking: DistrictRankingWithSources): string {
  const lines = [line(rankingCsvHeader)];
  for (const row of ranking.districts) {
    lines.push(line([row.rank, row.area, row.name, row.value, row.share, row.fromCounty, ranking.sources.get(row.area) ?? null]));
  }
  lines.push(line([null, "", `${ranking.indicator} county (${ranking.period ?? "no round"})`, ranking.county.value, null, null, null]));
  return file(lines, ranking.illustrative);
}

export const districtCsvHeader = ["Code", "Indicator", "Component", "Unit", "District value", "County value", "Gap (% worse than county)", "Rank", "Of", "Source"];

export function writeDistrictCsv(view: DistrictPerformanceWithSources): string {
  const lines = [line(districtCsvHeader)];
  view.indicators.forEach((row, index) => {
    lines.push(line([row.code, row.title, row.component, row.unit, row.districtValue, row.countyValue, row.gap, row.rank, row.of, view.sources[index] ?? null]));
  });
  return file(lines, view.illustrative);
}
