/**
 * A monitoring round's values as a DHIS2 data value set, JSON or CSV (issue 10 point 2), in the
 * layout DHIS2's GET /api/dataValueSets answers: one data value per indicator, component, area
 * and the round's period, named by the installation's DHIS2 identifiers (identifiers.ts), the
 * value as recorded, the note as the comment. The CSV has DHIS2's columns in DHIS2's order and
 * every cell made safe for a spreadsheet (reports/spreadsheet-safety.ts).
 *
 * Reading it back through the import finds every value unchanged: an export re-imports with
 * nothing imported or updated.
 */
import { and, asc, eq } from "drizzle-orm";
import { dhis2PeriodOf, normaliseDecimal } from "@accord/domain";
import type { ReportingPeriod } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { isoTimestamp } from "../../db/timestamps.js";
import { AppError } from "../../errors.js";
import { ensureAllowed } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";
import { neutraliseCell, neutraliseUnlessNumber } from "../../reports/spreadsheet-safety.js";
import { agreementScope } from "../indicators/scope.js";
import { findRound } from "../rounds/service.js";
import { loadIdentifierBook } from "./identifiers.js";
import type { ExportFormat } from "./schema.js";

export interface ExportedValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo: string;
  attributeOptionCombo: string;
  value: string;
  storedBy: string;
  lastUpdated: string;
  comment?: string;
  followup: boolean;
}

export interface Dhis2File {
  buffer: Buffer;
  contentType: string;
  /** "kent-ka2-2008-09-h1-datavalueset.json" */
  fileName: string;
  values: number;
}

/** DHIS2's storedBy is a user name: the e-mail address of whoever recorded the value, else their name. */
function storedBy(recordedByName: string): string {
  return /<([^<>]+)>$/.exec(recordedByName)?.[1] ?? recordedByName;
}

/** DHIS2's CSV columns, in DHIS2's order. */
export const dhis2CsvColumns = [
  "dataelement",
  "period",
  "orgunit",
  "categoryoptioncombo",
  "attributeoptioncombo",
  "value",
  "storedby",
  "lastupdated",
  "comment",
  "followup",
] as const;

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function writeDataValueSetCsv(values: readonly ExportedValue[]): Buffer {
  const lines = [dhis2CsvColumns.join(",")];
  for (const one of values) {
    const cells = [
      neutraliseCell(one.dataElement),
      neutraliseCell(one.period),
      neutraliseCell(one.orgUnit),
      neutraliseCell(one.categoryOptionCombo),
      neutraliseCell(one.attributeOptionCombo),
      // A decimal such as -5 is a number to a spreadsheet, not a formula; DHIS2 reads it as written.
      neutraliseUnlessNumber(one.value),
      neutraliseCell(one.storedBy),
      neutraliseCell(one.lastUpdated),
      neutraliseCell(one.comment ?? ""),
      String(one.followup),
    ];
    lines.push(cells.map(csvField).join(","));
  }
  return Buffer.from(`${lines.join("\n")}\n`, "utf8");
}

/** The values of one round of an agreement, as DHIS2 data values. */
export async function roundDataValues(options: {
  db: Db;
  actor: Actor | null;
  slug: string;
  round: string;
}): Promise<{ slug: string; round: string; period: ReportingPeriod; values: ExportedValue[] }> {
  const { db, actor } = options;
  const scope = await agreementScope(db, options.slug);
  ensureAllowed(actor, "read", { type: "agreement", ...scope });
  // 404 for a round the reader may not see yet (the public: until it is published).
  const row = await findRound(db, actor, scope, options.round);
  const period: ReportingPeriod = { kind: row.kind as ReportingPeriod["kind"], label: row.label, start: row.start, end: row.end };
  const code = dhis2PeriodOf(period);
  if (code === null) {
    throw new AppError(
      "BAD_REQUEST",
      `${row.label} has no DHIS2 period type ` +
        "(DHIS2 has financial years and halves from April, quarters and months, but no survey seasons or school years).",
      { field: "round" },
    );
  }
  const book = await loadIdentifierBook(db);
  const rows = await db
    .select({
      indicator: t.indicatorDefinitions.code,
      area: t.areas.code,
      component: t.observations.component,
      value: t.observations.value,
      note: t.observations.note,
      recordedByName: t.observations.recordedByName,
      recordedAt: t.observations.recordedAt,
    })
    .from(t.observations)
    .innerJoin(t.agreementIndicators, eq(t.agreementIndicators.id, t.observations.agreementIndicatorId))
    .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
    .innerJoin(t.areas, eq(t.areas.id, t.observations.areaId))
    .where(and(eq(t.agreementIndicators.agreementId, scope.agreementId), eq(t.observations.periodId, row.round.periodId)))
    .orderBy(asc(t.agreementIndicators.position), asc(t.observations.component), asc(t.areas.code));
  const agreement = book.idOf("attributeOptionCombo", options.slug);
  const values = rows.map(
    (one): ExportedValue => ({
      dataElement: book.idOf("dataElement", one.indicator),
      period: code,
      orgUnit: book.idOf("orgUnit", one.area),
      categoryOptionCombo: book.idOf("categoryOptionCombo", one.component),
      attributeOptionCombo: agreement,
      value: normaliseDecimal(one.value),
      storedBy: storedBy(one.recordedByName),
      lastUpdated: isoTimestamp(one.recordedAt),
      ...(one.note === null ? {} : { comment: one.note }),
      followup: false,
    }),
  );
  return { slug: options.slug, round: row.label, period, values };
}

export async function exportDataValueSet(options: {
  db: Db;
  actor: Actor | null;
  slug: string;
  round: string;
  format: ExportFormat;
}): Promise<Dhis2File> {
  const { values, round } = await roundDataValues(options);
  const key = round.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const fileName = `${options.slug}-${key}-datavalueset.${options.format}`;
  if (options.format === "csv") {
    return { buffer: writeDataValueSetCsv(values), contentType: "application/csv; charset=utf-8", fileName, values: values.length };
  }
  return {
    buffer: Buffer.from(`${JSON.stringify({ dataValues: values }, null, 2)}\n`, "utf8"),
    contentType: "application/json; charset=utf-8",
    fileName,
    values: values.length,
  };
}
