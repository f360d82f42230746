/**
 * Issue 7 point 15 in the browser: statuses that agree with the position summary (the DCSF
 * targets are with the department), an approved agreement's indicators shown as approved, a key
 * to the template's marks, a 404 said in words, and a councillor's account page without the API
 * tokens and server command their role cannot use. axe checks each page.
 */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, gotoPage } from "./support/browser.js";
import { openSignedIn, useProduct } from "./support/product.js";

const product = useProduct();

describe("labels a council officer can trust", () => {
  it("badges the DCSF statutory targets as with the department, as the summary counts them, and keys the marks", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2"));
      const dcsf = page.locator("section.theme", { has: page.getByRole("heading", { level: 2, name: "DCSF Statutory Indicators" }) });
      const badges = await dcsf.locator("table .flag").allTextContents();
      expect(badges.length).toBeGreaterThanOrEqual(16);
      expect(badges.filter((text) => /Government Office/.test(text))).toEqual([]);
      // The flags carry the document's words, which name the department.
      expect(badges.filter((text) => /under discussion with DCSF/i.test(text))).toHaveLength(16);
      const key = page.getByRole("complementary", { name: "Key" });
      expect(await key.textContent()).toContain("in the National Indicator Set");
      expect(await key.textContent()).toContain("lead partner");
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("shows Kent Agreement 1's indicators as in the approved agreement, not as not started, and explains LPSA2 and SIP", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka1"));
      const key = page.getByRole("complementary", { name: "Key" });
      expect(await key.textContent()).toMatch(/LPSA2.*Local Public Service Agreement 2/s);
      expect(await key.textContent()).toMatch(/SIP.*Supporting Independence Programme/s);
      await gotoPage(page, product.url("/agreements/kent-ka1/indicators/ka1-16-1"));
      const main = (await page.locator("main").textContent()) ?? "";
      expect(main).not.toContain("Not started");
      expect(main).toContain("In the approved agreement");
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("says in words what was not found, without naming a field", async () => {
    const { page, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2/indicators/ni-999"));
      const alert = page.getByRole("alert").first();
      await alert.waitFor();
      const text = (await alert.textContent()) ?? "";
      expect(text).toMatch(/could not find/i);
      expect(text).not.toMatch(/problem is with/i);
      expect(text).not.toMatch(/\bkey\b/);
      await expectNoAxeViolations(page);
    } finally {
      await close();
    }
  });

  it("does not offer a councillor API tokens or a server command", async () => {
    const { page, problems, close } = await openSignedIn(product, "viewer", "/account");
    try {
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await page.getByRole("heading", { level: 2, name: "Change your password" }).waitFor();
      expect(await page.getByRole("heading", { name: "API tokens" }).count()).toBe(0);
      expect((await page.locator("main").textContent()) ?? "").not.toContain("accord users");
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("still offers the manager API tokens and the command that revokes them", async () => {
    const { page, close } = await openSignedIn(product, "manager", "/account");
    try {
      await page.getByRole("heading", { level: 2, name: "API tokens" }).waitFor();
      expect((await page.locator("main").textContent()) ?? "").toContain("accord users token revoke");
    } finally {
      await close();
    }
  });
});
