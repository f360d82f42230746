/**
 * Issue 7 point 14: a status cell says where an indicator stands once, in the document's words.
 * It used to pair the derived label with the document's note where both say the same thing
 * (NI 163: "Under discussion with Government Office — Under discussion with GOSE. – not yet
 * agreed"). Checked for all 52 indicators of Kent Agreement 2 in the DOCX, XLSX, CSV and PDF.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { negotiationStatusLabel, negotiationStatuses } from "@accord/domain";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { signIn } from "./support/session.js";
import type { Session } from "./support/session.js";
import { readEverySubmissionFile } from "./support/submission-files.js";
import type { ReadBackFile } from "./support/submission-files.js";

let api: TestApp;
let manager: Session;
let files: ReadBackFile[];
beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
  files = await readEverySubmissionFile(api.app, manager, "2008-05-01");
}, 180_000);
afterAll(async () => {
  await api?.close();
});

/** Phrases that say the same thing; a cell may use each meaning once. */
const meanings: [string, RegExp][] = [
  ["under discussion", /under discussion/gi],
  ["agreed with the Government Office", /\bagreed with (?:GOSE|(?:the )?Government Office)/gi],
  ["not to be agreed before the deadline", /\b(?:unable|unlikely) to be agreed\b/gi],
];

/** What is wrong with a status cell: a meaning said twice, or the app's label paired with a note. */
function repetitions(cell: string): string[] {
  const found: string[] = [];
  for (const [meaning, pattern] of meanings) {
    const count = cell.match(pattern)?.length ?? 0;
    if (count > 1) found.push(`"${meaning}" ${count} times`);
  }
  for (const status of negotiationStatuses) {
    const label = negotiationStatusLabel(status);
    if (cell.startsWith(`${label} — `)) found.push(`the label "${label}" paired with a note`);
  }
  return found;
}

describe("every status cell of Kent Agreement 2 says its status once", () => {
  it("lists the 52 indicators in every file", () => {
    for (const file of files) expect(new Set(file.codes).size, file.format).toBe(52);
  });

  it("gives NI 163 the document's words alone in the DOCX, XLSX, CSV and PDF", () => {
    for (const file of files) expect(file.statusOf("NI 163"), file.format).toBe("Under discussion with GOSE. – not yet agreed");
  });

  it("repeats no meaning in any status cell of any file", () => {
    const problems: string[] = [];
    for (const file of files) {
      for (const code of file.codes) {
        const cell = file.statusOf(code);
        if (cell === "") problems.push(`${file.format} ${code}: no status`);
        for (const problem of repetitions(cell)) problems.push(`${file.format} ${code}: ${problem} in "${cell}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("keeps the department's name and the Government Office's words for the DCSF targets", () => {
    for (const file of files) {
      expect(file.statusOf("NI 99"), file.format).toBe("All following indicators under discussion with DCSF as part of the annual target setting process");
    }
  });
});
