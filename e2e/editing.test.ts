/**
 * The indicator page for people with a role: targets changed one way, by a proposal in the
 * negotiation thread (previewed with the domain rules, sent with each target's version, in the
 * thread and the history under the person's name), a partner's sign-up
 * with the statutory duty, the Government Office's negotiation position, comments, and what a
 * role does not offer. Tests run in order and build on each other's changes.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectNoAxeViolations, gotoPage } from "./support/browser.js";
import { useProduct } from "./support/product.js";
import { demoAccounts, signInWithApi, type DemoRole } from "./support/session.js";

const product = useProduct();

async function openIndicatorAs(role: DemoRole, key: string, options: { expectedStatuses?: number[] } = {}) {
  const opened = await product.open(options);
  await signInWithApi(opened.page, product.baseUrl, demoAccounts[role].email);
  await gotoPage(opened.page, product.url(`/agreements/kent-ka2/indicators/${key}`));
  // The page offers what the person may do once it knows who they are.
  await opened.page.getByTestId("signed-in-name").waitFor();
  await opened.page.waitForLoadState("networkidle");
  return opened;
}

const section = (page: Page, heading: string) => page.locator("section", { has: page.getByRole("heading", { level: 2, name: heading, exact: true }) });
const targetRow = (page: Page, year: string) => section(page, "Targets").locator("tbody tr", { has: page.locator(`th:text-is("${year}")`) });

const today = new Date().toISOString().slice(0, 10);
const longToday = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${today}T00:00:00Z`));

describe("changing targets: one way, by proposing them in the negotiation thread", () => {
  it("previews NI 47's 2009/10 proposal as the officer types, warns when it is worse than the baseline, and the proposal is the target, in the thread and the history", async () => {
    const { page, problems, close } = await openIndicatorAs("officer", "ni-47");
    try {
      // One way: no per-year target forms beside the thread's proposal form.
      expect(await page.getByRole("heading", { name: "Change the targets" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: /^Edit target/ }).count()).toBe(0);
      const negotiation = section(page, "Negotiation");
      expect(await negotiation.innerText()).toContain("As the accountable officer you put NI 47's targets to the Government Office.");
      const field = negotiation.getByLabel("Proposed target for 2009/10");
      const preview = negotiation.locator(".proposal-year", { has: page.getByLabel("Proposed target for 2009/10") }).locator(".target-preview");
      await field.fill("25% increase");
      // Lower is better for road casualties: an increase is worse than the baseline of 1183.
      await expect.poll(() => preview.innerText()).toContain("Worse than the baseline");
      expect(await preview.innerText()).toContain("1478.75");
      await field.fill("25% reduction");
      await expect.poll(() => preview.innerText()).toContain("Reads as “25% reduction”, which works out at 887.25.");
      expect(await preview.innerText()).not.toContain("Worse than the baseline");
      expect(await preview.getAttribute("aria-live")).toBe("polite");

      await negotiation.getByRole("button", { name: "Propose targets" }).click();
      await negotiation.getByRole("status").filter({ hasText: `Recorded: Proposal, ${longToday}.` }).waitFor({ timeout: 15_000 });
      await expect.poll(() => targetRow(page, "2009/10").innerText()).toContain("25% reduction");
      expect(await targetRow(page, "2009/10").innerText()).toContain("887.25");
      const thread = await negotiation.locator(".negotiation-thread").innerText();
      expect(thread).toContain("2009/10: “25% reduction”");
      expect(thread).toContain(`recorded by ${demoAccounts.officer.name} on ${longToday}`);

      const change = section(page, "History of changes").locator('tbody tr[data-action="target.set"]').first();
      await change.waitFor({ timeout: 15_000 });
      const text = await change.innerText();
      expect(text).toContain(demoAccounts.officer.name);
      expect(text).toContain("Target for 2009/10 set");
      expect(text).toContain("“25% reduction”, works out at 887.25");
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("proposes a target with the keyboard alone", async () => {
    const { page, problems, close } = await openIndicatorAs("officer", "ni-47");
    try {
      const negotiation = section(page, "Negotiation");
      await negotiation.getByLabel("Proposed target for 2008/09").focus();
      await page.keyboard.type("1000");
      await page.keyboard.press("Enter");
      await negotiation.getByRole("status").filter({ hasText: "Recorded: Proposal" }).waitFor({ timeout: 15_000 });
      await expect.poll(() => targetRow(page, "2008/09").innerText()).toContain("1000");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("shows the officer for NI 47 no way to change NI 155's targets", async () => {
    const { page, close } = await openIndicatorAs("officer", "ni-155");
    try {
      await section(page, "Comments").getByLabel("Your comment").waitFor({ timeout: 15_000 });
      expect(await page.getByRole("heading", { name: "Propose targets" }).count()).toBe(0);
      expect(await page.getByRole("heading", { name: "Change the targets" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Propose targets" }).count()).toBe(0);
    } finally {
      await close();
    }
  });

  it("addresses the manager as the manager, and shows them a target changed since they opened the page, keeping what they typed", async () => {
    const first = await openIndicatorAs("officer", "ni-47");
    const second = await openIndicatorAs("manager", "ni-47", { expectedStatuses: [409] });
    try {
      const managerThread = section(second.page, "Negotiation");
      const words = await managerThread.innerText();
      expect(words).toContain("As the agreement manager you propose NI 47's targets on the partnership's behalf.");
      expect(words).not.toContain("As the accountable officer");

      const officerThread = section(first.page, "Negotiation");
      await officerThread.getByLabel("Proposed target for 2010/11").fill("45% reduction");
      await officerThread.getByRole("button", { name: "Propose targets" }).click();
      await officerThread.getByRole("status").filter({ hasText: "Recorded: Proposal" }).waitFor({ timeout: 15_000 });

      // The manager's page was read before the officer's proposal.
      await managerThread.getByLabel("Proposed target for 2010/11").fill("40% reduction");
      await managerThread.getByRole("button", { name: "Propose targets" }).click();
      const conflict = managerThread.getByRole("alert").filter({ hasText: "A target has changed since you opened this page" });
      await conflict.waitFor({ timeout: 15_000 });
      expect(await conflict.innerText()).toContain("it is now “45% reduction”");
      expect(await managerThread.getByLabel("Proposed target for 2010/11").inputValue()).toBe("40% reduction");
      await expectNoAxeViolations(second.page);

      // Proposing again, with the other change in view, goes through.
      await managerThread.getByRole("button", { name: "Propose targets" }).click();
      await managerThread.getByRole("status").filter({ hasText: "Recorded: Proposal" }).waitFor({ timeout: 15_000 });
      await expect.poll(() => targetRow(second.page, "2010/11").innerText()).toContain("40% reduction");
      expect(first.problems).toEqual([]);
      expect(second.problems).toEqual([]);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe("partners, the Government Office and viewers", () => {
  it("lets Kent Police's representative sign it up to NI 163, tells them of the statutory duty, and withdraw", async () => {
    const { page, problems, close } = await openIndicatorAs("partner", "ni-163");
    try {
      const partners = section(page, "Partners");
      expect(await partners.locator("dl.partners, .muted").first().innerText()).not.toContain("Kent Police");
      await partners.getByRole("heading", { name: "Sign Kent Police up" }).waitFor();
      // Kent Police is named in the 2007 Act: lead or statutory, never non-statutory.
      const role = partners.getByLabel("Sign Kent Police up as");
      await expect.poll(async () => (await role.locator("option").allInnerTexts()).join("|")).toBe("Choose a role|Lead partner|Statutory partner");
      // No role is chosen for them: signing up without one asks for it and signs nothing.
      expect(await role.inputValue()).toBe("");
      await partners.getByRole("button", { name: "Sign up", exact: true }).click();
      const missing = partners.getByRole("alert").filter({ hasText: "Choose whether Kent Police signs up as lead partner or statutory partner." });
      await missing.waitFor();
      await role.selectOption("statutory");
      await partners.getByText("A statutory partner has a duty to have regard to NI 163.").waitFor();
      await partners.getByRole("button", { name: "Sign up", exact: true }).click();

      const status = partners.getByRole("status").filter({ hasText: "signed up" });
      await status.waitFor();
      const text = await status.innerText();
      expect(text).toContain("Kent Police is signed up to NI 163 as statutory partner.");
      expect(text).toContain("Duty to have regard");
      expect(text).toContain("duty to have regard to this target");
      await expect.poll(() => partners.locator("dl.partners").innerText()).toMatch(/Statutory partners:.*Kent Police/s);

      await partners.getByRole("button", { name: "Withdraw Kent Police as statutory partner" }).click();
      await partners.getByRole("status").filter({ hasText: "Kent Police has withdrawn from NI 163 as statutory partner." }).waitFor();
      await expect.poll(() => partners.innerText()).not.toContain("Kent Police is signed up as");

      const history = section(page, "History of changes");
      await expect.poll(() => history.locator("tbody tr").count()).toBe(2);
      expect(await history.innerText()).toContain("Kent Police signed up");
      expect(await history.innerText()).toContain("Kent Police withdrew");
      expect(await history.innerText()).toContain(demoAccounts.partner.name);
      // A partner may not change targets or record the negotiation.
      expect(await page.getByRole("button", { name: /^Edit target/ }).count()).toBe(0);
      expect(await page.getByRole("heading", { name: "Record negotiation position" }).count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("lets the Government Office counter-propose a target for NI 47, read as it is typed, and then agree the counter-proposal, which becomes the target", async () => {
    const { page, problems, close } = await openIndicatorAs("government", "ni-47");
    try {
      const negotiation = section(page, "Negotiation");
      await negotiation.getByRole("heading", { name: "Record the Government Office's position" }).waitFor();
      // Who speaks and the date come from the sign-in and today: the form asks for neither.
      expect(await negotiation.getByLabel("Who says it").count()).toBe(0);
      expect(await negotiation.getByLabel("As at").count()).toBe(0);
      await negotiation.getByLabel("What the Government Office says").selectOption("counter-proposal");
      await negotiation.getByLabel("Year of the counter-proposed target").selectOption("2010/11");
      await negotiation.getByLabel("Counter-proposed target", { exact: true }).fill("560");
      await expect.poll(() => negotiation.locator(".target-preview").innerText()).toBe("Reads as “560”, which works out at 560.");
      await negotiation.getByRole("button", { name: "Record position" }).click();
      await negotiation.getByRole("status").filter({ hasText: `Recorded: Counter-proposal, ${longToday}. NI 47 is now “Counter-proposed”.` }).waitFor();

      await negotiation.getByLabel("What the Government Office says").selectOption("agreement-with-government-office");
      await negotiation.getByRole("radio", { name: /^The counter-proposal: 2010\/11: “560”/ }).check();
      await negotiation.getByLabel("Note (optional)").fill("Agreed at the June review.");
      await expectNoAxeViolations(page);
      await negotiation.getByRole("button", { name: "Record position" }).click();
      await negotiation.getByRole("status").filter({ hasText: "NI 47 is now “Agreed with the Government Office”. The targets are now 2010/11: “560”." }).waitFor();
      await expect.poll(() => negotiation.locator(".negotiation-thread").innerText()).toContain("Agreed: the counter-proposal");
      await expect.poll(() => targetRow(page, "2010/11").innerText()).toContain("560");
      await expect.poll(() => page.locator("dl.facts").first().innerText()).toContain("Agreed with the Government Office");

      const history = section(page, "History of changes");
      await expect.poll(() => history.innerText()).toContain(`Negotiation: Counter-proposal (Government Office), as at ${longToday}`);
      expect(await history.innerText()).toContain("2010/11: “560”");
      expect(await history.innerText()).toContain(demoAccounts.government.name);
      expect(await page.getByRole("button", { name: "Propose targets" }).count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("lets a manager record what the Government Office said in a letter, marked as transcribed, and by whom", async () => {
    const { page, problems, close } = await openIndicatorAs("manager", "ni-163");
    try {
      const negotiation = section(page, "Negotiation");
      await negotiation.getByRole("heading", { name: "Record what the Government Office said, from a document" }).waitFor();
      await negotiation.getByLabel("What the Government Office said", { exact: true }).selectOption("deferral");
      await negotiation.getByRole("button", { name: "Record it as transcribed" }).click();
      await negotiation.getByRole("alert").filter({ hasText: "Name the document" }).waitFor();
      await negotiation.getByLabel("Transcribed from (the document)").fill("GOSE letter of 20 May 2008");
      await negotiation.getByLabel("Date of the document").fill("2008-05-20");
      await negotiation.getByLabel("Why it is recorded from a document").fill("The letter came by post");
      await expectNoAxeViolations(page);
      await negotiation.getByRole("button", { name: "Record it as transcribed" }).click();
      await negotiation.getByRole("status").filter({ hasText: "Recorded: Deferred to the refresh, 20 May 2008." }).waitFor();
      const entry = negotiation.locator(".thread-entry", { hasText: "GOSE letter of 20 May 2008" });
      await expect
        .poll(() => entry.innerText())
        .toContain(`transcribed from GOSE letter of 20 May 2008, recorded by ${demoAccounts.manager.name} on ${longToday} (The letter came by post)`);
      expect(await entry.innerText()).toContain("20 May 2008 · Government Office · Deferred to the refresh");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("shows the viewer no edit controls, but the history, and lets them comment", async () => {
    const { page, problems, close } = await openIndicatorAs("viewer", "ni-47");
    try {
      const comments = section(page, "Comments");
      await comments.getByLabel("Your comment").waitFor();
      await section(page, "History of changes").locator("tbody tr").first().waitFor();
      expect(await page.getByRole("button", { name: /^Edit target/ }).count()).toBe(0);
      expect(await page.getByRole("heading", { name: "Record negotiation position" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Sign up", exact: true }).count()).toBe(0);
      expect(await page.getByRole("button", { name: /^Withdraw/ }).count()).toBe(0);
      expect(await page.locator("main form").count()).toBe(1); // the comment form only

      await comments.getByLabel("Your comment").fill("Is the 2009/10 figure before or after the camera upgrade?");
      await comments.getByRole("button", { name: "Add comment" }).click();
      await comments.getByRole("status").filter({ hasText: "Your comment is added." }).waitFor();
      const comment = comments.locator(".comment").last();
      await expect.poll(() => comment.innerText()).toContain("Is the 2009/10 figure before or after the camera upgrade?");
      expect(await comment.innerText()).toContain(demoAccounts.viewer.name);
      expect(await page.locator('header a[href="/users"]').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("shows someone not signed in the comments but no forms and no history", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2/indicators/ni-47"));
      const comments = section(page, "Comments");
      await expect.poll(() => comments.innerText()).toContain("camera upgrade");
      expect(await comments.getByRole("link", { name: "Sign in" }).count()).toBe(1);
      expect(await page.locator("main form").count()).toBe(0);
      expect(await page.getByRole("heading", { name: "History of changes" }).count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
