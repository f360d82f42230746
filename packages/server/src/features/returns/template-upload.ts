/**
 * A filled-in return template sent back (issue 9 point 4): all or nothing. Every row is checked
 * first — the indicator, component and area named, the figures typed, whether this person may
 * fill that row in, the numerator and denominator against the value, and the version against
 * what is recorded now — then every changed row is written in ONE transaction through the same
 * checks and write as a single value (checkObservation, writeObservation). If any row or cell is
 * wrong, nothing is written and the answer lists every one (row, column, reason).
 *
 * A row whose Version is not the one recorded now is refused as stale, unless what it says is
 * what is recorded now anyway: a new value never silently overwrites someone else's newer edit.
 * A row left as downloaded is not written again; a blank Value records nothing.
 */
import { findUnstorableText } from "../../http/text-safety.js";
import { compareDecimals, normaliseDecimal, plural } from "@accord/domain";
import type { Db } from "../../db/client.js";
import { AppError } from "../../errors.js";
import type { Actor } from "../../policy/authorize.js";
import { StaleVersionError } from "../indicators/service.js";
import { RecordObservationBody } from "../observations/schema.js";
import { checkObservation, newWriteBatch, presentObservation, writeObservation } from "../observations/service.js";
import type { CheckedObservation, IndicatorFactsCache, ObservationView } from "../observations/service.js";
import { currentObservations, observationKey, readTemplateFrame } from "./template.js";
import type { CurrentObservation, TemplateArea, TemplateFrame, TemplateIndicator } from "./template.js";
import { templateColumns } from "./template.js";
import type { TemplateColumn } from "./template.js";
import { readTemplateFile } from "./template-files.js";
import type { SheetRow } from "./template-csv.js";

/** More rows than any agreement's template has (35 indicators × components × 13 areas is a few hundred). */
export const maxUploadRows = 5000;

export interface UploadProblem {
  /** The row as the spreadsheet numbers it. */
  row: number;
  /** The column's heading, or "" for the row as a whole. */
  column: string;
  reason: string;
  /** For a stale row: the value as it is recorded now. */
  current?: ObservationView | null;
}

export interface UploadReport {
  round: string;
  /** Rows written (new or changed values). */
  written: number;
  /** Rows the same as what is recorded, not written again. */
  unchanged: number;
  /** Rows with no Value, which record nothing. */
  blank: number;
  values: ObservationView[];
}

/** Every bad row and cell of a refused upload; 409 when each problem is a stale version, else 400. */
export class UploadRefusedError extends AppError {
  readonly problems: UploadProblem[];
  /** `conflicts`: how many of the problems are someone else's change or a locked return rather than the file's fault. */
  constructor(problems: UploadProblem[], conflicts = 0) {
    const rows = new Set(problems.map((problem) => problem.row)).size;
    const stale = problems.filter((problem) => problem.column === templateColumns.version && problem.current !== undefined).length;
    super(
      stale + conflicts === problems.length ? "CONFLICT" : "BAD_REQUEST",
      `Nothing was saved: ${plural(rows, "row")} of the file ${rows === 1 ? "has" : "have"} ${plural(problems.length, "problem")}. ` +
        "Correct them and send the whole file again.",
      {
        field: "file",
        details: problems.map((problem) => ({
          field: problem.column ? `row ${problem.row}, ${problem.column}` : `row ${problem.row}`,
          message: problem.reason,
        })),
      },
    );
    this.problems = problems;
  }
}

/** Which column a refusal from the zod schema or the observation checks is about. */
const columnOfField: Record<string, TemplateColumn> = {
  value: "value",
  numerator: "numerator",
  denominator: "denominator",
  status: "status",
  source: "source",
  note: "note",
  version: "version",
  area: "areaCode",
  component: "component",
  period: "period",
};

const squash = (text: string) => text.trim().toUpperCase().replace(/[\s_-]+/g, "");

function findIndicator(frame: TemplateFrame, text: string): TemplateIndicator | undefined {
  const wanted = squash(text);
  return frame.indicators.find((indicator) => squash(indicator.scope.code) === wanted || squash(indicator.key) === wanted);
}

function findArea(frame: TemplateFrame, text: string): TemplateArea | undefined {
  const wanted = text.trim().toUpperCase();
  return [frame.county, ...frame.districts].find(
    (area) => area.code.toUpperCase() === wanted || area.legacyCode?.toUpperCase() === wanted,
  );
}

const same = (a: string | null, b: string | null) =>
  a === null || b === null ? a === b : compareDecimals(normaliseDecimal(a), normaliseDecimal(b)) === 0;

