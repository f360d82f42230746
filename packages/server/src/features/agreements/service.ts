/** Reading agreements: callable from a route, the CLI and a test alike. */
import { positionSummary } from "@accord/domain";
import type { AgreementIndicatorView, PositionSummary } from "@accord/domain";
import type { Db } from "../../db/client.js";
import { AppError, notFound } from "../../errors.js";
import { countsByAgreement, findAgreementContents, findAgreementRows } from "./queries.js";
import { presentAgreement, presentAgreementSummary } from "./presenters.js";
import type { PresentedAgreement } from "./presenters.js";

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export async function listAgreements(db: Db) {
  const rows = await findAgreementRows(db);
  const counts = await countsByAgreement(db, rows.map((row) => row.agreement.id));
  return rows.map((row) => presentAgreementSummary(row, counts));
}

export async function getAgreement(db: Db, slug: string): Promise<PresentedAgreement> {
  const [row] = await findAgreementRows(db, slug);
  if (!row) throw notFound(`Agreement "${slug}"`, "slug");
  const [counts, contents] = await Promise.all([countsByAgreement(db, [row.agreement.id]), findAgreementContents(db, row.agreement.id)]);
  return presentAgreement(row, counts, contents, today());
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
  return positionSummaryOf(await getAgreement(db, slug), asAt);
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
