/** The indicator catalogue: paged and searched on the server, one page per entry, kept by managers. */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, gotoPage } from "./support/browser.js";
import { openSignedIn, useProduct } from "./support/product.js";

const product = useProduct();

describe("the catalogue page", () => {
  it("pages the catalogue with the total, by keyboard, keeps the page and the search in the address and searches on the server", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/indicators"));
      const count = page.locator(".result-count");
      await expect.poll(() => count.innerText()).toMatch(/^Showing 1 to 50 of \d+ indicators$/);
      const total = Number(/of (\d+) indicators/.exec(await count.innerText())?.[1]);
      expect(total).toBeGreaterThan(100);
      const pages = page.getByRole("navigation", { name: "Catalogue pages" });
      expect(await pages.innerText()).toContain(`Page 1 of ${Math.ceil(total / 50)}`);
      expect(await page.locator("main tbody tr").count()).toBe(50);
      await expectNoAxeViolations(page);

      // Keyboard: the next-page link is reached with Tab and followed with Enter.
      const next = pages.getByRole("link", { name: "Next page" });
      await next.focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => page.url()).toContain("page=2");
      await expect.poll(() => count.innerText()).toMatch(new RegExp(`^Showing 51 to \\d+ of ${total} indicators$`));
      expect(await pages.innerText()).toContain("Page 2 of");
      expect(await pages.getByRole("link", { name: "Previous page" }).count()).toBe(1);

      // A search goes to the server, starts again at page 1 and stays in the address.
      await page.getByRole("searchbox", { name: "Code or title contains" }).fill("road traffic");
      await expect.poll(() => page.url()).toContain("q=road");
      expect(page.url()).not.toContain("page=2");
      await expect.poll(() => count.innerText()).toMatch(/^Showing 1 to \d of \d indicators?$/);
      const row = page.locator("main tbody tr", { has: page.getByRole("link", { name: "NI 47", exact: true }) });
      await expect.poll(() => row.count()).toBe(1);
      expect(await page.getByRole("navigation", { name: "Catalogue pages" }).count()).toBe(0);

      // The address alone brings the same search back.
      await gotoPage(page, page.url());
      expect(await page.getByRole("searchbox", { name: "Code or title contains" }).inputValue()).toBe("road traffic");
      await expect.poll(() => row.count()).toBe(1);

      // Department filter: every entry shown belongs to the department chosen.
      await gotoPage(page, product.url("/indicators"));
      const department = page.getByRole("combobox", { name: "Department" });
      await expect.poll(() => department.locator("option").count()).toBeGreaterThan(1);
      const chosen = (await department.locator("option").nth(1).textContent()) ?? "";
      await department.selectOption({ label: chosen });
      await expect.poll(() => page.url()).toContain("department=");
      await expect.poll(() => count.innerText()).not.toMatch(new RegExp(`of ${total} indicators$`));
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("a catalogue entry", () => {
  it("shows NI 47's code, title, unit, which way is better, source and the agreements that use it, with no form for someone signed out", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/indicators/ni-47"));
      expect(await page.locator("h1").innerText()).toBe("NI 47 People killed or seriously injured in road traffic accidents");
      expect(await page.title()).toContain("NI 47");
      const facts = await page.locator("dl.facts").innerText();
      expect(facts).toMatch(/Unit\s+count/);
      expect(facts).toMatch(/Which way is better\s+Lower is better/);
      expect(facts).toMatch(/Source\s+National Indicator Set/);
      const use = page.getByRole("link", { name: /^NI 47 in / });
      expect(await use.getAttribute("href")).toBe("/agreements/kent-ka2/indicators/ni-47");
      expect(await page.getByRole("form", { name: "Change this entry" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Save the entry" }).count()).toBe(0);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("shows a signed-in viewer no form to change an entry or add one", async () => {
    const { page, problems, close } = await openSignedIn(product, "viewer", "/indicators/ni-47");
    try {
      expect(await page.getByRole("button", { name: "Save the entry" }).count()).toBe(0);
      await gotoPage(page, product.url("/indicators"));
      await page.locator("main tbody tr").first().waitFor();
      expect(await page.getByText("Add an entry to the catalogue").count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("links NI 47's code on the agreement page, the indicator page and the sign-up matrix to its entry", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2"));
      const byAddress = page.locator('main a[href="/indicators/ni-47"]').first();
      await byAddress.waitFor();
      const code = page.getByRole("link", { name: /^NI 47 \(National Indicator Set\)\s*, catalogue entry$/ }).first();
      expect(await code.count(), (await byAddress.ariaSnapshot())).toBe(1);
      await code.focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => page.url()).toMatch(/\/indicators\/ni-47$/);
      await expect.poll(() => page.locator("h1").innerText()).toMatch(/^NI 47 People killed/);

      await gotoPage(page, product.url("/agreements/kent-ka2/indicators/ni-47"));
      const heading = page.locator("h1").getByRole("link", { name: /^NI 47 \(National Indicator Set\)\s*, catalogue entry$/ });
      expect(await heading.getAttribute("href")).toBe("/indicators/ni-47");

      await gotoPage(page, product.url("/agreements/kent-ka2/sign-ups"));
      const matrix = page.getByRole("link", { name: /^NI 47\s*: .*, catalogue entry$/ });
      expect(await matrix.getAttribute("href")).toBe("/indicators/ni-47");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("lets a manager change NI 47's unit and see it, names the field the server refuses, and shows a stale copy what it now is", async () => {
    const { page, problems, close } = await openSignedIn(product, "manager", "/indicators/ni-47", { expectedStatuses: [409] });
    try {
      const form = page.getByRole("form", { name: "Change this entry" });
      await form.waitFor();
      await expectNoAxeViolations(page);
      const unit = form.getByRole("textbox", { name: "Unit" });
      expect(await unit.inputValue()).toBe("count");

      // The server refuses a unit longer than 80 characters; its message sits beside the Unit box.
      await unit.fill("x".repeat(81));
      await unit.press("Enter");
      const alert = form.getByRole("alert");
      await alert.waitFor();
      expect(await alert.innerText()).toMatch(/Unit must be at most 80 characters/);
      expect(await unit.getAttribute("aria-invalid")).toBe("true");
      await expectNoAxeViolations(page);

      await unit.fill("people killed or seriously injured");
      await unit.press("Enter");
      await form.getByRole("status").filter({ hasText: "NI 47 is saved" }).waitFor();
      await expect.poll(() => page.locator("dl.facts").innerText()).toMatch(/Unit\s+people killed or seriously injured/);
      await page.getByRole("table", { name: /Changes to NI 47 in the catalogue/ }).waitFor();

      // Someone else changes it meanwhile (through the API); saving the copy on screen is refused with what it now is.
      const request = page.context().request;
      const session = (await (await request.get(product.url("/api/session"))).json()) as { csrfToken: string };
      const current = (await (await request.get(product.url("/api/indicators/ni-47"))).json()) as { version: number };
      const changed = await request.patch(product.url("/api/indicators/ni-47"), {
        headers: { "x-csrf-token": session.csrfToken },
        data: { unit: "casualties", version: current.version },
      });
      expect(changed.status(), await changed.text()).toBe(200);
      await unit.fill("persons");
      await unit.press("Enter");
      const conflict = form.getByRole("alert").filter({ hasText: "Someone else changed this entry" });
      await conflict.waitFor();
      expect(await conflict.innerText()).toContain("unit “casualties”");
      expect(await unit.inputValue()).toBe("persons");

      // The entry's unit reaches the agreement's indicator page too.
      await gotoPage(page, product.url("/indicators/ni-47"));
      expect(await page.locator("dl.facts").innerText()).toMatch(/Unit\s+casualties/);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("lets a manager add an entry by keyboard, naming the code the server already has beside the Code box", async () => {
    const { page, problems, close } = await openSignedIn(product, "manager", "/indicators", { expectedStatuses: [409] });
    try {
      const opener = page.getByText("Add an entry to the catalogue", { exact: true });
      await opener.focus();
      await page.keyboard.press("Enter");
      const form = page.getByRole("form", { name: "Add an entry to the catalogue" });
      await form.waitFor();
      const code = form.getByRole("textbox", { name: "Code" });
      await code.fill("NI 47");
      await form.getByRole("textbox", { name: "Title" }).fill("Air quality: reduction in NOx and primary PM10 emissions");
      await form.getByRole("textbox", { name: "Where it comes from" }).fill("National Indicator Set handbook of definitions, 2008");
      await code.press("Enter");
      const alert = form.getByRole("alert");
      await alert.waitFor();
      expect(await alert.innerText()).toContain("NI 47 is already in the catalogue");
      expect(await code.getAttribute("aria-invalid")).toBe("true");
      await expectNoAxeViolations(page);

      await code.fill("NI 194");
      await code.press("Enter");
      const added = form.getByRole("status").filter({ hasText: "Added NI 194 to the catalogue." });
      await added.waitFor();
      await added.getByRole("link", { name: "NI 194" }).click();
      await expect.poll(() => page.url()).toMatch(/\/indicators\/ni-194$/);
      await expect.poll(() => page.locator("h1").innerText()).toBe("NI 194 Air quality: reduction in NOx and primary PM10 emissions");
      expect(await page.locator("dl.facts").innerText()).toMatch(/Title taken from\s+National Indicator Set handbook of definitions, 2008/);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
