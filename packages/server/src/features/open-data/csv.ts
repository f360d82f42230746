/**
 * The open data as CSV (RFC 4180), written as the house writes CSV (performance/csv.ts): UTF-8
 * with a byte order mark, CRLF lines, one header line of the data dictionary's column names and
 * one line per value. Text cells are neutralised against formula injection
 * (reports/spreadsheet-safety.ts); a figure that is a plain decimal is written as it is, since
 * "-2.5" is a number to every spreadsheet and an apostrophe would spoil it for programs. Nothing
 * follows the last value: an illustrative figure says so in its own source cell.
 */
import { isDecimal, openDataColumns } from "@accord/domain";
import { neutraliseCell } from "../../reports/spreadsheet-safety.js";
import type { OpenDataRow } from "./schema.js";

const byteOrderMark = "\uFEFF";

function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A text cell, made safe to open in a spreadsheet. */
export function textCell(text: string | null): string {
  return field(neutraliseCell(text ?? ""));
}

/** A figure: an exact decimal as it is, anything else as text. */
export function figureCell(figure: string | null): string {
  return figure !== null && /^-?\d+(\.\d+)?$/.test(figure) && isDecimal(figure) ? figure : textCell(figure);
}

const figures = new Set<string>(["value", "numerator", "denominator"]);

export const openDataHeader: string[] = openDataColumns.map((column) => column.name);

export function writeOpenDataCsv(rows: readonly OpenDataRow[]): string {
  const lines = [openDataHeader.map((name) => textCell(name)).join(",")];
  for (const row of rows) {
    lines.push(openDataColumns.map(({ name }) => (figures.has(name) ? figureCell(row[name]) : textCell(row[name]))).join(","));
  }
  return `${byteOrderMark}${lines.join("\r\n")}\r\n`;
}
