import { describe, expect, it } from "vitest";
import { dhis2PeriodOf, readDhis2Period } from "./dhis2-periods.js";
import { parseReportingPeriod } from "./reporting-periods.js";

describe("Accord periods as DHIS2 period codes", () => {
  it.each([
    ["2008/09", "2008April"],
    ["2008/09 H1", "2008AprilS1"],
    ["2008/09 H2", "2008AprilS2"],
    ["2008/09 Q1", "2008Q2"],
    ["2008/09 Q3", "2008Q4"],
    ["2008/09 Q4", "2009Q1"],
    ["2008-04", "200804"],
    ["2009-01", "200901"],
  ])("%s is %s, and reads back", (label, code) => {
    expect(dhis2PeriodOf(parseReportingPeriod(label))).toBe(code);
    expect(readDhis2Period(code)).toEqual({ period: parseReportingPeriod(label) });
  });

  it("reads DHIS2's documented examples as the same months", () => {
    // Six-month April: 2004AprilS1 is April–September 2004; Financial Year April: 2004April is Apr 2004–Mar 2005.
    expect(readDhis2Period("2004AprilS1")).toMatchObject({ period: { start: "2004-04-01", end: "2004-09-30" } });
    expect(readDhis2Period("2004April")).toMatchObject({ period: { start: "2004-04-01", end: "2005-03-31" } });
    // Quarter: 2004Q1 is January–March 2004; Month: 200403 is March 2004.
    expect(readDhis2Period("2004Q1")).toMatchObject({ period: { label: "2003/04 Q4", start: "2004-01-01", end: "2004-03-31" } });
    expect(readDhis2Period("200403")).toMatchObject({ period: { label: "2004-03", start: "2004-03-01", end: "2004-03-31" } });
  });

  it("has no code for a survey season or a school year", () => {
    expect(dhis2PeriodOf(parseReportingPeriod("Place Survey autumn 2008"))).toBeNull();
    expect(dhis2PeriodOf(parseReportingPeriod("school year 2008/09"))).toBeNull();
  });

  it.each([
    ["2008S1", /a half from January/],
    ["2008", /a calendar year/],
    ["2008July", /does not start in April/],
    ["2008W10", /a week/],
    ["20080315", /a day/],
    ["200813", /13 is not a month/],
    ["2008/09 H1", /not a DHIS2 period/],
    ["2008AprilS3", /not a DHIS2 period/],
    ["", /not a DHIS2 period/],
  ])("refuses %s saying why", (code, reason) => {
    const reading = readDhis2Period(code);
    expect("reason" in reading && reading.reason).toMatch(reason);
  });
});
