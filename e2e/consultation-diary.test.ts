/**
 * The consultation diary page (issue 11 point 7): Kent Agreement 2's events the seeds name, in a
 * captioned table in date order, linked from the agreement page; a manager adds an event by
 * keyboard alone, and a bad date is named beside its box. Axe clean throughout.
 */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, gotoPage } from "./support/browser.js";
import { openSignedIn, useProduct } from "./support/product.js";

const product = useProduct();

describe("the consultation diary page", () => {
  it("shows KA2's consultation events in date order, linked from the agreement page, with no form for the public", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2"));
      await page.getByRole("link", { name: "Consultation diary" }).click();
      await expect.poll(() => page.locator("h1").innerText()).toBe("Consultation diary");
      const table = page.getByRole("table", { name: "The main consultation events, in date order" });
      const when = await table.locator("tbody tr th").allInnerTexts();
      expect(when).toEqual(["18 October 2007", "By 15 January 2008", "23 April 2008", "15 May 2008"]);
      const panel = await table.locator("tbody tr").nth(2).innerText();
      expect(panel).toContain("Informal Member Panel");
      expect(panel).toContain("Nick Chard (Chair)");
      expect(await table.locator("tbody tr").first().innerText()).toContain("Report to County Council 18 October 2007");
      expect(await page.getByRole("button", { name: "Add the event" }).count()).toBe(0);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("KA1's position statements read 'Over 120' consulted, before Christmas 2004 and in mid January 2005", async () => {
    const { page, problems, close } = await openSignedIn(product, "manager", "/agreements/kent-ka1/consultation-diary");
    try {
      const rows = page.getByRole("table", { name: "The main consultation events, in date order" }).locator("tbody tr");
      await expect.poll(() => rows.count()).toBe(2);
      expect(await rows.first().innerText()).toMatch(/Before Christmas 2004[\s\S]*Position statement[\s\S]*Over 120/);
      expect(await rows.nth(1).innerText()).toContain("Mid January 2005");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("lets a manager add a workshop by keyboard alone; it takes its place in date order; a bad date is named", async () => {
    const { page, problems, close } = await openSignedIn(product, "manager", "/agreements/kent-ka2/consultation-diary");
    try {
      const date = page.getByRole("textbox", { name: "Date" });
      await date.focus();
      await page.keyboard.type("20 Feb 2008");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      await page.keyboard.type("A workshop on the draft indicators");
      await page.getByRole("button", { name: "Add the event" }).focus();
      await page.keyboard.press("Enter");
      const alert = page.getByRole("alert").filter({ hasText: "There is a problem" });
      await expect.poll(() => alert.innerText()).toContain("Date must be a date such as 2008-04-23");
      expect(await date.getAttribute("aria-invalid")).toBe("true");
      await expectNoAxeViolations(page);

      await date.focus();
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.type("2008-02-20");
      const kind = page.getByRole("combobox", { name: "Kind of event" });
      await kind.focus();
      await kind.selectOption("workshop");
      await page.getByRole("textbox", { name: "Number consulted" }).focus();
      await page.keyboard.type("45");
      await page.getByRole("button", { name: "Add the event" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => page.getByRole("status").filter({ hasText: "is added to the diary" }).count()).toBe(1);
      const table = page.getByRole("table", { name: "The main consultation events, in date order" });
      await expect.poll(() => table.locator("tbody tr th").allInnerTexts()).toEqual([
        "18 October 2007",
        "By 15 January 2008",
        "20 February 2008",
        "23 April 2008",
        "15 May 2008",
      ]);
      expect(await table.locator("tbody tr").nth(2).innerText()).toMatch(/Workshop[\s\S]*A workshop on the draft indicators[\s\S]*45/);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
