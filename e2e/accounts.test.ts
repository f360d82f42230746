/**
 * Signing in and out as each of the six demo roles, the demo hint, errors on the sign-in form,
 * and the account page (password, API tokens).
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { gotoPage } from "./support/browser.js";
import { useProduct } from "./support/product.js";
import { demoAccounts, demoPassword, signInWithApi, signInWithForm, type DemoRole } from "./support/session.js";

const product = useProduct();

async function sessionUser(page: Page): Promise<string | null> {
  const response = await page.context().request.get(product.url("/api/session"));
  const body = (await response.json()) as { user: { email: string } | null };
  return body.user?.email ?? null;
}

const header = (page: Page) => page.locator("header.site-header");

describe("sign in and out", () => {
  for (const role of Object.keys(demoAccounts) as DemoRole[]) {
    const account = demoAccounts[role];
    it(`${role}: signs in with the form, is named in the header, and signs out`, async () => {
      const { page, problems, close } = await product.open();
      try {
        await signInWithForm(page, product.baseUrl, account.email);
        expect(await page.getByTestId("signed-in-name").innerText()).toBe(account.name);
        expect(await header(page).getByRole("link", { name: "Your account" }).count()).toBe(1);
        // Only a manager is offered the users page.
        expect(await header(page).getByRole("link", { name: "Users", exact: true }).count()).toBe(role === "manager" ? 1 : 0);
        expect(await sessionUser(page)).toBe(account.email);

        await header(page).getByRole("button", { name: "Sign out" }).click();
        await page.getByRole("status").filter({ hasText: "You have signed out." }).waitFor();
        expect(await header(page).getByRole("link", { name: "Sign in" }).count()).toBe(1);
        expect(await page.getByTestId("signed-in-name").count()).toBe(0);
        expect(await sessionUser(page)).toBeNull();
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    });
  }
});

describe("sign-in page", () => {
  it("shows the demo hint on the demo database: the six accounts and their password", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/sign-in"));
      const hint = page.locator("section", { has: page.getByRole("heading", { name: "Demonstration accounts" }) });
      await hint.waitFor();
      const text = await hint.innerText();
      expect(text).toContain(demoPassword);
      for (const account of Object.values(demoAccounts)) expect(text).toContain(account.email);
      // "Use this account" fills in the form.
      await hint.getByRole("button", { name: `Use this account: ${demoAccounts.lsp.email}` }).click();
      expect(await page.getByLabel("E-mail address").inputValue()).toBe(demoAccounts.lsp.email);
      expect(await page.getByLabel("Password").inputValue()).toBe(demoPassword);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("announces a missing e-mail address in an alert linked to the field", async () => {
    const { page, close } = await product.open();
    try {
      await gotoPage(page, product.url("/sign-in"));
      await page.getByLabel("Password").fill("anything");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      const alert = page.getByRole("alert");
      await alert.waitFor();
      const link = alert.getByRole("link", { name: "Enter your e-mail address." });
      await link.click();
      expect(await page.evaluate(() => document.activeElement?.getAttribute("type"))).toBe("email");
      const email = page.getByLabel("E-mail address");
      expect(await email.getAttribute("aria-invalid")).toBe("true");
    } finally {
      await close();
    }
  });

  it("shows the server's message for a wrong password, beside the password field and in an alert", async () => {
    const { page, problems, close } = await product.open({ expectedStatuses: [401] });
    try {
      await gotoPage(page, product.url("/sign-in"));
      await page.getByLabel("E-mail address").fill(demoAccounts.viewer.email);
      await page.getByLabel("Password").fill("not-the-password");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      const alert = page.getByRole("alert");
      await alert.waitFor();
      expect(await alert.innerText()).toContain("The e-mail address or password is not right.");
      const password = page.getByLabel("Password");
      expect(await password.getAttribute("aria-invalid")).toBe("true");
      // The message is part of the field's description, so a screen reader reads it with the field.
      const describedBy = (await password.getAttribute("aria-describedby")) ?? "";
      const descriptions = await Promise.all(describedBy.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).innerText()));
      expect(descriptions.join(" ")).toContain("The e-mail address or password is not right.");
      expect(await alert.getByRole("link").getAttribute("href")).toBe(`#${await password.getAttribute("id")}`);
      expect(await sessionUser(page)).toBeNull();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("shows the server's message after too many failed sign-ins", async () => {
    const email = "nobody@kent.example";
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await fetch(product.url("/api/session"), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: "guess" }) });
      expect(response.status).toBe(401);
    }
    const { page, problems, close } = await product.open({ expectedStatuses: [429] });
    try {
      await gotoPage(page, product.url("/sign-in"));
      await page.getByLabel("E-mail address").fill(email);
      await page.getByLabel("Password").fill("another guess");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      const alert = page.getByRole("alert");
      await alert.waitFor();
      expect(await alert.innerText()).toContain("Too many failed sign-ins");
      expect(await page.getByLabel("E-mail address").getAttribute("aria-invalid")).toBe("true");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("signs in with the keyboard alone", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/sign-in"));
      await page.getByLabel("E-mail address").focus();
      await page.keyboard.type(demoAccounts.government.email);
      await page.keyboard.press("Tab");
      await page.keyboard.type(demoPassword);
      await page.keyboard.press("Enter");
      await page.getByTestId("signed-in-name").waitFor();
      expect(await page.getByTestId("signed-in-name").innerText()).toBe(demoAccounts.government.name);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("goes back to the page the person was reading after signing in", async () => {
    const { page, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2/indicators/ni-47"));
      await header(page).getByRole("link", { name: "Sign in" }).click();
      await page.waitForURL(/\/sign-in\?redirect=/);
      await page.getByLabel("E-mail address").fill(demoAccounts.officer.email);
      await page.getByLabel("Password").fill(demoPassword);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.waitForURL("**/agreements/kent-ka2/indicators/ni-47");
      await page.getByRole("button", { name: "Propose targets" }).waitFor();
    } finally {
      await close();
    }
  });

  it("sends someone who is not signed in from /account to sign in, and back", async () => {
    const { page, close } = await product.open();
    try {
      await page.goto(product.url("/account"));
      await page.waitForURL(/\/sign-in\?redirect=%2Faccount/);
      await page.getByLabel("E-mail address").fill(demoAccounts.government.email);
      await page.getByLabel("Password").fill(demoPassword);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.waitForURL("**/account");
      await page.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
    } finally {
      await close();
    }
  });
});

