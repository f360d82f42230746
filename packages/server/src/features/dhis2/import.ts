/**
 * A DHIS2 data value set imported (issue 10 point 2), JSON or CSV as the DHIS2 Web API documents
 * them: each data value's data element and category option combo name an indicator and its
 * component, its org unit Kent or a district, its period a DHIS2 period code (dhis2-periods.ts),
 * its attribute option combo the agreement (or, left out, the one agreement that reports that
 * indicator for that area).
 *
 * All or nothing, as a return template is (features/returns/template-upload.ts): every value is
 * checked first (identifiers, period, figure, who may record it) through the observation
 * service's own checks, then every new or changed value is written in ONE transaction through
 * writeObservation (round open, return not locked, version, audit, change counter). Any conflict
 * refuses the whole file and the answer lists every one, as DHIS2's import summary does:
 * `{status, importCount: {imported, updated, ignored, deleted}, conflicts: [{object, value}]}`.
 * A value the same as what is recorded (same figure, same comment: DHIS2's "unchanged") is
 * ignored. A dry run goes through the writes too, to find what they would refuse, and rolls them back.
 */
import { and, eq, inArray } from "drizzle-orm";
import { compareDecimals, normaliseDecimal, plural, readDhis2Period } from "@accord/domain";
import type { ReportingPeriod } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { AppError } from "../../errors.js";
import { findUnstorableText } from "../../http/text-safety.js";
import type { Actor } from "../../policy/authorize.js";
import { StaleVersionError } from "../indicators/versions.js";
import type { IndicatorScope } from "../indicators/scope.js";
import { RecordObservationBody } from "../observations/schema.js";
import { checkObservation, writeObservation } from "../observations/service.js";
import type { CheckedObservation, IndicatorFactsCache } from "../observations/service.js";
import { cellText, parseCsv } from "../returns/template-csv.js";
import { loadIdentifierBook } from "./identifiers.js";
import type { Dhis2Kind, IdentifierBook } from "./identifiers.js";
import { DataValueSet } from "./schema.js";
import type { DataValue, ImportSummary } from "./schema.js";

/** A data value as the file gives it, before anything is looked up. */
interface SentValue {
  index: number;
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo: string;
  attributeOptionCombo: string;
  value: string;
  comment: string | null;
  deleted: boolean;
}

type Conflict = ImportSummary["conflicts"][number];

/** The file, as the request or the command line has it. */
export type Dhis2Upload = { format: "json"; body: unknown } | { format: "csv"; bytes: Buffer };

/** DHIS2's CSV, read by position (the first row is the heading row, which DHIS2 ignores). */
function readCsvValues(bytes: Buffer): SentValue[] {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("BAD_REQUEST", "The file is not CSV text in UTF-8.", { field: "file" });
  }
  const records = parseCsv(text).filter(({ cells }) => cells.some((cell) => cell.trim() !== ""));
  const [heading, ...rows] = records;
  if (!heading || (cellText(heading.cells[0] ?? "").toLowerCase() !== "dataelement")) {
    throw new AppError(
      "BAD_REQUEST",
      "The file is not DHIS2 data value CSV: its first row must be the heading row " +
        "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup.",
      { field: "file" },
    );
  }
  return rows.map(({ cells }, index): SentValue => {
    const cell = (position: number) => cellText(cells[position] ?? "");
    const comment = cell(8);
    return {
      index,
      dataElement: cell(0),
      period: cell(1),
      orgUnit: cell(2),
      categoryOptionCombo: cell(3),
      attributeOptionCombo: cell(4),
      value: cell(5),
      comment: comment === "" ? null : comment,
      // DHIS2's CSV has no column for deleting a value.
      deleted: false,
    };
  });
}

function valueText(value: DataValue["value"]): string {
  if (value === undefined || value === null) return "";
  return typeof value === "number" ? String(value) : value.trim();
}

function readJsonValues(body: unknown): { values: SentValue[]; idScheme: "uid" | "code" | undefined } {
  const parsed = DataValueSet.safeParse(body);
  if (!parsed.success) {
    throw new AppError("BAD_REQUEST", "The file is not a DHIS2 data value set: it must be {\"dataValues\": [ … ]}.", {
      field: "file",
      details: parsed.error.issues.map((issue) => ({ field: issue.path.join(".") || "file", message: issue.message })),
    });
  }
  const set = parsed.data;
  return {
    idScheme: set.idScheme,
    values: set.dataValues.map((one, index): SentValue => ({
      index,
      dataElement: one.dataElement ?? "",
      // The set's period, org unit and attribute option combo stand for every value without its own.
      period: one.period ?? set.period ?? "",
      orgUnit: one.orgUnit ?? set.orgUnit ?? "",
      categoryOptionCombo: one.categoryOptionCombo ?? "",
      attributeOptionCombo: one.attributeOptionCombo ?? set.attributeOptionCombo ?? "",
      value: valueText(one.value),
      comment: one.comment === undefined || one.comment === null || one.comment.trim() === "" ? null : one.comment.trim(),
      deleted: one.deleted === true,
    })),
  };
}