/** Does the row say exactly what is recorded now? */
function unchanged(checked: CheckedObservation, now: CurrentObservation): boolean {
  const { figures, body } = checked;
  return (
    same(figures.value, now.value) &&
    same(figures.numerator, now.numerator) &&
    same(figures.denominator, now.denominator) &&
    body.status === now.status &&
    (body.source ?? null) === (now.source ?? null) &&
    (body.note ?? null) === (now.note ?? null)
  );
}

function describe(now: CurrentObservation): string {
  const parts = now.numerator === null ? "" : ` (${normaliseDecimal(now.numerator)} / ${normaliseDecimal(now.denominator ?? "")})`;
  return `${normaliseDecimal(now.value)}${parts}, version ${now.version}, recorded by ${now.recordedByName}`;
}

interface ReadyRow {
  row: number;
  checked: CheckedObservation;
}

/** Checks one row; gives the row ready to write, "blank", "unchanged", or its problems. */
async function checkRow(
  db: Db,
  actor: Actor,
  frame: TemplateFrame,
  current: Map<string, CurrentObservation>,
  cache: IndicatorFactsCache,
  sheetRow: SheetRow,
): Promise<ReadyRow | "blank" | "unchanged" | UploadProblem[]> {
  const { row, cells } = sheetRow;
  const problems: UploadProblem[] = [];
  const problem = (column: TemplateColumn | "", reason: string) =>
    problems.push({ row, column: column === "" ? "" : templateColumns[column], reason });

  for (const [column, text] of Object.entries(cells) as [TemplateColumn, string][]) {
    const unstorable = findUnstorableText(text);
    if (unstorable) problem(column, unstorable.reason);
  }
  if (problems.length > 0) return problems;

  const value = cells.value ?? "";
  const numerator = cells.numerator ?? "";
  const denominator = cells.denominator ?? "";
  const indicatorText = cells.indicator ?? "";
  const indicator = indicatorText === "" ? undefined : findIndicator(frame, indicatorText);
  if (indicatorText === "") problem("indicator", "name the indicator, e.g. NI 47");
  else if (!indicator) problem("indicator", `"${indicatorText}" is not an indicator of ${frame.agreement.name}`);

  const component = (cells.component ?? "") === "" ? "all" : (cells.component ?? "all");
  if (indicator && !indicator.scope.components.includes(component)) {
    problem("component", `${indicator.scope.code} has no component "${component}": it has ${indicator.scope.components.join(", ")}`);
  }

  const areaText = cells.areaCode ?? "";
  const area = areaText === "" ? undefined : findArea(frame, areaText);
  if (!area) {
    const codes = frame.districts.map((one) => one.code);
    problem(
      "areaCode",
      `${areaText === "" ? "no area code" : `"${areaText}" is not`} ${frame.county.name} (${frame.county.code}) or one of its districts (${codes[0] ?? ""}–${codes.at(-1) ?? ""})`,
    );
  }

  const period = cells.period ?? "";
  if (period !== "" && squash(period) !== squash(frame.round.label)) {
    problem("period", `this template is for ${frame.round.label}, not ${period}: download the template of that round to report it`);
  }

  if (value === "") {
    if (numerator === "" && denominator === "") return problems.length > 0 ? problems : "blank";
    problem("value", "give the value as well as its numerator and denominator");
  }

  const version = cells.version ?? "";
  const parsed = RecordObservationBody.safeParse({
    period: frame.round.label,
    area: area?.code ?? "unknown",
    component,
    value: value === "" ? "0" : value,
    ...(numerator === "" ? {} : { numerator }),
    ...(denominator === "" ? {} : { denominator }),
    status: (cells.status ?? "") === "" ? "provisional" : (cells.status ?? "").toLowerCase(),
    ...((cells.source ?? "") === "" ? {} : { source: cells.source }),
    ...((cells.note ?? "") === "" ? {} : { note: cells.note }),
    ...(version === "" ? {} : { version: /^\d+$/.test(version) ? Number(version) : version }),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = columnOfField[String(issue.path[0])] ?? "";
      const reason =
        column === "version"
          ? "must be the version number the template was downloaded with: do not change it"
          : column === "status"
            ? "must be provisional or final (or blank: provisional)"
            : `"${cells[column === "" ? "value" : column] ?? ""}" ${issue.message}`;
      problem(column, reason);
    }
  }
  if (problems.length > 0 || !parsed.success || !indicator || !area) return problems;

  let checked: CheckedObservation;
  try {
    checked = await checkObservation({ db, actor, scope: indicator.scope, body: parsed.data, cache });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const column = error.code === "FORBIDDEN" ? "areaCode" : (columnOfField[error.field ?? ""] ?? "");
    const reason =
      error.code === "FORBIDDEN" ? `you may not fill in ${area.name}'s ${indicator.scope.code}: ${error.message}` : error.message;
    problem(column, reason);
    return problems;
  }

  const now = current.get(observationKey(indicator.scope.agreementIndicatorId, area.id, component));
  if (now && unchanged(checked, now)) return "unchanged";
  if (now && parsed.data.version !== now.version) {
    problems.push({
      row,
      column: templateColumns.version,
      reason:
        `someone changed this since you downloaded it: ${area.name}'s ${indicator.scope.code} is now ${describe(now)}. ` +
        "Download the template again (or clear this row's Value to keep theirs).",
      current: presentObservation(now, frame.round.label, area.code),
    });
    return problems;
  }
  if (!now && parsed.data.version !== undefined) {
    problem("version", `no value of ${area.name}'s ${indicator.scope.code} has version ${parsed.data.version}: leave Version as downloaded`);
    return problems;
  }
  return { row, checked };
}

