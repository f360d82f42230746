/**
 * The bulletins page and e-mail: with a real SMTP server on loopback, the manager adds a reader
 * to the distribution list, issues the bulletin, sees where it went (one address refused) and
 * resends the failed one; without SMTP, the page says nothing is sent and copies the bulletin.
 * axe checks each state.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, gotoPage } from "./support/browser.js";
import { openSignedIn, useProduct } from "./support/product.js";

describe("with an SMTP server", () => {
  const delivered: string[] = [];
  const refused = new Set<string>();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!refused.has(address.address)) return callback();
      const error: Error & { responseCode?: number } = new Error("Mailbox unavailable");
      error.responseCode = 550;
      callback(error);
    },
    onData(stream, session, callback) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        for (const recipient of session.envelope.rcptTo) delivered.push(recipient.address);
        callback();
      });
    },
  });
  let port = 0;
  // Registered before useProduct's, so the mail server listens before Accord starts.
  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    port = (smtp.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });
  const product = useProduct({ env: () => ({ ACCORD_SMTP_URL: `smtp://127.0.0.1:${port}`, ACCORD_MAIL_FROM: "bulletins@kent-partnership.example", ACCORD_PUBLIC_URL: "http://accord.kent.test" }) });

  it("lets the manager keep the distribution list, issue the bulletin, see each delivery and resend the one that failed", async () => {
    const { page, problems, close } = await openSignedIn(product, "manager", "/agreements/kent-ka2/bulletins", { expectedStatuses: [409] });
    try {
      // Something new for the bulletin: Kent Police withdraws from NI 47 (through the API, with the session's CSRF token).
      const request = page.context().request;
      const session = (await (await request.get(product.url("/api/session"))).json()) as { csrfToken: string };
      const withdrawn = await request.delete(product.url("/api/agreements/kent-ka2/indicators/ni-47/sign-ups/kent-police/statutory"), { headers: { "x-csrf-token": session.csrfToken } });
      expect(withdrawn.status(), await withdrawn.text()).toBe(204);
      await gotoPage(page, product.url("/agreements/kent-ka2/bulletins"));
      const form = page.getByRole("form", { name: "Add to the distribution list" });
      await form.getByLabel("E-mail address").fill("not an address");
      await form.getByRole("button", { name: "Add to the list" }).click();
      await expect.poll(() => page.getByRole("alert").innerText(), { timeout: 15_000 }).toContain("Enter an e-mail address");
      await form.getByLabel("E-mail address").fill("clerk@thanet.example");
      await form.getByLabel("Name (optional)").fill("Thanet committee clerk");
      await form.getByRole("button", { name: "Add to the list" }).click();
      await page.getByRole("listitem").filter({ hasText: "Thanet committee clerk <clerk@thanet.example>" }).waitFor();
      expect(await page.getByText("E-mail is not set up on this server").count()).toBe(0);

      refused.add("clerk@thanet.example");
      await page.getByRole("button", { name: "Issue bulletin" }).click();
      await expect.poll(() => page.getByRole("status").filter({ hasText: "is issued" }).innerText(), { timeout: 15_000 }).toContain("e-mailed");
      expect(delivered).toContain("manager@kent-partnership.example");
      expect(delivered).toContain("partner@kent-police.example");
      expect(delivered).not.toContain("clerk@thanet.example");

      await page.getByRole("link", { name: "Bulletin 1", exact: true }).click();
      const table = page.getByRole("table", { name: "Where bulletin 1 was sent" });
      await table.waitFor();
      const clerkRow = table.getByRole("row").filter({ hasText: "clerk@thanet.example" });
      expect(await clerkRow.innerText()).toMatch(/reader on the distribution list[\s\S]*Failed: .*550/);
      expect(await table.getByRole("row").filter({ hasText: "manager@kent-partnership.example" }).innerText()).toContain("Accepted by the mail server");
      await expectNoAxeViolations(page);

      refused.clear();
      await page.getByRole("button", { name: "Resend to the 1 failed address" }).click();
      await expect.poll(() => page.getByRole("status").filter({ hasText: "Sent again" }).innerText(), { timeout: 15_000 }).toBe("Sent again to 1 address, all accepted.");
      await expect.poll(() => clerkRow.innerText(), { timeout: 15_000 }).toContain("Accepted by the mail server");
      expect(delivered.filter((address) => address === "clerk@thanet.example")).toEqual(["clerk@thanet.example"]);
      expect(await page.getByRole("button", { name: /Resend/ }).count()).toBe(0);

      await page.getByRole("button", { name: "Remove clerk@thanet.example" }).click();
      await page.getByText("No one else is on the list.").waitFor();
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("without an SMTP server", () => {
  const product = useProduct({ env: () => ({ ACCORD_SMTP_URL: "" }) });

  it("says plainly that nothing is sent and copies the bulletin as plain text", async () => {
    const { page, problems, close } = await openSignedIn(product, "manager", "/agreements/kent-ka2/bulletins");
    try {
      await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: product.baseUrl });
      const notice = page.locator(".no-mail");
      expect(await notice.innerText()).toContain("E-mail is not set up on this server, so Accord sends no bulletin");
      await notice.getByRole("button", { name: "Copy the bulletin" }).click();
      await expect.poll(() => notice.getByRole("status").innerText(), { timeout: 15_000 }).toContain("The bulletin is copied as plain text");
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toMatch(/^Kent Agreement 2 — bulletin 1 \(draft\)/);
      expect(copied).toBe(await page.getByLabel("Copy as plain text").inputValue());
      await expectNoAxeViolations(page);

      await gotoPage(page, product.url("/users"));
      const invite = page.getByRole("form", { name: "Invite a user" });
      await invite.getByLabel("E-mail address").fill("new.reader@kent.example");
      await invite.getByLabel("Full name").fill("New Reader");
      await invite.getByRole("button", { name: "Invite" }).click();
      const link = page.getByTestId("invitation-link");
      await link.waitFor();
      expect(await link.innerText()).toBe(`${product.baseUrl}/sign-in`);
      expect(await page.getByRole("status").filter({ hasText: "is invited" }).innerText()).toContain("E-mail is not set up on this server, so no invitation was sent");
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
