/**
 * Illustrative monitoring figures for the Kent Agreement 2 demo (issue 9 point 9). The seeds hold
 * no outturns, so a demo with nothing to monitor would show empty dashboards; these figures are
 * made up, by arithmetic seeded from each indicator's code, component, period and district, and
 * say so: every value's source is the marker text, which pages, the report and exports show.
 * Nothing here is transcribed from the seeds; real figures imported later replace them.
 *
 * What the demo then holds: rounds 2008/09 H1 and H2 published with every return accepted, and
 * 2009/10 H1 open with returns submitted, in draft, returned and missing (NI 47's is a draft, for
 * a user to submit); for every indicator with a numeric baseline, the county's value and all 12
 * districts', rates with their numerators and denominators so the county is exactly its
 * districts' aggregate; each indicator's text update. Aimed at a story the domain's own
 * assessActual then tells: NI 47 red in 2008/09 H1, a mix of green, amber, red and grey.
 *
 * Deterministic: the same agreement gives the same figures on every load (no Math.random), and
 * everything is written with a handful of set-based inserts, so the demo load stays fast.
 */
import { eq, inArray } from "drizzle-orm";
import {
  addDecimals,
  assessActual,
  baselineDateFor,
  compareDecimals,
  componentLabel,
  divideDecimals,
  multiplyDecimals,
  normaliseDecimal,
  parseReportingPeriod,
  plannedTrajectory,
  plannedValueAt,
  quantityText,
  roundDecimal,
  subtractDecimals,
  toleranceAt,
  illustrativeFiguresNotice,
} from "@accord/domain";
import type {
  Assessment,
  PerformanceStatus,
  PlannedTrajectory,
  Polarity,
  ReportingPeriod,
  TargetForm,
} from "@accord/domain";
import * as t from "../../db/schema/index.js";
import { recordAudit } from "../audit/record.js";
import type { Tx } from "../audit/record.js";
import { aggregationFor } from "../observations/service.js";

/** The source of every generated value, exactly as the contract gives it. */
export const illustrativeFiguresMarker = illustrativeFiguresNotice;

/** Who recorded the figures: nobody did, and the name says so. */
const recordedByName = "Illustrative demo figures";

/** The agreement the demo generates figures for. */
export const illustrativeFiguresAgreement = "kent-ka2";

type Aim = "green" | "amber" | "red";
type RoundStatus = "open" | "closed" | "published";
type ReturnState = "draft" | "submitted" | "accepted" | "returned" | "missing";

const rounds: readonly { label: string; status: RoundStatus }[] = [
  { label: "2008/09 H1", status: "published" },
  { label: "2008/09 H2", status: "published" },
  { label: "2009/10 H1", status: "open" },
];

/**
 * The story, round by round, for the indicators whose direction and targets let them be judged;
 * "NI 198 secondary" names one component. Others without an entry get an aim from the seed.
 */
const stories: Record<string, readonly Aim[]> = {
  "NI 47": ["red", "amber", "amber"],
  "NI 155": ["green", "amber", "red"],
  "NI 159": ["amber", "green", "red"],
  "NI 186": ["green", "red", "amber"],
  "NI 188": ["green", "green", "amber"],
  "NI 197": ["green", "amber", "red"],
  "NI 198 primary": ["green", "green", "green"],
  "NI 198 secondary": ["red", "amber", "red"],
};

/** Where each return stands in the open round; an indicator not named here has none (missing). */
const openRoundReturns: Record<string, Exclude<ReturnState, "missing">> = {
  "NI 47": "draft",
  "NI 55": "draft",
  "NI 8": "draft",
  "NI 197": "draft",
  "NI 163": "accepted",
  "NI 188": "submitted",
  "NI 155": "submitted",
  "NI 120": "submitted",
  "NI 51": "submitted",
  "NI 198": "submitted",
  "NI 159": "returned",
  "NI 195": "returned",
};

/** How big a district is for a rate's denominator (people, households, sites surveyed, pupils). */
const denominatorSizes: Record<string, string> = { "NI 195": "300", "NI 198": "9000", "NI 159": "4000" };
const defaultDenominatorSize = "60000";

// ——— seeded arithmetic ———

