/**
 * Accord's reporting periods as DHIS2 writes them (DHIS2 Web API, "Date and period format"):
 * financial year from April `2008April` (April 2008 – March 2009), six-monthly from April
 * `2008AprilS1` (April–September) and `2008AprilS2` (October–March), calendar quarters `2008Q1`
 * (January–March 2008) and months `200804`.
 *
 * DHIS2's quarters are calendar quarters, Accord's financial ones: "2008/09 Q1" (April–June 2008)
 * is `2008Q2` and "2008/09 Q4" (January–March 2009) is `2009Q1`. A survey season or a school year
 * has no DHIS2 period type, and DHIS2 periods that are not April-based (a calendar year `2008`, a
 * half from January `2008S1`, a week, a day) have no Accord period: each is refused with why.
 */
import { DomainError } from "./errors.js";
import { formatFinancialYear } from "./financial-year.js";
import { parseReportingPeriod } from "./reporting-periods.js";
import type { ReportingPeriod } from "./reporting-periods.js";

/** The DHIS2 period code of an Accord period, or null when DHIS2 has no period type for it. */
export function dhis2PeriodOf(period: ReportingPeriod): string | null {
  const startYear = Number(period.start.slice(0, 4));
  const startMonth = Number(period.start.slice(5, 7));
  switch (period.kind) {
    case "financial-year":
      return `${startYear}April`;
    case "half":
      return `${startYear - (startMonth < 4 ? 1 : 0)}AprilS${startMonth === 4 ? 1 : 2}`;
    case "quarter":
      return `${startYear}Q${Math.floor((startMonth - 1) / 3) + 1}`;
    case "month":
      return `${startYear}${period.start.slice(5, 7)}`;
    case "survey":
    case "school-year":
      return null;
  }
}

/** An Accord period read from a DHIS2 period code, or why it cannot be. */
export type Dhis2PeriodReading = { period: ReportingPeriod } | { reason: string };

const accordTypes = "a financial year from April (2008April), a half from April (2008AprilS1, 2008AprilS2), a quarter (2008Q1) or a month (200804)";

/** DHIS2 period types Accord does not report in, so the refusal can say what the code is. */
const otherDhis2Types: { pattern: RegExp; what: string }[] = [
  { pattern: /^\d{8}$/, what: "a day" },
  { pattern: /^\d{4}(Wed|Thu|Sat|Sun|Bi)?W\d{1,2}$/, what: "a week" },
  { pattern: /^\d{6}B$/, what: "a bi-month" },
  { pattern: /^\d{4}S[12]$/, what: "a half from January" },
  { pattern: /^\d{4}NovS[12]$/, what: "a half from November" },
  { pattern: /^\d{4}$/, what: "a calendar year" },
  { pattern: /^\d{4}(July|Oct|Nov|Sep)$/, what: "a financial year that does not start in April" },
];

export function readDhis2Period(code: string): Dhis2PeriodReading {
  try {
    return readCode(code.trim());
  } catch (error) {
    // A year no financial year can start in (0000April).
    if (error instanceof DomainError) return { reason: `"${code.trim()}" is not a DHIS2 period Accord can read: ${error.message}` };
    throw error;
  }
}

function readCode(text: string): Dhis2PeriodReading {
  const label = (written: string): Dhis2PeriodReading => ({ period: parseReportingPeriod(written) });
  let match = /^(\d{4})April$/.exec(text);
  if (match?.[1]) return label(formatFinancialYear(Number(match[1])));
  match = /^(\d{4})AprilS([12])$/.exec(text);
  if (match?.[1] && match[2]) return label(`${formatFinancialYear(Number(match[1]))} H${match[2]}`);
  match = /^(\d{4})Q([1-4])$/.exec(text);
  if (match?.[1] && match[2]) {
    const year = Number(match[1]);
    const quarter = Number(match[2]);
    // January–March is the fourth quarter of the financial year that began the April before.
    return quarter === 1 ? label(`${formatFinancialYear(year - 1)} Q4`) : label(`${formatFinancialYear(year)} Q${quarter - 1}`);
  }
  match = /^(\d{4})(\d{2})$/.exec(text);
  if (match?.[1] && match[2]) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) return { reason: `"${text}" is not a DHIS2 period: ${match[2]} is not a month (01–12)` };
    return label(`${match[1]}-${match[2]}`);
  }
  const other = otherDhis2Types.find(({ pattern }) => pattern.test(text));
  if (other) return { reason: `"${text}" is ${other.what} in DHIS2, which Accord does not report in: give ${accordTypes}` };
  return { reason: `"${text}" is not a DHIS2 period: give ${accordTypes}` };
}
