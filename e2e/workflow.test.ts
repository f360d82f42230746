/**
 * The May 2008 workflow end to end, each person in their own browser context: the accountable
 * officer for NI 47 proposes, the Government Office counter-proposes, the officer revises, the
 * Government Office agrees; the position summary moves; Kent Police signs up to every designated
 * target; the manager's bulletin draft lists each step. axe checks each page on the way.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectNoAxeViolations, gotoPage, type OpenPage } from "./support/browser.js";
import { openSignedIn, useProduct } from "./support/product.js";
import { demoAccounts, type DemoRole } from "./support/session.js";

const product = useProduct();

const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

const openAs = (role: DemoRole, path: string, options: { expectedStatuses?: number[] } = {}): Promise<OpenPage> => openSignedIn(product, role, path, options);

async function reload(page: Page): Promise<void> {
  await page.reload({ waitUntil: "domcontentloaded" });
  await page.locator("h1").first().waitFor();
  await page.getByTestId("signed-in-name").waitFor();
  await page.waitForLoadState("networkidle");
}

const section = (page: Page, heading: string) => page.locator("section", { has: page.getByRole("heading", { level: 2, name: heading, exact: true }) });

/** The position summary as at today, from the agreement page. */
async function position(page: Page): Promise<{ agreed: number; underDiscussion: number }> {
  await gotoPage(page, product.url(`/agreements/kent-ka2?asAt=${today}`));
  const table = page.locator("table.summary-table");
  await table.waitFor();
  const count = async (label: string) => Number(await table.locator("tr", { has: page.locator(`th:text-is("${label}")`) }).locator("td").innerText());
  return {
    agreed: await count("Agreed with the Government Office"),
    underDiscussion: await count("Agreed between partners and under discussion with the Government Office"),
  };
}

async function propose(page: Page, wording: string): Promise<void> {
  const negotiation = section(page, "Negotiation");
  await negotiation.getByLabel("Proposed target for 2010/11").fill(wording);
  await expect.poll(() => negotiation.locator(".proposal-year .target-preview").nth(2).innerText()).toContain(`Reads as “${wording}”`);
  await negotiation.getByRole("button", { name: "Propose targets" }).click();
  await negotiation.getByRole("status").filter({ hasText: "Recorded: Proposal" }).waitFor();
}

