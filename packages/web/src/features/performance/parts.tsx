/**
 * The pieces every monitoring page shows the same way: a status in words and colour (never
 * colour alone), progress as a labelled meter, the direction of travel in words, a sparkline that
 * is decoration only (its figures are in the row), and the illustrative-figures notice.
 */
import { type Direction, illustrativeFiguresNotice, type NoAssessmentReason, type PerformanceStatus, quantityText, type ReturnStatus, roundDecimal, type SparkPoint } from "@accord/domain";
import { Flag, type FlagTone } from "../../components/Flag";
import "./performance.css";

export const performanceStatusWords: Record<PerformanceStatus, string> = {
  "target-met": "Target met",
  green: "Green: on track",
  amber: "Amber: slightly behind",
  red: "Red: off track",
  grey: "Grey: not assessed",
};

/** Short names for the count of each status and the status filter. */
export const performanceStatusNames: Record<PerformanceStatus, string> = {
  "target-met": "Target met",
  green: "Green",
  amber: "Amber",
  red: "Red",
  grey: "Not assessed",
};

const statusTones: Record<PerformanceStatus, FlagTone> = { "target-met": "blue", green: "green", amber: "amber", red: "red", grey: "grey" };

export function PerformanceFlag({ status, title }: { status: PerformanceStatus; title?: string | undefined }) {
  return (
    <Flag tone={statusTones[status]} {...(title ? { title } : {})}>
      {performanceStatusWords[status]}
    </Flag>
  );
}

export const returnStatusWords: Record<ReturnStatus, string> = {
  missing: "Not started",
  draft: "Draft",
  submitted: "Submitted",
  accepted: "Accepted",
  returned: "Returned for changes",
};

const returnTones: Record<ReturnStatus, FlagTone> = { missing: "grey", draft: "amber", submitted: "blue", accepted: "green", returned: "red" };

export function ReturnFlag({ status, late = false }: { status: ReturnStatus; late?: boolean }) {
  return (
    <span className="flags">
      <Flag tone={returnTones[status]}>{returnStatusWords[status]}</Flag>
      {late ? <Flag tone="red">Late</Flag> : null}
    </span>
  );
}

export const directionWords: Record<Direction, string> = { improving: "Improving", worsening: "Worsening", "no-change": "No change" };

export function DirectionText({ direction }: { direction: Direction | null }) {
  if (direction === null) return <span className="muted">Not known yet</span>;
  const arrow = direction === "improving" ? "▲" : direction === "worsening" ? "▼" : "■";
  return (
    <span>
      <span aria-hidden="true">{arrow} </span>
      {directionWords[direction]}
    </span>
  );
}

/** Progress from the baseline towards the final target, as a meter named by its indicator. */
export function ProgressMeter({ progress, label }: { progress: number | null; label: string }) {
  if (progress === null) return <span className="muted">Not known</span>;
  const shown = Math.max(0, Math.min(100, progress));
  const text = `${Math.round(progress)}%`;
  return (
    <span className="progress">
      <meter min={0} max={100} value={shown} aria-label={label} aria-valuetext={`${text} of the way to the target`} />
      <span>{text}</span>
    </span>
  );
}

/**
 * A planned value is a point on a straight line between the baseline and a target, worked out to
 * many places (689.8132420091); it is read to one decimal place, as the targets are written.
 */
export function plannedFigure(value: string | null): string | null {
  return value === null || !/^-?\d+(\.\d+)?$/.test(value) ? value : roundDecimal(value, 1);
}

/** Why an indicator is not assessed, in words. */
export function reasonWords(reason: string | null): string | null {
  const words: Record<NoAssessmentReason, string | null> = {
    "no-data": "No value for this period",
    "no-baseline": "No baseline to measure against",
    "baseline-pending": "The baseline is not available yet",
    "no-target": "No target set as a number",
    "before-baseline": "The period is before the baseline",
    // Polarity comes from the catalogue, which records it only where a source says it.
    "direction-unknown": "Which way is better is not recorded in the catalogue",
  };
  if (reason === null) return null;
  return reason in words ? words[reason as NoAssessmentReason] : reason;
}

/** A figure with its unit, or "No value". */
export function Figure({ value, unit }: { value: string | null; unit: string | null }) {
  return value === null ? <span className="muted">No value</span> : <>{quantityText(value, unit)}</>;
}

/**
 * The actuals (solid) and the planned line (dashed) over the periods shown. Decorative: the row
 * beside it carries the latest value, the planned value and the direction in words.
 */
export function Sparkline({ points }: { points: SparkPoint[] }) {
  const width = 96;
  const height = 28;
  const numbers = points.flatMap((point) => [point.actual, point.planned]).filter((value): value is string => value !== null).map(Number);
  if (points.length === 0 || numbers.length === 0) return null;
  const low = Math.min(...numbers);
  const high = Math.max(...numbers);
  const span = high - low || 1;
  const x = (index: number) => (points.length === 1 ? width / 2 : 3 + (index * (width - 6)) / (points.length - 1));
  const y = (value: string) => height - 3 - ((Number(value) - low) * (height - 6)) / span;
  const line = (pick: (point: SparkPoint) => string | null) =>
    points
      .map((point, index) => ({ value: pick(point), index }))
      .filter((item): item is { value: string; index: number } => item.value !== null)
      .map((item) => `${x(item.index).toFixed(1)},${y(item.value).toFixed(1)}`)
      .join(" ");
  const actual = line((point) => point.actual);
  const planned = line((point) => point.planned);
  const last = [...points].reverse().find((point) => point.actual !== null);
  const lastIndex = last ? points.lastIndexOf(last) : -1;
  return (
    <svg className="sparkline" viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
      {planned ? <polyline points={planned} fill="none" stroke="#4D4D4D" strokeWidth="1.5" strokeDasharray="3 2" /> : null}
      {actual ? <polyline points={actual} fill="none" stroke="#0072B2" strokeWidth="2" /> : null}
      {last && last.actual !== null ? <circle cx={x(lastIndex)} cy={y(last.actual)} r="2.5" fill="#0072B2" /> : null}
    </svg>
  );
}

/** The source every generated demo value carries (issue 9 point 9). */
export const illustrativeMarker = illustrativeFiguresNotice;

/** Shown whenever any figure on the page carries the marker (demo data, not Kent's results). */
export function IllustrativeNotice({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <p className="illustrative" data-testid="illustrative">
      {text}
    </p>
  );
}
