/** The demo accounts (`accord start` on an empty database) and ways to sign in as one of them. */
import type { Page } from "playwright-core";
import { expect } from "vitest";

export const demoPassword = "kent-demo-2008";

export const demoAccounts = {
  manager: { email: "manager@kent-partnership.example", name: "Kent Agreement Manager" },
  officer: { email: "officer.ni47@kent-partnership.example", name: "Road Safety Accountable Officer (NI 47)" },
  partner: { email: "partner@kent-police.example", name: "Kent Police Partnership Representative" },
  government: { email: "negotiator@gose.example", name: "GOSE Area Negotiator" },
  lsp: { email: "lsp.thanet@kent-partnership.example", name: "Thanet LSP Coordinator" },
  viewer: { email: "member@kent.example", name: "County Councillor (viewer)" },
} as const;

export type DemoRole = keyof typeof demoAccounts;

/** Signs in through the sign-in page, as a person would, and waits for the header to name them. */
export async function signInWithForm(page: Page, baseUrl: string, email: string, password = demoPassword): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`, { waitUntil: "domcontentloaded" });
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByTestId("signed-in-name").waitFor({ timeout: 15_000 });
}

/**
 * Signs the page's browser context in through the API (its cookie jar is the context's), for
 * tests about something else than signing in. Load or reload the page afterwards.
 */
export async function signInWithApi(page: Page, baseUrl: string, email: string, password = demoPassword): Promise<void> {
  const response = await page.context().request.post(`${baseUrl}/api/session`, { data: { email, password } });
  expect(response.status(), `signing in as ${email}: ${await response.text()}`).toBe(200);
}
