import { describe, expect, it } from "vitest";
import { baselineLines, followingWording, quantityText, targetLines, wordingFollowingFigure } from "./wording.js";

describe("the words a figure is shown in", () => {
  it.each([
    ["1183", null, "1183"],
    ["1150", "count", "1150"],
    ["1", "level", "Level 1"],
    ["9.60", "%", "9.6%"],
    ["44", "% car", "44% car"],
    ["860", "kg", "860 kg"],
  ])("%s with unit %s reads %s", (value, unit, expected) => {
    expect(quantityText(value, unit)).toBe(expected);
  });

  it("follows a changed figure unless the person typed their own wording", () => {
    expect(followingWording({ typed: undefined, previous: "1183", changed: true, derived: "1150" })).toBe("1150");
    expect(followingWording({ typed: "1183", previous: "1183", changed: true, derived: "1150" })).toBe("1150");
    expect(followingWording({ typed: "1150 (2004–06 average)", previous: "1183", changed: true, derived: "1150" })).toBe("1150 (2004–06 average)");
    expect(followingWording({ typed: "1183 as printed", previous: "1183 as printed", changed: false, derived: "1183" })).toBe("1183 as printed");
  });

  it("names each component's line only when the indicator has components", () => {
    const split = { baselines: [{ component: "male", written: "656" }], baselinePending: null, targets: [{ year: "2010/11", component: "male", written: "613" }] };
    expect(baselineLines(split)).toEqual(["Male 656"]);
    expect(targetLines(split, "2010/11")).toEqual(["Male 613"]);
    expect(baselineLines({ baselines: [], baselinePending: { reason: "Place Survey" }, targets: [] })).toEqual(["Pending: Place Survey"]);
  });
});

describe("a worked-out target's printed figure follows its baseline", () => {
  it.each([
    ["Proposed at 592 (50% reduction)", "592", "575", "Proposed at 575 (50% reduction)"],
    ["Proposed at 592 (50% reduction)", "592", "580.5", "Proposed at 581 (50% reduction)"],
    ["+1503 = 2,859", "2859", "2900", "+1503 = 2900"],
    ["69.4% (2% increase)", "69.4", "70.55", "70.6% (2% increase)"],
    ["50% reduction", "591.5", "575", "50% reduction"],
    ["Halve the number killed or seriously injured", "591.5", "575", "Halve the number killed or seriously injured"],
  ])("%s (printed %s) on a value of %s reads %s", (written, printed, value, expected) => {
    expect(wordingFollowingFigure(written, printed, value)).toBe(expected);
  });
});
