/**
 * Issue 9 point 3 in the browser (Chromium, axe): the partnership office opens, closes and
 * publishes a monitoring round from its pages with the keyboard alone, asked first before the
 * steps that cannot be undone and told what happened; a viewer and the public are offered none
 * of it, and the server refuses them anyway.
 */
import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { expectNoAxeViolations, gotoPage } from "./support/browser.js";
import { openSignedIn, useProduct } from "./support/product.js";
import { apiAs } from "./support/api.js";
import { demoAccounts } from "./support/session.js";

const product = useProduct();
const ka2 = "/api/agreements/kent-ka2";

/** Presses Tab (at most 300 times) until the element is focused, as a keyboard-only person would. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  await target.waitFor();
  for (let presses = 0; presses < 300; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("Tab never reached the element");
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? "");
const said = async (page: Page) => (await page.getByRole("status").allInnerTexts()).join(" ");
const alerts = async (page: Page) => (await page.getByRole("alert").allInnerTexts()).join(" ");

describe("a manager's round controls", () => {
  it("open 2010/11 H2 from the dashboard, then close and publish it from its page, each asked first, by keyboard alone", async () => {
    const { page, problems, close } = await openSignedIn(product, "manager", "/agreements/kent-ka2/performance", { expectedStatuses: [409] });
    try {
      await page.getByRole("heading", { name: "Open a round for a period" }).waitFor();
      await expectNoAxeViolations(page);
      // An empty period is named before anything is sent.
      await tabTo(page, page.getByRole("button", { name: "Open the round" }));
      await page.keyboard.press("Enter");
      await expect.poll(() => alerts(page)).toMatch(/Enter the period the round reports on/);

      // One round per period: the demo's open 2009/10 H1 cannot be opened again.
      await tabTo(page, page.getByLabel("Period", { exact: true }));
      await page.keyboard.type("2009/10 H1");
      await tabTo(page, page.getByRole("button", { name: "Open the round" }));
      await page.keyboard.press("Enter");
      await expect.poll(() => alerts(page)).toMatch(/already a monitoring round for 2009\/10 H1/);
      expect(await page.getByLabel("Period", { exact: true }).getAttribute("aria-invalid")).toBe("true");

      await tabTo(page, page.getByLabel("Period", { exact: true }));
      await page.keyboard.press("Control+A");
      await page.keyboard.type("2010/11 H2");
      await tabTo(page, page.getByRole("button", { name: "Open the round" }));
      await page.keyboard.press("Enter");
      // Six weeks after 31 March 2011.
      await expect.poll(() => said(page), { timeout: 15_000 }).toMatch(/The 2010\/11 H2 round is open; returns are due by 12 May 2011/);
      await expect.poll(() => page.getByLabel("Monitoring round").locator("option").allInnerTexts()).toContain("2010/11 H2 (open)");
      await expectNoAxeViolations(page);

      await tabTo(page, page.getByRole("link", { name: "Returns for 2010/11 H2" }).last());
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/agreements\/kent-ka2\/rounds\/2010-11-h2$/);
      await page.getByRole("heading", { name: "Manage the round" }).waitFor();
      expect(await page.locator(".facts").innerText()).toMatch(/Round\s+Open/);

      // Closing asks first; the safe choice has the focus, and Escape leaves the round open.
      await tabTo(page, page.getByRole("button", { name: "Close the round…" }));
      await page.keyboard.press("Enter");
      const closing = page.getByRole("dialog", { name: "Close the 2010/11 H2 round?" });
      await closing.waitFor();
      expect(await closing.innerText()).toMatch(/cannot be opened again[\s\S]*returns are not yet accepted/);
      expect(await focusedText(page)).toBe("Keep it open");
      await expectNoAxeViolations(page);
      await page.keyboard.press("Escape");
      await closing.waitFor({ state: "hidden" });
      expect(await focusedText(page)).toBe("Close the round…");
      expect(await page.locator(".facts").innerText()).toMatch(/Round\s+Open/);

      await page.keyboard.press("Enter");
      await closing.waitFor();
      await page.keyboard.press("Shift+Tab");
      expect(await focusedText(page)).toBe("Yes, close the round");
      await page.keyboard.press("Enter");
      await expect.poll(() => said(page), { timeout: 15_000 }).toMatch(/The 2010\/11 H2 round is closed: no return or value in it can be changed/);
      await expect.poll(() => page.locator(".facts").innerText()).toMatch(/Round\s+Closed, not yet published/);
      expect(await focusedText(page)).toBe("Manage the round");
      await expectNoAxeViolations(page);

      await tabTo(page, page.getByRole("button", { name: "Publish the round…" }));
      await page.keyboard.press("Enter");
      const publishing = page.getByRole("dialog", { name: "Publish the 2010/11 H2 round?" });
      await publishing.waitFor();
      expect(await publishing.innerText()).toMatch(/Anyone, signed in or not[\s\S]*cannot be undone/);
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Enter");
      await expect.poll(() => said(page), { timeout: 15_000 }).toMatch(/The 2010\/11 H2 round is published: anyone can now read/);
      await expect.poll(() => page.locator(".facts").innerText()).toMatch(/Round\s+Published/);
      expect(await page.getByRole("button", { name: /Close the round|Publish the round/ }).count()).toBe(0);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }

    // The public now reads the published round, with nothing to manage.
    const visitor = await product.open();
    try {
      await gotoPage(visitor.page, product.url("/agreements/kent-ka2/rounds/2010-11-h2"));
      await visitor.page.getByRole("heading", { level: 1, name: "Returns for 2010/11 H2" }).waitFor();
      expect(await visitor.page.getByRole("heading", { name: "Manage the round" }).count()).toBe(0);
      await expectNoAxeViolations(visitor.page);
      expect(visitor.problems).toEqual([]);
    } finally {
      await visitor.close();
    }
  }, 180_000);
});

describe("a viewer and the public", () => {
  it("are offered no round controls, and the server refuses them (403 for the viewer, 401 signed out)", async () => {
    const { page, problems, close } = await openSignedIn(product, "viewer", "/agreements/kent-ka2/rounds/2009-10-h1");
    try {
      await page.getByRole("heading", { level: 1, name: "Returns for 2009/10 H1" }).waitFor();
      await page.getByTestId("return-counts").waitFor();
      await page.waitForLoadState("networkidle");
      expect(await page.getByRole("heading", { name: "Manage the round" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: /Close the round|Publish the round/ }).count()).toBe(0);
      await gotoPage(page, product.url("/agreements/kent-ka2/performance"));
      await page.getByRole("heading", { level: 1, name: "Performance" }).waitFor();
      await page.getByTestId("rag-counts").waitFor();
      await page.waitForLoadState("networkidle");
      expect(await page.getByRole("heading", { name: "Open a round for a period" }).count()).toBe(0);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }

    const visitor = await product.open();
    try {
      await gotoPage(visitor.page, product.url("/agreements/kent-ka2/performance"));
      await visitor.page.getByTestId("rag-counts").waitFor();
      await visitor.page.waitForLoadState("networkidle");
      expect(await visitor.page.getByRole("heading", { name: "Open a round for a period" }).count()).toBe(0);
      expect(visitor.problems).toEqual([]);
    } finally {
      await visitor.close();
    }

    // Whatever a page shows, the server decides: a viewer's requests are refused and nothing moves.
    const viewer = await apiAs(product, demoAccounts.viewer.email);
    try {
      const round = (await (await viewer.request.get(product.url(`${ka2}/rounds/2009-10-h1`))).json()) as { version: number; status: string };
      expect(round.status).toBe("open");
      const token = (await (await viewer.request.get(product.url("/api/session"))).json()) as { csrfToken: string };
      const headers = { "x-csrf-token": token.csrfToken };
      const attempts = [
        { path: `${ka2}/rounds`, data: { period: "2011/12 H1" } },
        { path: `${ka2}/rounds/2009-10-h1/close`, data: { version: round.version } },
        { path: `${ka2}/rounds/2008-09-h2/publish`, data: { version: 1 } },
      ];
      for (const attempt of attempts) {
        const answer = await viewer.request.post(product.url(attempt.path), { data: attempt.data, headers });
        expect(answer.status(), `${attempt.path}: ${await answer.text()}`).toBe(403);
        expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(/Only a manager of the agreement may open, close or publish a monitoring round/);
      }
      const after = (await (await viewer.request.get(product.url(`${ka2}/rounds/2009-10-h1`))).json()) as { version: number; status: string };
      expect(after).toMatchObject({ status: "open", version: round.version });
      const rounds = (await (await viewer.request.get(product.url(`${ka2}/rounds`))).json()) as { rounds: { key: string }[] };
      expect(rounds.rounds.map((one) => one.key)).not.toContain("2011-12-h1");
    } finally {
      await viewer.close();
    }
    const signedOut = await product.browser.newContext();
    try {
      const answer = await signedOut.request.post(product.url(`${ka2}/rounds/2009-10-h1/close`), { data: { version: 1 } });
      expect(answer.status(), await answer.text()).toBe(401);
    } finally {
      await signedOut.close();
    }
  }, 120_000);
});
