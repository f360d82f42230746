/**
 * The submission template of an agreement as at a date (seed 000, appendix): theme by theme, one
 * row per indicator with its baseline, a target per financial year and the partners signed up.
 * This is the plain model every writer (DOCX, XLSX, CSV, HTML, PDF) lays out; the writers decide
 * nothing about content, so the five formats always say the same thing.
 */
import { IsoDate, baselineLines, longDate, negotiationStatusLabel, shortFinancialYearLabel, statusAsAt, statusCellText, statusEntryAsAt, targetLines } from "@accord/domain";
import type {
  AgreementIndicatorKind,
  AgreementIndicatorView,
  NegotiationStatus,
  SignUpRole,
  ThemeKind,
  ThemeView,
} from "@accord/domain";
import { AppError } from "../errors.js";
import type { PresentedAgreement } from "../features/agreements/presenters.js";

/** The column headings of the seed's appendix, word for word. */
export const submissionHeadings = {
  indicator: "Indicator(s), including those from national indicator set (shown with a *)",
  baseline: "Baseline",
  targets: "LAA Improvement Target, including those to be designated (shown with a*), and including education and early years targets",
  partners: "Partners who have signed-up to the target and any which are acting as lead partner/s (shown with a*)",
} as const;

export interface SubmissionPartnerGroup {
  role: SignUpRole;
  /** "Lead", "Statutory partners", "Non-statutory partners". */
  label: string;
  /** "Kent County Council*" (lead starred), "Kent County Council (Adult Education & KASS)". */
  names: string[];
}

export interface SubmissionRow {
  code: string;
  /** Path-safe key, "ni-47". */
  key: string;
  kind: AgreementIndicatorKind;
  nationalIndicatorSet: boolean;
  omitted: boolean;
  /** "NI 47 * People killed or seriously injured in road traffic accidents". */
  indicator: string;
  /** Lines under the indicator: "Proposed to omit, replaced by NI 159", "Replaces NI 170", "Outcome 3". */
  indicatorNotes: string[];
  /** "Male 656; Female 491; All persons 565", "1183", or "Pending: <reason>"; "" when there is none. */
  baseline: string;
  /** The same, one entry per component (and the pending reason): what a document puts on separate lines. */
  baselineLines: string[];
  /** One cell per year of the agreement, in order: the targets as written, one line per component; "" for none. */
  targets: string[];
  /** Targets given only as prose, or remarks beside the yearly targets. */
  targetNote: string | null;
  partners: SubmissionPartnerGroup[];
  /** "Lead: Kent County Council* | Statutory partners: Kent Police, … | Non-statutory partners: …". */
  partnersText: string;
  /** The negotiation status as at the template's date; null for an omitted indicator. */
  status: NegotiationStatus | null;
  /** The document's words for the status ("Under discussion with GOSE. – not yet agreed"), or its label. */
  statusText: string;
}

export interface SubmissionGroup {
  code: string;
  title: string;
  kind: ThemeKind;
  description: string | null;
  rows: SubmissionRow[];
}

export interface Submission {
  agreement: { slug: string; name: string; shortName: string; area: string };
  asAt: string;
  /** "1 May 2008". */
  asAtText: string;
  /** "Kent Agreement 2 — submission template as at 1 May 2008". */
  title: string;
  /** "2008/09", "2009/10", "2010/11". */
  years: string[];
  columns: {
    indicator: string;
    baseline: string;
    /** The heading over the year columns. */
    targets: string;
    /** "08/09", "09/10", "10/11". */
    years: string[];
    partners: string;
    /** "Negotiation status as at 1 May 2008" (not a column of the seed's template; shown under the targets). */
    status: string;
  };
  groups: SubmissionGroup[];
}

/** "2008-05-01" → "1 May 2008": the one date style, shared with the pages. */
export { longDate };

/** "all-persons" → "All persons" (the same words the web app shows). */
export { componentLabel } from "@accord/domain";

function indicatorLine(indicator: AgreementIndicatorView): string {
  const title = indicator.titleAsWritten ?? indicator.title;
  return `${indicator.code}${indicator.nationalIndicatorSet ? " *" : ""} ${title}`;
}

// The cells' words come from @accord/domain, which the web app's tables use too.
function targetCells(indicator: AgreementIndicatorView, years: readonly string[]): string[] {
  return years.map((year) => targetLines(indicator, year).join("\n"));
}

const roleLabels: Record<SignUpRole, string> = {
  lead: "Lead",
  statutory: "Statutory partners",
  "non-statutory": "Non-statutory partners",
};
const roleOrder: readonly SignUpRole[] = ["lead", "statutory", "non-statutory"];

