import { describe, expect, it } from "vitest";
import {
  assessActual,
  baselineDateFor,
  directionOfTravel,
  plannedTrajectory,
  plannedValueAt,
  progressTowardsTarget,
  ragColour,
} from "./performance.js";
import { Tolerance } from "./performance.js";
import type { BaselineState, PerformanceStatus } from "./performance.js";
import { parseTargetWording } from "./targets.js";
import type { TargetForm } from "./target-forms.js";
import type { YearTarget } from "./targets.js";
import type { Polarity } from "./vocabulary.js";

const ka2BaselineDate = baselineDateFor("2008/09");

function wording(text: string): TargetForm {
  const read = parseTargetWording(text);
  if (read instanceof Error) throw read;
  return read.target;
}

/** The seed rows (seed 000 appendix, as transcribed in data/kent-ka2.yaml). */
const seedIndicators: Record<string, { polarity: Polarity; baseline: BaselineState; targets: YearTarget[] }> = {
  // "1183 … Proposed at 592 (50% reduction)", one cell across the years: the 2010/11 target.
  "NI 47": {
    polarity: "lower-is-better",
    baseline: { state: "known", value: "1183" },
    targets: [{ year: "2010/11", target: wording("50% reduction") }],
  },
  // "0 … +1356, +1503 = 2859, +1425 = 4284"
  "NI 155": {
    polarity: "higher-is-better",
    baseline: { state: "known", value: "0" },
    targets: [
      { year: "2008/09", target: wording("+1356") },
      { year: "2009/10", target: wording("+1503 = 2859") },
      { year: "2010/11", target: wording("+1425 = 4284") },
    ],
  },
  // "67.5% … suggested improvement of 2%": 2% of the baseline, 67.5 + 1.35 = 68.85 by 2010/11.
  "NI 163": {
    polarity: "higher-is-better",
    baseline: { state: "known", value: "67.5" },
    targets: [{ year: "2010/11", target: wording("2% increase") }],
  },
  // "Supply is already 42% over … Maintain at 42%" in each year.
  "NI 159": {
    polarity: "higher-is-better",
    baseline: { state: "known", value: "42" },
    targets: ["2008/09", "2009/10", "2010/11"].map((year) => ({ year, target: wording("Maintain at 42%") })),
  },
  // "Level 1 … Level 3", one cell across the years.
  "NI 188": {
    polarity: "higher-is-better",
    baseline: { state: "known", value: "1" },
    targets: [{ year: "2010/11", target: wording("Level 3") }],
  },
  // NI 141: a target of 66.7 with the baseline awaited.
  "NI 141": {
    polarity: "higher-is-better",
    baseline: { state: "none" },
    targets: [{ year: "2010/11", target: wording("66.7") }],
  },
  // NI 3: "2% increase", baseline "cannot be set until Place Survey conducted (Sept 08)".
  "NI 3": {
    polarity: "higher-is-better",
    baseline: { state: "pending", reason: "Cannot be set until Place Survey conducted (Sept 08)" },
    targets: [{ year: "2010/11", target: wording("2% increase") }],
  },
};

function trajectoryOf(code: string) {
  const indicator = seedIndicators[code];
  if (!indicator) throw new Error(`no seed row for ${code}`);
  return {
    polarity: indicator.polarity,
    trajectory: plannedTrajectory({
      baseline: indicator.baseline,
      baselineAsAt: ka2BaselineDate,
      targets: indicator.targets,
    }),
  };
}

