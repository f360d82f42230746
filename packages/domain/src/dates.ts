/**
 * The one date style every page, bulletin and file uses, "30 May 2008", and the date an
 * agreement's pages and documents are "as at" until the reader picks another (issue 7 point 13).
 */
import { financialYearEnd } from "./financial-year.js";
import type { IsoDate } from "./vocabulary.js";

const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "2008-05-30" → "30 May 2008"; anything that is not a date is given back as it came. */
export function longDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : dayFormat.format(date);
}

/**
 * Kent Agreement 2 was negotiated in 2008: read years later, "as at today" would show a position
 * nobody recorded on that day. The default is the day of the latest entry in the negotiation log
 * (after it nothing changed, so the position is the same as today's); with no entry, the end of
 * the agreement's final year if that has passed; else today. Never a day after today.
 */
export function defaultAsAt(agreement: { latestEntryAsAt: string | null; lastYear: string }, today: IsoDate): IsoDate {
  const candidate = agreement.latestEntryAsAt ?? financialYearEnd(agreement.lastYear);
  return candidate < today ? candidate : today;
}
