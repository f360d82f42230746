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
import type { Visibility } from "../performance/service.js";
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

const rowsKept = 4096;
/**
 * Each agreement's row by database, agreement, count of changes, day and what the reader sees of
 * it: a write to one agreement gives the whole view a new stamp, but only that agreement's row is
 * worked out again (at 150 agreements, about 20 ms instead of about 3 s on PGlite).
 */
const keptRows = new WeakMap<Db, Map<string, Promise<unknown>>>();

function keptRow<Row>(db: Db, key: string, build: () => Promise<Row>): Promise<Row> {
  let kept = keptRows.get(db);
  if (!kept) {
    kept = new Map();
    keptRows.set(db, kept);
  }
  const existing = kept.get(key) as Promise<Row> | undefined;
  if (existing) return existing;
  const building = build();
  // A failed read is forgotten and tried again.
  building.catch(() => kept.delete(key));
  kept.set(key, building);
  while (kept.size > rowsKept) {
    const oldest = kept.keys().next().value;
    if (oldest === undefined) break;
    kept.delete(oldest);
  }
  return building;
}

function rowKey(what: string, row: OverviewRow, visibility: string, day: string): string {
  return `${what}:${row.agreementId}:${row.changes}:${day}:${visibility}`;
}

/** The rows a few agreements at a time: a pool's connections are used, and not all taken from other readers. */
async function inTurn<Item, Result>(items: readonly Item[], work: (item: Item) => Promise<Result>, atOnce = 4): Promise<Result[]> {
  const results: Result[] = new Array<Result>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      const item = items[index] as Item;
      results[index] = await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, items.length) }, worker));
  return results;
}

function overviewAgreement(db: Db, actor: Actor | null, row: OverviewRow, day: string): Promise<OverviewAgreement> {
  const stamp = stampOf(row);
  const visibility = visibilityFor(actor, stamp);
  return keptRow(db, rowKey("overview", row, visibility, day), () => buildOverviewAgreement(db, row, visibility, day));
}

async function buildOverviewAgreement(db: Db, row: OverviewRow, visibility: Visibility, day: string): Promise<OverviewAgreement> {
  const stamp = stampOf(row);
  const [summary, dashboard] = await Promise.all([positionSummaryFor(db, stamp, day), dashboardFor(db, stamp, visibility)]);
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
  const agreements = await inTurn(rows, (row) => overviewAgreement(db, actor, row, day));
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
  const day = today();
  const found = await inTurn(rows, (row) => {
    const visibility = visibilityFor(actor, stampOf(row));
    return keptRow(db, rowKey(`across/${key}`, row, visibility, day), () => buildAcrossRow(db, row, visibility, key));
  });
  return {
    indicator: { key: definition.key, code: definition.code, title: definition.title, polarity: definition.polarity, unit: definition.unit },
    region: regionView(region),
    regions,
    illustrative: found.find((one) => one.illustrative !== null)?.illustrative ?? null,
    agreements: ranked(found.map((one) => one.row)),
  };
}

async function buildAcrossRow(
  db: Db,
  row: OverviewRow,
  visibility: Visibility,
  key: string,
): Promise<{ row: Omit<AcrossAgreementsRow, "rank">; illustrative: string | null }> {
  const stamp = stampOf(row);
  // The dashboard first: it reads the agreement's model, which the chart then shares.
  const dashboard = await dashboardFor(db, stamp, visibility);
  const performance = await indicatorPerformanceFor(db, stamp, visibility, key);
  const latest = dashboard.indicators.find((indicator) => indicator.key === key && indicator.component === performance.component);
  const baseline = performance.trajectory.find((point) => point.year === null)?.value ?? null;
  const final = performance.targets.at(-1) ?? null;
  const polarity = performance.polarity as Polarity;
  return {
    illustrative: performance.illustrative,
    row: {
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
    },
  };
}
