/**
 * The submission template as CSV (RFC 4180): one row per indicator with its theme, so it sorts
 * and filters in a spreadsheet. UTF-8 with a byte order mark, because Excel otherwise reads
 * "£" and "–" as Windows-1252; lines end CRLF; every cell is neutralised against formula
 * injection (spreadsheet-safety.ts: "+1356" is written '+1356).
 */
import { indicatorText } from "./submission.js";
import type { Submission } from "./submission.js";
import { neutraliseCell } from "./spreadsheet-safety.js";

const byteOrderMark = "\uFEFF";

/** A field quoted when it holds a comma, a double quote or a line break, quotes doubled (RFC 4180 §2). */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function line(cells: readonly string[]): string {
  return cells.map((cell) => field(neutraliseCell(cell))).join(",");
}

/** The header row, the same for every agreement of the same years. */
export function submissionCsvHeader(submission: Submission): string[] {
  const { columns } = submission;
  return ["Theme", "Code", columns.indicator, columns.baseline, ...columns.years, "Target note", columns.partners, columns.status];
}

export function writeSubmissionCsv(submission: Submission): Buffer {
  const lines = [line(submissionCsvHeader(submission))];
  for (const group of submission.groups) {
    for (const row of group.rows) {
      lines.push(line([group.title, row.code, indicatorText(row), row.baseline, ...row.targets, row.targetNote ?? "", row.partnersText, row.statusText]));
    }
  }
  return Buffer.from(`${byteOrderMark}${lines.join("\r\n")}\r\n`, "utf8");
}
