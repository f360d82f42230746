/**
 * Debian's Chromium driven by playwright-core (`npx playwright install` cannot download here),
 * and an axe-core check for WCAG 2.2 AA.
 */
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";

const require = createRequire(import.meta.url);
const axeSource: string = (require("axe-core") as { source: string }).source;

export const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}

export interface OpenPage {
  page: Page;
  /** Uncaught errors, console errors and CSP violations seen so far. */
  problems: string[];
  close(): Promise<void>;
}

export interface PageOptions {
  width?: number;
  height?: number;
  /**
   * HTTP statuses the test provokes on purpose (401 for a wrong password, 409 for a stale
   * version): Chromium logs each failed request as a console error. 400 and 404 always are.
   */
  expectedStatuses?: number[];
}

/** A fresh context and page; problems the page reports are collected so a test can insist on none. */
export async function openPage(browser: Browser, options: PageOptions = {}): Promise<OpenPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    locale: "en-GB",
    timezoneId: "Europe/London",
    reducedMotion: "reduce",
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  const expected = new RegExp(`status of (${[400, 404, ...(options.expectedStatuses ?? [])].join("|")})\\b`);
  page.on("console", (message) => {
    // A failing API call is logged by Chromium as a console error; tests that provoke one expect it.
    if (message.type() === "error" && !expected.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return { page, problems, close: () => context.close() };
}

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/** Runs axe-core on the page as it is now and fails with a readable list of WCAG 2.2 AA violations. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  // evaluate() goes through the DevTools protocol, so the page's CSP (no inline scripts) stays on.
  const loaded = await page.evaluate("typeof window.axe === 'object'");
  if (!loaded) await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    `window.axe.run(document, { runOnly: { type: "tag", values: ${JSON.stringify(wcagTags)} }, resultTypes: ["violations"] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })) })))`,
  )) as AxeViolation[];
  const report = violations
    .map(
      (violation) =>
        `- ${violation.id} (${violation.impact ?? "?"}): ${violation.help}\n  ${violation.helpUrl}\n` +
        violation.nodes
          .slice(0, 5)
          .map((node) => `    at ${JSON.stringify(node.target)}: ${node.html.slice(0, 160)}\n      ${(node.failureSummary ?? "").replace(/\n/g, "\n      ")}`)
          .join("\n") +
        (violation.nodes.length > 5 ? `\n    … and ${violation.nodes.length - 5} more` : ""),
    )
    .join("\n");
  expect(violations.length, `axe found WCAG 2.2 AA violations on ${page.url()}:\n${report}`).toBe(0);
}

/** Waits until the page has its h1 (the route's data has loaded). */
export async function gotoPage(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: "domcontentloaded" });
  await page.locator("h1").first().waitFor({ state: "visible", timeout: 30_000 });
}
