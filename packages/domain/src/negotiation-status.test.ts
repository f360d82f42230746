import { describe, expect, it } from "vitest";
import {
  isNegotiationOpen,
  isNegotiationSettled,
  negotiationStatusLabel,
  positionSummaryBucket,
  statusAfterEntry,
  statusAsAt,
  type StatusEntry,
} from "./negotiation-status.js";
import type { NegotiationStatus } from "./vocabulary.js";

describe("a negotiation status", () => {
  it.each<{ seed: string; status: NegotiationStatus; label: string; settled: boolean; open: boolean; bucket: string }>([
    { seed: "NI 55, NI 191", status: "agreed-with-government-office", label: "Agreed with Government Office", settled: true, open: false, bucket: "agreedWithGovernmentOffice" },
    { seed: "NI 47", status: "under-discussion", label: "Under discussion with Government Office", settled: false, open: true, bucket: "underDiscussion" },
    { seed: "NI 152, Kent initially proposed 2%", status: "proposed", label: "Proposed by partners", settled: false, open: true, bucket: "underDiscussion" },
    { seed: "NI 117, DCSF requesting below 4.6%", status: "counter-proposed", label: "Counter-proposal from government", settled: false, open: true, bucket: "underDiscussion" },
    {
      seed: "NI 3, waiting for the Place Survey",
      status: "deferred",
      label: "Unlikely to be agreed before the deadline (deferred to refresh)",
      settled: false,
      open: false,
      bucket: "afterDeadline",
    },
    { seed: "a DCSF indicator nobody has touched", status: "not-started", label: "Not started", settled: false, open: false, bucket: "notStarted" },
  ])("$seed: \"$label\"", ({ status, label, settled, open, bucket }) => {
    expect(negotiationStatusLabel(status)).toBe(label);
    expect(isNegotiationSettled(status)).toBe(settled);
    expect(isNegotiationOpen(status)).toBe(open);
    expect(positionSummaryBucket(status)).toBe(bucket);
  });
});

describe("statusAsAt", () => {
  const ni117: StatusEntry[] = [
    { asAt: "2008-04-07", status: "proposed" },
    { asAt: "2008-04-21", status: "agreed-with-government-office" },
    { asAt: "2008-04-28", status: "counter-proposed" },
    { asAt: "2008-04-28", status: "under-discussion" },
    { asAt: "2008-05-02", status: "agreed-with-government-office" },
  ];

  it.each<{ seed: string; asAt: string; expected: NegotiationStatus }>([
    { seed: "before Kent proposed anything", asAt: "2008-04-01", expected: "not-started" },
    { seed: "on the day Kent proposed 4.8%", asAt: "2008-04-07", expected: "proposed" },
    { seed: "when 4.8% had been agreed", asAt: "2008-04-25", expected: "agreed-with-government-office" },
    { seed: "DCSF counter-proposed, then talks resumed the same day", asAt: "2008-04-28", expected: "under-discussion" },
    { seed: "the summary date: the 2 May agreement does not count yet", asAt: "2008-05-01", expected: "under-discussion" },
    { seed: "the submission deadline", asAt: "2008-05-30", expected: "agreed-with-government-office" },
  ])("NI 117 $seed ($asAt): $expected", ({ asAt, expected }) => {
    expect(statusAsAt(ni117, asAt)).toBe(expected);
  });

  it("reads the history by date, not by the order it was typed in", () => {
    const history: StatusEntry[] = [
      { asAt: "2008-04-30", status: "agreed-with-government-office" },
      { asAt: "2008-04-10", status: "proposed" },
    ];
    expect(statusAsAt(history, "2008-05-01")).toBe("agreed-with-government-office");
  });

  it("passes over comments: a comment carrying an old status does not undo a later entry of the same day or before", () => {
    const history: StatusEntry[] = [
      { asAt: "2008-04-10", status: "proposed", kind: "proposal" },
      { asAt: "2008-04-20", status: "proposed", kind: "comment" },
      { asAt: "2008-04-15", status: "agreed-with-government-office", kind: "agreement-with-government-office" },
    ];
    expect(statusAsAt(history, "2008-05-01")).toBe("agreed-with-government-office");
    expect(statusAsAt([{ asAt: "2008-04-20", status: "agreed-with-government-office", kind: "comment" }], "2008-05-01")).toBe("not-started");
  });

  it("is not started when there is no history", () => {
    expect(statusAsAt([], "2008-05-01")).toBe("not-started");
  });

  it("refuses a date written the seed's way, 01/05/08", () => {
    expect(() => statusAsAt([], "01/05/08")).toThrow(expect.objectContaining({ code: "INVALID_DATE", field: "asAt" }));
  });
});

describe("statusAfterEntry: the status is derived from the negotiation log", () => {
  it.each([
    ["proposal", "not-started", "proposed"],
    ["counter-proposal", "proposed", "counter-proposed"],
    ["proposal", "counter-proposed", "proposed"],
    ["agreement-with-government-office", "proposed", "agreed-with-government-office"],
    ["deferral", "under-discussion", "deferred"],
    ["agreement-between-partners", "proposed", "under-discussion"],
    ["comment", "counter-proposed", "counter-proposed"],
  ] as const)("a %s after %s leaves the indicator %s", (kind, previous, expected) => {
    expect(statusAfterEntry(kind, previous)).toBe(expected);
  });

  it("takes a recorded position's own status (the seed's statuses as at 01/05/08)", () => {
    expect(statusAfterEntry("position", "not-started", "deferred")).toBe("deferred");
  });
});
