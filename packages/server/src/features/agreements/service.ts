/** Reading agreements: callable from a route, the CLI and a test alike. */
import { positionSummary } from "@accord/domain";
import type {
  AgreementIndicatorPageView,
  AgreementIndicatorView,
  AgreementListView,
  AgreementSummaryView,
  PositionSummary,
  StatusEntryView,
} from "@accord/domain";
import type { Db } from "../../db/client.js";
import { AppError, notFound } from "../../errors.js";
import type { Actor } from "../../policy/authorize.js";
import { countsByAgreement, findAgreementContents, findAgreementPage, findAgreementRows, findAgreementStamp, findPositionRows } from "./queries.js";
import { presentAgreement, presentAgreementListItem } from "./presenters.js";
import type { AgreementListQuery } from "./schema.js";
import type { PresentedAgreement } from "./presenters.js";

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** One page of the agreements the reader may read, filtered; `total` counts every match. */
export async function listAgreementPage(db: Db, actor: Actor | null, query: AgreementListQuery): Promise<AgreementListView> {
  const { rows, total } = await findAgreementPage(db, actor, query);
  const day = today();
  return { agreements: rows.map((row) => presentAgreementListItem(row, day)), total, page: query.page, limit: query.limit };
}

/** Every agreement in the installation, unpaged: the command line and the work of one person. */
export async function listAgreements(db: Db): Promise<AgreementSummaryView[]> {
  const { rows } = await findAgreementPage(db, "everyone", { page: 1, limit: null });
  const day = today();
  return rows.map((row) => presentAgreementListItem(row, day));
}

export async function getAgreement(db: Db, slug: string): Promise<PresentedAgreement> {
  const [row] = await findAgreementRows(db, slug);
  if (!row) throw notFound(`Agreement "${slug}"`, "slug");
  const [counts, contents] = await Promise.all([countsByAgreement(db, [row.agreement.id]), findAgreementContents(db, row.agreement.id)]);
  return presentAgreement(row, counts, contents, today());
}

/**
 * One indicator's page, from its own rows only (no whole-agreement build): the agreement's row and
 * the indicator's contents in one round of statements, presented by the same presenter.
 */
export async function getAgreementIndicator(db: Db, agreement: { agreementId: number; slug: string }, key: string): Promise<AgreementIndicatorPageView> {
  const [[row], contents] = await Promise.all([findAgreementRows(db, agreement.slug), findAgreementContents(db, agreement.agreementId, key)]);
  if (!row) throw notFound(`Agreement "${agreement.slug}"`, "slug");
  const noCounts = { indicators: [], outcomes: [], freedoms: [] };
  const { detail, indicators } = presentAgreement(row, noCounts, contents, today());
  const indicator = indicators.find((candidate) => candidate.key === key);
  if (!indicator) throw notFound(`Indicator "${key}" in ${detail.shortName}`, "key");
  const { slug, name, shortName, years, status, defaultAsAt } = detail;
  return { ...indicator, agreement: { slug, name, shortName, years, status, defaultAsAt } };
}

export interface IndicatorFilter {
  theme?: string | undefined;
  status?: string | undefined;
  partner?: string | undefined;
  kind?: string | undefined;
}

/** The appendix filters: by theme, negotiation status (today) and partner organisation. */
export function filterIndicators(indicators: AgreementIndicatorView[], filter: IndicatorFilter): AgreementIndicatorView[] {
  return indicators.filter(
    (indicator) =>
      (filter.theme === undefined || indicator.theme.code === filter.theme) &&
      (filter.status === undefined || indicator.status === filter.status) &&
      (filter.kind === undefined || indicator.kind === filter.kind) &&
      (filter.partner === undefined || indicator.partners.some((partner) => partner.organisation.slug === filter.partner)),
  );
}

export function checkFilterValues(agreement: PresentedAgreement, filter: IndicatorFilter): void {
  if (filter.theme !== undefined && !agreement.detail.themes.some((theme) => theme.code === filter.theme)) {
    throw new AppError("BAD_REQUEST", `theme "${filter.theme}" is not a theme of ${agreement.detail.shortName}`, { field: "theme" });
  }
}

export async function getPositionSummary(db: Db, slug: string, asAt: string): Promise<PositionSummary> {
  const agreement = await findAgreementStamp(db, slug);
  if (!agreement) throw notFound(`Agreement "${slug}"`, "slug");
  return positionSummaryFor(db, agreement, asAt);
}

/** The summary table from the indicators' kinds and the negotiation log only (two statements). */
export async function positionSummaryFor(db: Db, agreement: { agreementId: number; slug: string }, asAt: string): Promise<PositionSummary> {
  const { indicators, history } = await findPositionRows(db, agreement.agreementId);
  const logs = new Map<number, StatusEntryView[]>();
  for (const entry of history) {
    const log = logs.get(entry.agreementIndicatorId) ?? [];
    log.push({ asAt: entry.asAt, status: entry.status, kind: entry.kind as StatusEntryView["kind"], party: entry.party, partyName: entry.partyName, note: entry.note });
    logs.set(entry.agreementIndicatorId, log);
  }
  return positionSummary({
    agreement: agreement.slug,
    asAt,
    indicators: indicators.map((indicator) => ({ code: indicator.code, kind: indicator.kind, state: indicator.state, statusHistory: logs.get(indicator.id) ?? [] })),
  });
}

/** The seed's summary table for an agreement already read. */
export function positionSummaryOf(agreement: PresentedAgreement, asAt: string): PositionSummary {
  return positionSummary({
    agreement: agreement.detail.slug,
    asAt,
    indicators: agreement.indicators.map((indicator) => ({
      code: indicator.code,
      kind: indicator.kind,
      state: indicator.state,
      statusHistory: indicator.statusHistory,
    })),
  });
}