describe("the trajectory", () => {
  it("starts KA2's baselines on 31 March 2008 and puts each year's target on 31 March", () => {
    expect(ka2BaselineDate).toBe("2008-03-31");
    expect(trajectoryOf("NI 155").trajectory.points.map(({ date, value }) => [date, value])).toEqual([
      ["2008-03-31", "0"],
      ["2009-03-31", "1356"],
      ["2010-03-31", "2859"],
      ["2011-03-31", "4284"],
    ]);
  });

  it.each([
    // NI 47: 1183 less 591.5 over 1095 days; 183 days to 30 September 2008.
    { code: "NI 47", date: "2008-09-30", planned: "1084.1465753425", why: "1183 − 591.5 × 183/1095" },
    { code: "NI 47", date: "2009-03-31", planned: "985.8333333333", why: "a third of the way" },
    { code: "NI 47", date: "2010-03-31", planned: "788.6666666667", why: "two thirds of the way" },
    { code: "NI 47", date: "2011-03-31", planned: "591.5", why: "the final target, exact" },
    { code: "NI 47", date: "2011-09-30", planned: "591.5", why: "the final target stands after the agreement" },
    // NI 155: running totals, each year's increment spread over its days.
    { code: "NI 155", date: "2008-09-30", planned: "679.8575342466", why: "1356 × 183/365" },
    { code: "NI 155", date: "2009-03-31", planned: "1356", why: "the 2008/09 total" },
    { code: "NI 155", date: "2009-09-30", planned: "2109.5589041096", why: "1356 + 1503 × 183/365" },
    { code: "NI 155", date: "2010-03-31", planned: "2859", why: "the 2009/10 running total" },
    { code: "NI 155", date: "2011-03-31", planned: "4284", why: "the 2010/11 running total" },
    // NI 163: 67.5% + 2% of 67.5 = 68.85 by 2010/11.
    { code: "NI 163", date: "2009-03-31", planned: "67.95", why: "a third of 1.35 on 67.5" },
    { code: "NI 163", date: "2011-03-31", planned: "68.85", why: "2% increase on 67.5" },
    // NI 159: maintain means the same level throughout, not a line from the baseline.
    { code: "NI 159", date: "2008-09-30", planned: "42", why: "held at 42" },
    { code: "NI 159", date: "2010-12-31", planned: "42", why: "held at 42" },
    // NI 188: whole levels only; the line passes Level 2 during 2009/10.
    { code: "NI 188", date: "2009-03-31", planned: "1", why: "1.67 of the way is still Level 1" },
    { code: "NI 188", date: "2010-03-31", planned: "2", why: "2.33 of the way is Level 2" },
    { code: "NI 188", date: "2011-03-31", planned: "3", why: "Level 3" },
    // No baseline: the line exists only from the first target.
    { code: "NI 141", date: "2011-03-31", planned: "66.7", why: "the target itself" },
  ])("$code on $date is $planned ($why)", ({ code, date, planned }) => {
    expect(plannedValueAt(trajectoryOf(code).trajectory, date).value).toBe(planned);
  });

  it.each([
    { code: "NI 141", date: "2008-09-30", reason: "no-baseline" },
    { code: "NI 3", date: "2011-03-31", reason: "baseline-pending" },
    { code: "NI 47", date: "2008-01-31", reason: "before-baseline" },
  ])("has no planned value for $code on $date: $reason", ({ code, date, reason }) => {
    expect(plannedValueAt(trajectoryOf(code).trajectory, date)).toEqual({ value: null, reason });
  });
});

