import { describe, expect, it } from "vitest";
import { positionSummary, type PositionSummaryIndicator } from "./position-summary.js";
import type { NegotiationStatus } from "./vocabulary.js";

function designated(code: string, status: NegotiationStatus, asAt = "2008-04-30"): PositionSummaryIndicator {
  return { code, kind: "designated", state: "active", statusHistory: [{ asAt, status }] };
}

function statutory(code: string, status: NegotiationStatus): PositionSummaryIndicator {
  return { code, kind: "statutory", state: "active", statusHistory: [{ asAt: "2008-04-30", status }] };
}

/**
 * KA2 as the seed's appendix stood on 01/05/08. NI 187 reads both "Under discussion with GOSE"
 * and "Unable to be agreed until after the end of May"; it is counted under discussion, the only
 * reading that gives the seed's 10 after the deadline.
 */
const ka2: PositionSummaryIndicator[] = [
  ...["NI 55", "NI 191"].map((code) => designated(code, "agreed-with-government-office")),
  ...["NI 163", "NI 152", "NI 188", "NI 161", "NI 162", "NI 117", "NI 120", "NI 39", "NI 40", "NI 51", "NI 189", "NI 186"]
    .concat(["NI 197", "NI 195", "NI 8", "NI 198", "NI 175", "NI 47", "NI 159", "NI 187", "NI 154", "NI 155", "NI 141"])
    .map((code) => designated(code, "under-discussion")),
  ...["NI 171", "NI 125", "NI 15", "NI 21", "NI 111", "NI 32", "NI 3", "NI 6", "NI 11", "NI 110"].map((code) =>
    designated(code, "deferred"),
  ),
  { code: "NI 170", kind: "designated", state: "omitted", statusHistory: [{ asAt: "2008-03-01", status: "under-discussion" }] },
  ...["NI 92", "NI 72", "NI 73", "NI 93", "NI 94", "NI 74", "NI 83", "NI 95", "NI 96", "NI 75", "NI 97", "NI 98"]
    .concat(["NI 87", "NI 99", "NI 100", "NI 101"])
    .map((code) => statutory(code, "under-discussion")),
];

describe("positionSummary", () => {
  it("reproduces the seed's table as at 01/05/08: 2 agreed, 23 under discussion, 10 after 30 May, 35, (16)", () => {
    const summary = positionSummary({ agreement: "kent-ka2", asAt: "2008-05-01", indicators: ka2 });
    expect(JSON.stringify(summary)).toMatch(
      /^\{"agreement":"kent-ka2","asAt":"2008-05-01","agreedWithGovernmentOffice":2,"underDiscussion":23,"afterDeadline":10,"total":35,"statutoryToBeAgreed":16,"notStarted":0,"statutoryAgreed":0,"byIndicator":\[/,
    );
    expect(summary.byIndicator).toHaveLength(51);
    expect(summary.byIndicator.map(({ code }) => code)).not.toContain("NI 170");
    expect(summary.byIndicator[0]).toEqual({ code: "NI 55", kind: "designated", status: "agreed-with-government-office" });
  });

  it.each<{ seed: string; indicator: PositionSummaryIndicator; counts: Record<string, number> }>([
    { seed: "NI 55 agreed with GOSE", indicator: designated("NI 55", "agreed-with-government-office"), counts: { agreedWithGovernmentOffice: 1, total: 1 } },
    { seed: "NI 47 under discussion with GOSE", indicator: designated("NI 47", "under-discussion"), counts: { underDiscussion: 1, total: 1 } },
    { seed: "NI 117 with DCSF's counter-proposal", indicator: designated("NI 117", "counter-proposed"), counts: { underDiscussion: 1, total: 1 } },
    { seed: "NI 152 proposed by Kent", indicator: designated("NI 152", "proposed"), counts: { underDiscussion: 1, total: 1 } },
    { seed: "NI 11 deferred until the baseline exists", indicator: designated("NI 11", "deferred"), counts: { afterDeadline: 1, total: 1 } },
    {
      seed: "NI 191 agreed on 2008-05-02 does not count as agreed on 2008-05-01",
      indicator: designated("NI 191", "agreed-with-government-office", "2008-05-02"),
      counts: { agreedWithGovernmentOffice: 0, notStarted: 1, total: 1 },
    },
    {
      seed: "NI 47 agreed on 2008-05-02, under discussion before",
      indicator: {
        code: "NI 47",
        kind: "designated",
        state: "active",
        statusHistory: [
          { asAt: "2008-04-14", status: "under-discussion" },
          { asAt: "2008-05-02", status: "agreed-with-government-office" },
        ],
      },
      counts: { agreedWithGovernmentOffice: 0, underDiscussion: 1, total: 1 },
    },
    { seed: "a designated indicator with no history", indicator: { code: "NI 8", kind: "designated", state: "active", statusHistory: [] }, counts: { notStarted: 1, total: 1 } },
    {
      seed: "NI 170, omitted and replaced by NI 159",
      indicator: { ...designated("NI 170", "under-discussion"), state: "omitted" },
      counts: { underDiscussion: 0, total: 0 },
    },
    { seed: "NI 73, a DCSF statutory target under discussion", indicator: statutory("NI 73", "under-discussion"), counts: { statutoryToBeAgreed: 1, total: 0 } },
    { seed: "NI 73 agreed with DCSF", indicator: statutory("NI 73", "agreed-with-government-office"), counts: { statutoryAgreed: 1, statutoryToBeAgreed: 0, total: 0 } },
    { seed: "NI 92 with nothing recorded yet", indicator: { ...statutory("NI 92", "proposed"), statusHistory: [] }, counts: { statutoryToBeAgreed: 1, notStarted: 0 } },
    {
      seed: "KA1 outcome 1's primary indicator is not in the KA2 table",
      indicator: { code: "KA1 1.P1", kind: "primary", state: "active", statusHistory: [{ asAt: "2005-02-04", status: "agreed-with-government-office" }] },
      counts: { agreedWithGovernmentOffice: 0, total: 0, statutoryAgreed: 0 },
    },
  ])("$seed", ({ indicator, counts }) => {
    expect(positionSummary({ agreement: "kent-ka2", asAt: "2008-05-01", indicators: [indicator] })).toMatchObject(counts);
  });

  it.each([{ asAt: "01/05/08" }, { asAt: "2008-02-30" }, { asAt: "" }])("refuses the summary date $asAt, naming asAt", ({ asAt }) => {
    expect(() => positionSummary({ agreement: "kent-ka2", asAt, indicators: ka2 })).toThrow(
      expect.objectContaining({ code: "INVALID_DATE", field: "asAt" }),
    );
  });
});
