/**
 * The indicator page for people with a role: the officer's target form (previewed with the
 * domain rules, saved with its version, in the history under their name), a partner's sign-up
 * with the statutory duty, the Government Office's negotiation position, comments, and what a
 * role does not offer. Tests run in order and build on each other's changes.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { gotoPage } from "./support/browser.js";
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

describe("the accountable officer's target form", () => {
  it("previews the 2009/10 target of NI 47 as the officer types, warns when it is worse than the baseline, saves it, and records it in the history under their name", async () => {
    const { page, problems, close } = await openIndicatorAs("officer", "ni-47");
    try {
      await page.getByRole("button", { name: "Edit target for 2009/10" }).click();
      const form = page.getByRole("form", { name: "Target for 2009/10" });
      await form.getByLabel("Form of the target").selectOption("relative");
      await form.getByLabel("Change", { exact: true }).fill("25");
      const preview = form.locator(".target-preview");
      // 25% off the baseline of 1183, with the domain's exact arithmetic.
      await expect.poll(() => preview.innerText()).toContain("Works out at 887.25 (baseline 1183)");
      expect(await preview.getAttribute("aria-live")).toBe("polite");
      expect(await preview.innerText()).not.toContain("Worse than the baseline");

      // Lower is better for road casualties: an increase is worse than the baseline.
      await form.getByLabel("Reduction or increase").selectOption("increase");
      await expect.poll(() => preview.innerText()).toContain("Worse than the baseline");
      expect(await preview.innerText()).toContain("1478.75");
      await form.getByLabel("Reduction or increase").selectOption("reduction");
      await expect.poll(() => preview.innerText()).not.toContain("Worse than the baseline");
      expect(await form.getByLabel("Target as written").inputValue()).toBe("25% reduction");

      await form.getByRole("button", { name: "Save the 2009/10 target" }).click();
      await page.getByRole("status").filter({ hasText: "The 2009/10 target is saved" }).waitFor();
      expect(await form.count()).toBe(0);
      await expect.poll(() => targetRow(page, "2009/10").innerText()).toContain("25% reduction");
      expect(await targetRow(page, "2009/10").innerText()).toContain("887.25");

      const change = section(page, "History of changes").locator('tbody tr[data-action="target.set"]').first();
      await change.waitFor();
      const text = await change.innerText();
      expect(text).toContain(demoAccounts.officer.name);
      expect(text).toContain("Target for 2009/10 set");
      expect(text).toContain("No target");
      expect(text).toContain("“25% reduction”, works out at 887.25");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("sets a target with the keyboard alone and puts focus back on the button that opened the form", async () => {
    const { page, problems, close } = await openIndicatorAs("officer", "ni-47");
    try {
      const toggle = page.getByRole("button", { name: "Edit target for 2008/09" });
      await toggle.focus();
      await page.keyboard.press("Enter");
      expect(await toggle.getAttribute("aria-expanded")).toBe("true");
      await page.keyboard.press("Tab"); // the form of the target
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("SELECT");
      await page.keyboard.press("Tab"); // the target figure
      await page.keyboard.type("1000");
      await page.keyboard.press("Tab"); // the wording, filled in from the figure
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe("1000");
      await page.keyboard.press("Tab"); // Save
      await page.keyboard.press("Enter");
      await page.getByRole("status").filter({ hasText: "The 2008/09 target is saved: “1000”" }).waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Edit target for 2008/09");
      expect(await toggle.getAttribute("aria-expanded")).toBe("false");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("shows the officer for NI 47 no target form on NI 155", async () => {
    const { page, close } = await openIndicatorAs("officer", "ni-155");
    try {
      await section(page, "Comments").getByLabel("Your comment").waitFor();
      expect(await page.getByRole("button", { name: /^Edit target/ }).count()).toBe(0);
      expect(await page.getByRole("heading", { name: "Change the targets" }).count()).toBe(0);
      expect(await page.locator("form.target-form").count()).toBe(0);
    } finally {
      await close();
    }
  });

  it("shows a clear message to a second person whose copy of the target is stale, keeping what they typed", async () => {
    const first = await openIndicatorAs("officer", "ni-47");
    const second = await openIndicatorAs("manager", "ni-47", { expectedStatuses: [409] });
    try {
      // Both open the 2010/11 target (version 1) before either saves.
      await first.page.getByRole("button", { name: "Edit target for 2010/11" }).click();
      await second.page.getByRole("button", { name: "Edit target for 2010/11" }).click();
      const firstForm = first.page.getByRole("form", { name: "Target for 2010/11" });
      const secondForm = second.page.getByRole("form", { name: "Target for 2010/11" });
      expect(await secondForm.getByLabel("Change", { exact: true }).inputValue()).toBe("50");

      await firstForm.getByLabel("Change", { exact: true }).fill("45");
      await firstForm.getByRole("button", { name: "Save the 2010/11 target" }).click();
      await first.page.getByRole("status").filter({ hasText: "The 2010/11 target is saved" }).waitFor();

      await secondForm.getByLabel("Change", { exact: true }).fill("40");
      await secondForm.getByRole("button", { name: "Save the 2010/11 target" }).click();
      const conflict = secondForm.getByRole("alert");
      await conflict.waitFor();
      const message = await conflict.innerText();
      expect(message).toContain("Someone else changed this target since you opened it");
      expect(message).toContain("It is now “45% reduction”, which works out at 650.65");
      expect(message).toContain("review it and save again");
      // What the second person typed is still there.
      expect(await secondForm.getByLabel("Change", { exact: true }).inputValue()).toBe("40");

      // Saving again, with the other change in view, goes through.
      await secondForm.getByRole("button", { name: "Save the 2010/11 target" }).click();
      await second.page.getByRole("status").filter({ hasText: "The 2010/11 target is saved" }).waitFor();
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

  it("lets the Government Office counter-propose a target for NI 47, read as it is typed, and then agree it", async () => {
    const { page, problems, close } = await openIndicatorAs("government", "ni-47");
    try {
      const negotiation = section(page, "Negotiation");
      await negotiation.getByRole("heading", { name: "Record negotiation position" }).waitFor();
      await negotiation.getByLabel("What the Government Office says").selectOption("counter-proposal");
      expect(await negotiation.getByLabel("Who says it").inputValue()).toBe("government-office");
      await negotiation.getByLabel("Year of the counter-proposed target").selectOption("2010/11");
      await negotiation.getByLabel("Counter-proposed target", { exact: true }).fill("40% reduction");
      // 40% off the baseline of 1183.
      await expect.poll(() => negotiation.locator(".target-preview").innerText()).toBe("Reads as “40% reduction”, which works out at 709.8.");
      await negotiation.getByLabel("As at").fill("2008-06-01");
      await negotiation.getByRole("button", { name: "Record position" }).click();
      await negotiation.getByRole("status").filter({ hasText: "Recorded: Counter-proposal, as at 1 June 2008. NI 47 is now “Counter-proposed”." }).waitFor();

      await negotiation.getByLabel("What the Government Office says").selectOption("agreement-with-government-office");
      await negotiation.getByLabel("As at").fill("2008-06-15");
      await negotiation.getByLabel("Note (optional)").fill("Agreed at the June review.");
      await negotiation.getByRole("button", { name: "Record position" }).click();
      await negotiation.getByRole("status").filter({ hasText: "NI 47 is now “Agreed with the Government Office”." }).waitFor();
      await expect.poll(() => negotiation.locator(".negotiation-thread").innerText()).toContain("Agreed at the June review.");
      await expect.poll(() => page.locator("dl.facts").innerText()).toContain("Agreed with the Government Office");

      const history = section(page, "History of changes");
      await expect.poll(() => history.innerText()).toContain("Negotiation: Counter-proposal (Government Office), as at 1 June 2008");
      expect(await history.innerText()).toContain("2010/11: “40% reduction”");
      expect(await history.innerText()).toContain(demoAccounts.government.name);
      expect(await page.getByRole("button", { name: /^Edit target/ }).count()).toBe(0);
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
