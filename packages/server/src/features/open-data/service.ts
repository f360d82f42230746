/**
 * An agreement's figures as open data (issue 10 §1): every baseline, target and reported value
 * of every indicator, one row each. Baselines and targets come from the agreement as it is
 * presented to the reader (one build per change, shared with its pages); the values come from
 * the performance reads' own statement (performance/queries.ts, EXPLAIN beside it) with the same
 * visibility: the public sees only the values of published rounds.
 */
import { compareReportingPeriods, normaliseDecimal, parseReportingPeriod } from "@accord/domain";
import type { AgreementIndicatorView, ReportingPeriod } from "@accord/domain";
import { inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { notFound } from "../../errors.js";
import type { Actor } from "../../policy/authorize.js";
import type { AgreementStamp } from "../agreements/freshness.js";
import type { PresentedAgreement } from "../agreements/presenters.js";
import { ensureReadableStamp, readAgreementView } from "../agreements/readable.js";
import { observationsQuery } from "../performance/queries.js";
import type { Visibility } from "../performance/queries.js";
import { visibilityFor } from "../performance/service.js";
import type { OpenDataIndicator, OpenDataQuery, OpenDataRow, OpenDataView } from "./schema.js";

/** The data dictionary page, where every column is described. */
export function dictionaryPath(slug: string): string {
  return `/agreements/${slug}/data-dictionary`;
}

/** A period written so Accord can date it, else none: a baseline's period is as the agreement wrote it ("2006 (calendar)"). */
function datedPeriod(text: string | null): ReportingPeriod | null {
  if (text === null) return null;
  try {
    return parseReportingPeriod(text);
  } catch {
    return null;
  }
}

function presentIndicator(indicator: AgreementIndicatorView): OpenDataIndicator {
  return {
    code: indicator.code,
    key: indicator.key,
    title: indicator.title,
    kind: indicator.kind,
    state: indicator.state,
    theme: indicator.theme.title,
    unit: indicator.unit,
    polarity: indicator.polarity,
    nationalIndicatorSet: indicator.nationalIndicatorSet,
    dataSource: indicator.dataSource,
  };
}

interface ObservedValue {
  agreementIndicatorId: number;
  period: ReportingPeriod;
  areaCode: string;
  component: string;
  value: string;
  numerator: string | null;
  denominator: string | null;
  status: string;
  source: string | null;
}

/** The values the reader may see, in period order, the county before its districts. */
export async function readObservedValues(db: Db, stamp: AgreementStamp, visibility: Visibility, county: string): Promise<ObservedValue[]> {
  const rows = await observationsQuery(db, stamp.agreementId, visibility);
  const values = rows.map(
    (row): ObservedValue => ({
      agreementIndicatorId: row.agreementIndicatorId,
      period: { kind: row.kind, label: row.label, start: row.start, end: row.end },
      areaCode: row.areaCode,
      component: row.observation.component,
      value: normaliseDecimal(row.observation.value),
      numerator: row.observation.numerator === null ? null : normaliseDecimal(row.observation.numerator),
      denominator: row.observation.denominator === null ? null : normaliseDecimal(row.observation.denominator),
      status: row.observation.status,
      source: row.observation.source,
    }),
  );
  return values.sort(
    (a, b) =>
      a.agreementIndicatorId - b.agreementIndicatorId ||
      (a.component === b.component ? 0 : a.component === "all" ? -1 : b.component === "all" ? 1 : a.component < b.component ? -1 : 1) ||
      compareReportingPeriods(a.period, b.period) ||
      (a.areaCode === county ? -1 : b.areaCode === county ? 1 : 0) ||
      (a.areaCode < b.areaCode ? -1 : a.areaCode > b.areaCode ? 1 : 0),
  );
}

/** Area names by code, for the areas the values are for. */
export async function readAreaNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select({ code: t.areas.code, name: t.areas.name }).from(t.areas).where(inArray(t.areas.code, [...codes]));
  return new Map(rows.map((row) => [row.code, row.name]));
}

/** The indicator the query names, or every indicator; an indicator not in the agreement is a 404 naming the field. */
export function chooseIndicators(agreement: PresentedAgreement, key: string | undefined, field: string): AgreementIndicatorView[] {
  if (key === undefined) return agreement.indicators;
  const chosen = agreement.indicators.filter((indicator) => indicator.key === key);
  if (chosen.length === 0) throw notFound(`Indicator "${key}" in ${agreement.detail.shortName}`, field);
  return chosen;
}

