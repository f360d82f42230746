/**
 * The words a baseline or target is shown in, wherever it is shown: the agreement and indicator
 * pages, the bulletin and the submission files (DOCX, XLSX, CSV, PDF). One set of pure functions,
 * so the page and the files sent to the Government Office cannot drift apart.
 */
import { normaliseDecimal, roundDecimal } from "./decimal.js";

/** "1183" (also with unit "count"), "9.6%", "44% car", "860 kg", "Level 1": a figure with its unit, as an agreement writes it. */
export function quantityText(value: string, unit: string | null): string {
  const number = /^-?\d+(\.\d+)?$/.test(value) ? normaliseDecimal(value) : value.trim();
  const u = (unit ?? "").trim();
  // "count" says the figure is a number of things, not a word printed after it: "1183", not "1183 count".
  if (u === "" || u.toLowerCase() === "count") return number;
  if (u.toLowerCase() === "level") return `Level ${number}`;
  return u.startsWith("%") ? `${number}${u}` : `${number} ${u}`;
}

/** "all" → "All", "all-persons" → "All persons", "litter-detritus" → "Litter detritus". */
export function componentLabel(component: string): string {
  if (component === "all") return "All";
  const spaced = component.replace(/[-_]+/g, " ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

const lettersOnly = (text: string): string => text.toLowerCase().replace(/[^a-z]/g, "");

/** "Male" + "613" → "Male 613"; "Litter / Detritus: 9.0%" already names its component and is kept. */
export function withComponent(component: string, written: string): string {
  const label = componentLabel(component);
  return lettersOnly(written).startsWith(lettersOnly(label)) ? written : `${label} ${written}`;
}

export interface WordedBaseline {
  component: string;
  written: string;
}

export interface WordedTarget {
  year: string;
  component: string;
  written: string;
}

export interface WordedIndicator {
  baselines: readonly WordedBaseline[];
  baselinePending: { reason: string } | null;
  targets: readonly WordedTarget[];
}

/** Whether the indicator is split into components (male / female), so each line names its own. */
export function hasComponents(indicator: Pick<WordedIndicator, "baselines" | "targets">): boolean {
  return [...indicator.baselines, ...indicator.targets].some((row) => row.component !== "all");
}

/** The baseline cell, a line per component and the pending reason: "Male 656", "Pending: <reason>". */
export function baselineLines(indicator: WordedIndicator): string[] {
  const components = hasComponents(indicator);
  const lines = indicator.baselines.map((baseline) => (components ? withComponent(baseline.component, baseline.written) : baseline.written));
  if (indicator.baselinePending) lines.push(`Pending: ${indicator.baselinePending.reason}`);
  return lines;
}

/** One year's target cell, a line per component; empty when the year has no target. */
export function targetLines(indicator: Pick<WordedIndicator, "baselines" | "targets">, year: string): string[] {
  const components = hasComponents(indicator);
  return indicator.targets.filter((target) => target.year === year).map((target) => (components ? withComponent(target.component, target.written) : target.written));
}

/**
 * The wording a changed figure is stored with. A wording the person typed is kept; one that was
 * only carried over from before the change (the old figure's words sent back unchanged, or none
 * sent at all) follows the new figure, so "1183" never outlives a baseline changed to 1150.
 */
export function followingWording(options: { typed: string | undefined; previous: string | null; changed: boolean; derived: string }): string {
  const typed = options.typed?.trim();
  if (typed === undefined || typed === "") return options.derived;
  if (options.changed && options.previous !== null && typed === options.previous.trim()) return options.derived;
  return typed;
}

/**
 * A target worked out from the baseline (a 50% reduction, a running total) whose wording prints
 * the figure it came to: when the baseline changes, the printed figure follows, written to as
 * many places as it was ("Proposed at 592 (50% reduction)" on 1183 reads "Proposed at 575 (50%
 * reduction)" on 1150). Words that print no such figure are left as they are. `printed` is the
 * figure the wording shows (the written value, else the worked-out one).
 */
export function wordingFollowingFigure(written: string, printed: string, value: string): string {
  const printedText = normaliseDecimal(printed);
  const places = printedText.includes(".") ? (printedText.split(".")[1] ?? "").length : 0;
  const plain = (figure: string) => figure.replace(/,/g, "");
  // Figures as written, with thousands separators or not; replaced only where they equal the printed one.
  return written.replace(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g, (figure, offset: number) => {
    const before = written.charAt(offset - 1);
    // A figure run on from letters or a decimal point ("v2") is not ours; the change ("50%") never equals the figure.
    if (/[\w.]/.test(before)) return figure;
    return normaliseDecimal(plain(figure)) === printedText ? roundDecimal(value, places) : figure;
  });
}

