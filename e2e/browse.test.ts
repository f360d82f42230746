import { describe, expect, it } from "vitest";
import { gotoPage } from "./support/browser.js";
import { useProduct } from "./support/product.js";

const product = useProduct();

describe("home page", () => {
  it("lists both Kent agreements with links to them", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/"));
      expect(await page.title()).toContain("Accord");
      const agreements = page.locator("main .card-list > li");
      await expect.poll(() => agreements.count()).toBe(2);
      expect(await page.locator('main a[href="/agreements/kent-ka1"]').count()).toBeGreaterThan(0);
      expect(await page.locator('main a[href="/agreements/kent-ka2"]').count()).toBeGreaterThan(0);
      const text = await page.locator("main").innerText();
      expect(text).toContain("Kent Agreement 2");
      expect(text).toContain("2008/09 to 2010/11");
      expect(text).toMatch(/35 designated improvement targets/);
      expect(await page.locator('main a[href="/indicators"]').count()).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("indicator catalogue", () => {
  it("lists indicator definitions with where each is used, and filters them", async () => {
    const { page, problems, close } = await product.open();
    try {
      // The catalogue comes a page at a time: the address finds NI 47 wherever it falls.
      await gotoPage(page, product.url("/indicators?q=NI%2047"));
      expect(await page.title()).toBe("Indicator catalogue — Accord");
      const row = page.locator("tbody tr", { has: page.locator("th").getByRole("link", { name: "NI 47", exact: true }) });
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.innerText()).toContain("road traffic");
      expect(await row.locator('a[href="/agreements/kent-ka2/indicators/ni-47"]').count()).toBe(1);

      const count = page.locator(".result-count");
      const before = await count.innerText();
      await page.getByLabel("Code or title contains").fill("seriously injured");
      await expect.poll(() => count.innerText()).not.toBe(before);
      expect(await count.innerText()).toMatch(/^Showing 1 to \d+ of \d+ indicators?$/);
      await expect.poll(() => page.url()).toContain("q=seriously");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("when something is missing or fails", () => {
  it("shows a not-found page for an address that does not exist", async () => {
    const { page, close } = await product.open();
    try {
      await gotoPage(page, product.url("/no-such-page"));
      expect(await page.locator("h1").innerText()).toBe("Page not found");
      expect(await page.title()).toBe("Page not found — Accord");
    } finally {
      await close();
    }
  });

  it("says so, as an alert, when the agreement does not exist", async () => {
    const { page, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/no-such-agreement"));
      expect(await page.locator("h1").innerText()).toBe("Not found");
      const alert = page.getByRole("alert");
      await alert.waitFor();
      expect(await alert.innerText()).toContain("We could not find");
    } finally {
      await close();
    }
  });

  it("shows an alert when the API fails", async () => {
    const { page, close } = await product.open();
    try {
      await page.route("**/api/agreements", (route) =>
        route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: { code: "INTERNAL", message: "The database is not available" } }) }),
      );
      await gotoPage(page, product.url("/"));
      const alert = page.getByRole("alert");
      await alert.waitFor({ timeout: 30_000 });
      expect(await alert.innerText()).toContain("The database is not available");
    } finally {
      await close();
    }
  });
});

describe("content security policy", () => {
  it("sends a CSP without inline scripts, and the app runs even with inline styles forbidden too", async () => {
    const response = await fetch(product.url("/agreements/kent-ka2"));
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toMatch(/script-src 'self'(;|$)/);

    const { page, problems, close } = await product.open();
    try {
      // Tighten style-src to 'self': Mantine's <style> tags are switched off, so nothing should break.
      await page.route("**/*", async (route) => {
        const original = await route.fetch();
        const headers = { ...original.headers() };
        const current = headers["content-security-policy"];
        if (current) headers["content-security-policy"] = current.replace(/style-src [^;]*/, "style-src 'self'");
        await route.fulfill({ response: original, headers });
      });
      for (const path of ["/", "/agreements/kent-ka2", "/agreements/kent-ka1/outcomes/9"]) {
        await gotoPage(page, product.url(path));
        await page.waitForLoadState("networkidle");
        expect(await page.evaluate(() => document.querySelectorAll("style").length)).toBe(0);
      }
      expect(problems.filter((problem) => /Content Security Policy|Refused/i.test(problem))).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
