/**
 * What a yearly target works out at, and the words for it. Targets are stored structured
 * (target-forms.ts) with the wording kept beside them; these rules turn one into the other and
 * into the number a trajectory is drawn through.
 */
import { addDecimals, normaliseDecimal, percentageOf, subtractDecimals } from "./decimal.js";
import { DomainError } from "./errors.js";
import { financialYearStartYear, parseFinancialYear } from "./financial-year.js";
import type { TargetForm } from "./target-forms.js";
import type { FinancialYear } from "./vocabulary.js";

export interface TargetValueInput {
  target: TargetForm;
  /** The baseline of the same component; null while it is pending ("cannot be set until Place Survey"). */
  baseline: string | null;
  /** What the previous year's target worked out at; null in the first year, when the baseline is the start. */
  previousCumulative: string | null;
}

/** The number a target works out at, or null when it depends on a baseline nobody has yet. */
export function targetValue({ target, baseline, previousCumulative }: TargetValueInput): string | null {
  switch (target.form) {
    case "absolute":
      return normaliseDecimal(target.value);
    case "level":
      return normaliseDecimal(target.level);
    case "maintain":
      return normaliseDecimal(target.value);
    case "relative": {
      if (baseline === null) return null;
      const change = target.changeUnit === "percent" ? percentageOf(baseline, target.change) : target.change;
      return target.direction === "increase" ? addDecimals(baseline, change) : subtractDecimals(baseline, change);
    }
    case "cumulative": {
      const runningTotal = previousCumulative ?? baseline;
      return runningTotal === null ? null : addDecimals(runningTotal, target.increment);
    }
  }
}

export interface YearTarget {
  year: FinancialYear;
  target: TargetForm;
}

export interface TrajectoryPoint extends YearTarget {
  value: string | null;
}

/**
 * Each year's target value for one component, in year order. A cumulative target adds to the
 * year before (NI 155: 0, +1356, +1503 = 2859, +1425 = 4284), so once a year cannot be worked out
 * no later cumulative year can be either.
 */
export function trajectory(baseline: string | null, targets: readonly YearTarget[]): TrajectoryPoint[] {
  const byYear = new Map<number, YearTarget>();
  for (const { year, target } of targets) {
    const startYear = financialYearStartYear(year);
    if (byYear.has(startYear)) {
      throw new DomainError("DUPLICATE_TARGET_YEAR", `there are two targets for ${parseFinancialYear(year)}`, "year");
    }
    byYear.set(startYear, { year: parseFinancialYear(year), target });
  }
  const inOrder = [...byYear.entries()].sort(([a], [b]) => a - b).map(([, yearTarget]) => yearTarget);

  let runningTotal = baseline;
  return inOrder.map(({ year, target }) => {
    const value =
      target.form === "cumulative" && runningTotal === null
        ? null
        : targetValue({ target, baseline, previousCumulative: runningTotal });
    runningTotal = value;
    return { year, target, value };
  });
}

/** The wording a person would write in the target column: "50% reduction", "+1356", "Level 3". */
export function describeTarget(target: TargetForm): string {
  switch (target.form) {
    case "absolute":
      return normaliseDecimal(target.value);
    case "relative": {
      const change = normaliseDecimal(target.change);
      return target.changeUnit === "percent"
        ? `${change}% ${target.direction}`
        : `${change} percentage point ${target.direction}`;
    }
    case "cumulative": {
      const increment = normaliseDecimal(target.increment);
      return increment.startsWith("-") ? increment : `+${increment}`;
    }
    case "level":
      return `Level ${normaliseDecimal(target.level)}`;
    case "maintain":
      return `Maintain at ${normaliseDecimal(target.value)}`;
  }
}

export interface TargetWording {
  target: TargetForm;
  /** The figure printed beside a change ("2859" in "+1503 = 2859"); null when none was. */
  writtenValue: string | null;
}

