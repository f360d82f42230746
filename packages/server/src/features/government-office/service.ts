/**
 * The Government Office view (issue 10 §5): every agreement the reader may read side by side —
 * status, position on target-setting, the RAG counts of the latest monitoring round they may see
 * and the returns late in it — and one indicator across agreements, ranked by the improvement
 * each final target plans on its baseline, so a negotiator sees which offers are unambitious.
 * Each agreement is judged by the same code as its own dashboard (performance/service.ts) and
 * position summary (agreements/service.ts), so the view cannot disagree with them.
 */
import { compareDecimals, governmentOfficeRegions, plannedImprovementPercent, regionOfOffice, officeSlug } from "@accord/domain";
import type { Polarity, RegionCode } from "@accord/domain";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../policy/authorize.js";
import type { AgreementStamp } from "../agreements/freshness.js";
import { positionSummaryFor, today } from "../agreements/service.js";
import { dashboardFor, indicatorPerformanceFor, visibilityFor } from "../performance/service.js";
import { getIndicatorDefinition } from "../reference/service.js";
import { findOverviewRows } from "./queries.js";
import type { OverviewRow } from "./queries.js";
import type { AcrossAgreementsRow, AcrossAgreementsView, OverviewAgreement, OverviewView, RegionView } from "./schema.js";

const regions: RegionView[] = governmentOfficeRegions.map(({ code, name, office, abbreviation }) => ({ code, name, office, abbreviation }));

function regionView(code: RegionCode | undefined): RegionView | null {
  return regions.find((region) => region.code === code) ?? null;
}

function officeOf(code: RegionCode | undefined): string | undefined {
  const region = governmentOfficeRegions.find((one) => one.code === code);
  return region === undefined ? undefined : officeSlug(region);
}

function stampOf(row: OverviewRow): AgreementStamp {
  return { agreementId: row.agreementId, slug: row.slug, published: row.published, changes: row.changes, predecessor: null, successor: null };
}

function headingOf(row: OverviewRow) {
  const region = regionOfOffice(row.office.slug);
  return {
    slug: row.slug,
    name: row.name,
    shortName: row.shortName,
    years: `${row.firstYear}–${row.lastYear}`,
    status: row.status,
    published: row.published,
    area: row.area,
    governmentOffice: row.office,
    region: region === undefined ? null : regionView(region.code),
  };
}

/** Late: the round's due date has passed and the return is not in (submitted or accepted). */
function returnsLate(dueDate: string, statuses: readonly string[], day: string): number {
  if (day <= dueDate) return 0;
  return statuses.filter((status) => status !== "submitted" && status !== "accepted").length;
}

async function overviewAgreement(db: Db, actor: Actor | null, row: OverviewRow, day: string): Promise<OverviewAgreement> {
  const stamp = stampOf(row);
  const [summary, dashboard] = await Promise.all([
    positionSummaryFor(db, stamp, day),
    dashboardFor(db, stamp, visibilityFor(actor, stamp)),
  ]);
  const round = dashboard.round;
  // A return is per indicator; the dashboard has a row per component.
  const returns = new Map(dashboard.indicators.map((indicator) => [indicator.key, indicator.returnStatus]));
  const { agreedWithGovernmentOffice, underDiscussion, afterDeadline, notStarted, total, statutoryAgreed, statutoryToBeAgreed } = summary;
  return {
    ...headingOf(row),
    position: { agreedWithGovernmentOffice, underDiscussion, afterDeadline, notStarted, total, statutoryAgreed, statutoryToBeAgreed },
    round: round === null ? null : { key: round.key, period: round.period.label, dueDate: round.dueDate, status: round.status },
    rag: dashboard.counts,
    returnsLate: round === null ? 0 : returnsLate(round.dueDate, [...returns.values()], day),
  };
}

/** Every agreement the reader may read, of one region or all, side by side. */
export async function readGovernmentOfficeView(db: Db, actor: Actor | null, region: RegionCode | undefined): Promise<OverviewView> {
  const rows = await findOverviewRows(db, actor, { office: officeOf(region) });
  const day = today();
  const agreements: OverviewAgreement[] = [];
  // One agreement at a time: each reads its own facts, and a connection pool shared with other readers is not flooded.
  for (const row of rows) agreements.push(await overviewAgreement(db, actor, row, day));
  return { region: regionView(region), regions, asAt: day, agreements };
}

function changeOf(baseline: string, target: string): AcrossAgreementsRow["change"] {
  const order = compareDecimals(target, baseline);
  return order < 0 ? "reduction" : order > 0 ? "increase" : "no-change";
}

/** Largest planned improvement first; those that cannot be worked out last, by name. */
function ranked(rows: Omit<AcrossAgreementsRow, "rank">[]): AcrossAgreementsRow[] {
  const sorted = [...rows].sort((a, b) => {
    if (a.plannedImprovement === null || b.plannedImprovement === null) {
      if (a.plannedImprovement !== b.plannedImprovement) return a.plannedImprovement === null ? 1 : -1;
      return a.name.localeCompare(b.name);
    }
    return compareDecimals(b.plannedImprovement, a.plannedImprovement) || a.name.localeCompare(b.name);
  });
  let rank = 0;
  let previous: string | null = null;
  return sorted.map((row, index) => {
    if (row.plannedImprovement === null) return { ...row, rank: null };
    // Ties share a rank, as the district ranking's do.
    if (row.plannedImprovement !== previous) rank = index + 1;
    previous = row.plannedImprovement;
    return { ...row, rank };
  });
}

/**
 * One indicator in every agreement the reader may read that has it: baseline, final target, the
 * improvement it plans as a share of the baseline, and the latest value, progress and status.
 */
export async function compareIndicatorAcrossAgreements(
  db: Db,
  actor: Actor | null,
  key: string,
  region: RegionCode | undefined,
): Promise<AcrossAgreementsView> {
  const definition = await getIndicatorDefinition(db, actor, key);
  const rows = await findOverviewRows(db, actor, { office: officeOf(region), indicatorKey: key });
  const found: Omit<AcrossAgreementsRow, "rank">[] = [];
  let illustrative: string | null = null;
  for (const row of rows) {
    const stamp = stampOf(row);
    const visibility = visibilityFor(actor, stamp);
    // The dashboard first: it reads the agreement's model, which the chart then shares.
    const dashboard = await dashboardFor(db, stamp, visibility);
    const performance = await indicatorPerformanceFor(db, stamp, visibility, key);
    const latest = dashboard.indicators.find((indicator) => indicator.key === key && indicator.component === performance.component);
    const baseline = performance.trajectory.find((point) => point.year === null)?.value ?? null;
    const final = performance.targets.at(-1) ?? null;
    const polarity = performance.polarity as Polarity;
    illustrative ??= performance.illustrative;
    found.push({
      ...headingOf(row),
      component: performance.component,
      unit: performance.unit,
      baseline,
      finalTarget: final,
      plannedImprovement: baseline === null || final === null ? null : plannedImprovementPercent(polarity, baseline, final.value),
      change: baseline === null || final === null ? null : changeOf(baseline, final.value),
      latest: {
        period: latest?.period ?? null,
        value: latest?.actual ?? null,
        progress: latest?.progress ?? null,
        status: latest?.status ?? "grey",
      },
    });
  }
  return {
    indicator: { key: definition.key, code: definition.code, title: definition.title, polarity: definition.polarity, unit: definition.unit },
    region: regionView(region),
    regions,
    illustrative,
    agreements: ranked(found),
  };
}
