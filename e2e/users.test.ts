/**
 * The users page (managers): invite with a one-time password, grant a role with the scope it
 * needs, revoke, errors beside the field the server names. And the LSP coordinator's district
 * local action plan, with the stale-version message. Tests run in order.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { gotoPage } from "./support/browser.js";
import { useProduct } from "./support/product.js";
import { demoAccounts, signInWithApi, signInWithForm, type DemoRole } from "./support/session.js";

const product = useProduct();

const newcomer = { email: "roads.deputy@kent-partnership.example", name: "Deputy Road Safety Officer" };

async function openAs(role: DemoRole, path: string, options: { expectedStatuses?: number[] } = {}) {
  const opened = await product.open(options);
  await signInWithApi(opened.page, product.baseUrl, demoAccounts[role].email);
  await gotoPage(opened.page, product.url(path));
  await opened.page.getByTestId("signed-in-name").waitFor();
  return opened;
}

const userCard = (page: Page, email: string) => page.locator(`li.user-card[data-user="${email}"]`);

describe("users page", () => {
  it("lets a manager invite someone, shows the one-time password once, and grant them a role they can then use", async () => {
    const { page, problems, close } = await openAs("manager", "/users");
    let oneTimePassword = "";
    try {
      await userCard(page, demoAccounts.officer.email).waitFor();
      await expect.poll(() => userCard(page, demoAccounts.officer.email).innerText()).toContain("Accountable officer for NI 47 in Kent Agreement 2");

      const invite = page.getByRole("form", { name: "Invite a user" });
      await invite.getByLabel("E-mail address").fill(newcomer.email);
      await invite.getByLabel("Full name").fill(newcomer.name);
      await invite.getByLabel("Organisation (optional)").selectOption({ label: "Kent County Council" });
      await invite.getByRole("button", { name: "Invite" }).click();
      const shown = page.getByTestId("one-time-password");
      await shown.waitFor();
      oneTimePassword = await shown.innerText();
      expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
      expect(await page.getByRole("status").filter({ hasText: "is invited" }).innerText()).toContain("shown only this once");

      const card = userCard(page, newcomer.email);
      await card.waitFor();
      expect(await card.innerText()).toContain("No role yet.");
      await card.getByRole("button", { name: `Grant a role to ${newcomer.name}` }).click();
      const grant = card.getByRole("form", { name: `Grant a role to ${newcomer.name}` });
      // The scope fields appear for the role chosen.
      expect(await grant.getByLabel("Indicator").count()).toBe(0);
      await grant.getByLabel("Role").selectOption("officer");
      await grant.getByLabel("Agreement").selectOption({ label: "Kent Agreement 2" });
      const indicator = grant.getByLabel("Indicator");
      await expect.poll(() => indicator.locator('option[value="ni-155"]').count()).toBe(1);
      await indicator.selectOption("ni-155");
      expect(await grant.getByLabel("Organisation").count()).toBe(0);
      await grant.getByRole("button", { name: "Grant role" }).click();
      await card.getByRole("status").filter({ hasText: `${newcomer.name} is now accountable officer.` }).waitFor();
      await expect.poll(() => card.innerText()).toContain("Accountable officer for NI 155 in Kent Agreement 2");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }

    // The newcomer signs in with the one-time password and may now set NI 155's targets.
    const second = await product.open();
    try {
      await signInWithForm(second.page, product.baseUrl, newcomer.email, oneTimePassword);
      expect(await second.page.getByTestId("signed-in-name").innerText()).toBe(newcomer.name);
      await gotoPage(second.page, product.url("/agreements/kent-ka2/indicators/ni-155"));
      await second.page.getByRole("button", { name: "Propose targets" }).waitFor();
    } finally {
      await second.close();
    }
  });

  it("shows the server's error beside the field it names: an address that already has an account", async () => {
    const { page, problems, close } = await openAs("manager", "/users", { expectedStatuses: [409] });
    try {
      const invite = page.getByRole("form", { name: "Invite a user" });
      await invite.getByLabel("E-mail address").fill(demoAccounts.viewer.email);
      await invite.getByLabel("Full name").fill("Someone Else");
      await invite.getByRole("button", { name: "Invite" }).click();
      const alert = page.getByRole("alert");
      await alert.waitFor();
      expect(await alert.innerText()).toContain(`There is already an account for ${demoAccounts.viewer.email}`);
      const email = invite.getByLabel("E-mail address");
      expect(await email.getAttribute("aria-invalid")).toBe("true");
      const describedBy = (await email.getAttribute("aria-describedby")) ?? "";
      const descriptions = await Promise.all(describedBy.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).innerText()));
      expect(descriptions.join(" ")).toContain("There is already an account");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("checks the scope a role needs before sending, and lets a manager revoke a grant", async () => {
    const { page, problems, close } = await openAs("manager", "/users");
    try {
      const card = userCard(page, newcomer.email);
      await card.waitFor();
      await card.getByRole("button", { name: `Grant a role to ${newcomer.name}` }).click();
      const grant = card.getByRole("form", { name: `Grant a role to ${newcomer.name}` });
      await grant.getByLabel("Role").selectOption("lsp");
      await grant.getByRole("button", { name: "Grant role" }).click();
      await card.getByRole("alert").filter({ hasText: "Choose the district they coordinate." }).waitFor();
      expect(await grant.getByLabel("District").getAttribute("aria-invalid")).toBe("true");
      await grant.getByRole("button", { name: "Cancel" }).click();

      await card.getByRole("button", { name: /^Revoke Accountable officer for NI 155/ }).click();
      await card.getByRole("status").filter({ hasText: "Revoked:" }).waitFor();
      await expect.poll(() => card.innerText()).toContain("No role yet.");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("is not offered to people who manage nothing, and sends someone not signed in to sign in first", async () => {
    const { page, problems, close } = await openAs("officer", "/users");
    try {
      expect(await page.locator('header a[href="/users"]').count()).toBe(0);
      expect(await page.locator("main").innerText()).toContain("Only an agreement manager manages users.");
      expect(await page.getByRole("form", { name: "Invite a user" }).count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
    const anonymous = await product.open();
    try {
      await anonymous.page.goto(product.url("/users"));
      await anonymous.page.waitForURL(/\/sign-in\?redirect=%2Fusers/);
    } finally {
      await anonymous.close();
    }
  });
});

describe("district local action plan", () => {
  const thanet = "/agreements/kent-ka2/districts/E07000114";

  it("lets the Thanet LSP coordinator write the plan, and tells a second copy that it is stale", async () => {
    const first = await openAs("lsp", thanet);
    const second = await openAs("lsp", thanet, { expectedStatuses: [409] });
    try {
      expect(await first.page.locator("h1").innerText()).toBe("Thanet local action plan");
      const firstForm = first.page.getByRole("form", { name: "Change the plan" });
      const secondForm = second.page.getByRole("form", { name: "Change the plan" });
      await firstForm.getByLabel("Summary of the plan").fill("Thanet will cut road casualties on the A28 and A299.");
      await firstForm.getByLabel(/^NI 47\b/).check();
      await firstForm.getByRole("button", { name: "Save the plan" }).click();
      await first.page.getByRole("status").filter({ hasText: "The Thanet local action plan is saved: it supports 1 indicator." }).waitFor();
      await expect.poll(() => first.page.locator("section", { has: first.page.getByRole("heading", { name: "Indicators the district supports" }) }).innerText()).toContain("NI 47");

      await secondForm.getByLabel("Summary of the plan").fill("Thanet's plan for skills.");
      await secondForm.getByLabel(/^NI 163\b/).check();
      await secondForm.getByRole("button", { name: "Save the plan" }).click();
      const conflict = second.page.getByRole("alert");
      await conflict.waitFor();
      const message = await conflict.innerText();
      expect(message).toContain("Someone else changed this plan since you opened it");
      expect(message).toContain("It now supports NI 47");
      expect(message).toContain("A28 and A299");
      expect(await secondForm.getByLabel("Summary of the plan").inputValue()).toBe("Thanet's plan for skills.");
      await secondForm.getByRole("button", { name: "Save the plan" }).click();
      await second.page.getByRole("status").filter({ hasText: "The Thanet local action plan is saved" }).waitFor();
      expect(first.problems).toEqual([]);
      expect(second.problems).toEqual([]);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("is read-only for people who may not edit it, such as the viewer", async () => {
    const { page, problems, close } = await openAs("viewer", thanet);
    try {
      await expect.poll(() => page.locator("main").innerText()).toContain("Thanet's plan for skills.");
      await page.waitForLoadState("networkidle");
      expect(await page.getByRole("form", { name: "Change the plan" }).count()).toBe(0);
      expect(await page.locator("main form").count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("is linked from the agreement page and from the coordinator's account page", async () => {
    const { page, close } = await openAs("lsp", "/account");
    try {
      await page.getByRole("link", { name: "Thanet local action plan in Kent Agreement 2" }).click();
      await page.waitForURL(`**${thanet}`);
      await gotoPage(page, product.url("/agreements/kent-ka2"));
      await page.getByRole("link", { name: "Thanet", exact: true }).waitFor();
      expect(await page.getByRole("link", { name: "Thanet", exact: true }).getAttribute("href")).toBe(thanet);
    } finally {
      await close();
    }
  });
});
