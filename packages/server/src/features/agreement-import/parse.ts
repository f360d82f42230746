/**
 * Reads an agreement's table (issue 10 point 4): Accord's own submission template, or the layouts
 * councils sent the Government Office — code and title in one cell ("NI 47 * People killed…"),
 * the national indicators and lead partners starred, "1183 (2005-07 average)" for a baseline, a
 * column per financial year, "TBC", "N/A", "New PI" where there is no figure yet, a refresh
 * status and notes. Pure: cells in, rows and every problem (by row and column) out.
 */
import { DomainError, componentLabel, formatFinancialYear, isNationalIndicator, normaliseDecimal, parseTargetWording } from "@accord/domain";
import type { FinancialYear, TargetForm } from "@accord/domain";

export interface TableProblem {
  /** The spreadsheet's row number; null for a problem with the whole table. */
  row: number | null;
  /** The column's heading as the table writes it; null when the problem is the row's. */
  column: string | null;
  message: string;
}

export interface ImportedBaseline {
  component: string;
  value: string;
  unit: string | null;
  period: string | null;
  written: string;
}

export interface ImportedTarget {
  year: FinancialYear;
  component: string;
  target: TargetForm;
  writtenValue: string | null;
  written: string;
}

export type ImportedPartnerRole = "lead" | "statutory" | "non-statutory";

export interface ImportedPartner {
  name: string;
  /** null: the table does not say, so the organisation's statutory standing decides. */
  role: ImportedPartnerRole | null;
  detail: string | null;
}

export interface ImportedRow {
  row: number;
  theme: string;
  code: string;
  /** The title as the table writes it; null when it gives only the code. */
  title: string | null;
  /** Starred, or a National Indicator Set code. */
  nationalIndicatorSet: boolean;
  baselines: ImportedBaseline[];
  baselinePending: { reason: string; written: string } | null;
  targets: ImportedTarget[];
  /** Year cells that hold words, not a target ("TBC", "New PI"), kept as written. */
  targetWording: { year: FinancialYear; written: string }[];
  targetNote: string | null;
  partners: ImportedPartner[];
  refreshStatus: string | null;
  notes: string[];
}

export interface ImportedTable {
  /** The line above the headings ("Kent Agreement 2 — submission template as at 1 May 2008"). */
  title: string | null;
  headerRow: number | null;
  years: FinancialYear[];
  rows: ImportedRow[];
  problems: TableProblem[];
}

export interface GridRow {
  row: number;
  cells: readonly string[];
}

type Column =
  | { role: "theme" | "code" | "title" | "indicator" | "baseline" | "targetNote" | "partners" | "leadPartners" | "refresh" | "status" | "notes" }
  | { role: "year"; year: FinancialYear };

const yearPattern = /(?:^|[^\d])((?:19|20)\d{2}|\d{2})\s*[/\-–]\s*((?:19|20)\d{2}|\d{2})(?![\d])/;

/** "2008/09", "08/09", "2009-10", "Target 2010/2011" → the financial year; null for anything else. */
export function yearOfHeading(heading: string): FinancialYear | null {
  const match = yearPattern.exec(heading);
  if (!match?.[1] || !match[2]) return null;
  const start = match[1].length === 2 ? 2000 + Number(match[1]) : Number(match[1]);
  if ((start + 1) % 100 !== Number(match[2]) % 100) return null;
  return formatFinancialYear(start);
}

function columnOf(heading: string): Column | null {
  const text = heading.trim();
  if (text === "") return null;
  if (/baseline/i.test(text)) return { role: "baseline" };
  if (/refresh/i.test(text)) return { role: "refresh" };
  if (/target\s+notes?/i.test(text)) return { role: "targetNote" };
  const year = yearOfHeading(text);
  if (year !== null) return { role: "year", year };
  if (/^(theme|block|priority|outcome area)\b/i.test(text)) return { role: "theme" };
  if (/^(code|ni|ref(erence)?|pi|indicator code|ni (no\.?|number|code))$/i.test(text)) return { role: "code" };
  if (/^(title|description|indicator (title|name|description))\b/i.test(text)) return { role: "title" };
  if (/^lead( partners?\(?s?\)?)?$/i.test(text)) return { role: "leadPartners" };
  if (/partner/i.test(text)) return { role: "partners" };
  if (/indicator|measure/i.test(text)) return { role: "indicator" };
  if (/status/i.test(text)) return { role: "status" };
  if (/^(notes?|comments?|remarks)\b/i.test(text)) return { role: "notes" };
  return null;
}

