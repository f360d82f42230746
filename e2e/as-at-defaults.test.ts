/**
 * Issue 7 point 13 in the browser: Kent Agreement 2 was negotiated in 2008, so its pages start as
 * at the latest entry in its negotiation log (1 May 2008), not as at today; a 2008 deadline reads
 * "(passed)", never "6760 days ago"; every date reads like 30 May 2008. axe checks each page.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectNoAxeViolations } from "./support/browser.js";
import { openSignedIn, useProduct } from "./support/product.js";

const product = useProduct();

const section = (page: Page, heading: string | RegExp) => page.locator("section", { has: page.getByRole("heading", { level: 2, name: heading }) });

/** What no page may show: a count of days since 2008, or a date written 2008-05-30. */
async function expectOneDateStyle(page: Page): Promise<void> {
  const text = await page.locator("main").innerText();
  expect(text).not.toMatch(/days? ago/);
  expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
}

describe("an agreement read years later", () => {
  it("offers the submission files as at 1 May 2008, and the deadline as passed", async () => {
    const { page, problems, close } = await openSignedIn(product, "manager", "/agreements/kent-ka2/submission");
    try {
      const template = section(page, "Submission template");
      await template.getByText("As at 1 May 2008, grouped by theme").waitFor();
      expect(await template.getByLabel("As at").inputValue()).toBe("2008-05-01");
      for (const name of ["Word document (DOCX)", "Spreadsheet (XLSX)", "Comma-separated values (CSV)", "PDF"]) {
        expect(await template.getByRole("link", { name: `Download as ${name}` }).getAttribute("href")).toContain("asAt=2008-05-01");
      }
      await section(page, "Pre-submission check").getByText(/as at 1 May 2008/i).waitFor();
      await section(page, "Deadline").getByText("30 May 2008 (passed)", { exact: false }).waitFor();
      await expectOneDateStyle(page);
      await expectNoAxeViolations(page);

      // The file the link gives says the same date as the page.
      const href = (await template.getByRole("link", { name: "Download as Comma-separated values (CSV)" }).getAttribute("href")) ?? "";
      const response = await page.context().request.get(product.url(href));
      expect(response.headers()["content-disposition"]).toContain("kent-ka2-submission-2008-05-01.csv");
      expect(await response.text()).toContain("Negotiation status as at 1 May 2008");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("gives the position summary as at 1 May 2008 without a date in the address", async () => {
    const { page, problems, close } = await openSignedIn(product, "viewer", "/agreements/kent-ka2");
    try {
      await page.getByText("Designated indicators as at 1 May 2008").waitFor();
      expect(await page.getByLabel("Position as at").inputValue()).toBe("2008-05-01");
      await expectOneDateStyle(page);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("says the 2008 deadline has passed on my work, and starts a transcribed document's date at 1 May 2008", async () => {
    const { page, problems, close } = await openSignedIn(product, "manager", "/my-work");
    try {
      await page.getByText(/30 May 2008 \(passed\)/).first().waitFor();
      await expectOneDateStyle(page);
      await expectNoAxeViolations(page);

      await page.goto(product.url("/agreements/kent-ka2/indicators/ni-163"));
      const negotiation = section(page, "Negotiation");
      await negotiation.getByRole("heading", { name: "Record what the Government Office said, from a document" }).waitFor();
      expect(await negotiation.getByLabel("Date of the document").inputValue()).toBe("2008-05-01");
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