/** FNV-1a: the same text always gives the same 32-bit number. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  // A final mix, so keys differing in their last character do not give neighbouring numbers.
  value ^= value >>> 16;
  value = Math.imul(value, 0x45d9f3b) >>> 0;
  return (value ^ (value >>> 16)) >>> 0;
}

/** A whole number from low to high inclusive, seeded by the key. */
function seeded(key: string, low: number, high: number): number {
  return low + (hash(key) % (high - low + 1));
}

/** A seeded fraction low/1000 … high/1000 as decimal text. */
function seededShare(key: string, low: number, high: number): string {
  return divideDecimals(String(seeded(key, low, high)), "1000");
}

function pick<T>(key: string, list: readonly T[]): T {
  const item = list[hash(key) % list.length];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

function placesOf(value: string): number {
  const point = value.indexOf(".");
  return point === -1 ? 0 : value.length - point - 1;
}

function atLeastZero(value: string): string {
  return compareDecimals(value, "0") < 0 ? "0" : value;
}

// ——— the input: what the agreement holds ———

export interface FiguresIndicator {
  agreementIndicatorId: number;
  code: string;
  unit: string | null;
  polarity: Polarity;
  baselines: { component: string; value: string }[];
  targets: { year: string; component: string; target: TargetForm }[];
  pendingBaseline: string | null;
}

export interface FiguresArea {
  id: number;
  code: string;
  name: string;
}

export interface FiguresInput {
  firstYear: string;
  /** Active indicators in the agreement's order. */
  indicators: FiguresIndicator[];
  county: FiguresArea;
  districts: FiguresArea[];
}

// ——— the output: rows to insert ———

export interface FiguresRound {
  period: ReportingPeriod;
  status: RoundStatus;
  dueDate: string;
  openedAt: string;
  closedAt: string | null;
  publishedAt: string | null;
}

export interface FiguresObservation {
  agreementIndicatorId: number;
  period: string;
  areaId: number;
  component: string;
  value: string;
  numerator: string | null;
  denominator: string | null;
  status: "provisional" | "final";
  recordedAt: string;
}

export interface FiguresReturn {
  period: string;
  agreementIndicatorId: number;
  status: Exclude<ReturnState, "missing">;
  progress: string;
  issuesAndRisks: string;
  nextActions: string;
  selfAssessedStatus: PerformanceStatus | null;
  managerComment: string | null;
  updatedAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
}

export interface IllustrativeFigures {
  rounds: FiguresRound[];
  observations: FiguresObservation[];
  returns: FiguresReturn[];
}

// ——— dates ———

function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

function at(date: string, time: string): string {
  return `${date}T${time}:00.000Z`;
}

/** As the rounds service defaults it: returns due six weeks after the period ends. */
function dueDateFor(period: ReportingPeriod): string {
  return addDays(period.end, 42);
}

// ——— one component's figures in one period ———

interface AreaFigure {
  value: string;
  numerator: string | null;
  denominator: string | null;
}

interface PeriodFigures {
  county: AreaFigure;
  districts: AreaFigure[];
}

/** The county's figure split over districts that add up to it: a count shares its total out. */
function shareCount(key: string, total: string, districts: FiguresArea[]): PeriodFigures {
  const weights = districts.map((district) => String(seeded(`${key}|weight|${district.code}`, 60, 140)));
  const sum = weights.reduce((all, weight) => addDecimals(all, weight), "0");
  const values = weights.map((weight) => roundDecimal(divideDecimals(multiplyDecimals(total, weight), sum), 0));
  const given = values.reduce((all, value) => addDecimals(all, value), "0");
  // Rounding leaves a few over or under: the largest district takes them, so the total holds.
  const largest = weights.reduce((best, weight, index) => (compareDecimals(weight, weights[best] ?? "0") > 0 ? index : best), 0);
  values[largest] = atLeastZero(addDecimals(values[largest] ?? "0", subtractDecimals(total, given)));
  const county = values.reduce((all, value) => addDecimals(all, value), "0");
  return {
    county: { value: county, numerator: null, denominator: null },
    districts: values.map((value) => ({ value, numerator: null, denominator: null })),
  };
}

/**
 * A rate for each district with its numerator and denominator, around the county's aim; the
 * county's own figure is then worked out from them exactly as listObservations does, so the
 * county shown is its districts' aggregate, never an average of percentages.
 */
function shareRate(key: string, aim: string, per: string, places: number, size: string, districts: FiguresArea[], percent: boolean): PeriodFigures {
  const denominators = districts.map((district) =>
    roundDecimal(multiplyDecimals(size, seededShare(`${key}|size|${district.code}`, 650, 1350)), 0),
  );
  const numerators = denominators.map((denominator, index) => {
    const district = districts[index];
    const deviation = seededShare(`${key}|rate|${district?.code ?? index}`, 850, 1150);
    return roundDecimal(divideDecimals(multiplyDecimals(multiplyDecimals(aim, deviation), denominator), per), 0);
  });
  const totalDenominator = denominators.reduce((all, value) => addDecimals(all, value), "0");
  const wanted = roundDecimal(divideDecimals(multiplyDecimals(aim, totalDenominator), per), 0);
  const given = numerators.reduce((all, value) => addDecimals(all, value), "0");
  const largest = denominators.reduce(
    (best, value, index) => (compareDecimals(value, denominators[best] ?? "0") > 0 ? index : best),
    0,
  );
  let adjusted = atLeastZero(addDecimals(numerators[largest] ?? "0", subtractDecimals(wanted, given)));
  const cap = denominators[largest] ?? "0";
  if (percent && compareDecimals(adjusted, cap) > 0) adjusted = cap;
  numerators[largest] = adjusted;

  const rate = (numerator: string, denominator: string, at: number): string =>
    roundDecimal(multiplyDecimals(divideDecimals(numerator, denominator), per), at);
  const districtFigures = numerators.map((numerator, index) => {
    const denominator = denominators[index] ?? "1";
    return { value: normaliseDecimal(rate(numerator, denominator, places)), numerator, denominator };
  });
  const numerator = numerators.reduce((all, value) => addDecimals(all, value), "0");
  // As precise as the districts' values are written, as listObservations works it out.
  const precision = Math.max(...districtFigures.map((figure) => placesOf(figure.value)));
  return {
    county: { value: normaliseDecimal(rate(numerator, totalDenominator, precision)), numerator, denominator: totalDenominator },
    districts: districtFigures,
  };
}

/** Districts beside a county figure that does not add up from them (a level, or a rate with no unit). */
function spreadAround(key: string, value: string, places: number, districts: FiguresArea[], level: boolean): PeriodFigures {
  return {
    county: { value, numerator: null, denominator: null },
    districts: districts.map((district) => {
      if (level) {
        const step = seeded(`${key}|level|${district.code}`, -1, 1);
        const moved = addDecimals(value, String(step));
        return { value: compareDecimals(moved, "0") < 0 ? "0" : moved, numerator: null, denominator: null };
      }
      const deviation = seededShare(`${key}|spread|${district.code}`, 880, 1120);
      return { value: normaliseDecimal(roundDecimal(multiplyDecimals(value, deviation), places)), numerator: null, denominator: null };
    }),
  };
}

// ——— aiming at a status ———

/** -1 when less is better, 1 when more is, null when the indicator has no better direction. */
function betterSign(polarity: Polarity): 1 | -1 | null {
  if (polarity === "higher-is-better") return 1;
  if (polarity === "lower-is-better") return -1;
  return null;
}

/** The value that reads as the aim on the trajectory at the period's end, or null when it cannot be judged. */
function aimedValue(options: {
  key: string;
  trajectory: PlannedTrajectory;
  polarity: Polarity;
  date: string;
  aim: Aim;
  places: number;
  level: boolean;
}): string | null {
  const { key, trajectory, polarity, date, aim, places, level } = options;
  const sign = betterSign(polarity);
  const plan = plannedValueAt(trajectory, date);
  if (sign === null || plan.value === null) return null;
  if (level) {
    const steps = aim === "green" ? 0 : aim === "amber" ? -1 : -2;
    return atLeastZero(addDecimals(plan.value, String(steps * sign)));
  }
  const tolerance = toleranceAt({ trajectory, planned: plan.value, form: plan.form });
  const share =
    aim === "green"
      ? seededShare(`${key}|green`, 200, 700)
      : aim === "amber"
        ? seededShare(`${key}|amber`, 350, 650)
        : seededShare(`${key}|red`, 2500, 3500);
  const offset = multiplyDecimals(tolerance, share);
  const moved = aim === "green" ? addDecimals(plan.value, multiplyDecimals(offset, String(sign))) : subtractDecimals(plan.value, multiplyDecimals(offset, String(sign)));
  return atLeastZero(roundDecimal(moved, places));
}

/** A value for an indicator that cannot be judged: the baseline drifting a little each period. */
function driftedValue(key: string, baseline: string, roundIndex: number, places: number): string {
  if (compareDecimals(baseline, "0") === 0) return String(seeded(`${key}|from-zero`, 2, 6) * (roundIndex + 1));
  const drift = divideDecimals(String(seeded(`${key}|drift`, -25, 25) * (roundIndex + 1)), "1000");
  return atLeastZero(roundDecimal(multiplyDecimals(baseline, addDecimals("1", drift)), places));
}

// ——— the generator ———

interface ComponentPeriod {
  component: string;
  figures: PeriodFigures;
  /** What the county's figure is judged as: the running total for a cumulative indicator. */
  actual: string;
  assessment: Assessment;
}

function cumulativeFor(indicator: FiguresIndicator, component: string): boolean {
  return indicator.targets.some((target) => target.component === component && target.target.form === "cumulative");
}

/** Every round, value and return the demo holds for the agreement's indicators. */
export function illustrativeFigures(input: FiguresInput): IllustrativeFigures {
  const periods = rounds.map((round) => ({ ...round, period: parseReportingPeriod(round.label) }));
  const output: IllustrativeFigures = { rounds: [], observations: [], returns: [] };
  for (const { period, status } of periods) {
    const dueDate = dueDateFor(period);
    output.rounds.push({
      period,
      status,
      dueDate,
      openedAt: at(addDays(period.end, 1), "09:00"),
      closedAt: status === "open" ? null : at(addDays(dueDate, 14), "16:00"),
      publishedAt: status === "published" ? at(addDays(dueDate, 21), "10:00") : null,
    });
  }

  for (const indicator of input.indicators) {
    const openState = openRoundReturns[indicator.code] ?? "missing";
    const running = new Map<string, string>();
    periods.forEach(({ period, status: roundStatus }, roundIndex) => {
      const open = roundStatus === "open";
      const state: ReturnState = open ? openState : "accepted";
      const dueDate = dueDateFor(period);
      const times = {
        updatedAt: at(addDays(dueDate, -6), "15:00"),
        submittedAt: at(addDays(dueDate, -2), "11:00"),
        decidedAt: at(addDays(dueDate, 5), "14:00"),
      };
      const components: ComponentPeriod[] = [];
      // A missing return has sent no values either.
      if (state !== "missing") {
        for (const baseline of indicator.baselines) {
          components.push(componentFigures(input, indicator, baseline, period, roundIndex, running));
        }
      }
      for (const { component, figures } of components) {
        const recordedAt = state === "draft" ? times.updatedAt : times.submittedAt;
        const row = (areaId: number, figure: AreaFigure): FiguresObservation => ({
          agreementIndicatorId: indicator.agreementIndicatorId,
          period: period.label,
          areaId,
          component,
          ...figure,
          status: open ? "provisional" : "final",
          recordedAt,
        });
        output.observations.push(row(input.county.id, figures.county));
        figures.districts.forEach((figure, index) => {
          const district = input.districts[index];
          if (district) output.observations.push(row(district.id, figure));
        });
      }
      if (state === "missing") return;
      output.returns.push(textUpdate(indicator, period, state, roundIndex, components, times));
    });
  }
  return output;
}

function componentFigures(
  input: FiguresInput,
  indicator: FiguresIndicator,
  baseline: { component: string; value: string },
  period: ReportingPeriod,
  roundIndex: number,
  running: Map<string, string>,
): ComponentPeriod {
  const { component } = baseline;
  const key = `${indicator.code}|${component}|${period.label}`;
  const aggregation = aggregationFor(indicator.unit);
  const level = aggregation.kind === "level";
  const cumulative = cumulativeFor(indicator, component);
  const places = aggregation.kind === "ratio" && !cumulative ? Math.max(1, placesOf(normaliseDecimal(baseline.value))) : 0;
  // A rate per capita moves in hundredths (7.5 tonnes of CO2): one place would hide the plan.
  const ratePlaces = aggregation.kind === "ratio" && aggregation.per === "1" && placesOf(baseline.value) > 0 ? 2 : places;
  const trajectory = plannedTrajectory({
    baseline: { state: "known", value: baseline.value },
    baselineAsAt: baselineDateFor(input.firstYear),
    targets: indicator.targets.filter((target) => target.component === component),
  });
  const story = stories[`${indicator.code} ${component}`] ?? stories[indicator.code];
  const aim: Aim = story?.[roundIndex] ?? pick<Aim>(`${key}|aim`, ["green", "green", "amber", "red"]);
  const before = running.get(component) ?? normaliseDecimal(baseline.value);

  const attempt = (seed: string): ComponentPeriod & { judged: boolean } => {
    const judged = aimedValue({ key: seed, trajectory, polarity: indicator.polarity, date: period.end, aim, places: ratePlaces, level });
    const countyAim = judged ?? driftedValue(key, baseline.value, roundIndex, ratePlaces);
    let figures: PeriodFigures;
    if (cumulative) {
      // NI 155 takes each period's count; the aim is for the running total.
      figures = shareCount(seed, atLeastZero(subtractDecimals(countyAim, before)), input.districts);
    } else if (aggregation.kind === "count") {
      figures = shareCount(seed, countyAim, input.districts);
    } else if (level || indicator.unit === null) {
      // A level is the county's as a whole; a figure with no unit is not known to be a rate of anything.
      figures = spreadAround(seed, countyAim, ratePlaces, input.districts, level);
    } else {
      const size = denominatorSizes[indicator.code] ?? defaultDenominatorSize;
      figures = shareRate(seed, countyAim, aggregation.per, ratePlaces, size, input.districts, aggregation.per === "100");
    }
    const actual = cumulative ? addDecimals(before, figures.county.value) : figures.county.value;
    const assessment = assessActual({ trajectory, polarity: indicator.polarity, date: period.end, actual });
    return { component, figures, actual, assessment, judged: judged !== null };
  };
  // Rounding to whole homes or one place of a percentage can tip a figure aimed at amber over an
  // edge; another seed for the same period is tried, so the story holds and stays the same each load.
  let chosen = attempt(key);
  for (let retry = 1; retry <= 8 && chosen.judged && chosen.assessment.status !== aim; retry += 1) {
    chosen = attempt(`${key}|retry ${retry}`);
  }
  if (cumulative) running.set(component, chosen.actual);
  const { judged: _judged, ...figured } = chosen;
  return figured;
}

const severity: Record<PerformanceStatus, number> = { grey: 0, "target-met": 1, green: 2, amber: 3, red: 4 };

const issuesByStatus: Record<PerformanceStatus, string> = {
  red: "Behind the trajectory by more than the tolerance; the gap is widest in a few districts and partners are looking at why.",
  amber: "Slightly behind the trajectory, within the tolerance; the trend needs watching.",
  green: "On or ahead of the trajectory; no significant risks this period.",
  "target-met": "The final target is reached; the risk is in keeping it there.",
  grey: "No status can be given yet: there is no numeric target, or no agreed better direction, to judge the figure against.",
};

const actionsByStatus: Record<PerformanceStatus, string> = {
  red: "Agree a recovery plan with the lead partner and report on it in the next return.",
  amber: "Review the districts furthest from the county figure with their Local Strategic Partnerships.",
  green: "Keep the current actions going and check the next period's data.",
  "target-met": "Keep the current actions going to hold the target to the end of the agreement.",
  grey: "Confirm the target and how the figure is judged, so progress can be shown.",
};

/** The return's text update, in a manager's plain words, saying it is illustrative. */
function textUpdate(
  indicator: FiguresIndicator,
  period: ReportingPeriod,
  state: Exclude<ReturnState, "missing">,
  roundIndex: number,
  components: ComponentPeriod[],
  times: { updatedAt: string; submittedAt: string; decidedAt: string },
): FiguresReturn {
  const q = (value: string): string => quantityText(value, indicator.unit);
  let progress: string;
  let worst: PerformanceStatus | null = null;
  if (components.length === 0) {
    const why = indicator.pendingBaseline === null ? "no baseline is recorded for it" : "its baseline is still to be set";
    progress = `${illustrativeFiguresMarker}. No figures for ${period.label}: ${why}.`;
  } else {
    const parts = components.map(({ component, actual, assessment }) => {
      const name = component === "all" ? "" : `${componentLabel(component)} `;
      const plan = assessment.planned === null ? "" : ` against ${q(normaliseDecimal(assessment.planned))} planned`;
      return `${name}${q(actual)}${plan}`;
    });
    progress = `${illustrativeFiguresMarker}. ${indicator.code} for ${period.label}: ${parts.join("; ")}.`;
    worst = components
      .map(({ assessment }) => assessment.status)
      .reduce((a, b) => (severity[b] > severity[a] ? b : a));
  }
  const status = worst ?? "grey";
  const issuesAndRisks = components.length === 0 ? "Figures cannot be reported until the baseline is set." : issuesByStatus[status];
  const nextActions = components.length === 0 ? "Set the baseline once the data is available." : actionsByStatus[status];
  // NI 47's officer read the first half-year more kindly than the trajectory did.
  const selfAssessed: PerformanceStatus | null =
    worst === null || worst === "grey" ? null : indicator.code === "NI 47" && roundIndex === 0 ? "amber" : worst;
  const submitted = state !== "draft";
  const decided = state === "accepted" || state === "returned";
  return {
    period: period.label,
    agreementIndicatorId: indicator.agreementIndicatorId,
    status: state,
    progress,
    issuesAndRisks,
    nextActions,
    selfAssessedStatus: selfAssessed,
    managerComment:
      state === "returned" ? "Please check the district figures against the county total and send the return again." : null,
    updatedAt: submitted ? times.submittedAt : times.updatedAt,
    submittedAt: submitted ? times.submittedAt : null,
    decidedAt: decided ? times.decidedAt : null,
  };
}

// ——— reading the agreement and writing the figures ———

async function figuresInput(tx: Tx, agreementId: number): Promise<FiguresInput> {
  const [agreement] = await tx
    .select({ firstYear: t.agreements.firstYear, areaId: t.agreements.areaId })
    .from(t.agreements)
    .where(eq(t.agreements.id, agreementId));
  if (!agreement) throw new Error("agreement vanished");
  const [county] = await tx
    .select({ id: t.areas.id, code: t.areas.code, name: t.areas.name })
    .from(t.areas)
    .where(eq(t.areas.id, agreement.areaId));
  if (!county) throw new Error("agreement area vanished");
  const districts = (
    await tx
      .select({ id: t.areas.id, code: t.areas.code, name: t.areas.name, kind: t.areas.kind, parentId: t.areas.parentId })
      .from(t.areas)
      .where(eq(t.areas.parentId, county.id))
  )
    .filter((area) => area.kind === "district")
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ id, code, name }) => ({ id, code, name }));

  const indicators = await tx
    .select({
      id: t.agreementIndicators.id,
      state: t.agreementIndicators.state,
      position: t.agreementIndicators.position,
      code: t.indicatorDefinitions.code,
      unit: t.indicatorDefinitions.unit,
      polarity: t.indicatorDefinitions.polarity,
    })
    .from(t.agreementIndicators)
    .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
    .where(eq(t.agreementIndicators.agreementId, agreementId));
  const active = indicators.filter((row) => row.state === "active").sort((a, b) => a.position - b.position);
  const ids = active.map((row) => row.id);
  // One after another: a transaction is one connection, and node-postgres deprecates overlapping queries on it.
  const baselines =
    ids.length === 0
      ? []
      : await tx
            .select({ id: t.baselines.agreementIndicatorId, component: t.baselines.component, value: t.baselines.value })
            .from(t.baselines)
            .where(inArray(t.baselines.agreementIndicatorId, ids));
  const targets =
    ids.length === 0
      ? []
      : await tx
            .select({
              id: t.targets.agreementIndicatorId,
              year: t.targets.financialYear,
              component: t.targets.component,
              target: t.targets.target,
            })
            .from(t.targets)
            .where(inArray(t.targets.agreementIndicatorId, ids));
  const pending =
    ids.length === 0
      ? []
      : await tx
            .select({ id: t.pendingBaselines.agreementIndicatorId, reason: t.pendingBaselines.reason })
            .from(t.pendingBaselines)
            .where(inArray(t.pendingBaselines.agreementIndicatorId, ids));
  const byComponent = (a: { component: string }, b: { component: string }): number =>
    a.component < b.component ? -1 : a.component > b.component ? 1 : 0;
  return {
    firstYear: agreement.firstYear,
    county,
    districts,
    indicators: active.map((row) => ({
      agreementIndicatorId: row.id,
      code: row.code,
      unit: row.unit,
      polarity: row.polarity,
      baselines: baselines
        .filter((baseline) => baseline.id === row.id)
        .map(({ component, value }) => ({ component, value: normaliseDecimal(value) }))
        .sort(byComponent),
      targets: targets
        .filter((target) => target.id === row.id)
        .map(({ year, component, target }) => ({ year, component, target }))
        .sort((a, b) => byComponent(a, b) || (a.year < b.year ? -1 : a.year > b.year ? 1 : 0)),
      pendingBaseline: pending.find((one) => one.id === row.id)?.reason ?? null,
    })),
  };
}