function planRows(agreement: PresentedAgreement, indicator: AgreementIndicatorView): OpenDataRow[] {
  const county = agreement.detail.area;
  const common = {
    agreement: agreement.detail.slug,
    indicator_code: indicator.code,
    indicator_title: indicator.title,
    area_code: county.code,
    area_name: county.name,
    numerator: null,
    denominator: null,
  };
  const rows: OpenDataRow[] = indicator.baselines.map((baseline) => {
    const period = datedPeriod(baseline.period);
    return {
      ...common,
      measure: "baseline",
      component: baseline.component,
      period: baseline.period,
      period_start: period?.start ?? null,
      period_end: period?.end ?? null,
      value: normaliseDecimal(baseline.value),
      unit: baseline.unit ?? indicator.unit,
      status: "known",
      source: baseline.source,
      written: baseline.written,
    };
  });
  if (indicator.baselinePending !== null && indicator.baselines.length === 0) {
    rows.push({
      ...common,
      measure: "baseline",
      component: "all",
      period: null,
      period_start: null,
      period_end: null,
      value: null,
      unit: indicator.unit,
      status: "pending",
      source: indicator.baselinePending.reason,
      written: indicator.baselinePending.written,
    });
  }
  const targets = [...indicator.targets].sort((a, b) => (a.component === b.component ? (a.year < b.year ? -1 : 1) : a.component < b.component ? -1 : 1));
  for (const target of targets) {
    const period = datedPeriod(target.year);
    rows.push({
      ...common,
      measure: "target",
      component: target.component,
      period: target.year,
      period_start: period?.start ?? null,
      period_end: period?.end ?? null,
      value: target.value,
      unit: indicator.unit,
      status: indicator.status,
      source: null,
      written: target.written,
    });
  }
  return rows;
}

/** Every value of the agreement the reader may see, as one tidy table with its indicators' definitions. */
export async function openDataFor(db: Db, stamp: AgreementStamp, visibility: Visibility, query: OpenDataQuery = {}): Promise<OpenDataView> {
  const agreement = await readAgreementView(db, stamp);
  const indicators = chooseIndicators(agreement, query.indicator, "indicator");
  const county = agreement.detail.area;
  const wanted = (measure: OpenDataRow["measure"]) => query.measure === undefined || query.measure === measure;
  const observed = wanted("observation") ? await readObservedValues(db, stamp, visibility, county.code) : [];
  const names = await readAreaNames(db, [...new Set(observed.map((value) => value.areaCode))]);
  const byIndicator = new Map<number, ObservedValue[]>();
  for (const value of observed) byIndicator.set(value.agreementIndicatorId, [...(byIndicator.get(value.agreementIndicatorId) ?? []), value]);

  const values: OpenDataRow[] = [];
  for (const indicator of indicators) {
    values.push(...planRows(agreement, indicator).filter((row) => wanted(row.measure)));
    for (const value of byIndicator.get(indicator.id) ?? []) {
      values.push({
        agreement: agreement.detail.slug,
        indicator_code: indicator.code,
        indicator_title: indicator.title,
        measure: "observation",
        component: value.component,
        area_code: value.areaCode,
        area_name: names.get(value.areaCode) ?? value.areaCode,
        period: value.period.label,
        period_start: value.period.start,
        period_end: value.period.end,
        value: value.value,
        numerator: value.numerator,
        denominator: value.denominator,
        unit: indicator.unit,
        status: value.status,
        source: value.source,
        written: null,
      });
    }
  }
  return {
    agreement: { slug: agreement.detail.slug, name: agreement.detail.name, area: county },
    dictionary: dictionaryPath(agreement.detail.slug),
    publishedRoundsOnly: visibility === "published",
    indicators: indicators.map(presentIndicator),
    values,
  };
}

/** The open data as a reader gets it: checks they may read the agreement first (404 for an unknown one). */
export async function readOpenData(options: { db: Db; actor: Actor | null; slug: string; query?: OpenDataQuery }): Promise<OpenDataView> {
  const stamp = await ensureReadableStamp(options.db, options.actor, options.slug);
  return openDataFor(options.db, stamp, visibilityFor(options.actor, stamp), options.query);
}