describe("account page", () => {
  it("makes a personal API token, shown once, that works until it is revoked", async () => {
    const { page, problems, close } = await product.open();
    try {
      await signInWithApi(page, product.baseUrl, demoAccounts.partner.email);
      await gotoPage(page, product.url("/account"));
      await expect.poll(() => page.locator("main").innerText()).toContain("Partner representative for Kent Police in every agreement");
      await page.getByLabel("What the token is for").fill("nightly export");
      await page.getByRole("button", { name: "Make token" }).click();
      const shown = page.getByTestId("api-token");
      await shown.waitFor();
      const token = await shown.innerText();
      expect(token.length).toBeGreaterThan(20);

      const asTokenHolder = () => fetch(product.url("/api/session"), { headers: { authorization: `Bearer ${token}` } });
      const before = (await (await asTokenHolder()).json()) as { user: { email: string } | null };
      expect(before.user?.email).toBe(demoAccounts.partner.email);

      await page.getByRole("button", { name: "Revoke nightly export" }).click();
      await page.getByRole("status").filter({ hasText: "is revoked" }).waitFor();
      expect(await shown.count()).toBe(0);
      expect((await asTokenHolder()).status).toBe(401);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("changes the password, checking the new one before sending it", async () => {
    const { page, problems, close } = await product.open();
    try {
      await signInWithApi(page, product.baseUrl, demoAccounts.lsp.email);
      await gotoPage(page, product.url("/account"));
      await page.getByLabel("Current password").fill(demoPassword);
      await page.getByLabel("New password", { exact: true }).fill("too short");
      await page.getByRole("button", { name: "Change password" }).click();
      await page.getByRole("alert").filter({ hasText: "at least 12 characters" }).waitFor();

      // Long enough, but easy to guess: the server says why, beside the field.
      await page.getByLabel("New password", { exact: true }).fill("aaaaaaaaaaaa");
      await page.getByLabel("New password again").fill("aaaaaaaaaaaa");
      await page.getByRole("button", { name: "Change password" }).click();
      await page.getByRole("alert").filter({ hasText: "too easy to guess" }).waitFor();
      const weak = page.getByLabel("New password", { exact: true });
      expect(await weak.getAttribute("aria-invalid")).toBe("true");
      const describedBy = ((await weak.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter((id) => id !== "");
      const descriptions = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).innerText()));
      expect(descriptions.join(" ")).toMatch(/Repeated characters like "aaa" are easy to guess/);

      const newPassword = "thanet margate ramsgate broadstairs";
      await page.getByLabel("New password", { exact: true }).fill(newPassword);
      await page.getByLabel("New password again").fill(newPassword);
      await page.getByRole("button", { name: "Change password" }).click();
      await page.getByRole("status").filter({ hasText: "Your password is changed." }).waitFor();

      const signIn = (password: string) =>
        fetch(product.url("/api/session"), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: demoAccounts.lsp.email, password }) });
      expect((await signIn(newPassword)).status).toBe(200);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
