/**
 * An agreement's figures as open data (issue 10 §1): one row per value — each baseline, target
 * and reported value of every indicator — in the same columns in the CSV and the JSON, so a
 * reader can put them in a spreadsheet or a program without retyping. The data dictionary page
 * and the files are made from this one list, so a column cannot be written without being described.
 */

export const openDataMeasures = ["baseline", "target", "observation"] as const;
export type OpenDataMeasure = (typeof openDataMeasures)[number];

export interface OpenDataColumn {
  /** The column's heading in the CSV and its key in the JSON. */
  name: string;
  /** What it holds, in the partnership's words. */
  meaning: string;
  /** A value as the file would have it. */
  example: string;
  /** Whether the column can be empty, and when. */
  empty: string | null;
}

export const openDataColumns = [
  {
    name: "agreement",
    meaning: "The agreement the value belongs to, by its short name in web addresses.",
    example: "kent-ka2",
    empty: null,
  },
  {
    name: "indicator_code",
    meaning: "The indicator's code: NI and its number for the National Indicator Set, the agreement's own code otherwise.",
    example: "NI 47",
    empty: null,
  },
  {
    name: "indicator_title",
    meaning: "The indicator's title as the catalogue of indicators has it.",
    example: "People killed or seriously injured in road traffic accidents",
    empty: null,
  },
  {
    name: "measure",
    meaning:
      "What the value is: baseline (where the indicator stood when the agreement was made), target (what the partners agreed to reach by the end of a financial year) or observation (a value reported in monitoring).",
    example: "observation",
    empty: null,
  },
  {
    name: "component",
    meaning: "The part of the indicator the value is for, when an indicator is measured in parts (such as each key stage); all when it is not.",
    example: "all",
    empty: null,
  },
  {
    name: "area_code",
    meaning: "The area's current ONS (GSS) code: the county for baselines and targets, the county or one of its districts for observations.",
    example: "E07000114",
    empty: null,
  },
  {
    name: "area_name",
    meaning: "The area's name.",
    example: "Thanet",
    empty: null,
  },
  {
    name: "period",
    meaning:
      "The period the value is for, as Accord writes it: a financial year (2008/09, from April to March), a half (2008/09 H1 is April to September), a quarter, a month, a survey or a school year. A baseline's period is as the agreement wrote it.",
    example: "2008/09 H1",
    empty: "Empty when a baseline's period was not written down.",
  },
  {
    name: "period_start",
    meaning: "The first day of the period, written YYYY-MM-DD.",
    example: "2008-04-01",
    empty: "Empty when the period is not one Accord can date (a baseline written as a range of years, for example).",
  },
  {
    name: "period_end",
    meaning: "The last day of the period, written YYYY-MM-DD: the day a value is read against the agreed trajectory.",
    example: "2008-09-30",
    empty: "Empty when the period start is.",
  },
  {
    name: "value",
    meaning:
      "The figure, written as an exact decimal with a full stop and no thousands separators (591.5, never 591.49999). For a target, the number the agreed wording works out at.",
    example: "720",
    empty: "Empty for a target whose baseline is not yet known, and for a baseline still to be set.",
  },
  {
    name: "numerator",
    meaning: "For a rate or percentage: what was counted.",
    example: "1830",
    empty: "Empty unless the value is a rate reported with what it was worked out from.",
  },
  {
    name: "denominator",
    meaning: "For a rate or percentage: out of how many.",
    example: "2541",
    empty: "Empty when the numerator is.",
  },
  {
    name: "unit",
    meaning: "What the value counts or measures, as the catalogue or the baseline says.",
    example: "count",
    empty: "Empty when the catalogue does not say.",
  },
  {
    name: "status",
    meaning:
      "For an observation: provisional or final. For a baseline: known, or pending while it cannot yet be set. For a target: where its negotiation stands today (not-started, proposed, under-discussion, counter-proposed, agreed-with-government-office or deferred).",
    example: "final",
    empty: "Empty for a target whose negotiation has no recorded position.",
  },
  {
    name: "source",
    meaning: "Where the figure comes from, as whoever recorded it wrote it; for a pending baseline, why it cannot be set yet.",
    example: "Illustrative figures, not Kent's published results",
    empty: "Empty when no source was recorded.",
  },
  {
    name: "written",
    meaning: "A baseline's or target's wording exactly as the agreement has it, since the wording is what was agreed.",
    example: "Proposed at 592 (50% reduction)",
    empty: "Empty for observations.",
  },
] as const satisfies readonly OpenDataColumn[];

export type OpenDataColumnName = (typeof openDataColumns)[number]["name"];

