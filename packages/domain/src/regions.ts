/**
 * The nine Government Office regions of England in 2008 (issue 10 §5). An agreement is made with
 * one Government Office, so its region is that office's: Kent's is GOSE, the South East.
 */
import { compareDecimals, divideDecimals, multiplyDecimals, normaliseDecimal, subtractDecimals } from "./decimal.js";
import type { Polarity } from "./vocabulary.js";

export const governmentOfficeRegions = [
  { code: "north-east", name: "North East", office: "Government Office for the North East", abbreviation: "GONE" },
  { code: "north-west", name: "North West", office: "Government Office for the North West", abbreviation: "GONW" },
  { code: "yorkshire-and-the-humber", name: "Yorkshire and the Humber", office: "Government Office for Yorkshire and the Humber", abbreviation: "GOYH" },
  { code: "east-midlands", name: "East Midlands", office: "Government Office for the East Midlands", abbreviation: "GOEM" },
  { code: "west-midlands", name: "West Midlands", office: "Government Office for the West Midlands", abbreviation: "GOWM" },
  { code: "east-of-england", name: "East of England", office: "Government Office for the East of England", abbreviation: "GOEast" },
  { code: "london", name: "London", office: "Government Office for London", abbreviation: "GOL" },
  { code: "south-east", name: "South East", office: "Government Office for the South East", abbreviation: "GOSE" },
  { code: "south-west", name: "South West", office: "Government Office for the South West", abbreviation: "GOSW" },
] as const;
export type GovernmentOfficeRegion = (typeof governmentOfficeRegions)[number];
export type RegionCode = GovernmentOfficeRegion["code"];
export const regionCodes = governmentOfficeRegions.map((region) => region.code) as [RegionCode, ...RegionCode[]];

/** An office's organisation slug as the organisations file makes it from its name. */
export function officeSlug(region: GovernmentOfficeRegion): string {
  return region.office.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** The region of a Government Office, by its organisation's slug; undefined for an office not among the nine. */
export function regionOfOffice(slug: string): GovernmentOfficeRegion | undefined {
  return governmentOfficeRegions.find((region) => officeSlug(region) === slug);
}

/**
 * The improvement a final target plans, as a percentage of the baseline ("50" for NI 47's 1183 →
 * 591.5): a fall counts as improvement where lower is better, a rise where higher is. Negative
 * when the target is worse than the baseline; null where no direction is better or the baseline is 0.
 */
export function plannedImprovementPercent(polarity: Polarity, baseline: string, finalTarget: string): string | null {
  if (polarity !== "higher-is-better" && polarity !== "lower-is-better") return null;
  if (compareDecimals(baseline, "0") === 0) return null;
  const change = polarity === "lower-is-better" ? subtractDecimals(baseline, finalTarget) : subtractDecimals(finalTarget, baseline);
  const percent = divideDecimals(multiplyDecimals(change, "100"), baseline.startsWith("-") ? baseline.slice(1) : baseline, 4);
  return normaliseDecimal(percent);
}
