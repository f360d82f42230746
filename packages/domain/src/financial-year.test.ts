import { describe, expect, it } from "vitest";
import {
  financialHalfYearOf,
  financialYearEnd,
  financialYearHalves,
  financialYearOf,
  financialYearsBetween,
  financialYearStart,
  financialYearStartYear,
  formatFinancialYear,
  nextFinancialYear,
  parseFinancialYear,
  previousFinancialYear,
  shortFinancialYearLabel,
} from "./financial-year.js";

describe("parseFinancialYear", () => {
  it.each([
    { written: "2008/09", expected: "2008/09", where: "KA2's first year" },
    { written: "08/09", expected: "2008/09", where: "the template's target column heading" },
    { written: "10/11", expected: "2010/11", where: "KA2's last column" },
    { written: "1999/00", expected: "1999/00", where: "a year across the century" },
    { written: " 2005/06 ", expected: "2005/06", where: "KA1's first year pasted with spaces" },
  ])("reads $written ($where) as $expected", ({ written, expected }) => {
    expect(parseFinancialYear(written)).toBe(expected);
  });

  it.each([
    { written: "2008/10", message: /the second part must be the year after the first/ },
    { written: "2008-09", message: /write it like 2008\/09/ },
    { written: "April 2008", message: /write it like 2008\/09/ },
    { written: "2008", message: /write it like 2008\/09/ },
  ])("refuses $written with a clear message", ({ written, message }) => {
    expect(() => parseFinancialYear(written, "year")).toThrow(message);
    expect(() => parseFinancialYear(written, "year")).toThrow(
      expect.objectContaining({ code: "INVALID_FINANCIAL_YEAR", field: "year" }),
    );
  });
});

describe("a financial year's dates and neighbours", () => {
  it.each([
    { year: "2008/09", startYear: 2008, start: "2008-04-01", end: "2009-03-31", next: "2009/10", previous: "2007/08" },
    { year: "2010/11", startYear: 2010, start: "2010-04-01", end: "2011-03-31", next: "2011/12", previous: "2009/10" },
    { year: "1999/00", startYear: 1999, start: "1999-04-01", end: "2000-03-31", next: "2000/01", previous: "1998/99" },
  ])("$year runs $start to $end, after $previous and before $next", ({ year, startYear, start, end, next, previous }) => {
    expect(financialYearStartYear(year)).toBe(startYear);
    expect(formatFinancialYear(startYear)).toBe(year);
    expect(financialYearStart(year)).toBe(start);
    expect(financialYearEnd(year)).toBe(end);
    expect(nextFinancialYear(year)).toBe(next);
    expect(previousFinancialYear(year)).toBe(previous);
  });

  it.each([
    { date: "2008-05-01", expected: "2008/09", event: "the position summary date" },
    { date: "2008-05-30", expected: "2008/09", event: "the KA2 submission deadline" },
    { date: "2008-03-31", expected: "2007/08", event: "the last day of KA1" },
    { date: "2008-04-01", expected: "2008/09", event: "the first day of KA2" },
    { date: "2007-10-18", expected: "2007/08", event: "the October County Council report" },
  ])("$date ($event) falls in $expected", ({ date, expected }) => {
    expect(financialYearOf(date)).toBe(expected);
  });

  it.each([{ date: "2008-02-30" }, { date: "01/05/08" }])("refuses the date $date", ({ date }) => {
    expect(() => financialYearOf(date, "asAt")).toThrow(expect.objectContaining({ code: "INVALID_DATE", field: "asAt" }));
  });
});

describe("financialYearsBetween", () => {
  it.each([
    { agreement: "KA2", first: "2008/09", last: "2010/11", expected: ["2008/09", "2009/10", "2010/11"] },
    { agreement: "KA1", first: "2005/06", last: "2007/08", expected: ["2005/06", "2006/07", "2007/08"] },
    { agreement: "a one-year refresh", first: "2009/10", last: "2009/10", expected: ["2009/10"] },
  ])("$agreement covers $expected", ({ first, last, expected }) => {
    expect(financialYearsBetween(first, last)).toEqual(expected);
  });

  it("refuses a last year before the first", () => {
    expect(() => financialYearsBetween("2010/11", "2008/09")).toThrow(
      expect.objectContaining({
        code: "FINANCIAL_YEARS_OUT_OF_ORDER",
        field: "lastYear",
        message: "the last year 2008/09 is before the first year 2010/11",
      }),
    );
  });
});

describe("half years", () => {
  it("splits 2008/09 into the two six-monthly reporting periods", () => {
    const [first, second] = financialYearHalves("2008/09");
    expect(first).toEqual({ financialYear: "2008/09", half: 1, label: "2008/09 H1", start: "2008-04-01", end: "2008-09-30" });
    expect(second).toEqual({ financialYear: "2008/09", half: 2, label: "2008/09 H2", start: "2008-10-01", end: "2009-03-31" });
  });

  it.each([
    { date: "2008-09-30", expected: "2008/09 H1" },
    { date: "2008-10-01", expected: "2008/09 H2" },
    { date: "2009-03-31", expected: "2008/09 H2" },
    { date: "2009-04-01", expected: "2009/10 H1" },
  ])("$date is in $expected", ({ date, expected }) => {
    expect(financialHalfYearOf(date).label).toBe(expected);
  });
});

describe("shortFinancialYearLabel", () => {
  it.each([
    { year: "2008/09", expected: "08/09" },
    { year: "2009/10", expected: "09/10" },
    { year: "2010/11", expected: "10/11" },
  ])("heads the $year target column $expected, as the seed's template does", ({ year, expected }) => {
    expect(shortFinancialYearLabel(year)).toBe(expected);
  });
});
