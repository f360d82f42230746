/**
 * Issue 10 point 5 in the browser (Chromium, axe): the GOSE negotiator goes from my work to the
 * Government Office view by keyboard, chooses a region (kept in the address), and reads Kent's
 * agreements side by side; the public follows an indicator's catalogue entry to the same
 * indicator across agreements, with its ranking and CSV.
 */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, gotoPage } from "./support/browser.js";
import { openSignedIn, useProduct } from "./support/product.js";

const product = useProduct();

describe("the Government Office view", () => {
  it("is reached from my work by keyboard, filtered by region in the address, and shows Kent's agreements with their counts", async () => {
    const { page, problems, close } = await openSignedIn(product, "government", "/my-work");
    try {
      const link = page.getByRole("link", { name: "Government Office view" });
      await link.focus();
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { level: 1, name: "Government Office view" }).waitFor();
      const table = page.getByTestId("government-office-view");
      await table.waitFor();
      const ka2 = table.locator('tr[data-agreement="kent-ka2"]');
      expect(await ka2.innerText()).toContain("South East (GOSE)");
      // The negotiator has a role in KA2, so sees its open round; its returns are long overdue.
      const cells = await ka2.locator("td").allInnerTexts();
      expect(cells).toContain("2009/10 H1");
      expect(cells).toContain("2 of 35");
      // Kent Agreement 1 never had a monitoring round: no counts, rather than every indicator "not assessed".
      const ka1Cells = await table.locator('tr[data-agreement="kent-ka1"]').locator("td").allInnerTexts();
      expect(ka1Cells).toContain("No round yet");
      expect(ka1Cells.slice(-6)).toEqual(["—", "—", "—", "—", "—", "—"]);
      expect(await table.locator("caption").innerText()).toMatch(/agreements in England/);
      await expectNoAxeViolations(page);

      const region = page.getByLabel("Government Office region");
      await region.focus();
      await region.selectOption("london");
      await expect.poll(() => new URL(page.url()).searchParams.get("region")).toBe("london");
      await page.getByRole("status").filter({ hasText: "There are no agreements you may read in the London" }).waitFor();
      await region.selectOption("south-east");
      await expect.poll(() => new URL(page.url()).searchParams.get("region")).toBe("south-east");
      await table.locator('tr[data-agreement="kent-ka2"]').waitFor();
      expect(await table.locator("caption").innerText()).toContain("in the South East");

      // The address keeps the region: opened afresh, the page shows the same choice.
      await gotoPage(page, product.url("/government-office?region=south-east"));
      expect(await page.getByLabel("Government Office region").inputValue()).toBe("south-east");
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("stays usable on a narrow screen: the wide table scrolls in its own region, reached by keyboard", async () => {
    const { page, problems, close } = await product.open({ width: 360, height: 800 });
    try {
      await gotoPage(page, product.url("/government-office?region=south-east"));
      const table = page.getByTestId("government-office-view");
      await table.waitFor();
      const region = page.getByRole("region", { name: /agreements? in the South East/ });
      expect(await region.getAttribute("tabindex")).toBe("0");
      // The page itself does not scroll sideways; the table's region does.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("is linked from the agreements list for the public", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/"));
      await page.getByRole("link", { name: "Government Office view" }).click();
      await page.getByTestId("government-office-view").waitFor();
      expect(await page.getByTestId("government-office-view").locator("tbody tr").count()).toBeGreaterThanOrEqual(1);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("the same indicator across agreements", () => {
  it("is reached from NI 47's catalogue entry and ranks KA2's 50% reduction from 1183, with a CSV", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/indicators/ni-47"));
      const link = page.getByRole("link", { name: "Compare NI 47 across agreements" });
      await link.focus();
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { level: 1, name: /NI 47 .* across agreements/ }).waitFor();
      const table = page.getByTestId("across-agreements");
      await table.waitFor();
      const ka2 = table.locator('tr[data-agreement="kent-ka2"]');
      const text = await ka2.innerText();
      expect(text).toContain("1183");
      expect(text).toContain("591.5");
      expect(text).toContain("50% reduction");
      expect(await ka2.locator("td").first().innerText()).toBe("1");
      await expectNoAxeViolations(page);

      const csvLink = page.getByRole("link", { name: "Download the comparison as CSV" });
      const href = await csvLink.getAttribute("href");
      expect(href).toBe("/api/indicators/ni-47/across-agreements?format=csv");
      const csv = await page.request.get(product.url(href ?? ""));
      expect(csv.status()).toBe(200);
      const [header] = (await csv.text()).replace(/^\uFEFF/, "").split("\r\n");
      expect(header?.startsWith("Rank,Agreement,")).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
