/**
 * WCAG 2.2 AA is a legal duty for UK public bodies: axe on every page, at desktop width and at
 * 320 px (reflow, 1.4.10), the skip link, keyboard use, and a title and one h1 per page.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectNoAxeViolations, gotoPage } from "./support/browser.js";
import { useProduct } from "./support/product.js";
import { demoAccounts, signInWithApi, type DemoRole } from "./support/session.js";

const product = useProduct();

/** expectsError: the page provokes an API 404, which the router also logs to the console. */
const pages: { name: string; path: string; expectsError?: boolean }[] = [
  { name: "home", path: "/" },
  { name: "indicator catalogue", path: "/indicators" },
  { name: "Kent Agreement 2", path: "/agreements/kent-ka2" },
  { name: "Kent Agreement 2 filtered", path: "/agreements/kent-ka2?theme=keeping-kent-moving" },
  { name: "indicator NI 47", path: "/agreements/kent-ka2/indicators/ni-47" },
  { name: "omitted indicator NI 170", path: "/agreements/kent-ka2/indicators/ni-170" },
  { name: "indicator NI 120 (components)", path: "/agreements/kent-ka2/indicators/ni-120" },
  { name: "Kent LAA 2005–08", path: "/agreements/kent-ka1" },
  { name: "outcome 9", path: "/agreements/kent-ka1/outcomes/9" },
  { name: "deleted outcome 15", path: "/agreements/kent-ka1/outcomes/15" },
  { name: "freedoms register", path: "/agreements/kent-ka1/freedoms" },
  { name: "submission", path: "/agreements/kent-ka2/submission" },
  { name: "partner sign-up matrix", path: "/agreements/kent-ka2/sign-ups" },
  { name: "bulletins (signed out)", path: "/agreements/kent-ka2/bulletins" },
  { name: "open data and data dictionary", path: "/agreements/kent-ka2/data-dictionary" },
  { name: "open data of an agreement by outcome", path: "/agreements/kent-ka1/data-dictionary" },
  { name: "import an agreement (signed out)", path: "/import-agreement" },
  { name: "sign-in", path: "/sign-in" },
  { name: "district local action plan", path: "/agreements/kent-ka2/districts/E07000114" },
  { name: "page not found", path: "/no-such-page" },
  { name: "agreement not found", path: "/agreements/no-such-agreement", expectsError: true },
];

describe("every page at desktop width", () => {
  for (const { name, path, expectsError } of pages) {
    it(`${name}: no axe violations, one h1, a title of its own, landmarks`, async () => {
      const { page, problems, close } = await product.open();
      try {
        await gotoPage(page, product.url(path));
        await page.waitForLoadState("networkidle");
        expect(await page.locator("h1").count()).toBe(1);
        const title = await page.title();
        expect(title).toMatch(/ — Accord$/);
        expect(title).not.toBe("Accord");
        for (const landmark of ["header", "nav", "main", "footer"]) {
          expect(await page.locator(`body ${landmark}`).count(), landmark).toBeGreaterThan(0);
        }
        for (const table of await page.locator("main table").all()) {
          expect(await table.locator("caption").count()).toBe(1);
          expect(await table.locator("th:not([scope])").count()).toBe(0);
        }
        await expectNoAxeViolations(page);
        if (!expectsError) expect(problems).toEqual([]);
      } finally {
        await close();
      }
    });
  }
});

describe("every page at 320 px wide", () => {
  for (const { name, path } of pages) {
    it(`${name}: no horizontal scrolling of the page and no axe violations`, async () => {
      const { page, close } = await product.open({ width: 320, height: 640 });
      try {
        await gotoPage(page, product.url(path));
        await page.waitForLoadState("networkidle");
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(scrollWidth).toBeLessThanOrEqual(320);
        // Wide tables scroll inside a named region that keyboard users can reach.
        for (const region of await page.locator(".scroll-region").all()) {
          expect(await region.getAttribute("tabindex")).toBe("0");
          expect((await region.getAttribute("aria-labelledby")) ?? (await region.getAttribute("aria-label"))).toBeTruthy();
        }
        await expectNoAxeViolations(page);
      } finally {
        await close();
      }
    });
  }
});

