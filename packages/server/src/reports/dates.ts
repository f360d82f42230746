/** Dates in the one style every page, bulletin and file uses: "30 May 2008", "30 May 2008, 14:05". */
import { longDate } from "@accord/domain";

const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Europe/London" });
const londonDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" });

/** "2008-05-30" (or a timestamp, read as its day in the UK) → "30 May 2008". */
export function dayText(value: string): string {
  const isoDay = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : londonDay.format(new Date(value));
  return longDate(isoDay);
}

/** A timestamp → "9 May 2008, 10:00" (UK time). */
export function dayAndTimeText(timestamp: string): string {
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? timestamp : `${dayText(timestamp)}, ${timeFormat.format(date)}`;
}
