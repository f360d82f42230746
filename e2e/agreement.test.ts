import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { gotoPage } from "./support/browser.js";
import { useProduct } from "./support/product.js";

const product = useProduct();

function indicatorRow(page: Page, key: string) {
  return page.locator(`tr[data-indicator="${key}"]`);
}

async function shownCount(page: Page): Promise<{ shown: number; total: number }> {
  const text = await page.locator(".result-count").innerText();
  const match = /Showing (\d+) of (\d+) indicators?/.exec(text);
  if (!match) return { shown: Number.NaN, total: Number.NaN }; // "Finding indicators…"
  return { shown: Number(match[1]), total: Number(match[2]) };
}

describe("Kent Agreement 2 page (the submission template)", () => {
  it("shows NI 47 with its baseline, its 50% reduction target and Kent County Council as lead", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2"));
      expect(await page.locator("h1").innerText()).toBe("Kent Agreement 2");
      expect(await page.title()).toBe("Kent Agreement 2 — Accord");
      expect(await page.locator("main").innerText()).toContain("2008/09 to 2010/11");

      const row = indicatorRow(page, "ni-47");
      await row.waitFor();
      const cells = row.locator("th, td");
      expect(await cells.nth(0).innerText()).toMatch(/^NI 47\*.*People killed or seriously injured in road traffic accidents$/s);
      expect(await cells.nth(1).innerText()).toContain("1183");
      const text = await row.innerText();
      expect(text).toContain("Proposed at 592 (50% reduction)");
      expect(text).toContain("591.5");
      // Lead partner: marked * on screen and named "(lead)" for screen readers.
      const lead = row.locator(".lead-partner");
      expect(await lead.count()).toBe(1);
      expect(await lead.textContent()).toBe("Kent County Council* (lead)");
      expect(await row.locator(".partners").innerText()).toMatch(/Statutory partners:.*Kent Police/s);

      // Column headers per financial year, as in the template.
      const headers = await page.locator("table.template-table").first().locator("thead th").allInnerTexts();
      // Visually "08/09"; a screen reader hears "Target 08/09".
      expect(headers.map((header) => header.replace(/\s+/g, " ").trim())).toEqual(["Indicator", "Baseline", "Target 08/09", "Target 09/10", "Target 10/11", "Partners", "Status"]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("groups indicators by theme with a captioned table per theme", async () => {
    const { page, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2"));
      const themeHeadings = await page.locator("main section.theme > h2").allInnerTexts();
      expect(themeHeadings.length).toBeGreaterThanOrEqual(8);
      expect(themeHeadings).toContain("Economic Success");
      const tables = page.locator("table.template-table");
      expect(await tables.count()).toBe(themeHeadings.length);
      expect(await tables.locator("caption").count()).toBe(themeHeadings.length);
    } finally {
      await close();
    }
  });

  it("shows NI 170 struck through as omitted, replaced by NI 159, with the reason", async () => {
    const { page, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2"));
      const row = indicatorRow(page, "ni-170");
      await row.waitFor();
      expect(await row.locator("s").count()).toBeGreaterThan(0);
      const text = await row.innerText();
      expect(text).toContain("Omitted — replaced by NI 159");
      expect(await row.locator('a[href="/agreements/kent-ka2/indicators/ni-159"]').count()).toBeGreaterThan(0);
      expect(await row.locator(".omitted__reason").count()).toBe(1);
    } finally {
      await close();
    }
  });

  it("gives the position summary as at 1 May 2008: 2 agreed, 23 under discussion, 10 after the deadline, 35 in all, 16 DCSF", async () => {
    const { page, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2"));
      await page.getByLabel("Position as at").fill("2008-05-01");
      await page.getByRole("button", { name: "Show position" }).click();
      await expect.poll(() => page.url()).toContain("asAt=2008-05-01");
      const table = page.locator("table.summary-table");
      await expect.poll(() => table.locator("caption").innerText()).toContain("1 May 2008");
      const value = (label: RegExp) => table.locator("tr", { has: page.locator("th", { hasText: label }) }).locator("td").innerText();
      expect(await value(/^Agreed with the Government Office$/)).toBe("2");
      expect(await value(/under discussion/)).toBe("23");
      expect(await value(/Unlikely to be agreed before the deadline/)).toBe("10");
      expect(await value(/Total designated/)).toBe("35");
      expect(await value(/Statutory education and early years indicators still to be agreed/)).toBe("16");
    } finally {
      await close();
    }
  });

  it("filters by theme, negotiation status and partner, keeps the filters in the address and updates the live count", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2"));
      const all = await shownCount(page);
      expect(all.shown).toBe(all.total);
      expect(all.total).toBeGreaterThanOrEqual(51);
      expect(await page.locator(".result-count").getAttribute("aria-live")).toBe("polite");

      await page.getByLabel("Theme", { exact: true }).selectOption({ label: "Economic Success" });
      await expect.poll(async () => (await shownCount(page)).shown).toBeLessThan(all.total);
      const byTheme = await shownCount(page);
      expect(byTheme.shown).toBeGreaterThan(0);
      expect(page.url()).toContain("theme=economic-success");
      expect(await page.locator("main section.theme > h2").allInnerTexts()).toEqual(["Economic Success"]);

      await page.getByLabel("Theme", { exact: true }).selectOption({ label: "All themes" });
      await page.getByLabel("Negotiation status").selectOption("agreed-with-government-office");
      await expect.poll(async () => (await shownCount(page)).shown).toBe(2);
      expect(page.url()).toContain("status=agreed-with-government-office");

      await page.getByLabel("Negotiation status").selectOption("");
      await page.getByLabel("Partner organisation").selectOption({ label: "Kent Police" });
      await expect.poll(async () => (await shownCount(page)).shown).toBeLessThan(all.total);
      const byPartner = await shownCount(page);
      expect(byPartner.shown).toBeGreaterThan(0);
      expect(page.url()).toMatch(/partner=kent-police/);
      // Every row shown names Kent Police as a partner.
      const partnerCells = await page.locator("table.template-table tbody tr .partners").allInnerTexts();
      expect(partnerCells.length).toBe(byPartner.shown);
      for (const cell of partnerCells) expect(cell).toContain("Kent Police");

      // The address carries the filter: a reload shows the same view.
      await page.reload();
      await page.locator("h1").waitFor();
      await expect.poll(async () => (await shownCount(page)).shown).toBe(byPartner.shown);
      expect(await page.getByLabel("Partner organisation").inputValue()).toBe("kent-police");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("indicator page", () => {
  it("shows NI 47: baseline, targets as written and computed, status history and partners by role", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2/indicators/ni-47"));
      expect(await page.locator("h1").innerText()).toMatch(/^NI 47\*.*People killed or seriously injured in road traffic accidents$/s);
      expect(await page.title()).toContain("NI 47");
      const main = page.locator("main");
      const text = await main.innerText();
      expect(text).toContain("Designated improvement target");
      expect(text).toContain("Keeping Kent Moving");
      const baseline = page.locator("section", { has: page.locator("h2", { hasText: "Baseline" }) });
      expect(await baseline.innerText()).toContain("1183");
      const targets = page.locator("section", { has: page.locator("h2", { hasText: "Targets" }) });
      const targetText = await targets.innerText();
      expect(targetText).toContain("2010/11");
      expect(targetText).toContain("Proposed at 592 (50% reduction)");
      expect(targetText).toContain("591.5");
      const history = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Negotiation", exact: true }) });
      const historyText = await history.innerText();
      expect(historyText).toContain("1 May 2008");
      expect(historyText).toContain("Government Office");
      const partners = page.locator("section", { has: page.locator("h2", { hasText: "Partners" }) });
      expect(await partners.locator(".lead-partner").textContent()).toBe("Kent County Council* (lead)");
      expect(await partners.innerText()).toContain("Non-statutory partners");
      expect(await page.locator('nav[aria-label="Breadcrumb"] a[href="/agreements/kent-ka2"]').count()).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