/** What is known of an agreement indicator, to check and write a value of it. */
interface IndicatorOfAgreement {
  scope: IndicatorScope;
  slug: string;
  agreementName: string;
  /** Kent: the agreement's county, whose districts it covers too. */
  countyId: number;
}

async function agreementIndicators(db: Db): Promise<IndicatorOfAgreement[]> {
  const rows = await db
    .select({
      agreementId: t.agreements.id,
      published: t.agreements.published,
      firstYear: t.agreements.firstYear,
      lastYear: t.agreements.lastYear,
      version: t.agreements.version,
      slug: t.agreements.slug,
      agreementName: t.agreements.name,
      countyId: t.agreements.areaId,
      agreementIndicatorId: t.agreementIndicators.id,
      code: t.indicatorDefinitions.code,
      components: t.indicatorDefinitions.components,
    })
    .from(t.agreementIndicators)
    .innerJoin(t.agreements, eq(t.agreements.id, t.agreementIndicators.agreementId))
    .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId));
  return rows.map(({ slug, agreementName, countyId, ...scope }) => ({ scope, slug, agreementName, countyId }));
}

/** The same people who record values: an accountable officer, an LSP coordinator, a manager. */
export const recordsValues = (actor: Actor) =>
  actor.grants.some((grant) => grant.role === "manager" || grant.role === "officer" || grant.role === "lsp");
export const importRefusal = "Only an indicator's accountable officer, an LSP coordinator for a district or a manager may import values.";

/** A value checked, with the key of the observation it is (checked null: a blank value). */
interface PendingValue {
  sent: SentValue;
  key: string;
  scope: IndicatorScope;
  period: ReportingPeriod;
  areaName: string;
  checked: CheckedObservation | null;
}

const keyOf = (agreementIndicatorId: number, period: string, areaId: number, component: string) =>
  `${agreementIndicatorId}\u0000${period}\u0000${areaId}\u0000${component}`;

/** A value ready to write, and what it replaces. */
interface ReadyValue {
  sent: SentValue;
  checked: CheckedObservation;
  existing: boolean;
}

/** Rolls a dry run's (or a refused file's) writes back, carrying what they found. */
class Rollback extends Error {
  constructor(readonly imported: number, readonly updated: number, readonly conflicts: Conflict[]) {
    super("rolled back");
  }
}

