/**
 * Issue 10 point 4 in the browser (Chromium, axe): a manager chooses a council's table, sees every
 * row as Accord reads it, confirms, and opens the draft agreement; a table with a bad row shows
 * every problem by row and column and offers no import.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/browser.js";
import { openSignedIn, useProduct } from "./support/product.js";

const product = useProduct();
const folder = mkdtempSync(join(tmpdir(), "accord-import-page-"));

const table = [
  "Eastbrook Local Area Agreement,,,,",
  "Indicator,Baseline,Target 2008/09,Target 2009/10,Lead and partners",
  '"NI 47* People killed or seriously injured in road traffic accidents","620 (2005-07 average)",600,2% reduction,"Kent County Council*, Kent Police"',
  "EB 3 Volunteering in Eastbrook,New PI,TBC,Level 2,",
].join("\n");

describe("importing an agreement in the browser", () => {
  it("a manager follows the link from the agreements by keyboard, reads a council's table, sees every row and confirms; the draft opens", async () => {
    const file = join(folder, "eastbrook.csv");
    writeFileSync(file, table);
    const { page, problems, close } = await openSignedIn(product, "manager", "/");
    try {
      const link = page.getByRole("link", { name: "import an agreement" });
      await link.focus();
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { level: 1, name: "Import an agreement from its table" }).waitFor();
      await page.getByLabel("The agreement's table (XLSX or CSV)").setInputFiles(file);
      await page.getByLabel("Short name for its address (optional)").fill("eastbrook-laa");
      await page.getByRole("button", { name: "Read the table" }).press("Enter");
      const rows = page.getByTestId("import-rows");
      await rows.waitFor();
      expect(await rows.locator("tbody tr").allInnerTexts()).toEqual([
        expect.stringMatching(/^3\s+NI 47 People killed or seriously injured in road traffic accidents\s+designated, Indicators\s+620 \(2005-07 average\)\s+600\s+2% reduction\s+Kent County Council \*, Kent Police/),
        expect.stringMatching(/^4\s+EB 3 Volunteering in Eastbrook\s+local, Indicators, new to the catalogue\s+Pending: New PI\s+Level 2\s+2008\/09: TBC/),
      ]);
      await expectNoAxeViolations(page);
      await page.getByRole("button", { name: "Import Eastbrook Local Area Agreement as a draft" }).click();
      const open = page.getByRole("link", { name: "Open Eastbrook Local Area Agreement" });
      await open.waitFor();
      await expectNoAxeViolations(page);
      await open.click();
      await page.getByRole("heading", { level: 1, name: /Eastbrook Local Area Agreement/ }).waitFor();
      expect(await page.getByText("620 (2005-07 average)").count()).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("a table with a bad row shows every problem by row and column and offers no import", async () => {
    const file = join(folder, "bad.csv");
    writeFileSync(file, table.replace("600,2% reduction", '"6,0x",2% reduction'));
    const { page, problems, close } = await openSignedIn(product, "manager", "/import-agreement", { width: 360, height: 800 });
    try {
      await page.getByLabel("The agreement's table (XLSX or CSV)").setInputFiles(file);
      await page.getByRole("button", { name: "Read the table" }).click();
      const listed = page.getByTestId("import-problems");
      await listed.waitFor();
      expect(await listed.locator("li").allInnerTexts()).toEqual([
        "row 3, column 'Target 2008/09': '6,0x' is not a target: write a number, a change such as '2% increase', or 'Level 3'",
      ]);
      expect(await page.getByRole("button", { name: /as a draft/ }).count()).toBe(0);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
