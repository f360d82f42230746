/**
 * The vocabulary of @accord/domain in the words the partnership uses on screen.
 * Kept in one place so that a status reads the same on every page.
 */
import type {
  AgreementIndicatorKind,
  AgreementStatus,
  FreedomPriority,
  IndicatorSource,
  NegotiationEntryKind,
  NegotiationParty,
  NegotiationStatus,
  OutcomePartnerRole,
  Polarity,
  SignUpRole,
} from "@accord/domain";
import { longDate, plural } from "@accord/domain";

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

/**
 * Where an indicator's negotiation stands, in words that name who it is with: a statutory DCSF
 * target under discussion is under discussion with the department (as the position summary
 * counts it), and an indicator of an approved agreement with no negotiation recorded is part of
 * what was approved, not "not started".
 */
export function indicatorStatusWords(
  indicator: { kind: AgreementIndicatorKind; status: NegotiationStatus | null; statusHistory: { party: NegotiationParty; partyName: string | null }[] },
  agreementStatus?: AgreementStatus,
): string {
  if (indicator.status === null && (agreementStatus === "approved" || agreementStatus === "closed")) return "In the approved agreement";
  const latest = indicator.statusHistory[indicator.statusHistory.length - 1];
  // Statutory targets are agreed with their department (DCSF), not with the Government Office.
  if (indicator.kind === "statutory") {
    const department = latest?.party === "department" && latest.partyName ? latest.partyName : "the department";
    if (indicator.status === "under-discussion") return `Under discussion with ${department}`;
    if (indicator.status === "deferred") return `Unlikely to be agreed with ${department} before the deadline`;
  }
  return negotiationStatusWords[indicator.status ?? "not-started"];
}

export const negotiationPartyWords: Record<NegotiationParty, string> = {
  partnership: "Partnership",
  "lead-partner": "Lead partner",
  "government-office": "Government Office",
  department: "Government department",
};

/** What a negotiation log entry was (seed 000 §7). */
export const negotiationEntryKindWords: Record<NegotiationEntryKind, string> = {
  position: "Position recorded",
  proposal: "Proposal",
  "counter-proposal": "Counter-proposal",
  comment: "Comment",
  "agreement-between-partners": "Agreed between partners",
  "agreement-with-government-office": "Agreed with the Government Office",
  deferral: "Deferred to the refresh",
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

/** "2008-05-30" → "30 May 2008": the one date style, the same function the server's files use. */
export { longDate };

/** A deadline in days from today: "Final submission: 30 May 2008 (passed)", never "6760 days ago". */
export function deadlineWords(deadline: { name: string; date: string; daysLeft: number }): string {
  const when = deadline.daysLeft < 0 ? "passed" : deadline.daysLeft === 0 ? "today" : plural(deadline.daysLeft, "day") + " left";
  return `${deadline.name}: ${longDate(deadline.date)} (${when})`;
}

/** "all", "all-persons", "male" → "All", "All persons", "Male". */
export function componentWords(component: string): string {
  if (component === "all") return "All";
  const spaced = component.replace(/[-_]+/g, " ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** Path-safe key of an indicator code, the same function the server uses: "NI 47" → "ni-47". */
export { indicatorKey } from "@accord/domain";

/** "1 indicator", "2 indicators": the same words the server writes. */
export { plural };

export const roleWords: Record<"manager" | "officer" | "partner" | "government" | "lsp" | "viewer", string> = {
  manager: "Agreement manager",
  officer: "Accountable officer",
  partner: "Partner representative",
  government: "Government Office negotiator",
  lsp: "LSP coordinator",
  viewer: "Viewer",
};

/** What each role may do, as the grant form explains it. */
export const roleHelp: Record<keyof typeof roleWords, string> = {
  manager: "Everything in the agreement, including its users.",
  officer: "The baseline and targets of one indicator.",
  partner: "Signs one organisation up to targets and withdraws it.",
  government: "Records the negotiation position; comments.",
  lsp: "The local action plan of one district.",
  viewer: "Reads everything and comments.",
};

/** One sign-up: "lead partner", "statutory partner". */
export const signUpRoleOneWords: Record<SignUpRole, string> = {
  lead: "lead partner",
  statutory: "statutory partner",
  "non-statutory": "non-statutory partner",
};

/**
 * A timestamp from the API as an ISO string: PGlite answers "2026-11-23 23:43:35.003+00",
 * PostgreSQL through node-postgres "2026-11-23T23:43:35.003Z".
 */
export function isoTimestamp(text: string): string {
  const iso = text.trim().replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00");
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/London",
});

/** "23 November 2026 at 23:43" (UK time). */
export function longDateTime(timestamp: string): string {
  const date = new Date(isoTimestamp(timestamp));
  return Number.isNaN(date.getTime()) ? timestamp : dateTimeFormat.format(date);
}
