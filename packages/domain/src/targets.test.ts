import { describe, expect, it } from "vitest";
import { DomainError } from "./errors.js";
import type { TargetForm } from "./target-forms.js";
import { describeTarget, parseTargetWording, targetValue, trajectory } from "./targets.js";

describe("targetValue", () => {
  it.each<{ seed: string; target: TargetForm; baseline: string | null; previousCumulative: string | null; expected: string | null }>([
    { seed: "NI 154: 5744 homes", target: { form: "absolute", value: "5744" }, baseline: "5360", previousCumulative: null, expected: "5744" },
    { seed: "NI 141: 66.7 with the baseline awaited", target: { form: "absolute", value: "66.70" }, baseline: null, previousCumulative: null, expected: "66.7" },
    {
      seed: "NI 47: 1183, 50% reduction",
      target: { form: "relative", direction: "reduction", change: "50", changeUnit: "percent" },
      baseline: "1183",
      previousCumulative: null,
      expected: "591.5",
    },
    {
      seed: "NI 197: 231, +15%",
      target: { form: "relative", direction: "increase", change: "15", changeUnit: "percent" },
      baseline: "231",
      previousCumulative: null,
      expected: "265.65",
    },
    {
      seed: "NI 198 primary: 44% car, -5 points",
      target: { form: "relative", direction: "reduction", change: "5", changeUnit: "points" },
      baseline: "44",
      previousCumulative: null,
      expected: "39",
    },
    {
      seed: "NI 3: 2% increase, baseline pending the Place Survey",
      target: { form: "relative", direction: "increase", change: "2", changeUnit: "percent" },
      baseline: null,
      previousCumulative: null,
      expected: null,
    },
    { seed: "NI 155 2008/09: 0 +1356", target: { form: "cumulative", increment: "1356" }, baseline: "0", previousCumulative: null, expected: "1356" },
    { seed: "NI 155 2009/10: +1503 = 2859", target: { form: "cumulative", increment: "1503" }, baseline: "0", previousCumulative: "1356", expected: "2859" },
    { seed: "NI 155 2010/11: +1425 = 4284", target: { form: "cumulative", increment: "1425" }, baseline: "0", previousCumulative: "2859", expected: "4284" },
    { seed: "a cumulative target with no baseline", target: { form: "cumulative", increment: "1356" }, baseline: null, previousCumulative: null, expected: null },
    { seed: "NI 188: Level 1 to Level 3", target: { form: "level", level: "3" }, baseline: "1", previousCumulative: null, expected: "3" },
    { seed: "NI 159: Maintain at 42%", target: { form: "maintain", value: "42" }, baseline: null, previousCumulative: null, expected: "42" },
  ])("$seed → $expected", ({ target, baseline, previousCumulative, expected }) => {
    expect(targetValue({ target, baseline, previousCumulative })).toBe(expected);
  });
});

describe("trajectory", () => {
  it("chains NI 155's cumulative targets from the baseline 0 to 4284", () => {
    const points = trajectory("0", [
      { year: "2010/11", target: { form: "cumulative", increment: "1425" } },
      { year: "2008/09", target: { form: "cumulative", increment: "1356" } },
      { year: "2009/10", target: { form: "cumulative", increment: "1503" } },
    ]);
    expect(points.map(({ year, value }) => [year, value])).toEqual([
      ["2008/09", "1356"],
      ["2009/10", "2859"],
      ["2010/11", "4284"],
    ]);
  });

  it.each<{ seed: string; baseline: string | null; targets: TargetForm[]; expected: (string | null)[] }>([
    {
      seed: "NI 120 male: 656 → 613, 596, 579",
      baseline: "656",
      targets: [
        { form: "absolute", value: "613" },
        { form: "absolute", value: "596" },
        { form: "absolute", value: "579" },
      ],
      expected: ["613", "596", "579"],
    },
    {
      seed: "NI 51: 12 → 13, then +1 on the year before",
      baseline: "12",
      targets: [
        { form: "absolute", value: "13" },
        { form: "maintain", value: "13" },
        { form: "cumulative", increment: "1" },
      ],
      expected: ["13", "13", "14"],
    },
    {
      seed: "NI 3: pending baseline leaves every year blank",
      baseline: null,
      targets: [
        { form: "relative", direction: "increase", change: "2", changeUnit: "percent" },
        { form: "cumulative", increment: "5" },
        { form: "cumulative", increment: "5" },
      ],
      expected: [null, null, null],
    },
  ])("$seed", ({ baseline, targets, expected }) => {
    const years = ["2008/09", "2009/10", "2010/11"];
    const points = trajectory(baseline, targets.map((target, index) => ({ year: years[index] ?? "", target })));
    expect(points.map(({ value }) => value)).toEqual(expected);
  });

  it("refuses two targets for the same year, written either way", () => {
    expect(() =>
      trajectory("1183", [
        { year: "2008/09", target: { form: "absolute", value: "592" } },
        { year: "08/09", target: { form: "absolute", value: "600" } },
      ]),
    ).toThrow(expect.objectContaining({ code: "DUPLICATE_TARGET_YEAR", message: "there are two targets for 2008/09" }));
  });
});

