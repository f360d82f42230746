import { describe, expect, it } from "vitest";
import {
  compareReportingPeriods,
  describeReportingPeriod,
  formatReportingPeriod,
  parseReportingPeriod,
  reportingPeriodsOverlap,
} from "./reporting-periods.js";

describe("parseReportingPeriod", () => {
  it.each([
    { written: "2008/09", kind: "financial-year", label: "2008/09", start: "2008-04-01", end: "2009-03-31" },
    { written: "08/09", kind: "financial-year", label: "2008/09", start: "2008-04-01", end: "2009-03-31" },
    { written: "2008/09 H1", kind: "half", label: "2008/09 H1", start: "2008-04-01", end: "2008-09-30" },
    { written: "2008/09 h2", kind: "half", label: "2008/09 H2", start: "2008-10-01", end: "2009-03-31" },
    { written: "2008/09 Q1", kind: "quarter", label: "2008/09 Q1", start: "2008-04-01", end: "2008-06-30" },
    { written: "2008/09 Q3", kind: "quarter", label: "2008/09 Q3", start: "2008-10-01", end: "2008-12-31" },
    { written: "2008/09 Q4", kind: "quarter", label: "2008/09 Q4", start: "2009-01-01", end: "2009-03-31" },
    { written: "2008-04", kind: "month", label: "2008-04", start: "2008-04-01", end: "2008-04-30" },
    { written: "2008-02", kind: "month", label: "2008-02", start: "2008-02-01", end: "2008-02-29" },
    { written: "2009-02", kind: "month", label: "2009-02", start: "2009-02-01", end: "2009-02-28" },
    {
      written: "Place Survey autumn 2008",
      kind: "survey",
      label: "Place Survey autumn 2008",
      start: "2008-09-01",
      end: "2008-11-30",
    },
    {
      written: "Tellus  Survey Winter 2008",
      kind: "survey",
      label: "Tellus Survey winter 2008",
      start: "2008-12-01",
      end: "2009-02-28",
    },
    {
      written: "school year 2008/09",
      kind: "school-year",
      label: "school year 2008/09",
      start: "2008-09-01",
      end: "2009-08-31",
    },
    {
      written: "Academic year 08/09",
      kind: "school-year",
      label: "school year 2008/09",
      start: "2008-09-01",
      end: "2009-08-31",
    },
  ])("reads $written as $label, $start to $end", ({ written, kind, label, start, end }) => {
    expect(parseReportingPeriod(written)).toEqual({ kind, label, start, end });
    expect(formatReportingPeriod(written)).toBe(label);
  });

  it.each([
    { written: "", message: /write one like "2008\/09"/ },
    { written: "2008/09 H3", message: /write one like/ },
    { written: "2008/09 Q5", message: /write one like/ },
    { written: "2008-13", message: /13 is not a month/ },
    { written: "autumn 2008", message: /write one like/ },
    { written: "2008/10 H1", message: /the second part must be the year after the first/ },
    { written: "school year 2008/10", message: /the second part must be the year after the first/ },
  ])("refuses $written with a message naming the field", ({ written, message }) => {
    expect(() => parseReportingPeriod(written, "period")).toThrow(message);
    expect(() => parseReportingPeriod(written, "period")).toThrow(expect.objectContaining({ field: "period" }));
  });
});

describe("ordering and overlap", () => {
  it("orders periods of every kind by when they end, the longer first on the same day", () => {
    const written = [
      "2009/10 H1",
      "2008/09",
      "school year 2008/09",
      "2008/09 H2",
      "Place Survey autumn 2008",
      "2008/09 H1",
      "2008-04",
      "2008/09 Q1",
    ];
    const ordered = written
      .map((text) => parseReportingPeriod(text))
      .sort(compareReportingPeriods)
      .map((period) => period.label);
    expect(ordered).toEqual([
      "2008-04",
      "2008/09 Q1",
      "2008/09 H1",
      "Place Survey autumn 2008",
      "2008/09",
      "2008/09 H2",
      "school year 2008/09",
      "2009/10 H1",
    ]);
  });

  it("knows a year overlaps its halves and the two halves do not overlap each other", () => {
    const [year, h1, h2] = ["2008/09", "2008/09 H1", "2008/09 H2"].map((text) => parseReportingPeriod(text));
    if (!year || !h1 || !h2) throw new Error("periods not read");
    expect(reportingPeriodsOverlap(year, h1)).toBe(true);
    expect(reportingPeriodsOverlap(year, h2)).toBe(true);
    expect(reportingPeriodsOverlap(h1, h2)).toBe(false);
  });

  it("describes a period for a report heading", () => {
    expect(describeReportingPeriod(parseReportingPeriod("2008/09 H2"))).toBe("2008/09 H2 (October 2008–March 2009)");
    expect(describeReportingPeriod(parseReportingPeriod("2008/09 H1"))).toBe("2008/09 H1 (April–September 2008)");
    expect(describeReportingPeriod(parseReportingPeriod("2008-04"))).toBe("April 2008");
  });
});
