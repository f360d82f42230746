/**
 * The return template of a monitoring round (issue 9 point 4): one row per indicator, component
 * and area that the signed-in person may fill in — an accountable officer their indicator's
 * county and district rows, an LSP coordinator their own district's rows, a manager every row —
 * with the values already recorded for the round's period and each value's version, so that an
 * upload is checked against what was downloaded (template-upload.ts).
 *
 * Which rows someone may fill in is asked of the policy (recordObservation) row by row, so the
 * template never offers a row the upload would refuse.
 */
import { and, asc, eq } from "drizzle-orm";
import { normaliseDecimal } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { AppError } from "../../errors.js";
import { authorize } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";
import { agreementScope } from "../indicators/scope.js";
import type { IndicatorScope } from "../indicators/scope.js";
import { illustrativeFiguresMarker } from "../demo/illustrative-figures.js";
import { aggregationFor } from "../observations/service.js";
import { findRound, roundKey } from "../rounds/service.js";

/** The marker every generated demo value carries as its source (issue 9 point 9). */
export const illustrativeMarker = illustrativeFiguresMarker;

/** The columns of the template, in order, as their headings read. */
export const templateColumns = {
  indicator: "Indicator",
  title: "Title",
  component: "Component",
  areaCode: "Area code",
  area: "Area",
  period: "Period",
  unit: "Unit",
  value: "Value",
  numerator: "Numerator",
  denominator: "Denominator",
  status: "Provisional or final",
  source: "Source",
  note: "Note",
  version: "Version (do not change)",
} as const;
export type TemplateColumn = keyof typeof templateColumns;
export const templateColumnOrder = Object.keys(templateColumns) as TemplateColumn[];

/** A row as the template offers it; figures as exact decimal text. */
export interface TemplateRow {
  indicator: string;
  title: string;
  component: string;
  areaCode: string;
  area: string;
  period: string;
  unit: string;
  value: string;
  numerator: string;
  denominator: string;
  status: string;
  source: string;
  note: string;
  /** Blank when nothing is recorded yet. */
  version: string;
}

export interface ReturnTemplate {
  agreement: { slug: string; name: string };
  round: { key: string; label: string; start: string; end: string; dueDate: string; status: string };
  /** The illustrative-figures marker when any value shown carries it, else null. */
  illustrative: string | null;
  rows: TemplateRow[];
}

/** An agreement indicator a template may hold a row for, with what the policy and the checks need. */
export interface TemplateIndicator {
  scope: IndicatorScope;
  key: string;
  title: string;
  unit: string | null;
  /** A level (NI 188) is reached by the county as a whole: no district rows. */
  countyOnly: boolean;
}

export interface TemplateArea {
  id: number;
  code: string;
  legacyCode: string | null;
  name: string;
}

/** Everything a template or an upload of one needs to know about the agreement and the round. */
export interface TemplateFrame {
  agreement: { slug: string; name: string; agreementId: number; published: boolean };
  round: ReturnTemplate["round"] & { periodId: number };
  indicators: TemplateIndicator[];
  county: TemplateArea;
  districts: TemplateArea[];
}

/** Refuses someone who could fill in no row of any return: before the round or the file is looked at. */
export function ensureFillsInReturns(actor: Actor | null, agreement: { agreementId: number; published: boolean }): Actor {
  if (actor === null) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  const roles = actor.grants.filter((grant) => grant.agreementId === null || grant.agreementId === agreement.agreementId);
  if (!roles.some((grant) => grant.role === "manager" || grant.role === "officer" || grant.role === "lsp")) {
    throw new AppError(
      "FORBIDDEN",
      "Only an indicator's accountable officer, an LSP coordinator or a manager of the agreement fills in returns.",
    );
  }
  return actor;
}

