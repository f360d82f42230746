/**
 * Where the negotiation of an agreement indicator's baseline and targets stands, in the words of
 * the seed's appendix (seed 000 §7), and how each status counts in the position summary.
 */
import { DomainError } from "./errors.js";
import { IsoDate, type NegotiationEntryKind, type NegotiationStatus } from "./vocabulary.js";

const labels: Record<NegotiationStatus, string> = {
  "not-started": "Not started",
  proposed: "Proposed by partners",
  "under-discussion": "Under discussion with Government Office",
  "counter-proposed": "Counter-proposal from government",
  "agreed-with-government-office": "Agreed with Government Office",
  deferred: "Unlikely to be agreed before the deadline (deferred to refresh)",
};

export function negotiationStatusLabel(status: NegotiationStatus): string {
  return labels[status];
}

/** Agreed: nothing more to negotiate until the annual refresh. */
export function isNegotiationSettled(status: NegotiationStatus): boolean {
  return status === "agreed-with-government-office";
}

/**
 * Someone is waiting on someone: a proposal, a discussion or a counter-proposal. A deferred
 * indicator is neither open nor settled: it waits for data (the Place Survey, a negotiating brief)
 * rather than for a party, and comes back at the refresh.
 */
export function isNegotiationOpen(status: NegotiationStatus): boolean {
  return status === "proposed" || status === "under-discussion" || status === "counter-proposed";
}

/** The rows of the seed's "POSITION ON TARGET-SETTING" table. */
export type PositionSummaryBucket = "agreedWithGovernmentOffice" | "underDiscussion" | "afterDeadline" | "notStarted";

const buckets: Record<NegotiationStatus, PositionSummaryBucket> = {
  "agreed-with-government-office": "agreedWithGovernmentOffice",
  // seed 000 §7: "agreed between Kent partners, still under discussion with GOSE"
  proposed: "underDiscussion",
  "under-discussion": "underDiscussion",
  "counter-proposed": "underDiscussion",
  // seed 000 §7: "Unlikely to be agreed until after 30/05/08"
  deferred: "afterDeadline",
  "not-started": "notStarted",
};

export function positionSummaryBucket(status: NegotiationStatus): PositionSummaryBucket {
  return buckets[status];
}

export interface StatusEntry {
  asAt: string;
  status: NegotiationStatus;
  /** A comment never changes the status, so it is passed over (absent: a status as recorded). */
  kind?: NegotiationEntryKind | undefined;
}

/**
 * The words of a status cell. A position recorded from a document carries the document's own
 * words for where it stands ("Under discussion with GOSE. – not yet agreed", "Agreed with
 * GOSE"), which already say the status: they are shown alone, said once. Any other entry's note
 * (a proposal's reasons, an agreement's remark) follows the status's label after a dash.
 */
export function statusCellText(label: string, entry: { kind?: NegotiationEntryKind | undefined; note?: string | null } | null): string {
  const note = entry?.note?.trim();
  if (!note) return label;
  return isDocumentPosition(entry) ? note : `${label} — ${note}`;
}

/** Whether an entry's note is a document's words for the status (a recorded position). */
export function isDocumentPosition(entry: { kind?: NegotiationEntryKind | undefined; note?: string | null } | null): boolean {
  return entry !== null && (entry.kind === undefined || entry.kind === "position") && Boolean(entry.note?.trim());
}

/** The entry that sets the status as at a date: the latest on or before it that is not a comment. */
export function statusEntryAsAt<T extends StatusEntry>(history: readonly T[], asAt: string): T | null {
  let latest: T | null = null;
  for (const entry of history) {
    if (entry.kind === "comment") continue;
    if (entry.asAt <= asAt && (latest === null || entry.asAt >= latest.asAt)) latest = entry;
  }
  return latest;
}

/**
 * The status as it stood on a date: the latest entry on or before it. Two entries on one day
 * are taken in the order they were recorded, so the later one wins. Comments are passed over:
 * whoever writes one, and whenever, it cannot move the position summary.
 */
export function statusAsAt(history: readonly StatusEntry[], asAt: string): NegotiationStatus {
  if (!IsoDate.safeParse(asAt).success) {
    throw new DomainError("INVALID_DATE", `"${asAt}" is not a real date written YYYY-MM-DD`, "asAt");
  }
  return statusEntryAsAt(history, asAt)?.status ?? "not-started";
}

/** The entries only the Government Office or a department may make. */
export const governmentEntryKinds: readonly NegotiationEntryKind[] = ["counter-proposal", "agreement-with-government-office", "deferral"];
/** The entries the partnership (the indicator's accountable officer) makes. */
export const partnershipEntryKinds: readonly NegotiationEntryKind[] = ["proposal", "agreement-between-partners"];

/**
 * The status an indicator has after a log entry: the status is derived from the log, never set
 * by hand. A comment leaves it as it was; a "position" entry carries its own status.
 */
export function statusAfterEntry(kind: NegotiationEntryKind, previous: NegotiationStatus, position?: NegotiationStatus): NegotiationStatus {
  switch (kind) {
    case "position":
      return position ?? previous;
    case "proposal":
      return "proposed";
    case "agreement-between-partners":
      return "under-discussion";
    case "counter-proposal":
      return "counter-proposed";
    case "agreement-with-government-office":
      return "agreed-with-government-office";
    case "deferral":
      return "deferred";
    case "comment":
      return previous;
  }
}