const number = String.raw`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;
const unit = String.raw`(%|kg|tons?|tonnes?)`;
const direction = String.raw`(increase|reduction|decrease)`;

function decimal(written: string | undefined): string {
  return normaliseDecimal((written ?? "").replaceAll(",", ""));
}

function towards(word: string | undefined): "increase" | "reduction" {
  return word?.toLowerCase() === "increase" ? "increase" : "reduction";
}

interface WordingReader {
  pattern: RegExp;
  read: (parts: (string | undefined)[]) => TargetWording;
}

/** Each way the seeds write a target, tried in turn. */
const readers: WordingReader[] = [
  {
    // NI 188: "Level 3"
    pattern: new RegExp(String.raw`^level\s+${number}$`, "i"),
    read: ([level]) => ({ target: { form: "level", level: decimal(level) }, writtenValue: null }),
  },
  {
    // NI 159: "Maintain at 42%"
    pattern: new RegExp(String.raw`^maintain(?:\s+at)?\s+${number}\s*${unit}?$`, "i"),
    read: ([value]) => ({ target: { form: "maintain", value: decimal(value) }, writtenValue: null }),
  },
  {
    // NI 3, NI 47: "2% increase", "50% reduction"
    pattern: new RegExp(String.raw`^${number}\s*%\s+${direction}$`, "i"),
    read: ([change, word]) => ({
      target: { form: "relative", direction: towards(word), change: decimal(change), changeUnit: "percent" },
      writtenValue: null,
    }),
  },
  {
    // "5 percentage point reduction", as describeTarget writes NI 198's change
    pattern: new RegExp(String.raw`^${number}\s+(?:percentage\s+)?points?\s+${direction}$`, "i"),
    read: ([change, word]) => ({
      target: { form: "relative", direction: towards(word), change: decimal(change), changeUnit: "points" },
      writtenValue: null,
    }),
  },
  {
    // NI 47: "592 (50% reduction)"
    pattern: new RegExp(String.raw`^${number}\s*${unit}?\s*\(\s*${number}\s*%\s+${direction}\s*\)$`, "i"),
    read: ([value, , change, word]) => ({
      target: { form: "relative", direction: towards(word), change: decimal(change), changeUnit: "percent" },
      writtenValue: decimal(value),
    }),
  },
  {
    // A change beside a percentage is in points (NI 198: "39% (-5%)" from 44% car); beside a
    // count it is per cent of the baseline (NI 197: "265 (+15%)" from 231 sites).
    pattern: new RegExp(String.raw`^${number}\s*${unit}?\s*\(\s*([+-])\s*${number}\s*%\s*\)$`, "i"),
    read: ([value, valueUnit, sign, change]) => ({
      target: {
        form: "relative",
        direction: sign === "+" ? "increase" : "reduction",
        change: decimal(change),
        changeUnit: valueUnit === "%" ? "points" : "percent",
      },
      writtenValue: decimal(value),
    }),
  },
  {
    // NI 155: "+1356", "+1503 = 2859". A signed figure is always a change in the seeds.
    pattern: new RegExp(String.raw`^([+-])\s*${number}(?:\s*=\s*${number})?$`),
    read: ([sign, increment, total]) => ({
      target: { form: "cumulative", increment: decimal(`${sign === "-" ? "-" : ""}${increment ?? ""}`) },
      writtenValue: total === undefined ? null : decimal(total),
    }),
  },
  {
    // NI 154: "5744"; NI 55: "9.6%"; NI 191: "762 kg"
    pattern: new RegExp(String.raw`^${number}\s*${unit}?$`, "i"),
    read: ([value]) => ({ target: { form: "absolute", value: decimal(value) }, writtenValue: null }),
  },
];

const examples = `a number ("592"), a change ("50% reduction", "+1356"), a level ("Level 3") or "Maintain at 42%"`;

/**
 * Reads a target as an officer types it. Returns the error rather than throwing it, because
 * half-typed text is the normal state of the form this feeds.
 */
export function parseTargetWording(text: string): TargetWording | DomainError {
  const wording = text.trim().replace(/\s+/g, " ").replace(/[\u2212\u2013]/g, "-");
  if (wording === "") return new DomainError("UNREADABLE_TARGET", `Write a target: ${examples}.`, "target");
  for (const { pattern, read } of readers) {
    const match = pattern.exec(wording);
    if (match) return read(match.slice(1));
  }
  return new DomainError("UNREADABLE_TARGET", `Cannot read "${wording}" as a target. Write ${examples}.`, "target");
}