export interface IllustrativeFiguresReport {
  rounds: number;
  observations: number;
  returns: number;
}

/** Rows per INSERT: well inside PostgreSQL's 65,535 parameters with a dozen columns each. */
const batchSize = 1000;

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) await insert(rows.slice(start, start + batchSize));
}

/**
 * Writes the figures for a freshly loaded agreement, in the load's transaction. One audit entry
 * records that illustrative figures were loaded, with what and how many, rather than one per
 * value: nobody entered them, and a thousand entries would bury the history of real changes.
 */
export async function loadIllustrativeFigures(tx: Tx, agreementId: number): Promise<IllustrativeFiguresReport> {
  const figures = illustrativeFigures(await figuresInput(tx, agreementId));
  await tx
    .insert(t.reportingPeriods)
    .values(figures.rounds.map(({ period }) => ({ label: period.label, kind: period.kind, startDate: period.start, endDate: period.end })))
    .onConflictDoNothing({ target: t.reportingPeriods.label });
  const periodRows = await tx
    .select({ id: t.reportingPeriods.id, label: t.reportingPeriods.label })
    .from(t.reportingPeriods)
    .where(inArray(t.reportingPeriods.label, figures.rounds.map(({ period }) => period.label)));
  const periodIds = new Map(periodRows.map((row) => [row.label, row.id]));
  const periodId = (label: string): number => {
    const id = periodIds.get(label);
    if (id === undefined) throw new Error(`reporting period ${label} was not saved`);
    return id;
  };

  const roundRows = await tx
    .insert(t.monitoringRounds)
    .values(
      figures.rounds.map((round) => ({
        agreementId,
        periodId: periodId(round.period.label),
        dueDate: round.dueDate,
        status: round.status,
        openedByName: recordedByName,
        openedAt: round.openedAt,
        closedAt: round.closedAt,
        publishedAt: round.publishedAt,
      })),
    )
    .returning({ id: t.monitoringRounds.id, periodId: t.monitoringRounds.periodId });
  const roundIds = new Map(roundRows.map((row) => [row.periodId, row.id]));
  const roundId = (label: string): number => {
    const id = roundIds.get(periodId(label));
    if (id === undefined) throw new Error(`monitoring round ${label} was not saved`);
    return id;
  };

  await insertInBatches(figures.observations, (batch) =>
    tx.insert(t.observations).values(
      batch.map((observation) => ({
        agreementIndicatorId: observation.agreementIndicatorId,
        periodId: periodId(observation.period),
        areaId: observation.areaId,
        component: observation.component,
        value: observation.value,
        numerator: observation.numerator,
        denominator: observation.denominator,
        status: observation.status,
        source: illustrativeFiguresMarker,
        recordedBy: null,
        recordedByName,
        recordedAt: observation.recordedAt,
      })),
    ),
  );
  await insertInBatches(figures.returns, (batch) =>
    tx.insert(t.indicatorReturns).values(
      batch.map((update) => ({
        roundId: roundId(update.period),
        agreementIndicatorId: update.agreementIndicatorId,
        status: update.status,
        progress: update.progress,
        issuesAndRisks: update.issuesAndRisks,
        nextActions: update.nextActions,
        selfAssessedStatus: update.selfAssessedStatus,
        managerComment: update.managerComment,
        updatedByName: recordedByName,
        updatedAt: update.updatedAt,
        submittedByName: update.submittedAt === null ? null : recordedByName,
        submittedAt: update.submittedAt,
        decidedByName: update.decidedAt === null ? null : recordedByName,
        decidedAt: update.decidedAt,
      })),
    ),
  );
  const report = { rounds: figures.rounds.length, observations: figures.observations.length, returns: figures.returns.length };
  await recordAudit(tx, {
    actor: null,
    action: "demo.illustrative-figures",
    entityType: "agreement",
    entityId: agreementId,
    agreementId,
    before: null,
    after: {
      source: illustrativeFiguresMarker,
      rounds: figures.rounds.map((round) => ({ period: round.period.label, status: round.status })),
      observations: report.observations,
      returns: report.returns,
    },
  });
  return report;
}
