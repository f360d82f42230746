/**
 * "KENT AGREEMENT 2: POSITION ON TARGET-SETTING Summary as at 01/05/08" (seed 000 §7): how many
 * of the designated indicators are agreed with the Government Office, still under discussion, or
 * unlikely before the deadline, with the statutory DCSF targets counted apart in brackets.
 */
import { DomainError } from "./errors.js";
import { positionSummaryBucket, statusAsAt } from "./negotiation-status.js";
import { IsoDate, type AgreementIndicatorKind, type AgreementIndicatorState, type NegotiationStatus } from "./vocabulary.js";

export interface PositionSummaryIndicator {
  code: string;
  kind: AgreementIndicatorKind;
  state: AgreementIndicatorState;
  statusHistory: { asAt: string; status: NegotiationStatus }[];
}

// The CLI prints this with JSON.stringify, so the order the keys are created in is the order
// people read them in: the seed table's rows first, the detail last.
export interface PositionSummary {
  agreement: string;
  asAt: string;
  agreedWithGovernmentOffice: number;
  underDiscussion: number;
  afterDeadline: number;
  total: number;
  statutoryToBeAgreed: number;
  notStarted: number;
  statutoryAgreed: number;
  byIndicator: { code: string; kind: AgreementIndicatorKind; status: NegotiationStatus }[];
}

export function positionSummary(input: { agreement: string; asAt: string; indicators: PositionSummaryIndicator[] }): PositionSummary {
  const { agreement, asAt, indicators } = input;
  if (!IsoDate.safeParse(asAt).success) {
    throw new DomainError("INVALID_DATE", `the summary date "${asAt}" is not a real date written YYYY-MM-DD`, "asAt");
  }
  const designated = { agreedWithGovernmentOffice: 0, underDiscussion: 0, afterDeadline: 0, notStarted: 0 };
  let statutoryToBeAgreed = 0;
  let statutoryAgreed = 0;
  const byIndicator: PositionSummary["byIndicator"] = [];

  for (const { code, kind, state, statusHistory } of indicators) {
    // An omitted indicator (NI 170, replaced by NI 159) is no longer part of the agreement;
    // KA1's primary and secondary indicators and local ones are not in the seed's table.
    if (state !== "active" || (kind !== "designated" && kind !== "statutory")) continue;
    const status = statusAsAt(statusHistory, asAt);
    byIndicator.push({ code, kind, status });
    if (kind === "designated") designated[positionSummaryBucket(status)] += 1;
    else if (status === "agreed-with-government-office") statutoryAgreed += 1;
    else statutoryToBeAgreed += 1;
  }

  return {
    agreement,
    asAt,
    agreedWithGovernmentOffice: designated.agreedWithGovernmentOffice,
    underDiscussion: designated.underDiscussion,
    afterDeadline: designated.afterDeadline,
    total: designated.agreedWithGovernmentOffice + designated.underDiscussion + designated.afterDeadline + designated.notStarted,
    statutoryToBeAgreed,
    notStarted: designated.notStarted,
    statutoryAgreed,
    byIndicator,
  };
}
