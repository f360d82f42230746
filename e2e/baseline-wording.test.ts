/**
 * Issue 7 point 1 in the browser: the officer changes NI 47's baseline from 1183 to 1150 on the
 * indicator page. The wording follows the value unless they type their own, so the success
 * message and the page say 1150, never "saved: 1183" beside a value of 1150.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectNoAxeViolations, gotoPage } from "./support/browser.js";
import { useProduct } from "./support/product.js";
import { demoAccounts, signInWithApi } from "./support/session.js";

const product = useProduct();

const baselineSection = (page: Page) => page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Baseline", exact: true }) });
/** The baseline table's row for the whole indicator: its value and "as written" cells. */
const baselineRow = (page: Page) => baselineSection(page).locator("tbody tr").first();

async function changeBaseline(page: Page, change: { value?: string; written?: string }) {
  const section = baselineSection(page);
  await section.getByRole("button", { name: /^Set the baseline/ }).click();
  const form = section.getByRole("form", { name: /^Set the baseline/ });
  if (change.value !== undefined) await form.getByLabel("Baseline value").fill(change.value);
  if (change.written !== undefined) await form.getByLabel("Baseline as written").fill(change.written);
  return form;
}

describe("the officer changes NI 47's baseline on its page", () => {
  it("shows the new value and its wording in the form, the success message and the page, and keeps a wording they type", async () => {
    const { page, problems, close } = await product.open();
    try {
      await signInWithApi(page, product.baseUrl, demoAccounts.officer.email);
      await gotoPage(page, product.url("/agreements/kent-ka2/indicators/ni-47"));
      await page.getByTestId("signed-in-name").waitFor();
      await page.waitForLoadState("networkidle");
      expect(await baselineRow(page).innerText()).toContain("1183");

      const form = await changeBaseline(page, { value: "1150" });
      // The wording follows the value as it is typed.
      await expect.poll(() => form.getByLabel("Baseline as written").inputValue()).toBe("1150");
      await expectNoAxeViolations(page);
      await form.getByRole("button", { name: /^Save the baseline/ }).click();

      const saved = baselineSection(page).getByRole("status").filter({ hasText: "is saved" });
      await saved.waitFor({ timeout: 15_000 });
      expect(await saved.innerText()).toBe("The baseline is saved: “1150”.");
      await expect.poll(() => baselineRow(page).locator("td").allInnerTexts()).toEqual(["1150", "Not stated", "Not stated", "1150"]);
      expect(await baselineSection(page).innerText()).not.toContain("1183");
      await expectNoAxeViolations(page);

      // A wording the officer types is theirs, kept as typed.
      const again = await changeBaseline(page, { written: "1150 (2007/08)" });
      await again.getByRole("button", { name: /^Save the baseline/ }).click();
      await baselineSection(page).getByRole("status").filter({ hasText: "“1150 (2007/08)”" }).waitFor({ timeout: 15_000 });
      await expect.poll(() => baselineRow(page).locator("td").allInnerTexts()).toEqual(["1150", "Not stated", "Not stated", "1150 (2007/08)"]);

      // The agreement's table shows the same words as the indicator page.
      await gotoPage(page, product.url("/agreements/kent-ka2"));
      const ni47 = page.locator("tr", { has: page.locator("text=/^NI 47\\b/") }).first();
      await expect.poll(() => ni47.innerText()).toContain("1150 (2007/08)");
      expect(await ni47.innerText()).not.toContain("1183");
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
