/**
 * Issue 7 points 16–19 in the browser: "my work" for each demo role after signing in; sign-up to
 * all and withdraw from all behind a confirmation used by keyboard alone; Issue bulletin and
 * Submit disabled with the reason; blockers linked to their indicator; long pages with theme
 * navigation, real lists, search and filters; tables at 320 px that say they scroll; downloads
 * as at a chosen date and a way back from the printable page. axe checks each page on the way.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectNoAxeViolations, gotoPage, type OpenPage, type PageOptions } from "./support/browser.js";
import { openSignedIn, useProduct } from "./support/product.js";
import { demoAccounts, signInWithForm, type DemoRole } from "./support/session.js";

const product = useProduct();

const openAs = (role: DemoRole, path: string, options: PageOptions = {}): Promise<OpenPage> => openSignedIn(product, role, path, options);

const section = (page: Page, heading: string | RegExp) => page.locator("section", { has: page.getByRole("heading", { level: 2, name: heading }) });
const focused = (page: Page) => page.evaluate(() => ({ text: document.activeElement?.textContent ?? "", tag: document.activeElement?.tagName ?? "", id: document.activeElement?.id ?? "" }));
const policeRow = (page: Page) => page.locator("table.sign-up-matrix tbody tr", { has: page.locator("th", { hasText: /^Kent Police/ }) });

/** What each role finds on "my work" right after signing in with the form. */
const expectations: { role: DemoRole; heading: string; link: RegExp; lands: RegExp }[] = [
  { role: "manager", heading: "Before submission", link: /^NI \d+ has /, lands: /\/agreements\/kent-ka2\/indicators\/ni-\d+$/ },
  { role: "officer", heading: "Your indicators", link: /^NI 47 /, lands: /\/agreements\/kent-ka2\/indicators\/ni-47$/ },
  { role: "partner", heading: "Kent Police's sign-ups", link: /^Sign Kent Police up/, lands: /\/agreements\/kent-ka2\/sign-ups$/ },
  { role: "government", heading: "Proposals awaiting your response", link: /agree, counter-propose or defer\.$/, lands: /\/agreements\/kent-ka2\/indicators\/ni-\d+$/ },
  { role: "lsp", heading: "Thanet's local action plan", link: /Thanet's local action plan/, lands: /\/agreements\/kent-ka2\/districts\/E07000114$/ },
  { role: "viewer", heading: "To read", link: /^Read Kent Agreement 2\.$/, lands: /\/agreements\/kent-ka2$/ },
];

describe("my work", () => {
  for (const { role, heading, link, lands } of expectations) {
    it(`starts the ${role} on what awaits them, and each item leads to where it is done`, async () => {
      const { page, problems, close } = await product.open();
      try {
        await signInWithForm(page, product.baseUrl, demoAccounts[role].email);
        await page.waitForURL("**/my-work");
        await page.getByRole("heading", { level: 1, name: "My work" }).waitFor();
        const work = section(page, "Kent Agreement 2");
        await work.getByRole("heading", { level: 3, name: new RegExp(`^${heading}`) }).waitFor();
        await expectNoAxeViolations(page);
        expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My work" }).count()).toBe(1);
        await work.getByRole("link", { name: link }).first().click();
        await page.waitForURL(lands);
        await page.locator("h1").first().waitFor();
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  it("puts the officer's NI 47 first, as awaiting their answer, once the Government Office counter-proposes", async () => {
    const government = await openAs("government", "/agreements/kent-ka2/indicators/ni-47");
    try {
      const negotiation = section(government.page, "Negotiation");
      await negotiation.getByLabel("What the Government Office says").selectOption("counter-proposal");
      await negotiation.getByLabel("Year of the counter-proposed target").selectOption("2010/11");
      await negotiation.getByLabel("Counter-proposed target", { exact: true }).fill("560");
      await negotiation.getByRole("button", { name: "Record position" }).click();
      await negotiation.getByRole("status").filter({ hasText: "Recorded: Counter-proposal" }).waitFor();
    } finally {
      await government.close();
    }
    const officer = await openAs("officer", "/my-work");
    try {
      const work = section(officer.page, "Kent Agreement 2");
      await expect.poll(() => work.innerText()).toContain("1 counter-proposal awaits your answer");
      expect(await work.locator(".my-work__items li").first().innerText()).toMatch(/^NI 47 .*counter-proposal awaits your answer/);
      expect(officer.problems).toEqual([]);
    } finally {
      await officer.close();
    }
  });
});

describe("signing a partner up to every designated target", () => {
  it("asks first with the count and the duty, by keyboard; Escape changes nothing; withdraw from all undoes it", async () => {
    const { page, problems, close } = await openAs("partner", "/agreements/kent-ka2/sign-ups");
    try {
      const before = await policeRow(page).innerText();
      const signUpAll = page.getByRole("button", { name: "Sign up to all designated targets…" });
      await signUpAll.focus();
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog", { name: /^Sign Kent Police up to \d+ designated targets\?$/ });
      await dialog.waitFor();
      const count = Number(/up to (\d+) designated/.exec(await dialog.locator("h2").innerText())?.[1]);
      expect(count).toBeGreaterThan(0);
      const text = await dialog.innerText();
      expect(text).toContain("Duty to have regard");
      expect(text).toContain(`It applies to each of the ${count} targets above.`);
      // Focus starts on the safe choice, and the page behind is out of reach.
      expect((await focused(page)).text).toBe("Cancel");
      await expectNoAxeViolations(page);

      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
      expect((await focused(page)).text).toBe("Sign up to all designated targets…");
      expect(await policeRow(page).innerText()).toBe(before);

      await page.keyboard.press("Enter");
      await dialog.waitFor();
      await page.keyboard.press("Shift+Tab");
      expect((await focused(page)).text).toBe(`Yes, sign Kent Police up to ${count} targets`);
      await page.keyboard.press("Enter");
      const status = page.getByRole("status").filter({ hasText: `Kent Police is now signed up to ${count} designated targets as statutory partner` });
      await status.waitFor();
      expect(await status.innerText()).toContain("Duty to have regard");
      await dialog.waitFor({ state: "hidden" });
      expect((await focused(page)).id).toBe("sign-up-all-heading");
      await expect.poll(() => policeRow(page).innerText()).not.toBe(before);
      // Nothing is left to sign up to, and the button says why it cannot be pressed.
      expect(await signUpAll.isDisabled()).toBe(true);
      expect(await page.getByText("Kent Police is already signed up to every designated target.").isVisible()).toBe(true);

      const withdrawAll = page.getByRole("button", { name: "Withdraw from all designated targets…" });
      await withdrawAll.focus();
      await page.keyboard.press("Enter");
      const withdrawal = page.getByRole("dialog", { name: /^Withdraw Kent Police from \d+ designated targets\?$/ });
      await withdrawal.waitFor();
      await expectNoAxeViolations(page);
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Enter");
      await page.getByRole("status").filter({ hasText: /Kent Police has withdrawn from \d+ designated targets/ }).waitFor();
      // Nothing left to withdraw, and everything to sign up to again.
      await expect.poll(() => withdrawAll.isDisabled()).toBe(true);
      expect(await page.getByText(/^Kent Police has no statutory or non-statutory sign-up to withdraw/).isVisible()).toBe(true);
      expect(await signUpAll.isDisabled()).toBe(false);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("buttons that cannot do anything say why", () => {
  it("disables Issue bulletin when nothing is new, and Submit while blockers remain, each blocker a link to its indicator", async () => {
    const { page, problems, close } = await openAs("manager", "/agreements/kent-ka2/bulletins");
    try {
      const issue = page.getByRole("button", { name: "Issue bulletin" });
      if (!(await issue.isDisabled())) {
        await issue.click();
        await page.getByRole("status").filter({ hasText: /Bulletin \d+ is issued/ }).waitFor();
      }
      await expect.poll(() => issue.isDisabled()).toBe(true);
      const reason = page.locator(`#${await issue.getAttribute("aria-describedby")}`);
      expect(await reason.innerText()).toMatch(/^Nothing has changed since .*, so there is nothing to issue\.$/);
      await expectNoAxeViolations(page);

      await gotoPage(page, product.url("/agreements/kent-ka2/submission"));
      await page.waitForLoadState("networkidle");
      const submit = page.getByRole("button", { name: "Submit to the Government Office" });
      await expect.poll(() => submit.isDisabled()).toBe(true);
      const why = page.locator(`#${await submit.getAttribute("aria-describedby")}`);
      expect(await why.innerText()).toMatch(/^Submitting waits until the pre-submission check finds nothing: \d+ problems block sign-off\.$/);
      const blockers = page.locator(".submission-problems li");
      expect(await blockers.count()).toBeGreaterThan(1);
      expect(await page.locator(".submission-problems li a").count()).toBe(await blockers.count());
      const first = blockers.first().getByRole("link");
      const code = /^(NI \d+)/.exec(await first.innerText())?.[1] ?? "";
      await expectNoAxeViolations(page);
      await first.click();
      await page.locator("h1", { hasText: code }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("documents", () => {
  it("downloads as at a chosen date, and the printable page leads back to the submission page", async () => {
    const { page, problems, close } = await openAs("manager", "/agreements/kent-ka2/submission");
    try {
      const xlsx = page.getByRole("link", { name: "Download as Spreadsheet (XLSX)" });
      // It starts as at the latest negotiation entry (as-at-defaults.test.ts); another date is chosen here.
      await page.getByLabel("As at").fill("2008-05-20");
      await expect.poll(() => xlsx.getAttribute("href")).toContain("asAt=2008-05-20");
      expect(await page.getByText("As at 20 May 2008, grouped by theme").count()).toBe(1);
      const response = await page.context().request.get(product.url((await xlsx.getAttribute("href")) ?? ""));
      expect(response.headers()["content-disposition"]).toContain("kent-ka2-submission-2008-05-20.xlsx");

      await page.getByRole("link", { name: "Printable page" }).click();
      await page.locator("h1", { hasText: "submission template as at 20 May 2008" }).waitFor();
      await page.getByRole("link", { name: "Back to the submission page of Kent Agreement 2" }).click();
      await page.getByRole("heading", { level: 1, name: "Submission to the Government Office" }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("long pages", () => {
  it("lets a reader jump to a theme of Kent Agreement 2, whose tables all have the same columns", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2"));
      const nav = page.getByRole("navigation", { name: "Go to a theme" });
      await nav.getByRole("link", { name: "DCSF Statutory Indicators" }).click();
      await expect.poll(async () => (await focused(page)).text).toBe("DCSF Statutory Indicators");
      // The same column widths in every theme's table.
      const widths = await page.evaluate(() =>
        [...document.querySelectorAll("table.template-table")].map((table) => [...table.querySelectorAll("thead th")].map((th) => Math.round(th.getBoundingClientRect().width)).join(",")),
      );
      expect(widths.length).toBeGreaterThan(3);
      expect(new Set(widths).size).toBe(1);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("lays out the freedoms register's lists as lists, with search and contents", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka1/freedoms"));
      const third = page.locator("article", { has: page.getByRole("heading", { name: /^Freedom 3:/ }) });
      const sought = third.locator("div", { has: page.locator("dt", { hasText: "Freedom sought" }) }).locator("dd");
      expect(await sought.locator("li").count()).toBe(4);
      expect(await sought.locator("p").count()).toBe(2);
      expect(await page.locator("article.freedom").count()).toBe(await page.locator(".freedom-contents li").count());
      await page.getByRole("navigation", { name: "Go to a freedom" }).getByRole("link").nth(2).click();
      expect(await focused(page)).toMatchObject({ tag: "H2", id: "freedom-3" });
      const count = page.locator(".result-count");
      const before = await count.innerText();
      await page.getByLabel("Search").fill("childcare");
      await expect.poll(() => count.innerText()).not.toBe(before);
      for (const title of await page.locator("article.freedom").allInnerTexts()) expect(title.toLowerCase()).toContain("childcare");
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("filters the sign-up matrix, keeps its headings in view, and says at 320 px that it scrolls sideways", async () => {
    const { page, problems, close } = await product.open({ width: 320, height: 640 });
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2/sign-ups"));
      const region = page.getByRole("region", { name: /^Partner sign-up to the indicators/ });
      await region.waitFor();
      const hint = page.getByText("The table is wider than the screen: scroll it sideways to see every column");
      await hint.waitFor();
      expect(await region.getAttribute("tabindex")).toBe("0");
      expect(await region.getAttribute("aria-describedby")).toBe(await hint.getAttribute("id"));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      const codes = page.locator(".sign-up-matrix__codes th").first();
      expect(await codes.evaluate((element) => getComputedStyle(element).position)).toBe("sticky");

      const shown = page.locator(".result-count");
      const rows = page.locator("table.sign-up-matrix tbody tr");
      const everyone = await rows.count();
      await page.getByRole("textbox", { name: "Organisation" }).fill("police");
      await expect.poll(() => rows.count()).toBeLessThan(everyone);
      for (const name of await rows.locator("th").allInnerTexts()) expect(name).toMatch(/police/i);
      const columns = await page.locator(".sign-up-matrix__codes th").count();
      await page.getByRole("combobox", { name: "Theme" }).selectOption({ index: 1 });
      await expect.poll(() => page.locator(".sign-up-matrix__codes th").count()).toBeLessThan(columns);
      expect(await shown.innerText()).toMatch(/^Showing \d+ organisations? of \d+ and \d+ indicators? of \d+$/);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