/** Checks every row of the file and, if all are sound, writes the changed ones in one transaction. */
export async function importReturnTemplate(options: {
  db: Db;
  actor: Actor | null;
  slug: string;
  round: string;
  /** The file, or how to get it once the person and the round have been checked. */
  file: Buffer | (() => Buffer);
}): Promise<UploadReport> {
  const { db } = options;
  const { actor, frame } = await readTemplateFrame(options);
  if (frame.round.status !== "open") {
    throw new AppError(
      "CONFLICT",
      `The ${frame.round.label} round is ${frame.round.status}: values are taken only while a round is open (no interim updates).`,
      { field: "round" },
    );
  }
  const sheet = await readTemplateFile(typeof options.file === "function" ? options.file() : options.file);
  if (sheet.rows.length === 0) {
    throw new AppError("BAD_REQUEST", "The file has headings but no rows: fill in the rows of the template.", { field: "file" });
  }
  if (sheet.rows.length > maxUploadRows) {
    throw new AppError("BAD_REQUEST", `The file has ${sheet.rows.length} rows; a return template has at most ${maxUploadRows}.`, { field: "file" });
  }

  const current = await currentObservations(db, frame);
  const cache: IndicatorFactsCache = new Map();
  const problems: UploadProblem[] = [];
  const ready: ReadyRow[] = [];
  const seen = new Map<string, number>();
  let blank = 0;
  let same = 0;
  for (const sheetRow of sheet.rows) {
    const result = await checkRow(db, actor, frame, current, cache, sheetRow);
    if (result === "blank") blank += 1;
    else if (result === "unchanged") same += 1;
    else if (Array.isArray(result)) problems.push(...result);
    else {
      const { checked } = result;
      const key = observationKey(checked.scope.agreementIndicatorId, checked.area.id, checked.body.component);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problems.push({
          row: result.row,
          column: "",
          reason: `row ${earlier} already gives ${checked.area.name}'s ${checked.scope.code}${checked.body.component === "all" ? "" : ` (${checked.body.component})`}: give each value once`,
        });
      } else {
        seen.set(key, result.row);
        ready.push(result);
      }
    }
  }
  if (problems.length > 0) throw new UploadRefusedError(problems);
  if (ready.length === 0) return { round: frame.round.label, written: 0, unchanged: same, blank, values: [] };

  const values = await db.transaction(async (tx) => {
    const written: ObservationView[] = [];
    const late: UploadProblem[] = [];
    // The period and the round (held shared, with its returns' states) are read once for every row.
    const batch = newWriteBatch();
    let conflicts = 0;
    for (const { row, checked } of ready) {
      try {
        written.push(await writeObservation(tx, actor, checked, batch));
      } catch (error) {
        // Someone wrote one of these values between the check and now, or a rule of the write refused it.
        if (error instanceof StaleVersionError) {
          late.push({
            row,
            column: templateColumns.version,
            reason: `someone changed this since you downloaded it: ${checked.area.name}'s ${checked.scope.code} was changed while the file was being saved. Download the template again.`,
            current: (error.current as ObservationView | null) ?? null,
          });
        } else if (error instanceof AppError) {
          // A 409 here (a submitted return's values are locked) is about the row as a whole.
          const column = error.code === "CONFLICT" ? undefined : columnOfField[error.field ?? ""];
          if (error.code === "CONFLICT") conflicts += 1;
          late.push({ row, column: column ? templateColumns[column] : "", reason: error.message });
        } else throw error;
      }
    }
    // Throwing rolls every write of this upload back.
    if (late.length > 0) throw new UploadRefusedError(late, conflicts);
    return written;
  });
  return { round: frame.round.label, written: values.length, unchanged: same, blank, values };
}
