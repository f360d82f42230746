/**
 * The browsable API documentation at /api/docs: served within the page's own Content Security
 * Policy (no violation reported), called Accord rather than carrying the stock Swagger branding,
 * and checked with axe like every other page.
 */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/browser.js";
import { useProduct } from "./support/product.js";

const product = useProduct();

describe("/api/docs", () => {
  it("shows Accord's API without breaking its Content Security Policy", async () => {
    const { page, problems, close } = await product.open();
    try {
      // Registered through the DevTools protocol, so the page's own policy does not block it.
      await page.addInitScript(() => {
        const seen: string[] = [];
        Object.assign(window, { cspViolations: seen });
        document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective}: ${event.blockedURI || "inline"}`));
      });
      const response = await page.goto(product.url("/api/docs"), { waitUntil: "domcontentloaded" });
      expect(response?.status()).toBe(200);
      expect(response?.headers()["content-security-policy"]).not.toMatch(/unsafe-inline/);
      await page.locator(".opblock").first().waitFor({ state: "visible", timeout: 30_000 });

      expect(await page.title()).toBe("Accord API");
      const heading = page.locator("h1, h2.title").first();
      expect(await heading.innerText()).toMatch(/^Accord API/);
      const text = await page.locator("body").innerText();
      expect(text).not.toMatch(/swagger/i);
      // The stock logo is an image in the top bar linking to swagger.io.
      expect(await page.locator('a[href*="swagger.io"], img[src*="logo"]').count()).toBe(0);
      expect(await page.locator(".topbar-wrapper svg, .topbar-wrapper img").count()).toBe(0);

      await page.locator(".opblock-summary").first().click();
      await page.locator(".opblock-body").first().waitFor({ state: "visible" });
      expect(await page.evaluate("window.cspViolations")).toEqual([]);
      expect(problems).toEqual([]);
      await expectNoAxeViolations(page);
    } finally {
      await close();
    }
  });
});