describe("negotiate, sign up and report (the issue's acceptance)", () => {
  it("takes NI 47 from proposal to agreement, signs Kent Police up, and the bulletin draft lists each step", async () => {
    const visitor = await product.open();
    const officer = await openAs("officer", "/agreements/kent-ka2/indicators/ni-47");
    const government = await openAs("government", "/agreements/kent-ka2/indicators/ni-47");
    try {
      const before = await position(visitor.page);

      // The officer proposes.
      await expectNoAxeViolations(officer.page);
      await propose(officer.page, "45% reduction");
      const officerThread = section(officer.page, "Negotiation");
      await expect.poll(() => officerThread.locator(".negotiation-thread").innerText()).toContain("2010/11: “45% reduction”");

      // The Government Office counter-proposes, on the thread it now sees.
      await reload(government.page);
      const negotiation = section(government.page, "Negotiation");
      expect(await negotiation.locator(".negotiation-thread").innerText()).toContain("2010/11: “45% reduction”");
      await negotiation.getByLabel("What the Government Office says").selectOption("counter-proposal");
      await negotiation.getByLabel("Year of the counter-proposed target").selectOption("2010/11");
      await negotiation.getByLabel("Counter-proposed target", { exact: true }).fill("40% reduction");
      await negotiation.getByLabel("Note (optional)").fill("GOSE would accept 40%.");
      await negotiation.getByRole("button", { name: "Record position" }).click();
      await negotiation.getByRole("status").filter({ hasText: "Recorded: Counter-proposal" }).waitFor();

      // The officer revises: the two positions side by side, then a new proposal.
      await reload(officer.page);
      const sideBySide = officerThread.locator("table.side-by-side");
      const row = sideBySide.locator("tbody tr", { has: officer.page.locator('th:text-is("2010/11")') });
      await expect.poll(() => row.innerText()).toMatch(/45% reduction\s+40% reduction/);
      expect(await officerThread.locator(".negotiation-thread").innerText()).toContain("GOSE would accept 40%.");
      await propose(officer.page, "42% reduction");
      await expect.poll(() => row.innerText()).toMatch(/42% reduction\s+40% reduction/);

      // The Government Office agrees.
      await reload(government.page);
      await negotiation.getByLabel("What the Government Office says").selectOption("agreement-with-government-office");
      await negotiation.getByRole("button", { name: "Record position" }).click();
      await negotiation.getByRole("status").filter({ hasText: "NI 47 is now “Agreed with the Government Office”." }).waitFor();
      const thread = await negotiation.locator(".negotiation-thread").innerText();
      expect(thread).toContain("Government Office · Agreed with the Government Office");
      expect(thread).toContain(demoAccounts.government.name);
      await expectNoAxeViolations(government.page);

      // The position summary as at today moves by one.
      const after = await position(visitor.page);
      expect(after.agreed).toBe(before.agreed + 1);
      expect(after.underDiscussion).toBe(before.underDiscussion - 1);

      expect(officer.problems).toEqual([]);
      expect(government.problems).toEqual([]);
      expect(visitor.problems).toEqual([]);
    } finally {
      await visitor.close();
      await officer.close();
      await government.close();
    }

    // Kent Police signs up to every designated target.
    const partner = await openAs("partner", "/agreements/kent-ka2/sign-ups");
    try {
      await expectNoAxeViolations(partner.page);
      await partner.page.getByRole("button", { name: "Sign up to all designated targets…" }).click();
      const confirm = partner.page.getByRole("dialog", { name: /^Sign Kent Police up to \d+ designated targets\?$/ });
      await confirm.waitFor();
      await confirm.getByRole("button", { name: /^Yes, sign Kent Police up to \d+ targets$/ }).click();
      const status = partner.page.getByRole("status").filter({ hasText: "Kent Police is now signed up to" });
      await status.waitFor();
      expect(await status.innerText()).toContain("Duty to have regard");
      const row = partner.page.locator("table.sign-up-matrix tbody tr", { has: partner.page.locator("th", { hasText: "Kent Police" }) });
      await expect.poll(() => row.innerText()).toContain("Statutory");
      await expectNoAxeViolations(partner.page);
      expect(partner.problems).toEqual([]);
    } finally {
      await partner.close();
    }

    // The manager's bulletin draft lists each step.
    const manager = await openAs("manager", "/agreements/kent-ka2/bulletins");
    try {
      const draft = manager.page.locator("section", { has: manager.page.getByRole("heading", { level: 2, name: /^Draft of the next bulletin/ }) });
      await draft.locator(".bulletin").waitFor();
      const text = await draft.innerText();
      expect(text).toContain("NI 47: the partnership proposed 2010/11: 45% reduction");
      expect(text).toContain("NI 47: the Government Office counter-proposed 2010/11: 40% reduction");
      expect(text).toContain("NI 47: the partnership proposed 2010/11: 42% reduction");
      expect(text).toContain("NI 47: agreed with the Government Office");
      expect(text).toMatch(/Kent Police signed up as statutory partner/);
      const plain = await manager.page.getByLabel("Copy as plain text").inputValue();
      expect(plain).toContain("NI 47: agreed with the Government Office");
      expect(await manager.page.getByLabel("Copy as plain text").getAttribute("readonly")).not.toBeNull();
      await expectNoAxeViolations(manager.page);

      // The submission page: the check, the downloads and the manager's button.
      await gotoPage(manager.page, product.url("/agreements/kent-ka2/submission"));
      await manager.page.waitForLoadState("networkidle");
      for (const name of ["Download as Word document (DOCX)", "Download as Spreadsheet (XLSX)", "Download as Comma-separated values (CSV)", "Download as PDF", "Printable page"]) {
        expect(await manager.page.getByRole("link", { name }).count(), name).toBe(1);
      }
      await manager.page.getByRole("button", { name: "Submit to the Government Office" }).waitFor();
      await expectNoAxeViolations(manager.page);
      expect(manager.problems).toEqual([]);
    } finally {
      await manager.close();
    }
  });
});
