/**
 * How an indicator is doing against what was agreed: the planned value on any date (the
 * trajectory from the baseline through each year's target), the status of an actual against
 * it (green, amber, red, grey, target met), progress from the baseline to the final target,
 * and the direction of travel since the previous value. Pure and exact: values are decimal
 * text and every comparison uses decimal.ts, so 591.5 is never 591.4999999.
 *
 * Dates: the baseline stands on the day before the agreement's first year (31 March 2008 for
 * KA2), each year's target on the last day of its financial year, and the planned value
 * between two of them moves in a straight line by day.
 */
import {
  addDecimals,
  compareDecimals,
  divideDecimals,
  multiplyDecimals,
  percentageOf,
  roundDecimal,
  subtractDecimals,
} from "./decimal.js";
import { z } from "zod";
import { DomainError } from "./errors.js";
import { financialYearEnd, financialYearStart } from "./financial-year.js";
import type { TargetFormName } from "./target-forms.js";
import { trajectory as yearTargetValues } from "./targets.js";
import type { YearTarget } from "./targets.js";
import type { FinancialYear, IsoDate, Polarity } from "./vocabulary.js";

/** The baseline as the agreement holds it: a value, pending a survey or data, or none at all. */
export type BaselineState =
  { state: "known"; value: string } | { state: "pending"; reason: string } | { state: "none" };

export interface TrajectoryPointAt {
  /** The baseline point has no year. */
  year: FinancialYear | null;
  date: IsoDate;
  value: string;
  /** The form of the target that ends here; null for the baseline. */
  form: TargetFormName | null;
}

export interface PlannedTrajectory {
  baseline: BaselineState;
  /** Baseline (when known) then each year's target that works out at a number, in date order. */
  points: TrajectoryPointAt[];
  /** The last year's target; null when no target works out at a number yet. */
  finalTarget: TrajectoryPointAt | null;
}

/** The day before the agreement's first year: KA2 (2008/09–2010/11) → 2008-03-31. */
export function baselineDateFor(firstYear: string): IsoDate {
  return addDays(financialYearStart(firstYear), -1);
}

const dayMs = 86_400_000;

function dayNumber(date: IsoDate): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / dayMs);
}

function addDays(date: IsoDate, days: number): IsoDate {
  return new Date((dayNumber(date) + days) * dayMs).toISOString().slice(0, 10);
}

/**
 * Draws the trajectory of one component. A cumulative target's points are running totals
 * (NI 155: 1356, 2859, 4284), a relative one's what it works out at from the baseline.
 */
export function plannedTrajectory(input: {
  baseline: BaselineState;
  /** When the baseline stood; see {@link baselineDateFor}. */
  baselineAsAt: IsoDate;
  targets: readonly YearTarget[];
}): PlannedTrajectory {
  const baselineValue = input.baseline.state === "known" ? input.baseline.value : null;
  const points: TrajectoryPointAt[] = [];
  if (baselineValue !== null) points.push({ year: null, date: input.baselineAsAt, value: baselineValue, form: null });
  for (const { year, target, value } of yearTargetValues(baselineValue, input.targets)) {
    if (value !== null) points.push({ year, date: financialYearEnd(year), value, form: target.form });
  }
  const last = points.at(-1);
  return { baseline: input.baseline, points, finalTarget: last && last.form !== null ? last : null };
}

function floorDecimal(value: string): string {
  const rounded = roundDecimal(value, 0);
  return compareDecimals(rounded, value) > 0 ? subtractDecimals(rounded, "1") : rounded;
}

function ceilingDecimal(value: string): string {
  const rounded = roundDecimal(value, 0);
  return compareDecimals(rounded, value) < 0 ? addDecimals(rounded, "1") : rounded;
}

/** Where the straight line from one point to the next stands on a date. */
function between(from: TrajectoryPointAt, to: TrajectoryPointAt, date: IsoDate): string {
  // "Maintain at 42%" holds the level through its year: nothing to interpolate from.
  if (to.form === "maintain") return to.value;
  const elapsed = dayNumber(date) - dayNumber(from.date);
  const total = dayNumber(to.date) - dayNumber(from.date);
  const change = subtractDecimals(to.value, from.value);
  const value = addDecimals(from.value, divideDecimals(multiplyDecimals(change, String(elapsed)), String(total)));
  // A staged indicator (NI 188) has no part-levels: the plan reaches a level only once the
  // line has passed it, so the level stays the earlier one until then.
  if (to.form === "level")
    return compareDecimals(to.value, from.value) >= 0 ? floorDecimal(value) : ceilingDecimal(value);
  return value;
}

