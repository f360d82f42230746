import { describe, expect, it } from "vitest";
import { gotoPage } from "./support/browser.js";
import { useProduct } from "./support/product.js";

const product = useProduct();

describe("Kent LAA 2005–08 (outcomes-structured agreement)", () => {
  it("lists blocks with their numbered outcomes, keeps deleted outcome 15 and links to the freedoms register", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka1"));
      const blocks = await page.locator("main section.theme > h2").allInnerTexts();
      expect(blocks).toHaveLength(3);
      expect(blocks.join(" | ")).toMatch(/Children and Young People/);
      const outcomeLinks = page.locator('main a[href^="/agreements/kent-ka1/outcomes/"]');
      expect(await outcomeLinks.count()).toBeGreaterThanOrEqual(19);
      const nine = page.locator('main a[href="/agreements/kent-ka1/outcomes/9"]');
      expect(await nine.innerText()).toMatch(/^Outcome 9: To make Kent a safer place to work, live and travel/);
      const fifteen = page.locator('main a[href="/agreements/kent-ka1/outcomes/15"]');
      expect(await fifteen.innerText()).toBe("Outcome 15 — deleted");
      expect(await page.locator('main a[href="/agreements/kent-ka1/freedoms"]').count()).toBe(1);
      // The successor is linked from the heading.
      expect(await page.locator('main a[href="/agreements/kent-ka2"]').count()).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("shows outcome 9: block, LPSA2 flag, partners by role, primary and secondary indicators and related freedoms", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka1/outcomes/9"));
      expect(await page.locator("h1").innerText()).toMatch(/^Outcome 9: To make Kent a safer place to work, live and travel/);
      expect(await page.title()).toContain("Outcome 9");
      const text = await page.locator("main").innerText();
      expect(text).toContain("LPSA2");
      expect(text).toContain("Lead partner");
      const primary = page.locator("section", { has: page.locator("h2", { hasText: "Primary countywide indicators" }) });
      const primaryTable = primary.locator("table");
      expect(await primaryTable.locator("caption").innerText()).toContain("outcome 9");
      const headers = await primaryTable.locator("thead th").allInnerTexts();
      expect(headers).toEqual(["Indicator", "Data source", "Lead partner", "Other partners"]);
      const rows = await primaryTable.locator("tbody tr").count();
      expect(rows).toBeGreaterThanOrEqual(2);
      expect(rows).toBeLessThanOrEqual(5);
      const freedoms = page.locator("section", { has: page.locator("h2", { hasText: "Freedoms and flexibilities" }) });
      expect(await freedoms.locator('a[href^="/agreements/kent-ka1/freedoms"]').count()).toBeGreaterThanOrEqual(1);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("shows deleted outcome 15 as deleted, with its note", async () => {
    const { page, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka1/outcomes/15"));
      expect(await page.locator("h1").innerText()).toBe("Outcome 15 — deleted");
      const text = await page.locator("main").innerText();
      expect(text).toContain("was deleted from the agreement");
      expect(text).toMatch(/Cleaner|no longer exists/i);
    } finally {
      await close();
    }
  });
});

describe("freedoms and flexibilities register", () => {
  it("lists each freedom with problem, freedom sought, priority and the three benefits, and filters by priority and block", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka1/freedoms"));
      expect(await page.locator("h1").innerText()).toBe("Freedoms and flexibilities");
      const entries = page.locator("main article.freedom");
      const total = await entries.count();
      expect(total).toBeGreaterThan(3);
      const first = await entries.first().innerText();
      for (const label of ["Problem", "Freedom sought", "Priority:", "Benefits to central government", "Benefits to the agreement's partners", "Benefits to the community", "Applies to"]) {
        expect(first).toContain(label);
      }
      const count = page.locator(".result-count");
      expect(await count.innerText()).toBe(`Showing ${total} of ${total} freedoms`);

      await page.getByLabel("Priority").selectOption("essential");
      await expect.poll(() => page.url()).toContain("priority=essential");
      const essential = await entries.count();
      expect(essential).toBeGreaterThan(0);
      expect(essential).toBeLessThan(total);
      for (const text of await entries.allInnerTexts()) expect(text).toContain("Priority: Essential");
      expect(await count.innerText()).toBe(`Showing ${essential} of ${total} freedoms`);

      await page.getByLabel("Priority").selectOption("");
      await page.getByLabel("Block").selectOption({ index: 1 });
      await expect.poll(() => page.url()).toContain("block=");
      const inBlock = await entries.count();
      expect(inBlock).toBeGreaterThan(0);
      expect(inBlock).toBeLessThan(total);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
