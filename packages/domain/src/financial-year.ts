/**
 * Financial years as the seeds write them: "2008/09" runs from 1 April 2008 to 31 March 2009.
 * Agreements, targets and monitoring rounds are all counted in them; monitoring is six-monthly
 * (seed 000 §11), so each year also has two halves.
 */
import { DomainError } from "./errors.js";
import { IsoDate, type FinancialYear } from "./vocabulary.js";

export interface FinancialHalfYear {
  financialYear: FinancialYear;
  /** 1: April–September; 2: October–March. */
  half: 1 | 2;
  /** "2008/09 H1" */
  label: string;
  start: IsoDate;
  end: IsoDate;
}

const longForm = /^(\d{4})\/(\d{2})$/;
// The seed's template heads its target columns "08/09", "09/10", "10/11"; LAAs ran 2005–2011.
const shortForm = /^(\d{2})\/(\d{2})$/;

function startYearOf(financialYear: string, field: string): number {
  const text = financialYear.trim();
  const match = longForm.exec(text) ?? shortForm.exec(text);
  if (!match) {
    throw new DomainError("INVALID_FINANCIAL_YEAR", `"${financialYear}" is not a financial year: write it like 2008/09`, field);
  }
  const first = Number(match[1]);
  const second = Number(match[2]);
  if ((first + 1) % 100 !== second) {
    throw new DomainError(
      "INVALID_FINANCIAL_YEAR",
      `"${financialYear}" is not a financial year: the second part must be the year after the first, e.g. 2008/09`,
      field,
    );
  }
  return match[1]?.length === 2 ? 2000 + first : first;
}

function checkDate(date: string, field: string): void {
  if (!IsoDate.safeParse(date).success) {
    throw new DomainError("INVALID_DATE", `"${date}" is not a real date written YYYY-MM-DD`, field);
  }
}

/** "2008/09" or the column label "08/09" → "2008/09". */
export function parseFinancialYear(text: string, field = "financialYear"): FinancialYear {
  return formatFinancialYear(startYearOf(text, field));
}

/** The financial year starting in April of startYear: 2008 → "2008/09". */
export function formatFinancialYear(startYear: number): FinancialYear {
  if (!Number.isInteger(startYear) || startYear < 1000 || startYear > 9998) {
    throw new DomainError("INVALID_FINANCIAL_YEAR", `${startYear} is not a year a financial year can start in`, "financialYear");
  }
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`;
}

/** "2008/09" → 2008. */
export function financialYearStartYear(financialYear: string): number {
  return startYearOf(financialYear, "financialYear");
}

/** "2008/09" → "2008-04-01". */
export function financialYearStart(financialYear: string): IsoDate {
  return `${startYearOf(financialYear, "financialYear")}-04-01`;
}

/** "2008/09" → "2009-03-31". */
export function financialYearEnd(financialYear: string): IsoDate {
  return `${startYearOf(financialYear, "financialYear") + 1}-03-31`;
}

/** The financial year a date falls in: 31 March 2008 is still 2007/08. */
export function financialYearOf(date: string, field = "date"): FinancialYear {
  checkDate(date, field);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return formatFinancialYear(month >= 4 ? year : year - 1);
}

export function nextFinancialYear(financialYear: string): FinancialYear {
  return formatFinancialYear(startYearOf(financialYear, "financialYear") + 1);
}

export function previousFinancialYear(financialYear: string): FinancialYear {
  return formatFinancialYear(startYearOf(financialYear, "financialYear") - 1);
}

/** Every year from first to last inclusive: KA2 "2008/09"–"2010/11" is three years. */
export function financialYearsBetween(firstYear: string, lastYear: string): FinancialYear[] {
  const first = startYearOf(firstYear, "firstYear");
  const last = startYearOf(lastYear, "lastYear");
  if (last < first) {
    throw new DomainError(
      "FINANCIAL_YEARS_OUT_OF_ORDER",
      `the last year ${formatFinancialYear(last)} is before the first year ${formatFinancialYear(first)}`,
      "lastYear",
    );
  }
  return Array.from({ length: last - first + 1 }, (_, index) => formatFinancialYear(first + index));
}

/** The two six-monthly reporting periods of a year. */
export function financialYearHalves(financialYear: string): [FinancialHalfYear, FinancialHalfYear] {
  const start = startYearOf(financialYear, "financialYear");
  const year = formatFinancialYear(start);
  return [
    { financialYear: year, half: 1, label: `${year} H1`, start: `${start}-04-01`, end: `${start}-09-30` },
    { financialYear: year, half: 2, label: `${year} H2`, start: `${start}-10-01`, end: `${start + 1}-03-31` },
  ];
}

/** The half year a date falls in: 1 October 2008 starts "2008/09 H2". */
export function financialHalfYearOf(date: string, field = "date"): FinancialHalfYear {
  const [first, second] = financialYearHalves(financialYearOf(date, field));
  return date <= first.end ? first : second;
}

/** The column heading of the submission template: "2008/09" → "08/09". */
export function shortFinancialYearLabel(financialYear: string): string {
  return parseFinancialYear(financialYear).slice(2);
}
