/**
 * What the seed's appendix (seed 000, from "ECONOMIC SUCCESS") shows as at 01/05/08, for the
 * submission template tests to find in every format.
 */

export const themeTitles = [
  "Economic Success",
  "Learning for Everyone",
  "Improved Health, Care & Wellbeing",
  "Environmental Excellence",
  "Stronger & Safer Communities",
  "Enjoying Life",
  "Keeping Kent Moving",
  "High Quality Homes",
  "DCSF Statutory Indicators",
];

/** The 35 designated indicators (NI 170 is printed too, proposed for omission in favour of NI 159). */
export const designatedCodes = [
  "NI 163", "NI 171", "NI 152", "NI 188",
  "NI 161", "NI 162", "NI 117",
  "NI 120", "NI 55", "NI 39", "NI 40", "NI 125", "NI 51",
  "NI 189", "NI 186", "NI 191", "NI 197",
  "NI 195", "NI 15", "NI 21", "NI 111", "NI 32", "NI 3", "NI 6",
  "NI 11", "NI 8", "NI 110",
  "NI 198", "NI 175", "NI 47",
  "NI 159", "NI 187", "NI 154", "NI 155", "NI 141",
];

/** The 16 DCSF statutory education and early years indicators. */
export const statutoryCodes = ["NI 92", "NI 72", "NI 73", "NI 93", "NI 94", "NI 74", "NI 83", "NI 95", "NI 96", "NI 75", "NI 97", "NI 98", "NI 87", "NI 99", "NI 100", "NI 101"];

/** "NI 1" must not be found inside "NI 15". */
export function mentionsCode(text: string, code: string): boolean {
  return new RegExp(`${code.replace(" ", "\\s+")}(?!\\d)`).test(text);
}

/** Whitespace (line breaks, wrapped lines) collapsed to single spaces. */
export function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
