/**
 * Issue 7 point 21 "link every code" in the browser: on the choose-indicators page and a
 * district's page each indicator's code opens its catalogue entry (a 24 px target beside the
 * title's link to the indicator page), as on the agreement page; and the catalogue entry of an
 * indicator an agreement replaced names and links its successor there (KA2: NI 170 by NI 159),
 * and the successor its predecessor. axe checks each page.
 */
import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { expectNoAxeViolations, gotoPage } from "./support/browser.js";
import { useProduct } from "./support/product.js";
import { demoAccounts, demoPassword } from "./support/session.js";

const product = useProduct();

async function signIn(page: Page, email: string): Promise<string> {
  const response = await page.context().request.post(product.url("/api/session"), { data: { email, password: demoPassword } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

/** Each catalogue link in the region: where it goes, what it says, and its size on screen. */
async function catalogueLinks(region: Locator) {
  const links = region.locator('a[href^="/indicators/"]');
  const found: { href: string; text: string; width: number; height: number }[] = [];
  for (const link of await links.all()) {
    const box = await link.boundingBox();
    found.push({ href: (await link.getAttribute("href")) ?? "", text: (await link.innerText()).trim(), width: box?.width ?? 0, height: box?.height ?? 0 });
  }
  return found;
}

describe("indicator codes link to their catalogue entries", () => {
  it("on the choose-indicators page, every indicator's code opens its catalogue entry", async () => {
    const { page, problems, close } = await product.open();
    try {
      await signIn(page, demoAccounts.manager.email);
      await gotoPage(page, product.url("/agreements/kent-ka2/indicators/choose"));
      const choices = page.locator("li.choice[data-indicator]");
      await expect.poll(() => choices.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(52);
      for (const choice of await choices.all()) {
        const key = (await choice.getAttribute("data-indicator")) ?? "";
        const links = await catalogueLinks(choice);
        expect(links.map((link) => link.href), key).toContain(`/indicators/${key}`);
        const code = links.find((link) => link.href === `/indicators/${key}`);
        expect(code?.text, key).toMatch(/^NI \d+/);
        expect(code?.height ?? 0, key).toBeGreaterThanOrEqual(24);
        expect(code?.width ?? 0, key).toBeGreaterThanOrEqual(24);
        // The title still opens the indicator's own page.
        expect(await choice.locator(`a[href="/agreements/kent-ka2/indicators/${key}"]`).count(), key).toBe(1);
      }
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it("on a district's page, each supported indicator's code opens its catalogue entry", async () => {
    const { page, problems, close } = await product.open();
    try {
      const csrf = await signIn(page, demoAccounts.lsp.email);
      const plan = "/api/agreements/kent-ka2/districts/E07000114/local-action-plan";
      const current = (await (await page.context().request.get(product.url(plan))).json()) as { version?: number | null };
      const saved = await page.context().request.put(product.url(plan), {
        data: { summary: "Thanet will cut road casualties and raise skills.", supportedIndicators: ["ni-47", "ni-163"], ...(current.version ? { version: current.version } : {}) },
        headers: { "x-csrf-token": csrf },
      });
      expect(saved.status(), await saved.text()).toBe(200);
      await gotoPage(page, product.url("/agreements/kent-ka2/districts/E07000114"));
      const supported = page.locator("section", { has: page.getByRole("heading", { name: "Indicators the district supports" }) });
      await supported.locator("li").first().waitFor();
      const links = await catalogueLinks(supported);
      expect(links.map((link) => link.href)).toEqual(["/indicators/ni-47", "/indicators/ni-163"]);
      expect(links.map((link) => link.text.split(/[\s*,]+catalogue|\*/)[0])).toEqual(["NI 47", "NI 163"]);
      for (const link of links) expect(Math.min(link.width, link.height), link.href).toBeGreaterThanOrEqual(24);
      expect(await supported.locator('a[href="/agreements/kent-ka2/indicators/ni-47"]').count()).toBe(1);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it("names NI 159 as NI 170's successor in Kent Agreement 2 on NI 170's catalogue entry, and NI 170 as NI 159's predecessor", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/indicators/ni-170"));
      const usedIn = page.locator("section", { has: page.getByRole("heading", { name: "Agreements that use it" }) });
      await expect.poll(() => usedIn.innerText(), { timeout: 15_000 }).toMatch(/NI 170 in KA2.*omitted\).*replaced there by NI 159/s);
      await usedIn.getByRole("link", { name: "NI 159", exact: true }).click();
      await page.waitForURL(/\/indicators\/ni-159$/);
      const successor = page.locator("section", { has: page.getByRole("heading", { name: "Agreements that use it" }) });
      await expect.poll(() => successor.innerText(), { timeout: 15_000 }).toMatch(/NI 159 in KA2.*replaces NI 170/s);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);
});