/** Pages as someone signed in sees them, with their forms open (and one showing its errors). */
const signedInPages: { name: string; role?: DemoRole; path: string; prepare?: (page: Page) => Promise<void> }[] = [
  {
    name: "sign-in with its errors",
    path: "/sign-in",
    prepare: async (page) => {
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.getByRole("alert").waitFor();
    },
  },
  {
    name: "users (manager), granting a role",
    role: "manager",
    path: "/users",
    prepare: async (page) => {
      await page.getByRole("button", { name: `Grant a role to ${demoAccounts.viewer.name}` }).click();
      await page.getByRole("form", { name: `Grant a role to ${demoAccounts.viewer.name}` }).getByLabel("Role").selectOption("officer");
    },
  },
  { name: "account (officer)", role: "officer", path: "/account" },
  {
    name: "indicator NI 47 (manager), proposal with a warning",
    role: "manager",
    path: "/agreements/kent-ka2/indicators/ni-47",
    prepare: async (page) => {
      await page.getByLabel("Proposed target for 2009/10").fill("10% increase");
      await page.getByText("Worse than the baseline").waitFor();
    },
  },
  {
    name: "indicator NI 47 (Government Office), counter-proposal",
    role: "government",
    path: "/agreements/kent-ka2/indicators/ni-47",
    prepare: async (page) => {
      await page.getByLabel("What the Government Office says").selectOption("counter-proposal");
      await page.getByLabel("Counter-proposed target", { exact: true }).fill("40% reduction");
    },
  },
  { name: "indicator NI 163 (partner)", role: "partner", path: "/agreements/kent-ka2/indicators/ni-163" },
  {
    name: "indicator NI 47 (officer), proposal form with a preview",
    role: "officer",
    path: "/agreements/kent-ka2/indicators/ni-47",
    prepare: async (page) => {
      await page.getByLabel("Proposed target for 2010/11").fill("45% reduction");
      await page.getByText("Reads as “45% reduction”").waitFor();
    },
  },
  {
    name: "indicator NI 47 (officer), baseline form",
    role: "officer",
    path: "/agreements/kent-ka2/indicators/ni-47",
    prepare: async (page) => {
      await page.getByRole("button", { name: /^Set the baseline/ }).first().click();
      await page.getByLabel("Baseline value").first().fill("");
      await page.getByRole("button", { name: /^Save the baseline/ }).first().click();
      await page.getByText("Enter the baseline value.").first().waitFor();
    },
  },
  {
    name: "indicator NI 171 (manager), baseline not available yet",
    role: "manager",
    path: "/agreements/kent-ka2/indicators/ni-171",
    prepare: async (page) => {
      await page.getByRole("button", { name: "Baseline not available yet" }).click();
      await page.getByLabel("Why the baseline cannot be set yet").waitFor();
    },
  },
  {
    name: "choosing indicators (manager), with a replacement form and a removal to confirm",
    role: "manager",
    path: "/agreements/kent-ka2/indicators/choose",
    prepare: async (page) => {
      await page.getByRole("button", { name: "Replace NI 47 with…" }).click();
      await page.getByRole("button", { name: "Remove NI 163" }).click();
      await page.getByRole("button", { name: "Yes, remove NI 163" }).waitFor();
    },
  },
  { name: "submission (manager)", role: "manager", path: "/agreements/kent-ka2/submission" },
  { name: "bulletins (manager)", role: "manager", path: "/agreements/kent-ka2/bulletins" },
  { name: "partner sign-up (partner)", role: "partner", path: "/agreements/kent-ka2/sign-ups" },
  {
    name: "partner sign-up (partner), asked to confirm signing up to all",
    role: "partner",
    path: "/agreements/kent-ka2/sign-ups",
    prepare: async (page) => {
      await page.getByRole("button", { name: "Sign up to all designated targets…" }).click();
      await page.getByRole("dialog").waitFor();
    },
  },
  { name: "my work (manager)", role: "manager", path: "/my-work" },
  { name: "my work (accountable officer)", role: "officer", path: "/my-work" },
  { name: "my work (partner)", role: "partner", path: "/my-work" },
  { name: "my work (Government Office)", role: "government", path: "/my-work" },
  { name: "my work (LSP coordinator)", role: "lsp", path: "/my-work" },
  { name: "my work (viewer)", role: "viewer", path: "/my-work" },
  { name: "district plan (LSP coordinator)", role: "lsp", path: "/agreements/kent-ka2/districts/E07000114" },
];