describe("describeTarget", () => {
  it.each<{ seed: string; target: TargetForm; expected: string }>([
    { seed: "NI 154", target: { form: "absolute", value: "5744" }, expected: "5744" },
    { seed: "NI 47", target: { form: "relative", direction: "reduction", change: "50", changeUnit: "percent" }, expected: "50% reduction" },
    { seed: "NI 6", target: { form: "relative", direction: "increase", change: "2.0", changeUnit: "percent" }, expected: "2% increase" },
    { seed: "NI 198", target: { form: "relative", direction: "reduction", change: "5", changeUnit: "points" }, expected: "5 percentage point reduction" },
    { seed: "NI 155", target: { form: "cumulative", increment: "1356" }, expected: "+1356" },
    { seed: "a cumulative fall", target: { form: "cumulative", increment: "-20" }, expected: "-20" },
    { seed: "NI 188", target: { form: "level", level: "3" }, expected: "Level 3" },
    { seed: "NI 159", target: { form: "maintain", value: "42" }, expected: "Maintain at 42" },
  ])("$seed reads \"$expected\" and reads back the same", ({ target, expected }) => {
    expect(describeTarget(target)).toBe(expected);
    const reread = parseTargetWording(expected);
    expect(reread).not.toBeInstanceOf(DomainError);
    expect(describeTarget((reread as { target: TargetForm }).target)).toBe(expected);
  });
});

describe("parseTargetWording", () => {
  it.each<{ seed: string; written: string; target: TargetForm; writtenValue: string | null; from: string | null; value: string | null }>([
    { seed: "NI 154", written: "5744", target: { form: "absolute", value: "5744" }, writtenValue: null, from: "5360", value: "5744" },
    { seed: "NI 47 as first proposed", written: "592", target: { form: "absolute", value: "592" }, writtenValue: null, from: "1183", value: "592" },
    { seed: "NI 55", written: "9.6%", target: { form: "absolute", value: "9.6" }, writtenValue: null, from: "9.4", value: "9.6" },
    { seed: "NI 191", written: "762 kg", target: { form: "absolute", value: "762" }, writtenValue: null, from: "860", value: "762" },
    { seed: "NI 163 baseline count", written: "508,000", target: { form: "absolute", value: "508000" }, writtenValue: null, from: null, value: "508000" },
    {
      seed: "NI 47",
      written: "50% reduction",
      target: { form: "relative", direction: "reduction", change: "50", changeUnit: "percent" },
      writtenValue: null,
      from: "1183",
      value: "591.5",
    },
    {
      seed: "NI 47 as the seed prints it",
      written: "592 (50% reduction)",
      target: { form: "relative", direction: "reduction", change: "50", changeUnit: "percent" },
      writtenValue: "592",
      from: "1183",
      value: "591.5",
    },
    {
      seed: "NI 3",
      written: "2% increase",
      target: { form: "relative", direction: "increase", change: "2", changeUnit: "percent" },
      writtenValue: null,
      from: null,
      value: null,
    },
    {
      seed: "NI 186",
      written: "11% reduction",
      target: { form: "relative", direction: "reduction", change: "11", changeUnit: "percent" },
      writtenValue: null,
      from: "7.5",
      value: "6.675",
    },
    {
      seed: "NI 198 primary",
      written: "39% (-5%)",
      target: { form: "relative", direction: "reduction", change: "5", changeUnit: "points" },
      writtenValue: "39",
      from: "44",
      value: "39",
    },
    {
      seed: "NI 198 secondary",
      written: "27% (−5%)",
      target: { form: "relative", direction: "reduction", change: "5", changeUnit: "points" },
      writtenValue: "27",
      from: "32",
      value: "27",
    },
    {
      seed: "NI 197",
      written: "265 (+15%)",
      target: { form: "relative", direction: "increase", change: "15", changeUnit: "percent" },
      writtenValue: "265",
      from: "231",
      value: "265.65",
    },
    { seed: "NI 155 2008/09", written: "+1356", target: { form: "cumulative", increment: "1356" }, writtenValue: null, from: "0", value: "1356" },
    { seed: "NI 155 2009/10", written: "+1503 = 2859", target: { form: "cumulative", increment: "1503" }, writtenValue: "2859", from: "1356", value: "2859" },
    { seed: "NI 155 2010/11", written: " +1425  =  4284 ", target: { form: "cumulative", increment: "1425" }, writtenValue: "4284", from: "2859", value: "4284" },
    { seed: "NI 188", written: "Level 3", target: { form: "level", level: "3" }, writtenValue: null, from: "1", value: "3" },
    { seed: "NI 188 typed in lower case", written: "level 3", target: { form: "level", level: "3" }, writtenValue: null, from: "1", value: "3" },
    { seed: "NI 159", written: "Maintain at 42%", target: { form: "maintain", value: "42" }, writtenValue: null, from: null, value: "42" },
  ])("$seed: \"$written\" works out at $value", ({ written, target, writtenValue, from, value }) => {
    const read = parseTargetWording(written);
    expect(read).toEqual({ target, writtenValue });
    if (read instanceof DomainError) return;
    // from: the baseline, or for a cumulative year the total the year before
    expect(targetValue({ target: read.target, baseline: from, previousCumulative: null })).toBe(value);
  });

  it.each([
    { seed: "NI 11", written: "Unable to set until baseline established" },
    { seed: "NI 186", written: "11% reduction (+/- 2%)" },
    { seed: "NI 40 (a yearly rise that compounds, not a stored form)", written: "+5%" },
    { seed: "NI 189", written: "80% of LA actions being undertaken satisfactorily" },
    { seed: "half-typed", written: "50% red" },
  ])("$seed: cannot read \"$written\" and says what to write", ({ written }) => {
    const read = parseTargetWording(written);
    expect(read).toBeInstanceOf(DomainError);
    expect(read).toMatchObject({ code: "UNREADABLE_TARGET", field: "target" });
    expect((read as DomainError).message).toContain(`Cannot read "${written}" as a target`);
    expect((read as DomainError).message).toContain("Level 3");
  });

  it("asks for a target when the box is empty", () => {
    expect(parseTargetWording("  ")).toMatchObject({ code: "UNREADABLE_TARGET", message: expect.stringMatching(/^Write a target/) });
  });
});