/** The agreement, its active indicators in the agreement's order, its county and districts, and the round. */
export async function readTemplateFrame(options: {
  db: Db;
  actor: Actor | null;
  slug: string;
  round: string;
}): Promise<{ actor: Actor; frame: TemplateFrame }> {
  const { db, slug } = options;
  const scope = await agreementScope(db, slug);
  const actor = ensureFillsInReturns(options.actor, scope);
  const round = await findRound(db, actor, scope, options.round);
  const [agreement] = await db
    .select({ name: t.agreements.name, countyId: t.areas.id, countyCode: t.areas.code, countyLegacy: t.areas.legacyCode, countyName: t.areas.name })
    .from(t.agreements)
    .innerJoin(t.areas, eq(t.areas.id, t.agreements.areaId))
    .where(eq(t.agreements.id, scope.agreementId));
  if (!agreement) throw new Error("agreement vanished");
  const indicatorRows = await db
    .select({
      agreementIndicatorId: t.agreementIndicators.id,
      code: t.indicatorDefinitions.code,
      key: t.indicatorDefinitions.key,
      title: t.indicatorDefinitions.title,
      unit: t.indicatorDefinitions.unit,
      components: t.indicatorDefinitions.components,
    })
    .from(t.agreementIndicators)
    .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
    .where(and(eq(t.agreementIndicators.agreementId, scope.agreementId), eq(t.agreementIndicators.state, "active")))
    .orderBy(asc(t.agreementIndicators.position), asc(t.indicatorDefinitions.code));
  const districts = await db
    .select({ id: t.areas.id, code: t.areas.code, legacyCode: t.areas.legacyCode, name: t.areas.name })
    .from(t.areas)
    .where(and(eq(t.areas.parentId, agreement.countyId), eq(t.areas.kind, "district")))
    .orderBy(asc(t.areas.name));
  const [period] = await db
    .select({ id: t.reportingPeriods.id })
    .from(t.reportingPeriods)
    .where(eq(t.reportingPeriods.label, round.label));
  if (!period) throw new Error("round without its period");
  return {
    actor,
    frame: {
      agreement: { slug, name: agreement.name, agreementId: scope.agreementId, published: scope.published },
      round: {
        key: roundKey(round.label),
        label: round.label,
        start: round.start,
        end: round.end,
        dueDate: round.round.dueDate,
        status: round.round.status,
        periodId: period.id,
      },
      indicators: indicatorRows.map((row) => ({
        scope: { ...scope, agreementIndicatorId: row.agreementIndicatorId, code: row.code, components: row.components },
        key: row.key,
        title: row.title,
        unit: row.unit,
        countyOnly: aggregationFor(row.unit).kind === "level",
      })),
      county: { id: agreement.countyId, code: agreement.countyCode, legacyCode: agreement.countyLegacy, name: agreement.countyName },
      districts,
    },
  };
}

/** May this person fill in this indicator's value for this area? The policy's answer. */
export function mayFillIn(actor: Actor, indicator: TemplateIndicator, area: TemplateArea): boolean {
  return authorize(actor, "recordObservation", { type: "observation", ...indicator.scope, areaId: area.id }).allowed;
}

export type CurrentObservation = typeof t.observations.$inferSelect;

/** The round's recorded values, by `agreementIndicatorId/areaId/component`. */
export async function currentObservations(db: Db, frame: TemplateFrame): Promise<Map<string, CurrentObservation>> {
  const rows = await db
    .select({ observation: t.observations })
    .from(t.observations)
    .innerJoin(t.agreementIndicators, eq(t.agreementIndicators.id, t.observations.agreementIndicatorId))
    .where(and(eq(t.agreementIndicators.agreementId, frame.agreement.agreementId), eq(t.observations.periodId, frame.round.periodId)));
  return new Map(rows.map(({ observation: o }) => [observationKey(o.agreementIndicatorId, o.areaId, o.component), o]));
}

export function observationKey(agreementIndicatorId: number, areaId: number, component: string): string {
  return `${agreementIndicatorId}/${areaId}/${component}`;
}

const decimalText = (value: string | null): string => (value === null ? "" : normaliseDecimal(value));

/** The template for this person: the rows they may fill in, with what is recorded now. */
export async function buildReturnTemplate(options: {
  db: Db;
  actor: Actor | null;
  slug: string;
  round: string;
}): Promise<ReturnTemplate> {
  const { actor, frame } = await readTemplateFrame(options);
  const current = await currentObservations(options.db, frame);
  const rows: TemplateRow[] = [];
  let illustrative = false;
  for (const indicator of frame.indicators) {
    const areas = indicator.countyOnly ? [frame.county] : [frame.county, ...frame.districts];
    for (const component of indicator.scope.components) {
      for (const area of areas) {
        if (!mayFillIn(actor, indicator, area)) continue;
        const now = current.get(observationKey(indicator.scope.agreementIndicatorId, area.id, component));
        if (now?.source === illustrativeMarker) illustrative = true;
        rows.push({
          indicator: indicator.scope.code,
          title: indicator.title,
          component,
          areaCode: area.code,
          area: area.name,
          period: frame.round.label,
          unit: indicator.unit ?? "",
          value: decimalText(now?.value ?? null),
          numerator: decimalText(now?.numerator ?? null),
          denominator: decimalText(now?.denominator ?? null),
          status: now?.status ?? "",
          source: now?.source ?? "",
          note: now?.note ?? "",
          version: now ? String(now.version) : "",
        });
      }
    }
  }
  const { periodId: _periodId, ...round } = frame.round;
  return {
    agreement: { slug: frame.agreement.slug, name: frame.agreement.name },
    round,
    illustrative: illustrative ? illustrativeMarker : null,
    rows,
  };
}

/** What the template says above its table: how to fill it in and how to send it back. */
export function templateInstructions(template: ReturnTemplate): string[] {
  const { agreement, round } = template;
  return [
    `${agreement.name}: return template for ${round.label} (${round.start} to ${round.end}), due ${round.dueDate}.`,
    "Fill in Value for each row you report (and Numerator and Denominator for a rate); leave Value blank to record nothing. " +
      "Do not change the Version column: it tells Accord which value you downloaded, so nobody's newer edit is overwritten.",
    `Send it back on the round's page or with: npx accord import returns --agreement ${agreement.slug} --round "${round.label}" --file FILE --as EMAIL`,
    ...(template.illustrative ? [template.illustrative] : []),
  ];
}