/** Why a planned value or status cannot be given. */
export type NoAssessmentReason =
  "no-baseline" | "baseline-pending" | "no-target" | "before-baseline" | "no-data" | "direction-unknown";

/** The planned value on a date, or why there is none. After the last year the final target stands. */
export function plannedValueAt(
  trajectory: PlannedTrajectory,
  date: IsoDate,
): { value: string; form: TargetFormName | null } | { value: null; reason: NoAssessmentReason } {
  const { points } = trajectory;
  const first = points[0];
  if (!first || trajectory.finalTarget === null) {
    if (trajectory.baseline.state === "pending") return { value: null, reason: "baseline-pending" };
    if (trajectory.baseline.state === "none") return { value: null, reason: "no-baseline" };
    return { value: null, reason: "no-target" };
  }
  if (date < first.date) {
    // Without a baseline the line starts at the first target: before it there is no plan.
    if (first.form !== null && first.form !== "maintain") {
      return { value: null, reason: trajectory.baseline.state === "pending" ? "baseline-pending" : "no-baseline" };
    }
    if (first.form === null) return { value: null, reason: "before-baseline" };
    return { value: first.value, form: first.form };
  }
  for (let index = 1; index < points.length; index += 1) {
    const to = points[index];
    const from = points[index - 1];
    if (to && from && date <= to.date) return { value: between(from, to, date), form: to.form };
  }
  return { value: trajectory.finalTarget.value, form: trajectory.finalTarget.form };
}

/**
 * How far an actual may fall short of the trajectory and still be amber. Camms and Pentana let
 * managers set these thresholds per measure; Accord does too, per indicator, with a default.
 */
const NonNegativeDecimal = z
  .string()
  .regex(/^\d+(\.\d+)?$/, "must be a number of 0 or more written with digits, e.g. 10 or 0.5");
export const Tolerance = z.discriminatedUnion("form", [
  /** A share of the improvement planned from the baseline to this date: "10" = 10%. */
  z.object({ form: z.literal("share-of-planned-change"), percent: NonNegativeDecimal }).strict(),
  /** A fixed amount in the indicator's unit: 2 (percentage points), 1 (level). */
  z.object({ form: z.literal("amount"), value: NonNegativeDecimal }).strict(),
]);
export type Tolerance = z.infer<typeof Tolerance>;

export const defaultTolerance: Tolerance = { form: "share-of-planned-change", percent: "10" };

/** The default where the plan is to hold a level (maintain): 1% of that level. */
export const holdingTolerancePercent = "1";

function absolute(value: string): string {
  return value.startsWith("-") ? value.slice(1) : value;
}

/** The amount an actual may be short by and be amber, for this plan on this date. */
export function toleranceAt(options: {
  trajectory: PlannedTrajectory;
  planned: string;
  form: TargetFormName | null;
  tolerance?: Tolerance | undefined;
}): string {
  const { trajectory, planned, form } = options;
  const tolerance = options.tolerance ?? (form === "level" ? { form: "amount", value: "1" } : defaultTolerance);
  if (tolerance.form === "amount") {
    if (compareDecimals(tolerance.value, "0") < 0)
      throw new DomainError("INVALID_TOLERANCE", "a tolerance cannot be negative", "tolerance");
    return tolerance.value;
  }
  if (compareDecimals(tolerance.percent, "0") < 0)
    throw new DomainError("INVALID_TOLERANCE", "a tolerance cannot be negative", "tolerance");
  const start = trajectory.points[0]?.value ?? planned;
  const plannedChange = absolute(subtractDecimals(planned, start));
  // Holding a level plans no change, and 10% of nothing would make any slip red.
  if (compareDecimals(plannedChange, "0") === 0) return absolute(percentageOf(planned, holdingTolerancePercent));
  return percentageOf(plannedChange, tolerance.percent);
}

/** -1 worse, 0 the same, 1 better, null when the indicator has no better direction. */
function better(polarity: Polarity, value: string, than: string): -1 | 0 | 1 | null {
  if (polarity !== "higher-is-better" && polarity !== "lower-is-better") return null;
  const order = compareDecimals(value, than);
  return polarity === "higher-is-better" ? order : (-order as -1 | 0 | 1);
}

