/**
 * Baselines on the indicator page (the accountable officer, with the version read sent back) and
 * a manager's choice of indicators: the 35-designated limit shown beside the kind, a replacement
 * kept with its link, a local indicator added and removed after confirming; and a viewer who is
 * offered none of it. Tests run in order and build on each other's changes.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { gotoPage, type OpenPage } from "./support/browser.js";
import { openSignedIn, useProduct } from "./support/product.js";
import type { DemoRole } from "./support/session.js";

const product = useProduct();

const openAs = (role: DemoRole, path: string, options: { expectedStatuses?: number[] } = {}): Promise<OpenPage> => openSignedIn(product, role, path, options);

const section = (page: Page, heading: string) => page.locator("section", { has: page.getByRole("heading", { level: 2, name: heading, exact: true }) });

/** The message Mantine shows beside a field (the element its aria-describedby names for the error). */
async function errorBeside(page: Page, label: string): Promise<string> {
  const field = page.getByLabel(label, { exact: true });
  const described = (await field.getAttribute("aria-describedby")) ?? "";
  const errorId = described.split(" ").find((id) => id.endsWith("-error"));
  if (!errorId) return "";
  return page.locator(`[id="${errorId}"]`).innerText();
}

describe("baselines on the indicator page", () => {
  it("lets the officer set NI 47's baseline and shows a stale second copy the 409 message, keeping what was typed", async () => {
    const first = await openAs("officer", "/agreements/kent-ka2/indicators/ni-47");
    const second = await openAs("manager", "/agreements/kent-ka2/indicators/ni-47", { expectedStatuses: [409] });
    try {
      const toggle = (page: Page) => section(page, "Baseline").getByRole("button", { name: /^Set the baseline/ }).first();
      const form = (page: Page) => section(page, "Baseline").getByRole("form", { name: /^Set the baseline/ }).first();
      await toggle(first.page).click();
      await toggle(second.page).click();
      expect(await form(second.page).getByLabel("Baseline value").inputValue()).toBe("1183");

      await form(first.page).getByLabel("Baseline value").fill("1,150");
      await form(first.page).getByLabel("Period (optional)").fill("2005–2007 average");
      await form(first.page).getByLabel("Baseline as written").fill("1150 (2005–07 average)");
      await form(first.page).getByRole("button", { name: /^Save the baseline/ }).click();
      await first.page.getByRole("status").filter({ hasText: "is saved: “1150 (2005–07 average)”" }).waitFor();
      const table = section(first.page, "Baseline").locator("table");
      await expect.poll(() => table.innerText()).toContain("1150 (2005–07 average)");
      expect(await table.innerText()).toContain("2005–2007 average");

      await form(second.page).getByLabel("Baseline value").fill("1160");
      await form(second.page).getByRole("button", { name: /^Save the baseline/ }).click();
      const conflict = form(second.page).getByRole("alert");
      await conflict.waitFor();
      const message = await conflict.innerText();
      expect(message).toContain("Someone else changed this baseline since you opened it");
      expect(message).toContain("It is now 1150");
      expect(message).toContain("review it and save again");
      expect(await form(second.page).getByLabel("Baseline value").inputValue()).toBe("1160");
      expect(first.problems).toEqual([]);
      expect(second.problems).toEqual([]);
    } finally {
      await first.close();
      await second.close();
    }
  });
  it("lets a manager say NI 171's baseline is not available yet, and shows the server's message once a baseline is set meanwhile", async () => {
    const { page, problems, close } = await openAs("manager", "/agreements/kent-ka2/indicators/ni-171", { expectedStatuses: [409] });
    try {
      const baseline = section(page, "Baseline");
      await baseline.getByRole("button", { name: "Baseline not available yet" }).click();
      const form = baseline.getByRole("form", { name: "Baseline not available yet" });
      expect(await form.getByLabel("Why the baseline cannot be set yet").inputValue()).toBe("Baseline data not available until November 2008");
      await form.getByLabel("Why the baseline cannot be set yet").fill("Baseline data not available until December 2008");
      await form.getByLabel("Expected by (optional)").fill("2008-12-31");
      await form.getByLabel("As written in the agreement (optional)").fill("Available December 2008");
      await form.getByRole("button", { name: "Record that the baseline is not available yet" }).click();
      await baseline.getByRole("status").filter({ hasText: "Recorded: the baseline is not available yet (Available December 2008)." }).waitFor({ timeout: 10_000 });
      await expect.poll(() => baseline.innerText()).toContain("As written: Available December 2008");

      // Someone sets the baseline meanwhile (through the API, with the session's CSRF token).
      await baseline.getByRole("button", { name: "Baseline not available yet" }).click();
      const request = page.context().request;
      const session = (await (await request.get(product.url("/api/session"))).json()) as { csrfToken: string };
      const put = await request.put(product.url("/api/agreements/kent-ka2/indicators/ni-171/baselines"), {
        headers: { "x-csrf-token": session.csrfToken },
        data: { component: "all", value: "41.5", written: "41.5 per 10,000 adults" },
      });
      expect(put.status(), await put.text()).toBe(200);
      await form.getByRole("button", { name: "Record that the baseline is not available yet" }).click();
      await expect.poll(() => form.getByRole("alert").innerText()).toContain("NI 171 already has a baseline");
      expect(await form.getByLabel("Why the baseline cannot be set yet").inputValue()).toBe("Baseline data not available until December 2008");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("choosing indicators", () => {
  it("shows the manager the 35-designated limit beside the kind field when adding a 36th", async () => {
    const { page, problems, close } = await openAs("manager", "/agreements/kent-ka2");
    try {
      await page.getByRole("link", { name: "Change the indicators" }).click();
      await page.locator("h1", { hasText: "Change the indicators" }).waitFor();
      const add = section(page, "Add an indicator");
      const catalogue = add.getByLabel("Indicator from the catalogue");
      await expect.poll(() => catalogue.locator("option").count()).toBeGreaterThan(0);
      await catalogue.selectOption("NI 1");
      await add.getByLabel("Kind", { exact: true }).selectOption("designated");
      await add.getByRole("button", { name: "Add the indicator" }).click();
      await add.getByRole("alert").waitFor();
      await expect.poll(() => errorBeside(page, "Kind")).toContain("at most 35 designated improvement indicators");
      expect(await add.getByLabel("Kind", { exact: true }).getAttribute("aria-invalid")).toBe("true");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("replaces NI 154 with NI 1, giving the reason, and shows NI 154 as omitted, replaced by NI 1", async () => {
    const { page, problems, close } = await openAs("manager", "/agreements/kent-ka2/indicators/choose");
    try {
      const item = page.locator('li[data-indicator="ni-154"]');
      await item.getByRole("button", { name: "Replace NI 154 with…" }).click();
      const form = item.getByRole("form", { name: "Replace NI 154" });
      await form.getByLabel("Replace NI 154 with (indicator code)").fill("NI 1");
      await form.getByLabel("Why NI 154 is replaced").fill("The partnership agreed to focus on cohesion instead.");
      await form.getByRole("button", { name: "Replace NI 154" }).click();
      await item.getByRole("status").filter({ hasText: "NI 154 is replaced by NI 1." }).waitFor();
      await expect.poll(() => item.innerText()).toContain("Omitted — replaced by NI 1");
      expect(await item.getByRole("button", { name: "Replace NI 154 with…" }).count()).toBe(0);

      await gotoPage(page, product.url("/agreements/kent-ka2/indicators/ni-154"));
      await expect.poll(() => page.locator(".page-heading").innerText()).toContain("Omitted — replaced by NI 1");
      expect(await page.locator(".page-heading").innerText()).toContain("The partnership agreed to focus on cohesion instead.");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("adds a local indicator and removes it after a confirmation step", async () => {
    const { page, problems, close } = await openAs("manager", "/agreements/kent-ka2/indicators/choose");
    try {
      const add = section(page, "Add an indicator");
      await add.getByLabel("Where the indicator comes from").selectOption("local");
      await add.getByLabel("Local indicator code").fill("LI 99");
      await add.getByLabel("Local indicator title").fill("Volunteering hours in Kent libraries");
      await add.getByLabel("Kind", { exact: true }).selectOption("local");
      await add.getByRole("button", { name: "Add the indicator" }).click();
      await add.getByRole("status").filter({ hasText: "LI 99 is added to the agreement" }).waitFor();

      const item = page.locator("li.choice", { hasText: "Volunteering hours in Kent libraries" });
      await item.waitFor();
      await item.getByRole("button", { name: "Remove LI 99" }).click();
      const confirm = item.getByRole("group", { name: "Confirm removing LI 99" });
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? "")).toContain("Remove LI 99 from the agreement?");
      await confirm.getByRole("button", { name: "Keep LI 99" }).click();
      expect(await confirm.count()).toBe(0);
      await item.getByRole("button", { name: "Remove LI 99" }).click();
      await item.getByRole("button", { name: "Yes, remove LI 99" }).click();
      await expect.poll(() => page.locator("li.choice", { hasText: "Volunteering hours in Kent libraries" }).count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("a viewer", () => {
  it("sees neither the baseline forms nor the choice of indicators", async () => {
    const { page, problems, close } = await openAs("viewer", "/agreements/kent-ka2/indicators/ni-47");
    try {
      await section(page, "Comments").getByLabel("Your comment").waitFor();
      expect(await page.getByRole("button", { name: /^Set the baseline/ }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Baseline not available yet" }).count()).toBe(0);
      expect(await page.getByRole("heading", { name: "Change the baseline" }).count()).toBe(0);

      await gotoPage(page, product.url("/agreements/kent-ka2"));
      await page.waitForLoadState("networkidle");
      expect(await page.getByRole("link", { name: "Change the indicators" }).count()).toBe(0);

      await gotoPage(page, product.url("/agreements/kent-ka2/indicators/choose"));
      await page.getByText("Only the agreement's managers can change its indicators.").waitFor();
      expect(await page.getByRole("button", { name: "Add the indicator" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: /^Replace / }).count()).toBe(0);
      expect(await page.getByRole("button", { name: /^Remove / }).count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
