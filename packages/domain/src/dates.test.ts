import { describe, expect, it } from "vitest";
import { defaultAsAt, longDate } from "./dates.js";

describe("the one date style", () => {
  it("writes 30 May 2008 and gives back what is not a date", () => {
    expect(longDate("2008-05-30")).toBe("30 May 2008");
    expect(longDate("2008-05-01")).toBe("1 May 2008");
    expect(longDate("soon")).toBe("soon");
  });
});

describe("the date an agreement is as at by default", () => {
  const ka2 = { lastYear: "2010/11" };

  it("is the day of the latest negotiation entry: Kent Agreement 2 reads as at 1 May 2008 in 2026", () => {
    expect(defaultAsAt({ ...ka2, latestEntryAsAt: "2008-05-01" }, "2026-12-02")).toBe("2008-05-01");
  });

  it("is the end of the final year when nothing is logged and the agreement has ended", () => {
    expect(defaultAsAt({ ...ka2, latestEntryAsAt: null }, "2026-12-02")).toBe("2011-03-31");
  });

  it("is today while the agreement runs and nothing is logged, and never a day after today", () => {
    expect(defaultAsAt({ ...ka2, latestEntryAsAt: null }, "2009-06-15")).toBe("2009-06-15");
    expect(defaultAsAt({ ...ka2, latestEntryAsAt: "2009-06-20" }, "2009-06-15")).toBe("2009-06-15");
  });
});