describe("signed-in pages and forms", () => {
  for (const { name, role, path, prepare } of signedInPages) {
    for (const width of [1280, 320]) {
      it(`${name} at ${width} px: no axe violations, one h1, no sideways scrolling`, async () => {
        const { page, problems, close } = await product.open({ width, height: width === 320 ? 640 : 900 });
        try {
          if (role) await signInWithApi(page, product.baseUrl, demoAccounts[role].email);
          await gotoPage(page, product.url(path));
          if (role) await page.getByTestId("signed-in-name").waitFor();
          await page.waitForLoadState("networkidle");
          await prepare?.(page);
          expect(await page.locator("h1").count()).toBe(1);
          expect(await page.title()).toMatch(/ — Accord$/);
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
          // Every input has a label.
          const unlabelled = await page.evaluate(() =>
            [...document.querySelectorAll("main input, main select, main textarea")]
              .filter((element) => (element as HTMLInputElement).labels?.length === 0 && !element.getAttribute("aria-label") && !element.getAttribute("aria-labelledby"))
              .map((element) => element.outerHTML.slice(0, 120)),
          );
          expect(unlabelled).toEqual([]);
          await expectNoAxeViolations(page);
          expect(problems).toEqual([]);
        } finally {
          await close();
        }
      });
    }
  }
});

describe("keyboard", () => {
  it("reaches the skip link first and it moves focus to the main content", async () => {
    const { page, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2"));
      await page.keyboard.press("Tab");
      const first = await page.evaluate(() => ({ text: document.activeElement?.textContent, href: document.activeElement?.getAttribute("href") }));
      expect(first).toEqual({ text: "Skip to main content", href: "#main" });
      expect(await page.locator(".skip-link").isVisible()).toBe(true);
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
      // The next Tab goes to the first thing inside main, not back to the header.
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);
    } finally {
      await close();
    }
  });

  it("shows a visible focus indicator on links", async () => {
    const { page, close } = await product.open();
    try {
      await gotoPage(page, product.url("/"));
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      const outline = await page.evaluate(() => {
        const element = document.activeElement;
        if (!element) return null;
        const style = getComputedStyle(element);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      expect(outline?.style).not.toBe("none");
      expect(outline?.width ?? 0).toBeGreaterThanOrEqual(2);
    } finally {
      await close();
    }
  });

  it("filters the agreement by keyboard alone and announces the new count", async () => {
    const { page, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2"));
      const count = page.locator(".result-count");
      const before = await count.innerText();
      await page.getByLabel("Negotiation status").focus();
      await page.keyboard.press("ArrowDown"); // Chromium changes a closed select's value with the arrow keys
      await expect.poll(() => count.innerText()).not.toBe(before);
      expect(await count.getAttribute("aria-live")).toBe("polite");
      expect(page.url()).toContain("status=");
    } finally {
      await close();
    }
  });

  it("follows a link by keyboard and puts focus at the start of the new page", async () => {
    const { page, close } = await product.open();
    try {
      await gotoPage(page, product.url("/"));
      await page.locator('main a[href="/agreements/kent-ka2"]').first().focus();
      await page.keyboard.press("Enter");
      await page.waitForURL("**/agreements/kent-ka2");
      await page.locator("h1", { hasText: "Kent Agreement 2" }).waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
    } finally {
      await close();
    }
  });
});