describe("status against the trajectory", () => {
  it.each<{
    code: string;
    date: string;
    actual: string | null;
    status: PerformanceStatus;
    why: string;
    tolerance?: Tolerance;
  }>([
    // NI 47, lower is better; at 30 Sep 2008 the plan is 1084.15 and 10% of the planned 98.85 fewer is 9.89.
    { code: "NI 47", date: "2008-09-30", actual: "1080", status: "green", why: "fewer casualties than planned" },
    { code: "NI 47", date: "2008-09-30", actual: "1084.1465753425", status: "green", why: "exactly on the trajectory" },
    { code: "NI 47", date: "2008-09-30", actual: "1090", status: "amber", why: "5.85 worse, within 9.89" },
    { code: "NI 47", date: "2008-09-30", actual: "1095", status: "red", why: "10.85 worse, beyond 9.89" },
    { code: "NI 47", date: "2008-09-30", actual: null, status: "grey", why: "no return" },
    { code: "NI 47", date: "2008-09-30", actual: "591.5", status: "target-met", why: "halved already" },
    {
      code: "NI 47",
      date: "2011-03-31",
      actual: "600",
      status: "amber",
      why: "8.5 short at the end, within 10% of 591.5",
    },
    { code: "NI 47", date: "2011-03-31", actual: "660", status: "red", why: "68.5 short at the end, beyond 59.15" },
    // NI 155, higher is better, running totals.
    { code: "NI 155", date: "2008-09-30", actual: "700", status: "green", why: "ahead of 679.86" },
    { code: "NI 155", date: "2008-09-30", actual: "620", status: "amber", why: "59.86 short, within 67.99" },
    { code: "NI 155", date: "2008-09-30", actual: "600", status: "red", why: "79.86 short, beyond 67.99" },
    { code: "NI 155", date: "2010-03-31", actual: "2859", status: "green", why: "the 2009/10 running total exactly" },
    { code: "NI 155", date: "2011-03-31", actual: "4300", status: "target-met", why: "beyond 4284" },
    // NI 163, higher is better: plan 67.95 at 31 Mar 2009, tolerance 10% of 0.45 = 0.045.
    { code: "NI 163", date: "2009-03-31", actual: "68", status: "green", why: "above 67.95" },
    { code: "NI 163", date: "2009-03-31", actual: "67.91", status: "amber", why: "0.04 short" },
    { code: "NI 163", date: "2009-03-31", actual: "67.9", status: "red", why: "0.05 short" },
    {
      code: "NI 163",
      date: "2009-03-31",
      actual: "67.9",
      status: "amber",
      why: "0.05 short, tolerance set at 0.1 points",
      tolerance: { form: "amount", value: "0.1" },
    },
    {
      code: "NI 163",
      date: "2009-03-31",
      actual: "67.9",
      status: "red",
      why: "tolerance set at 5% of the planned change",
      tolerance: { form: "share-of-planned-change", percent: "5" },
    },
    { code: "NI 163", date: "2010-09-30", actual: "68.85", status: "target-met", why: "2% up" },
    // NI 159, maintain at 42: tolerance 1% of 42 = 0.42; met only by holding to the end.
    {
      code: "NI 159",
      date: "2008-09-30",
      actual: "43",
      status: "green",
      why: "above the level, not yet held to the end",
    },
    { code: "NI 159", date: "2008-09-30", actual: "41.7", status: "amber", why: "0.3 below" },
    { code: "NI 159", date: "2008-09-30", actual: "41", status: "red", why: "1 below" },
    { code: "NI 159", date: "2011-03-31", actual: "42", status: "target-met", why: "held to the end" },
    // NI 188, levels: one level short is amber.
    { code: "NI 188", date: "2010-03-31", actual: "2", status: "green", why: "Level 2 as planned" },
    { code: "NI 188", date: "2010-03-31", actual: "1", status: "amber", why: "one level short" },
    { code: "NI 188", date: "2011-03-31", actual: "1", status: "red", why: "two levels short at the end" },
    { code: "NI 188", date: "2009-09-30", actual: "3", status: "target-met", why: "Level 3 early" },
    // No baseline and pending baseline.
    { code: "NI 141", date: "2008-09-30", actual: "60", status: "grey", why: "no line before the first target" },
    { code: "NI 141", date: "2011-03-31", actual: "67", status: "target-met", why: "above 66.7" },
    { code: "NI 3", date: "2008-09-30", actual: "50", status: "grey", why: "the baseline is pending" },
  ])("$code on $date at $actual is $status ($why)", ({ code, date, actual, status, tolerance }) => {
    const { trajectory, polarity } = trajectoryOf(code);
    expect(assessActual({ trajectory, polarity, date, actual, tolerance }).status).toBe(status);
  });

  it("says how far short NI 47 is and the tolerance it was judged by", () => {
    const { trajectory, polarity } = trajectoryOf("NI 47");
    expect(assessActual({ trajectory, polarity, date: "2008-09-30", actual: "1090" })).toEqual({
      status: "amber",
      planned: "1084.1465753425",
      shortfall: "5.8534246575",
      tolerance: "9.88534246575",
      reason: null,
    });
  });

  it("gives the reason a status is grey", () => {
    const { trajectory, polarity } = trajectoryOf("NI 3");
    expect(assessActual({ trajectory, polarity, date: "2008-09-30", actual: "50" }).reason).toBe("baseline-pending");
    expect(assessActual({ trajectory, polarity, date: "2008-09-30", actual: null }).reason).toBe("no-data");
    const ni47 = trajectoryOf("NI 47").trajectory;
    expect(assessActual({ trajectory: ni47, polarity: "unknown", date: "2008-09-30", actual: "1000" }).reason).toBe(
      "direction-unknown",
    );
  });

  it("judges the same numbers the other way round when the polarity is reversed", () => {
    const { trajectory } = trajectoryOf("NI 47");
    // Read as if more were better, NI 47's falling trajectory makes 1080 the shortfall.
    expect(assessActual({ trajectory, polarity: "higher-is-better", date: "2008-09-30", actual: "1080" }).status).toBe(
      "amber",
    );
    expect(assessActual({ trajectory, polarity: "lower-is-better", date: "2008-09-30", actual: "1080" }).status).toBe(
      "green",
    );
  });

  it("shows a met target in green", () => {
    expect(ragColour("target-met")).toBe("green");
    expect(ragColour("amber")).toBe("amber");
  });
});