export const performanceStatuses = ["target-met", "green", "amber", "red", "grey"] as const;
export type PerformanceStatus = (typeof performanceStatuses)[number];
/** The status as the API answers it (the dashboard, a return, the indicator's chart). */
export const PerformanceStatus = z.enum(performanceStatuses);

export interface Assessment {
  status: PerformanceStatus;
  /** The trajectory's value on the date; null when there is none. */
  planned: string | null;
  /** How much worse than planned the actual is (0 when on or better); null without both. */
  shortfall: string | null;
  tolerance: string | null;
  /** Why the status is grey. */
  reason: NoAssessmentReason | null;
}

/**
 * Whether the final target counts as met when reached early. An improvement does; a limit does
 * not: "Maintain at 42%" or a target that allows things to get worse (NI 55's obesity 9.4% →
 * 9.6%) is kept only by staying within it to the end of the final year.
 */
function reachableEarly(trajectory: PlannedTrajectory, polarity: Polarity): boolean {
  const final = trajectory.finalTarget;
  if (!final || final.form === "maintain") return false;
  if (trajectory.baseline.state !== "known") return true;
  return better(polarity, final.value, trajectory.baseline.value) === 1;
}

/**
 * The status of an actual on a date. Green: on or better than the trajectory. Amber: worse,
 * by no more than the tolerance. Red: worse beyond it. Grey: no actual, or nothing to judge
 * it against. Target met: on or better than the final target (see {@link reachableEarly}).
 */
export function assessActual(input: {
  trajectory: PlannedTrajectory;
  polarity: Polarity;
  date: IsoDate;
  actual: string | null;
  tolerance?: Tolerance | undefined;
}): Assessment {
  const { trajectory, polarity, date, actual } = input;
  const plan = plannedValueAt(trajectory, date);
  const planned = plan.value;
  const grey = (reason: NoAssessmentReason): Assessment => ({
    status: "grey",
    planned,
    shortfall: null,
    tolerance: null,
    reason,
  });
  if (actual === null) return grey("no-data");
  if (polarity !== "higher-is-better" && polarity !== "lower-is-better") return grey("direction-unknown");

  const final = trajectory.finalTarget;
  if (final) {
    const finalReached = better(polarity, actual, final.value) !== -1;
    if (finalReached && (date >= final.date || reachableEarly(trajectory, polarity))) {
      return { status: "target-met", planned, shortfall: planned === null ? null : "0", tolerance: null, reason: null };
    }
  }
  if (plan.value === null) return grey(plan.reason);

  const tolerance = toleranceAt({ trajectory, planned: plan.value, form: plan.form, tolerance: input.tolerance });
  if (better(polarity, actual, plan.value) !== -1)
    return { status: "green", planned, shortfall: "0", tolerance, reason: null };
  const shortfall = absolute(subtractDecimals(actual, plan.value));
  const status = compareDecimals(shortfall, tolerance) <= 0 ? "amber" : "red";
  return { status, planned, shortfall, tolerance, reason: null };
}

/** The colour a status is shown in: a met target is green. */
export function ragColour(status: PerformanceStatus): "green" | "amber" | "red" | "grey" {
  return status === "target-met" ? "green" : status;
}

export interface Progress {
  /** Share of the distance from baseline to final target covered: 0.5 halfway, 1 there, below 0 gone backwards. */
  share: string;
  /** The share as a percentage to one place, for a progress bar's label: "50". */
  percent: string;
}

/** Progress from the baseline to the final target; null without a baseline or a distance to cover. */
export function progressTowardsTarget(trajectory: PlannedTrajectory, actual: string | null): Progress | null {
  const final = trajectory.finalTarget;
  if (actual === null || final === null || trajectory.baseline.state !== "known") return null;
  const distance = subtractDecimals(final.value, trajectory.baseline.value);
  // "Maintain at 42%" from 42%: there is no distance to cover, only a level to hold.
  if (compareDecimals(distance, "0") === 0) return null;
  const share = divideDecimals(subtractDecimals(actual, trajectory.baseline.value), distance);
  return { share, percent: roundDecimal(multiplyDecimals(share, "100"), 1) };
}

export type DirectionOfTravel = "improving" | "worsening" | "no-change";

/** Against the previous value; null without one, or for an indicator with no better direction. */
export function directionOfTravel(
  polarity: Polarity,
  previous: string | null,
  current: string | null,
): DirectionOfTravel | null {
  if (previous === null || current === null) return null;
  const order = better(polarity, current, previous);
  if (order === null) return null;
  return order === 1 ? "improving" : order === -1 ? "worsening" : "no-change";
}