export async function importDataValueSets(options: {
  db: Db;
  actor: Actor | null;
  upload: Dhis2Upload;
  dryRun: boolean;
  idScheme?: "uid" | "code";
}): Promise<ImportSummary> {
  const { db, actor, dryRun } = options;
  if (actor === null) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  if (!recordsValues(actor)) throw new AppError("FORBIDDEN", importRefusal);
  const read =
    options.upload.format === "csv"
      ? { values: readCsvValues(options.upload.bytes), idScheme: undefined }
      : readJsonValues(options.upload.body);
  const scheme = options.idScheme ?? read.idScheme ?? "uid";
  const sent = read.values;
  if (sent.length === 0) throw new AppError("BAD_REQUEST", "The file has no data values.", { field: "file" });

  const book = await loadIdentifierBook(db);
  const indicators = await agreementIndicators(db);
  const areaRows = await db.select({ id: t.areas.id, code: t.areas.code, parentId: t.areas.parentId }).from(t.areas);
  const areaParents = new Map(areaRows.map((area) => [area.code, area]));
  const conflicts: Conflict[] = [];
  const conflict = (one: SentValue, property: string, object: string, value: string) =>
    conflicts.push({ object, value, property, indexes: [one.index] });
  const cache: IndicatorFactsCache = new Map();
  const pending: PendingValue[] = [];
  let ignored = 0;

  for (const one of sent) {
    const before = conflicts.length;
    for (const [property, text] of Object.entries(one)) {
      const unstorable = typeof text === "string" ? findUnstorableText(text) : null;
      if (unstorable) conflict(one, property, text as string, unstorable.reason);
    }
    if (conflicts.length > before) continue;
    const lookUp = (kind: Dhis2Kind, text: string, what: string) => {
      if (text === "") return undefined;
      const found = book.find(kind, text, scheme);
      const how = scheme === "uid" ? " (by its DHIS2 identifier: a manager sets them at /api/dhis2/identifiers)" : "";
      if (!found) conflict(one, kind, text, `${what} ${text} is not known to Accord${how}`);
      return found;
    };
    if (one.dataElement === "") conflict(one, "dataElement", "", "The data value names no data element");
    if (one.orgUnit === "") conflict(one, "orgUnit", "", "The data value names no org unit");
    const dataElement = lookUp("dataElement", one.dataElement, "Data element");
    const orgUnit = lookUp("orgUnit", one.orgUnit, "Org unit");
    const combo = one.categoryOptionCombo === "" ? { code: "all" } : lookUp("categoryOptionCombo", one.categoryOptionCombo, "Category option combo");
    const agreement = lookUp("attributeOptionCombo", one.attributeOptionCombo, "Attribute option combo");
    const reading = readDhis2Period(one.period);
    if ("reason" in reading) conflict(one, "period", one.period, `Period ${reading.reason}`);
    if (one.deleted) conflict(one, "value", one.value, "Accord keeps every value: it does not delete values through an import");
    if (!dataElement || !orgUnit || !combo || (one.attributeOptionCombo !== "" && !agreement) || "reason" in reading || one.deleted) continue;

    // The agreement named, or the one agreement reporting this indicator for Kent or its district.
    const area = areaParents.get(orgUnit.code);
    const candidates = indicators.filter(
      (item) =>
        item.scope.code === dataElement.code &&
        (agreement ? item.slug === agreement.code : area !== undefined && (item.countyId === area.id || item.countyId === area.parentId)),
    );
    if (candidates.length !== 1 || !candidates[0]) {
      const agreementText = agreement ? `${agreement.name} (${one.attributeOptionCombo})` : `any agreement for ${orgUnit.name}`;
      conflict(
        one,
        candidates.length === 0 ? "dataElement" : "attributeOptionCombo",
        candidates.length === 0 ? one.dataElement : one.attributeOptionCombo,
        candidates.length === 0
          ? `Data element ${one.dataElement} (${dataElement.code}) is not an indicator of ${agreementText}`
          : `${dataElement.code} for ${orgUnit.name} is in ${candidates.map((item) => item.agreementName).join(" and ")}: ` +
            "name the agreement by its attribute option combo",
      );
      continue;
    }
    const { scope } = candidates[0];
    const period: ReportingPeriod = reading.period;
    if (one.value === "") {
      // DHIS2 would delete the value; Accord keeps it, and a blank where nothing is recorded is nothing to do.
      const key = keyOf(scope.agreementIndicatorId, period.label, area?.id ?? 0, combo.code);
      pending.push({ sent: one, key, scope, period, areaName: orgUnit.name, checked: null });
      continue;
    }
    const body = RecordObservationBody.safeParse({ period: period.label, area: orgUnit.code, component: combo.code, value: one.value });
    if (!body.success) {
      conflict(one, "value", one.value, `Value "${one.value}" is not a number written with digits (e.g. 1183 or 67.5)`);
      continue;
    }
    try {
      const withNote = { ...body.data, ...(one.comment === null ? {} : { note: one.comment }) };
      const checked = await checkObservation({ db, actor, scope, body: withNote, cache });
      const key = keyOf(scope.agreementIndicatorId, period.label, checked.area.id, checked.body.component);
      pending.push({ sent: one, key, scope, period, areaName: checked.area.name, checked });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // Which of the data value's properties the refusal is about, and what the file has there.
      const property: "orgUnit" | "categoryOptionCombo" | "period" | "value" =
        error.field === "area" || error.code === "FORBIDDEN"
          ? "orgUnit"
          : error.field === "component"
            ? "categoryOptionCombo"
            : error.field === "period"
              ? "period"
              : "value";
      conflict(one, property, one[property], error.message);
    }
  }

  // The same value twice in one file.
  const seen = new Map<string, SentValue>();
  for (const { sent: one, key, scope, areaName } of pending) {
    const earlier = seen.get(key);
    if (earlier) {
      conflicts.push({
        object: one.dataElement,
        value:
          `The file gives ${areaName}'s ${scope.code} for ${one.period} twice ` +
          `(data values ${earlier.index} and ${one.index}): give each value once`,
        property: "dataValue",
        indexes: [earlier.index, one.index],
      });
    } else seen.set(key, one);
  }

  // What is recorded now for every value of the file.
  const indicatorIds = [...new Set(pending.map(({ scope }) => scope.agreementIndicatorId))];
  const labels = [...new Set(pending.map(({ period }) => period.label))];
  const recorded =
    indicatorIds.length === 0
      ? []
      : await db
          .select({ observation: t.observations, label: t.reportingPeriods.label })
          .from(t.observations)
          .innerJoin(t.reportingPeriods, eq(t.reportingPeriods.id, t.observations.periodId))
          .where(and(inArray(t.observations.agreementIndicatorId, indicatorIds), inArray(t.reportingPeriods.label, labels)));
  const current = new Map(
    recorded.map(({ observation: row, label }) => [keyOf(row.agreementIndicatorId, label, row.areaId, row.component), row]),
  );

  const ready: ReadyValue[] = [];
  for (const { sent: one, key, scope, period, areaName, checked } of pending) {
    const now = current.get(key);
    if (checked === null) {
      if (now) {
        const recordedNow = normaliseDecimal(now.value);
        conflict(
          one,
          "value",
          "",
          `A blank value would delete ${areaName}'s ${scope.code} for ${period.label} (${recordedNow}); Accord keeps every value: give the value`,
        );
      } else ignored += 1;
      continue;
    }
    const sameFigure = now !== undefined && compareDecimals(normaliseDecimal(now.value), checked.figures.value) === 0;
    // DHIS2: unchanged is the same value and comment; a value sent without a comment keeps the note it has.
    if (now && sameFigure && (one.comment === null || one.comment === (now.note ?? null))) {
      ignored += 1;
      continue;
    }
    const body = {
      ...checked.body,
      status: now?.status ?? checked.body.status,
      ...(now?.source ? { source: now.source } : {}),
      ...(one.comment === null && now?.note ? { note: now.note } : {}),
      ...(now ? { version: now.version } : {}),
    };
    // A rate's numerator and denominator go with the value they made; a new value has none in DHIS2.
    const figures = sameFigure ? { value: checked.figures.value, numerator: now.numerator, denominator: now.denominator } : checked.figures;
    ready.push({ sent: one, checked: { ...checked, body, figures }, existing: now !== undefined });
  }

  const summary = (status: ImportSummary["status"], imported: number, updated: number, found: Conflict[]): ImportSummary => {
    const refused = status === "ERROR";
    return {
      responseType: "ImportSummary",
      status,
      description: refused
        ? `Nothing was saved: ${plural(found.length, "conflict")} in ${plural(sent.length, "data value")}. ` +
          "Correct them and send the whole file again."
        : dryRun
          ? `Dry run: nothing was saved. ${plural(imported, "value")} would be imported, ${updated} updated, ${ignored} ignored.`
          : `Import complete: ${plural(imported, "value")} imported, ${updated} updated, ${ignored} ignored.`,
      dryRun,
      importCount: refused ? { imported: 0, updated: 0, ignored: sent.length, deleted: 0 } : { imported, updated, ignored, deleted: 0 },
      conflicts: found,
    };
  };
  if (conflicts.length > 0) return summary("ERROR", 0, 0, conflicts.sort((a, b) => (a.indexes[0] ?? 0) - (b.indexes[0] ?? 0)));
  if (ready.length === 0) return summary("SUCCESS", 0, 0, []);

  try {
    const counts = await db.transaction(async (tx) => {
      let imported = 0;
      let updated = 0;
      const late: Conflict[] = [];
      for (const { sent: one, checked, existing } of ready) {
        try {
          await writeObservation(tx, actor, checked);
          if (existing) updated += 1;
          else imported += 1;
        } catch (error) {
          if (error instanceof StaleVersionError) {
            const what = `${checked.area.name}'s ${checked.scope.code} for ${checked.period.label}`;
            late.push({
              object: one.dataElement,
              value: `${what} was changed by someone else while the file was being imported: send the file again`,
              property: "value",
              indexes: [one.index],
            });
          } else if (error instanceof AppError) {
            // The round is not open, or the indicator's return is submitted and its values locked.
            const property = error.field === "period" ? "period" : "value";
            late.push({ object: property === "period" ? one.period : one.value, value: error.message, property, indexes: [one.index] });
          } else throw error;
        }
      }
      // Throwing rolls every write of the file back: a refused file or a dry run leaves nothing.
      if (late.length > 0 || dryRun) throw new Rollback(imported, updated, late);
      return { imported, updated };
    });
    return summary("SUCCESS", counts.imported, counts.updated, []);
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    if (error.conflicts.length > 0) return summary("ERROR", 0, 0, error.conflicts);
    return summary("SUCCESS", error.imported, error.updated, []);
  }
}
