/**
 * An installation without the demo (`accord migrate` then `accord serve` on an empty database)
 * must not show the demo password or accounts on its sign-in page.
 */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, gotoPage } from "./support/browser.js";
import { useProduct } from "./support/product.js";

const product = useProduct({ demo: false });

describe("sign-in page without the demo", () => {
  it("shows no demo hint: no demonstration accounts and no password", async () => {
    const options = (await (await fetch(product.url("/api/session/options"))).json()) as { demo: boolean; demoPassword: string | null };
    expect(options).toMatchObject({ demo: false, demoPassword: null });

    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/sign-in"));
      await page.waitForLoadState("networkidle");
      await page.getByLabel("E-mail address").waitFor();
      const text = await page.locator("main").innerText();
      expect(text).not.toContain("Demonstration accounts");
      expect(text).not.toContain("kent-demo-2008");
      expect(text).not.toContain("@kent-partnership.example");
      expect(await page.getByRole("heading", { name: "Demonstration accounts" }).count()).toBe(0);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
