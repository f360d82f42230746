/**
 * Issue 11 point 1 in the browser: NI 47's page shows its countywide delivery plan from the demo,
 * its figures said to be illustrative, with the overdue action and the red risk flagged in words;
 * its accountable officer, by keyboard alone, marks the overdue action complete and saves, and the
 * plan then has none overdue. Axe finds nothing on the page, with the form open or closed.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectNoAxeViolations, gotoPage } from "./support/browser.js";
import { useProduct } from "./support/product.js";
import { demoAccounts, signInWithApi } from "./support/session.js";

const product = useProduct();
const overdueAction = "Deploy speed cameras in response to local concerns, to target problem roads in Kent";

const planSection = (page: Page) => page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Countywide delivery plan" }) });

describe("NI 47's delivery plan", () => {
  it("flags its overdue action and red risk in words, and its officer completes the action by keyboard", async () => {
    const { page, problems, close } = await product.open();
    try {
      await signInWithApi(page, product.baseUrl, demoAccounts.officer.email);
      await gotoPage(page, product.url("/agreements/kent-ka2/indicators/ni-47"));
      await page.getByTestId("signed-in-name").waitFor();
      const section = planSection(page);
      await section.getByRole("table", { name: /^Actions of the NI 47 delivery plan/ }).waitFor();
      await page.waitForLoadState("networkidle");
      expect(await section.innerText()).toContain("Illustrative figures, not Kent's published results");
      expect(await section.innerText()).toContain("Progress as at 30 September 2009: 4 actions, 1 overdue; 2 milestones, 1 met; 2 risks, 1 red.");
      const row = section.getByRole("row", { name: new RegExp(`^${overdueAction}`) });
      expect(await row.innerText()).toContain("Overdue due before 30 September 2009 and not complete");
      const risk = section.getByRole("row", { name: /^Only 10% of speed camera deployments/ });
      expect(await risk.innerText()).toContain("16 Red risk");
      await expectNoAxeViolations(page);

      // By keyboard alone: open the form, make the second action complete, save.
      await section.getByRole("button", { name: "Edit the delivery plan" }).focus();
      await page.keyboard.press("Enter");
      const form = section.getByRole("form", { name: "Edit the NI 47 delivery plan" });
      await form.waitFor();
      const status = form.getByRole("group", { name: "Action 2" }).getByLabel("Status");
      await status.focus();
      await page.keyboard.type("Complete");
      await expect.poll(() => status.inputValue()).toBe("complete");
      await expect.poll(() => form.getByRole("group", { name: "Action 2" }).getByLabel("% complete").inputValue()).toBe("100");
      await expectNoAxeViolations(page);

      // A due date before the action's start is refused, saying which field, and nothing is saved.
      const firstDue = form.getByRole("group", { name: "Action 1" }).getByLabel("Due date");
      await firstDue.fill("2008-01-31");
      await form.getByRole("button", { name: "Save the delivery plan" }).focus();
      await page.keyboard.press("Enter");
      const summary = form.getByRole("alert");
      await summary.waitFor({ timeout: 15_000 });
      const problem = summary.getByRole("link", { name: "Action 1's due date must be on or after its start date (2008-06-01)." });
      await problem.focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => firstDue.evaluate((input) => input === document.activeElement)).toBe(true);
      await expectNoAxeViolations(page);
      await firstDue.fill("2008-09-30");

      await form.getByRole("button", { name: "Save the delivery plan" }).focus();
      await page.keyboard.press("Enter");

      await section.getByRole("status").filter({ hasText: "The NI 47 delivery plan is saved." }).waitFor({ timeout: 15_000 });
      await expect.poll(() => section.innerText()).toContain("4 actions, 0 overdue");
      expect(await section.getByRole("row", { name: new RegExp(`^${overdueAction}`) }).innerText()).not.toContain("Overdue");
      // Focus goes back to the button that opened the form.
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? "")).toBe("Edit the delivery plan");
      await expectNoAxeViolations(page);

      // The indicator's history says what changed, in the plan's words.
      const history = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "History of changes" }) });
      const change = history.getByRole("row", { name: /Delivery plan changed/ });
      await expect.poll(() => change.innerText(), { timeout: 15_000 }).toContain("4 actions, 1 overdue");
      expect(await change.innerText()).toContain("4 actions, 0 overdue");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