describe("progress towards the final target", () => {
  it.each([
    { code: "NI 47", actual: "887.25", percent: "50", why: "half of 1183 → 591.5" },
    { code: "NI 47", actual: "1183", percent: "0", why: "still at the baseline" },
    { code: "NI 47", actual: "1300", percent: "-19.8", why: "gone the wrong way" },
    { code: "NI 155", actual: "2859", percent: "66.7", why: "2859 of 4284 homes" },
    { code: "NI 163", actual: "68.85", percent: "100", why: "the 2% increase reached" },
    { code: "NI 188", actual: "2", percent: "50", why: "Level 2 of Level 1 → 3" },
  ])("$code at $actual is $percent% ($why)", ({ code, actual, percent }) => {
    expect(progressTowardsTarget(trajectoryOf(code).trajectory, actual)?.percent).toBe(percent);
  });

  it.each([
    { code: "NI 159", why: "maintain at the baseline has no distance to cover" },
    { code: "NI 141", why: "no baseline" },
    { code: "NI 3", why: "baseline pending" },
  ])("is not given for $code ($why)", ({ code }) => {
    expect(progressTowardsTarget(trajectoryOf(code).trajectory, "50")).toBeNull();
  });
});

describe("a tolerance set for an indicator", () => {
  it.each([
    { tolerance: { form: "share-of-planned-change", percent: "15" }, ok: true },
    { tolerance: { form: "amount", value: "0.5" }, ok: true },
    { tolerance: { form: "amount", value: "-1" }, ok: false },
    { tolerance: { form: "share-of-planned-change", percent: "ten" }, ok: false },
    { tolerance: { form: "percent", value: "10" }, ok: false },
  ])("$tolerance is accepted: $ok", ({ tolerance, ok }) => {
    expect(Tolerance.safeParse(tolerance).success).toBe(ok);
  });
});

describe("direction of travel", () => {
  it.each<{ polarity: Polarity; previous: string | null; current: string; direction: string | null }>([
    { polarity: "lower-is-better", previous: "1183", current: "1100", direction: "improving" },
    { polarity: "lower-is-better", previous: "1100", current: "1183", direction: "worsening" },
    { polarity: "higher-is-better", previous: "67.5", current: "68", direction: "improving" },
    { polarity: "higher-is-better", previous: "68", current: "67.5", direction: "worsening" },
    { polarity: "higher-is-better", previous: "67.50", current: "67.5", direction: "no-change" },
    { polarity: "higher-is-better", previous: null, current: "67.5", direction: null },
    { polarity: "unknown", previous: "1", current: "2", direction: null },
  ])("$polarity from $previous to $current is $direction", ({ polarity, previous, current, direction }) => {
    expect(directionOfTravel(polarity, previous, current)).toBe(direction);
  });
});