/** The heading a problem names: short headings as written, Accord's long ones up to their first comma or bracket. */
function headingName(heading: string): string {
  const text = heading.trim().replace(/\s+/g, " ");
  if (text.length <= 30) return text;
  const cut = text.search(/[,(]/);
  return cut > 0 ? text.slice(0, cut).trim() : `${text.slice(0, 30)}…`;
}

interface Layout {
  headerRow: number;
  columns: { index: number; heading: string; column: Column }[];
}

function findLayout(grid: readonly GridRow[]): Layout | null {
  for (const { row, cells } of grid) {
    const columns = cells.flatMap((heading, index) => {
      const column = columnOf(heading);
      return column ? [{ index, heading: headingName(heading), column }] : [];
    });
    const roles = new Set(columns.map(({ column }) => column.role));
    if ((roles.has("indicator") || roles.has("code")) && roles.has("baseline")) return { headerRow: row, columns };
  }
  return null;
}

const codePattern = /^([A-Za-z][A-Za-z]{0,5}\d?)(?:\s?)(\d+(?:\.[A-Za-z]?\d+)*[a-z]?)(?=$|[\s*:–—.-])/;

/** "ni47" → "NI 47", "KA1 9.1" stays; null when the text starts with no code. */
export function readCode(text: string): { code: string; rest: string; starred: boolean } | null {
  let rest = text.trim();
  let starred = false;
  if (rest.startsWith("*")) {
    starred = true;
    rest = rest.slice(1).trim();
  }
  const match = codePattern.exec(rest);
  if (!match?.[1] || !match[2]) return null;
  const code = `${match[1].toUpperCase()} ${match[2]}`;
  rest = rest.slice(match[0].length).trim();
  if (rest.startsWith("*")) {
    starred = true;
    rest = rest.slice(1).trim();
  }
  rest = rest.replace(/^[-–—:.]\s*/, "").trim();
  return { code, rest, starred };
}

const figurePattern = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/;

function slugOf(label: string): string {
  return label.trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

type BaselineRead =
  | { kind: "figure"; baseline: ImportedBaseline }
  | { kind: "pending"; reason: string; written: string }
  | { kind: "problem"; message: string };

/**
 * A figure mistyped rather than words: one token of digits with a stray mark or letter ("12,x",
 * "23.4.5", "1O0"). Words around a figure ("80% of actions satisfactory") are an agreement's own.
 */
const looksMistyped = (text: string): boolean => /^[+\-−]?[\d.,]*\d[\d.,]*[^\s\d]{0,3}$|^[+\-−]?\d[\d.,]*[A-Za-z][\d.,]+$/.test(text);

const lettersOnly = (text: string): string => text.toLowerCase().replace(/[^a-z]/g, "");

/** "Male 656", "Litter / Detritus: 9.0%", "Primary: 44% car": the component's words and the rest. */
function splitLabel(text: string): { label: string; rest: string } | null {
  const label = /^([A-Za-z][A-Za-z &/-]*?)\s*:?\s+(?=[+\-−]?\d)/.exec(text);
  if (!label?.[1] || /^(level|maintain|proposed|agreed|target)\b/i.test(label[1])) return null;
  return { label: label[1], rest: text.slice(label[0].length) };
}

/** One baseline as written: "1183 (2005-07 average)", "9.6%", "Male 656", "Level 1", "TBC". */
export function readBaselinePart(part: string): BaselineRead {
  const written = part.trim().replace(/\s+/g, " ");
  const pending = /^pending:?\s*(.*)$/i.exec(written);
  if (pending) return { kind: "pending", reason: pending[1] || written, written };
  const level = /^level\s+(\d+(?:\.\d+)?)$/i.exec(written);
  if (level?.[1]) return { kind: "figure", baseline: { component: "all", value: normaliseDecimal(level[1]), unit: "level", period: null, written } };
  let rest = written;
  let component = "all";
  const label = splitLabel(rest);
  if (label) {
    component = slugOf(label.label);
    rest = label.rest;
  }
  const figure = figurePattern.exec(rest);
  const after = figure ? rest.slice(figure[0].length) : rest;
  if (!figure || /^[\d,.]|^[^\s%(A-Za-z]/.test(after)) {
    if (looksMistyped(rest)) return { kind: "problem", message: `'${written}' is not a number` };
    // Words in place of a figure ("TBC", "New PI", "one-year figures unsuitable…"): no baseline yet.
    return { kind: "pending", reason: written, written };
  }
  const unitMatch = /^(%(?:\s*[A-Za-z]+(?=\s*(?:\(|$)))?)|^\s+([A-Za-z]{1,12})(?=\s*(?:\(|$))/.exec(after);
  const unit = unitMatch ? (unitMatch[1] ?? unitMatch[2] ?? "").trim() || null : null;
  const period = /\(([^)]*)\)/.exec(after)?.[1]?.trim() || null;
  return {
    kind: "figure",
    baseline: { component, value: normaliseDecimal(figure[0].replaceAll(",", "")), unit, period, written },
  };
}

type TargetRead = { kind: "target"; target: ImportedTarget } | { kind: "wording"; written: string } | { kind: "problem"; message: string };

function readWording(text: string): ReturnType<typeof parseTargetWording> {
  // "+5%": a change of five per cent of the baseline, as councils write it.
  const percent = /^([+\-−])\s*(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent?.[2]) return parseTargetWording(`${percent[2]}% ${percent[1] === "+" ? "increase" : "reduction"}`);
  return parseTargetWording(text);
}

/** One line of a year's cell: "2% increase", "Level 3", "592 (50% reduction)", "Male 600", "Proposed at 700", "TBC". */
export function readTargetLine(line: string, year: FinancialYear, components: readonly string[]): TargetRead {
  const written = line.trim().replace(/\s+/g, " ");
  let rest = written;
  let component = "all";
  const label = splitLabel(rest);
  const named = label ? components.find((name) => name !== "all" && lettersOnly(componentLabel(name)) === lettersOnly(label.label)) : undefined;
  if (label && named) {
    component = named;
    rest = label.rest;
  }
  let read = readWording(rest);
  // "Proposed at 700", "Agreed: 2% increase": the words before the figure say where it stands, not what it is.
  const lead = /^[A-Za-z][A-Za-z ]*?:?\s+(?=[+\-−]?\d)/.exec(rest);
  if (read instanceof DomainError && lead && !/^(level|maintain)\b/i.test(rest)) read = readWording(rest.slice(lead[0].length));
  if (read instanceof DomainError) {
    if (looksMistyped(rest)) return { kind: "problem", message: `'${written}' is not a target: write a number, a change such as '2% increase', or 'Level 3'` };
    // "TBC", "N/A", "New PI", "80% of LA actions being undertaken satisfactorily.": kept as the table wrote them.
    return { kind: "wording", written };
  }
  return { kind: "target", target: { year, component, target: read.target, writtenValue: read.writtenValue, written } };
}

/** Names split at commas and semicolons outside brackets. */
function splitNames(text: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "(") depth += 1;
    if (char === ")") depth = Math.max(0, depth - 1);
    if ((char === "," || char === ";") && depth === 0) {
      names.push(current);
      current = "";
    } else current += char;
  }
  names.push(current);
  return names.map((name) => name.trim()).filter((name) => name !== "");
}

const roleLabels: [RegExp, ImportedPartnerRole][] = [
  [/^lead( partners?)?$/i, "lead"],
  [/^statutory( partners?)?$/i, "statutory"],
  [/^non-?statutory( partners?)?$/i, "non-statutory"],
];

/** "Lead: Kent County Council* | Statutory partners: Kent Police" or "Kent County Council*, Kent Police (Crime Reduction)". */
export function readPartners(text: string, defaultRole: ImportedPartnerRole | null): ImportedPartner[] {
  const partners: ImportedPartner[] = [];
  for (const segment of text.split(/\s*\|\s*|\r?\n/)) {
    let role = defaultRole;
    let names = segment.trim();
    const label = /^([A-Za-z -]+):\s*/.exec(names);
    const known = label?.[1] ? roleLabels.find(([pattern]) => pattern.test(label[1]?.trim() ?? "")) : undefined;
    if (label && known) {
      role = known[1];
      names = names.slice(label[0].length);
    }
    for (const written of splitNames(names)) {
      const starred = written.includes("*");
      const plain = written.replaceAll("*", "").trim();
      const detail = /^(.*?)\s*\(([^)]*)\)$/.exec(plain);
      const name = (detail?.[1] ?? plain).trim();
      if (name === "") continue;
      partners.push({ name, role: starred ? "lead" : role, detail: detail?.[2]?.trim() || null });
    }
  }
  return partners;
}

/** The theme separator of Accord's sheet: "Safer and stronger communities — description". */
function themeTitle(text: string): string {
  return (text.split(" — ")[0] ?? text).trim();
}

const defaultTheme = "Indicators";

export function parseAgreementTable(grid: readonly GridRow[]): ImportedTable {
  const problems: TableProblem[] = [];
  const layout = findLayout(grid);
  if (!layout) {
    return {
      title: null,
      headerRow: null,
      years: [],
      rows: [],
      problems: [{ row: null, column: null, message: "No row of the table has the headings: it needs an Indicator (or Code) column and a Baseline column." }],
    };
  }
  const title = grid
    .filter(({ row, cells }) => row < layout.headerRow && cells.some((cell) => cell.trim() !== ""))
    .map(({ cells }) => cells.find((cell) => cell.trim() !== "")?.trim() ?? "")[0] ?? null;
  const years = [...new Set(layout.columns.flatMap(({ column }) => (column.role === "year" ? [column.year] : [])))].sort();
  if (years.length === 0) problems.push({ row: layout.headerRow, column: null, message: "No column is headed with a financial year such as 2008/09 or 08/09." });
  for (const role of ["code", "baseline"] as const) {
    const same = layout.columns.filter(({ column }) => column.role === role);
    if (same.length > 1) problems.push({ row: layout.headerRow, column: same[1]?.heading ?? null, message: `Two columns are headed as the ${role}: keep one.` });
  }

  const rows: ImportedRow[] = [];
  const seen = new Map<string, number>();
  let theme = defaultTheme;
  for (const { row, cells } of grid) {
    if (row <= layout.headerRow) continue;
    const filled = cells.map((cell, index) => ({ cell: cell.trim(), index })).filter(({ cell }) => cell !== "");
    if (filled.length === 0) continue;
    const cellOf = (role: Column["role"]) => layout.columns.filter(({ column }) => column.role === role).map(({ index, heading }) => ({ text: (cells[index] ?? "").trim(), heading }));
    const first = (role: Column["role"]) => cellOf(role)[0];
    const indicatorCell = first("indicator");
    const codeCell = first("code");
    const lines = (indicatorCell?.text ?? "").split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
    const fromIndicator = lines[0] ? readCode(lines[0]) : null;
    const fromCode = codeCell && codeCell.text !== "" ? readCode(codeCell.text) : null;
    const read = fromCode ?? fromIndicator;
    if (!read) {
      // A row with words in its first cell only is a theme's heading (Accord's grey rows, a council's section titles).
      if (filled.length === 1 && (filled[0]?.index ?? 0) <= (indicatorCell ? layout.columns.find(({ column }) => column.role === "indicator")?.index ?? 0 : 0)) {
        theme = themeTitle(filled[0]?.cell ?? defaultTheme);
        continue;
      }
      const heading = codeCell?.heading ?? indicatorCell?.heading ?? null;
      const text = codeCell?.text || lines[0] || "";
      problems.push({ row, column: heading, message: text === "" ? "the row has no indicator code" : `'${text}' does not start with an indicator code such as NI 47` });
      continue;
    }
    const code = read.code;
    const earlier = seen.get(code);
    if (earlier !== undefined) {
      problems.push({ row, column: codeCell?.heading ?? indicatorCell?.heading ?? null, message: `${code} is already on row ${earlier}` });
      continue;
    }
    seen.set(code, row);
    const themeCell = first("theme");
    if (themeCell && themeCell.text !== "") theme = themeTitle(themeCell.text);
    let titleText = fromCode && fromIndicator ? fromIndicator.rest : fromCode ? (lines[0] ?? "") : (fromIndicator?.rest ?? "");
    if (fromCode && fromIndicator && fromIndicator.code !== fromCode.code) titleText = lines[0] ?? "";
    const titleCell = first("title");
    if (titleCell && titleCell.text !== "") titleText = titleCell.text;
    const starred = read.starred || (fromIndicator?.starred ?? false);
    const notes = lines.slice(1);

    const baselines: ImportedBaseline[] = [];
    let baselinePending: ImportedRow["baselinePending"] = null;
    const baselineCell = first("baseline");
    if (baselineCell && baselineCell.text !== "") {
      for (const part of baselineCell.text.split(/\r?\n|;\s*/).filter((text) => text.trim() !== "")) {
        const result = readBaselinePart(part);
        if (result.kind === "problem") problems.push({ row, column: baselineCell.heading, message: result.message });
        else if (result.kind === "pending") baselinePending = { reason: result.reason, written: result.written };
        else if (baselines.some((baseline) => baseline.component === result.baseline.component)) {
          problems.push({ row, column: baselineCell.heading, message: `two baselines for ${componentLabel(result.baseline.component)}` });
        } else baselines.push(result.baseline);
      }
    }

    const components = baselines.map((baseline) => baseline.component);
    const targets: ImportedTarget[] = [];
    const targetWording: ImportedRow["targetWording"] = [];
    for (const { index, heading, column } of layout.columns) {
      if (column.role !== "year") continue;
      const text = (cells[index] ?? "").trim();
      for (const line of text.split(/\r?\n/).filter((part) => part.trim() !== "")) {
        const result = readTargetLine(line, column.year, components);
        if (result.kind === "problem") problems.push({ row, column: heading, message: result.message });
        else if (result.kind === "wording") targetWording.push({ year: column.year, written: result.written });
        else if (targets.some((target) => target.year === column.year && target.component === result.target.component)) {
          problems.push({ row, column: heading, message: `two targets for ${componentLabel(result.target.component)} in ${column.year}` });
        } else targets.push(result.target);
      }
    }

    const partners = [
      ...cellOf("leadPartners").flatMap(({ text }) => readPartners(text, "lead")),
      ...cellOf("partners").flatMap(({ text }) => readPartners(text, null)),
    ];
    const refresh = first("refresh")?.text || null;
    const noteLines = cellOf("notes").flatMap(({ text }) => text.split(/\r?\n/)).map((line) => line.trim()).filter((line) => line !== "");
    const targetNote = first("targetNote")?.text || null;
    rows.push({
      row,
      theme,
      code,
      title: titleText.trim() === "" ? null : titleText.trim(),
      nationalIndicatorSet: starred || isNationalIndicator(code),
      baselines,
      baselinePending,
      targets,
      targetWording,
      targetNote,
      partners,
      refreshStatus: refresh,
      notes: [...notes, ...noteLines],
    });
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ row: null, column: null, message: "The table has no indicator rows under its headings." });
  return { title, headerRow: layout.headerRow, years, rows, problems };
}

/** "row 7, column 'Baseline': '12,x' is not a number". */
export function problemText(problem: TableProblem): string {
  const where = [problem.row === null ? null : `row ${problem.row}`, problem.column === null ? null : `column '${problem.column}'`].filter(Boolean).join(", ");
  return where === "" ? problem.message : `${where}: ${problem.message}`;
}