function partnerGroups(indicator: AgreementIndicatorView): SubmissionPartnerGroup[] {
  return roleOrder
    .map((role) => ({
      role,
      label: roleLabels[role],
      // seed 000 appendix: lead partners are "shown with a *"
      names: indicator.partners
        .filter((partner) => partner.role === role)
        .map((partner) => `${partner.organisation.name}${role === "lead" ? "*" : ""}${partner.detail ? ` (${partner.detail})` : ""}`),
    }))
    .filter((group) => group.names.length > 0);
}

export function partnersLine(groups: readonly SubmissionPartnerGroup[]): string {
  return groups.map((group) => `${group.label}: ${group.names.join(", ")}`).join(" | ");
}

function statusOf(indicator: AgreementIndicatorView, asAt: string): { status: NegotiationStatus | null; text: string } {
  if (indicator.state === "omitted") {
    return { status: null, text: indicator.replacedBy ? `Omitted: replaced by ${indicator.replacedBy}` : "Omitted" };
  }
  const status = statusAsAt(indicator.statusHistory, asAt);
  const entry = statusEntryAsAt(indicator.statusHistory, asAt);
  return { status, text: statusCellText(negotiationStatusLabel(status), entry) };
}

function notesFor(indicator: AgreementIndicatorView): string[] {
  const notes: string[] = [];
  if (indicator.outcomeNumber !== null) notes.push(`Outcome ${indicator.outcomeNumber}`);
  if (indicator.state === "omitted") {
    // seed 000 appendix: "PROPOSE TO OMIT NI 170 … PROPOSE TO REPLACE WITH NI 159"
    notes.push(indicator.replacedBy ? `Proposed to omit, replaced by ${indicator.replacedBy}` : "Proposed to omit");
  }
  if (indicator.replaces) notes.push(`Replaces ${indicator.replaces}`);
  return notes;
}

function rowFor(indicator: AgreementIndicatorView, years: readonly string[], asAt: string): SubmissionRow {
  const partners = partnerGroups(indicator);
  const status = statusOf(indicator, asAt);
  const baseline = baselineLines(indicator);
  return {
    code: indicator.code,
    key: indicator.key,
    kind: indicator.kind,
    nationalIndicatorSet: indicator.nationalIndicatorSet,
    omitted: indicator.state === "omitted",
    indicator: indicatorLine(indicator),
    indicatorNotes: notesFor(indicator),
    baseline: baseline.join("; "),
    baselineLines: baseline,
    targets: targetCells(indicator, years),
    targetNote: indicator.targetNote,
    partners,
    partnersText: partnersLine(partners),
    status: status.status,
    statusText: status.text,
  };
}

/** A theme's own indicators, then those under its outcomes (KA1 blocks hold their indicators in outcomes). */
function indicatorsOf(theme: ThemeView): AgreementIndicatorView[] {
  const seen = new Set<number>();
  const all: AgreementIndicatorView[] = [];
  for (const indicator of [...theme.indicators, ...theme.outcomes.flatMap((outcome) => outcome.indicators)]) {
    if (seen.has(indicator.id)) continue;
    seen.add(indicator.id);
    all.push(indicator);
  }
  return all;
}

/** The indicator cell as one piece of text: the indicator line and the notes under it. */
export function indicatorText(row: SubmissionRow): string {
  return [row.indicator, ...row.indicatorNotes].join("\n");
}

/** A date written YYYY-MM-DD, or a 400 naming the field ("asAt", "--as-at"). */
export function checkAsAt(asAt: string, field = "asAt"): string {
  const parsed = IsoDate.safeParse(asAt);
  if (!parsed.success) throw new AppError("BAD_REQUEST", `${field} ${parsed.error.issues[0]?.message ?? "is not a valid date"}`, { field });
  return parsed.data;
}

export function buildSubmission(presented: PresentedAgreement, asAt: string): Submission {
  const date = checkAsAt(asAt);
  const { detail } = presented;
  const years = detail.years;
  // seed 000 appendix: the Vision for Kent themes in order, then the DCSF statutory indicators
  const themes = [...detail.themes.filter((theme) => theme.kind !== "statutory-group"), ...detail.themes.filter((theme) => theme.kind === "statutory-group")];
  const asAtText = longDate(date);
  return {
    agreement: { slug: detail.slug, name: detail.name, shortName: detail.shortName, area: detail.area.name },
    asAt: date,
    asAtText,
    title: `${detail.name} — submission template as at ${asAtText}`,
    years,
    columns: {
      indicator: submissionHeadings.indicator,
      baseline: submissionHeadings.baseline,
      targets: submissionHeadings.targets,
      years: years.map((year) => shortFinancialYearLabel(year)),
      partners: submissionHeadings.partners,
      status: `Negotiation status as at ${asAtText}`,
    },
    groups: themes.map((theme) => ({
      code: theme.code,
      title: theme.title,
      kind: theme.kind,
      description: theme.description,
      rows: indicatorsOf(theme).map((indicator) => rowFor(indicator, years, date)),
    })),
  };
}
