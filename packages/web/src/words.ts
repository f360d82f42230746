/**
 * The vocabulary of @accord/domain in the words the partnership uses on screen.
 * Kept in one place so that a status reads the same on every page.
 */
import type {
  AgreementIndicatorKind,
  AgreementStatus,
  FreedomPriority,
  IndicatorSource,
  NegotiationParty,
  NegotiationStatus,
  OutcomePartnerRole,
  Polarity,
  SignUpRole,
} from "@accord/domain";

export const agreementStatusWords: Record<AgreementStatus, string> = {
  draft: "Draft",
  negotiation: "In negotiation",
  submitted: "Submitted",
  approved: "Approved",
  closed: "Closed",
};

export const negotiationStatusWords: Record<NegotiationStatus, string> = {
  "not-started": "Not started",
  proposed: "Proposed",
  "under-discussion": "Under discussion with the Government Office",
  "counter-proposed": "Counter-proposed",
  "agreed-with-government-office": "Agreed with the Government Office",
  deferred: "Unlikely to be agreed before the deadline",
};

export const negotiationPartyWords: Record<NegotiationParty, string> = {
  partnership: "Partnership",
  "lead-partner": "Lead partner",
  "government-office": "Government Office",
  department: "Government department",
};

export const indicatorKindWords: Record<AgreementIndicatorKind, string> = {
  designated: "Designated improvement target",
  statutory: "Statutory education and early years target",
  primary: "Primary countywide indicator",
  secondary: "Secondary indicator for local roll-out",
  local: "Local indicator",
};

export const signUpRoleWords: Record<SignUpRole, string> = {
  lead: "Lead partner",
  statutory: "Statutory partners",
  "non-statutory": "Non-statutory partners",
};

export const outcomePartnerRoleWords: Record<OutcomePartnerRole, string> = {
  lead: "Lead partner",
  principal: "Principal partners",
  secondary: "Secondary partners",
  "government-department": "Government departments",
};

export const polarityWords: Record<Polarity, string> = {
  "higher-is-better": "Higher is better",
  "lower-is-better": "Lower is better",
  band: "Within a band",
  unknown: "Not known",
};

export const indicatorSourceWords: Record<IndicatorSource, string> = {
  "national-indicator-set": "National Indicator Set",
  lpsa2: "LPSA2 target",
  local: "Local indicator",
};

export const freedomPriorityWords: Record<FreedomPriority, string> = {
  essential: "Essential",
  desirable: "Desirable",
};

/** "2008/09" → "08/09", as the submission template heads its columns. */
export function shortYear(financialYear: string): string {
  const match = /^\d{2}(\d{2})\/(\d{2})$/.exec(financialYear);
  return match ? `${match[1]}/${match[2]}` : financialYear;
}

/** "2008/09" to "2010/11" → "2008/09 to 2010/11". */
export function yearSpan(firstYear: string, lastYear: string): string {
  return firstYear === lastYear ? firstYear : `${firstYear} to ${lastYear}`;
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "2008-05-30" → "30 May 2008". */
export function longDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : dateFormat.format(date);
}

/** "all", "all-persons", "male" → "All", "All persons", "Male". */
export function componentWords(component: string): string {
  if (component === "all") return "All";
  const spaced = component.replace(/[-_]+/g, " ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** Path-safe key of an indicator code, the same function the server uses: "NI 47" → "ni-47". */
export { indicatorKey } from "@accord/domain";

/** "1 indicator", "2 indicators". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
