/**
 * The funding streams page (issue 11 point 4): Kent Agreement 1's streams that seed 003 names, in
 * a captioned table linked from the agreement page, amounts shown as not given (the seed's
 * appendix of amounts is missing), the Stronger and Safer Communities Fund marked as designated
 * in advance, and the totals by block and year. Axe clean.
 */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/browser.js";
import { openSignedIn, useProduct } from "./support/product.js";

const product = useProduct();

describe("the funding streams page", () => {
  it("lists KA1's streams from the agreement page with amounts not given, and the totals", async () => {
    const { page, problems, close } = await openSignedIn(product, "manager", "/agreements/kent-ka1");
    try {
      await page.getByRole("link", { name: "Funding streams" }).click();
      await expect.poll(() => page.locator("h1").innerText()).toBe("Funding streams");
      const table = page.getByRole("table", { name: "The agreement's funding streams, with their amounts by financial year" });
      const names = await table.locator("tbody tr th").allInnerTexts();
      expect(names.map((name) => name.split("\n")[0])).toEqual([
        "Crime Fighting Fund",
        "Drug Intervention Prevention grants",
        "NTA pooled budget",
        "Stronger and Safer Communities Fund",
      ]);
      const fund = await table.locator("tbody tr").nth(3).innerText();
      expect(fund).toContain("Designated in advance in the agreement");
      expect(fund).toContain("Safer and Stronger Communities");
      expect(fund).toContain("Not given");
      const totals = page.getByRole("table", { name: "Totals by block or outcome and financial year" });
      expect(await totals.locator("tbody tr th").allInnerTexts()).toEqual(["Safer and Stronger Communities", "All funding streams"]);
      expect(await page.getByRole("link", { name: "Download the funding streams (XLSX)" }).count()).toBe(1);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
