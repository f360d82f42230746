/**
 * Issue 9 points 5, 6 and 8 in the browser (Chromium, axe on every page): the performance
 * dashboard counts each status and shows NI 47's; NI 47's page draws its chart with its sentence
 * and table; the district benchmarking page ranks the 12 districts; the public sees a published
 * round's dashboard but never the open round; a keyboard-only officer submits NI 47's return, the
 * manager returns it, Thanet's coordinator gives Thanet's value, and a template goes back.
 *
 * The test makes its own rounds after the demo's: 2010/11 H1 with NI 47's 12 districts (720 in
 * all, amber against the trajectory), closed and published; then 2010/11 H2, left open. The returns
 * are in the demo's open round, 2009/10 H1, where NI 47's is a draft for its officer to submit.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { apiAs, openRound } from "./support/api.js";
import { expectNoAxeViolations, gotoPage } from "./support/browser.js";
import { openSignedIn, useProduct } from "./support/product.js";
import { demoAccounts } from "./support/session.js";

const product = useProduct();
const ka2 = "/api/agreements/kent-ka2";

/** NI 47 (killed or seriously injured, lower is better) in 2010/11 H1 by district: 720 in all. */
export const ni47ByDistrict: Record<string, string> = {
  E07000105: "55", // Ashford
  E07000106: "70", // Canterbury
  E07000107: "40", // Dartford
  E07000108: "50", // Dover
  E07000109: "35", // Gravesham
  E07000110: "80", // Maidstone
  E07000111: "60", // Sevenoaks
  E07000112: "45", // Shepway
  E07000113: "75", // Swale
  E07000114: "65", // Thanet
  E07000115: "70", // Tonbridge and Malling
  E07000116: "75", // Tunbridge Wells
};

beforeAll(async () => {
  const manager = await apiAs(product, demoAccounts.manager.email);
  const officer = await apiAs(product, demoAccounts.officer.email);
  try {
    const first = await openRound(manager, "2010/11 H1");
    for (const [area, value] of Object.entries(ni47ByDistrict)) {
      await officer.send("POST", `${ka2}/indicators/ni-47/observations`, { period: "2010/11 H1", area, value });
    }
    const closed = (await manager.send("POST", `${ka2}/rounds/${first.key}/close`, { version: first.version })) as { version: number };
    await manager.send("POST", `${ka2}/rounds/${first.key}/publish`, { version: closed.version });
    await openRound(manager, "2010/11 H2");
    await officer.send("POST", `${ka2}/indicators/ni-47/observations`, { period: "2010/11 H2", area: "E10000016", value: "640" });
  } finally {
    await manager.close();
    await officer.close();
  }
});

/** Presses Tab (at most 300 times) until the element is focused, as a keyboard-only person would. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  await target.waitFor();
  for (let presses = 0; presses < 300; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("Tab never reached the element");
}

async function roundOptions(page: Page): Promise<string[]> {
  return page.getByLabel("Monitoring round").locator("option").allInnerTexts();
}

describe("the performance dashboard", () => {
  it("counts each status and shows NI 47 amber in 2010/11 H1, and NI 47's page draws its chart with its sentence and table", async () => {
    const { page, problems, close } = await openSignedIn(product, "manager", "/agreements/kent-ka2");
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    const chartCode = () => requested.filter((url) => /\/assets\/charts-[^/]*\.js$/.test(url));
    try {
      await page.getByRole("navigation", { name: "Agreement work" }).getByRole("link", { name: "Performance", exact: true }).click();
      await page.waitForURL(/\/agreements\/kent-ka2\/performance/);
      await page.getByLabel("Monitoring round").selectOption("2010-11-h1");
      await page.waitForURL(/round=2010-11-h1/);
      const row = page.locator('tr[data-indicator="ni-47"]');
      await expect.poll(() => row.locator('[data-column="status"]').innerText()).toMatch(/Amber/);
      await expect.poll(() => row.innerText()).toMatch(/2010\/11 H1[\s\S]*720/);
      // The planned value on the straight line to the target is read to one decimal place.
      expect(await row.locator('[data-column="planned"]').innerText()).toMatch(/^\d+(\.\d)?$/);
      // The counts tally with the rows, each status named in words.
      const counts = page.getByTestId("rag-counts");
      const tally = await counts.locator("li").evaluateAll((items) => items.map((item) => ({ status: item.getAttribute("data-status"), text: item.textContent ?? "" })));
      expect(tally.map((item) => item.status)).toEqual(["target-met", "green", "amber", "red", "grey"]);
      expect(tally.find((item) => item.status === "amber")?.text).toMatch(/^[1-9]\d* Amber$/);
      const total = tally.reduce((sum, item) => sum + Number(/^\d+/.exec(item.text)?.[0] ?? "0"), 0);
      expect(total).toBe(await page.locator("tbody tr[data-indicator]").count());
      // Progress is a named meter, the sparkline decoration.
      await expect.poll(() => row.getByRole("meter", { name: "NI 47 progress to target" }).count()).toBe(1);
      expect(await row.locator("svg.sparkline").getAttribute("aria-hidden")).toBe("true");
      await expectNoAxeViolations(page);

      // Filtering by status keeps it in the address and shows only amber rows.
      await page.getByLabel("Status", { exact: true }).selectOption("amber");
      await page.waitForURL(/status=amber/);
      await expect.poll(async () => (await page.locator('tbody [data-column="status"]').allInnerTexts()).every((text) => /Amber/.test(text))).toBe(true);

      // ECharts is fetched with the first chart, not by the agreement page or the dashboard.
      expect(chartCode()).toEqual([]);
      await row.getByRole("link", { name: "NI 47", exact: true }).click();
      await page.waitForURL(/\/indicators\/ni-47$/);
      const chart = page.getByTestId("indicator-performance");
      await expect.poll(() => chart.getByTestId("indicator-status").innerText()).toMatch(/Red|Amber|Green|Target met/);
      const picture = chart.getByRole("img", { name: /^NI 47 / });
      await expect.poll(() => picture.locator("svg").count()).toBeGreaterThan(0);
      expect(await picture.getAttribute("aria-busy")).toBe("false");
      expect(chartCode()).toHaveLength(1);
      const described = await picture.evaluate((element) => document.getElementById(element.getAttribute("aria-describedby") ?? "")?.textContent ?? "");
      expect(described).toMatch(/NI 47 .*the latest 640.*districts are shown beside the Kent actual.*target is/);
      await chart.getByText("Show the figures as a table").click();
      const table = chart.locator("details table");
      await expect.poll(() => table.locator("thead th").allInnerTexts()).toEqual(expect.arrayContaining(["Period", "Kent actual", "Planned", "Target", "Thanet"]));
      expect(await table.locator("tbody tr", { hasText: "2010/11 H1" }).innerText()).toMatch(/720/);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);
});

describe("a return", () => {
  it("is submitted by NI 47's accountable officer with the keyboard alone: values, text update, own status", async () => {
    const { page, problems, close } = await openSignedIn(product, "officer", "/agreements/kent-ka2/rounds/2009-10-h1");
    try {
      await expect.poll(() => page.getByTestId("return-counts").innerText()).toMatch(/Not started/);
      expect(await page.locator('tr[data-indicator="ni-47"]').innerText()).toMatch(/Draft/);
      await expectNoAxeViolations(page);
      await tabTo(page, page.getByRole("link", { name: /^NI 47 / }));
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/rounds\/2009-10-h1\/returns\/ni-47$/);
      await page.getByRole("heading", { level: 1, name: /^NI 47 / }).waitFor();
      // The demo's draft: its values are there to check and its figures are marked illustrative.
      expect(await page.getByLabel("Kent value").inputValue()).toMatch(/^\d+$/);
      expect(await page.getByTestId("illustrative").innerText()).toBe("Illustrative figures, not Kent's published results");
      const replace = async (text: string) => {
        await page.keyboard.press("Control+A");
        await page.keyboard.type(text);
      };
      await tabTo(page, page.getByLabel("Thanet value"));
      await replace("58");
      await tabTo(page, page.getByLabel("Progress"));
      await replace("Casualties fell again after the average speed cameras on the A2.");
      await page.keyboard.press("Tab");
      await replace("Funding for the Thanet scheme ends in March.");
      await page.keyboard.press("Tab");
      await replace("Extend the cameras to the A28.");
      await page.keyboard.press("Tab");
      await page.keyboard.type("Amber");
      expect(await page.getByLabel("Your view of the status").inputValue()).toBe("amber");
      await expectNoAxeViolations(page);
      await tabTo(page, page.getByRole("button", { name: "Submit the return" }));
      await page.keyboard.press("Enter");
      await expect.poll(async () => (await page.getByRole("status").allInnerTexts()).join(" "), { timeout: 15_000 }).toMatch(/NI 47 return for 2009\/10 H1 is submitted/);
      await expect.poll(() => page.getByTestId("return-status").innerText()).toMatch(/Submitted/);
      // Submitted, its values are locked: shown, not offered for change.
      await expect.poll(() => page.getByLabel("Thanet value").count()).toBe(0);
      expect(await page.locator('tr[data-area="E07000114"]').innerText()).toMatch(/^Thanet\s+58\b/);
      expect(await page.getByText("Casualties fell again after the average speed cameras on the A2.").count()).toBe(1);
      await expectNoAxeViolations(page);

      await page.getByRole("link", { name: "Returns for 2009/10 H1" }).click();
      await expect.poll(() => page.locator('tr[data-indicator="ni-47"]').innerText()).toMatch(/Submitted/);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it("is returned by the manager with a comment, and a stale copy is told what changed", async () => {
    const manager = await openSignedIn(product, "manager", "/agreements/kent-ka2/rounds/2009-10-h1/returns/ni-47");
    const other = await openSignedIn(product, "manager", "/agreements/kent-ka2/rounds/2009-10-h1/returns/ni-47", { expectedStatuses: [409] });
    try {
      const { page } = manager;
      await page.getByRole("heading", { name: "Accept or return it" }).waitFor();
      await page.getByRole("button", { name: "Return it for changes" }).click();
      await expect.poll(() => page.getByRole("alert").first().innerText()).toMatch(/Say what needs changing/);
      await page.getByLabel("Comment").fill("Give Canterbury's figure too.");
      await page.getByRole("button", { name: "Return it for changes" }).click();
      // What the page says (a refusal would be in an alert, and is shown here if it comes instead).
      const said = async () => [...(await page.getByRole("status").allInnerTexts()), ...(await page.getByRole("alert").allInnerTexts())].join(" ");
      await expect.poll(said, { timeout: 20_000 }).toMatch(/returned to its officer/);
      await expect.poll(() => page.getByTestId("return-status").innerText()).toMatch(/Returned for changes/);
      await expectNoAxeViolations(page);

      // The second copy still thinks it is submitted: accepting it is refused with what it now is.
      await other.page.getByRole("button", { name: "Accept the return" }).click();
      await expect.poll(async () => (await other.page.getByRole("alert").allInnerTexts()).join(" ")).toMatch(/changed this return[\s\S]*now returned for changes/);
      expect(manager.problems).toEqual([]);
      expect(other.problems).toEqual([]);
    } finally {
      await manager.close();
      await other.close();
    }
  }, 120_000);
});

describe("a district's values", () => {
  it("are given by Thanet's LSP coordinator for Thanet only, and submitted", async () => {
    const { page, problems, close } = await openSignedIn(product, "lsp", "/agreements/kent-ka2/rounds/2009-10-h1/returns/ni-47");
    try {
      await page.getByRole("heading", { level: 1, name: /^NI 47 / }).waitFor();
      // Returned for changes, the values are open again; the coordinator may change Thanet's alone.
      await expect.poll(() => page.getByLabel("Thanet value").count()).toBe(1);
      expect(await page.getByLabel("Kent value").count()).toBe(0);
      expect(await page.getByLabel("Dover value").count()).toBe(0);
      expect(await page.getByLabel("Progress").count()).toBe(0);
      await page.getByLabel("Thanet value").fill("57");
      await page.getByRole("button", { name: "Submit your district's values" }).click();
      await expect.poll(async () => (await page.getByRole("status").allInnerTexts()).join(" ")).toMatch(/district's values for NI 47 are submitted/);
      await expect.poll(() => page.locator('tr[data-area="E07000114"]').innerText()).toMatch(/Thanet LSP Coordinator.*\(submitted /);
      expect(await page.getByLabel("Thanet value").inputValue()).toBe("57");
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);
});

describe("the return template", () => {
  it("is downloaded from the round's page and sent back: a text in a number cell is refused naming its row and column, then the corrected file is saved", async () => {
    const { page, problems, close } = await openSignedIn(product, "officer", "/agreements/kent-ka2/rounds/2009-10-h1", { expectedStatuses: [400] });
    try {
      await page.getByRole("heading", { name: "Fill in the return template" }).waitFor();
      const href = (await page.getByRole("link", { name: "CSV", exact: true }).getAttribute("href")) ?? "";
      expect(href).toBe(`${ka2}/rounds/2009-10-h1/template?format=csv`);
      const csv = await (await page.context().request.get(product.url(href))).text();
      const lines = csv.split("\r\n");
      const ashford = lines.findIndex((line) => line.startsWith("NI 47,") && line.includes(",E07000105,"));
      expect(ashford, csv.slice(0, 400)).toBeGreaterThan(0);
      const current = (lines[ashford] ?? "").split(",")[7] ?? "";
      const withValue = (value: string) => {
        const copy = [...lines];
        const cells = (copy[ashford] ?? "").split(",");
        cells[7] = value;
        copy[ashford] = cells.join(",");
        return Buffer.from(copy.join("\r\n"), "utf8");
      };
      const chooser = page.getByLabel("Filled-in template (XLSX or CSV)");
      await chooser.setInputFiles({ name: "ni-47.csv", mimeType: "text/csv", buffer: withValue("lots") });
      await page.getByRole("button", { name: "Send the template" }).click();
      const refused = page.getByRole("alert").filter({ hasText: "The file was not saved" });
      await expect.poll(() => refused.locator("tbody tr").first().innerText()).toMatch(new RegExp(`^${ashford + 1}\\s+Value\\s+\\S`));
      await expectNoAxeViolations(page);

      await chooser.setInputFiles({ name: "ni-47.csv", mimeType: "text/csv", buffer: withValue(String(Number(current) + 1)) });
      await page.getByRole("button", { name: "Send the template" }).click();
      await expect.poll(async () => (await page.getByRole("status").allInnerTexts()).join(" ")).toMatch(/ni-47\.csv is saved: 1 written/);
      expect(await page.getByRole("alert").filter({ hasText: "The file was not saved" }).count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);
});

describe("district benchmarking", () => {
  it("ranks the 12 districts for NI 47 with Kent, lowest first, and shows Thanet across every indicator", async () => {
    const { page, problems, close } = await openSignedIn(product, "lsp", "/agreements/kent-ka2/indicators/ni-47/districts?round=2010-11-h1");
    try {
      const ranking = page.getByTestId("district-ranking");
      const rows = ranking.locator("tbody tr[data-area]");
      await expect.poll(() => rows.count()).toBe(12);
      const first = await rows.first().locator("td, th").allInnerTexts();
      expect(first.slice(0, 3)).toEqual(["1", "Gravesham", "35"]);
      expect(await rows.last().locator("th").innerText()).toBe("Maidstone");
      expect(await ranking.locator("tr.total-row").innerText()).toMatch(/Kent \(county\)\s+720/);
      // A count: each district's share of Kent's total.
      expect(await rows.first().innerText()).toMatch(/4\.9\d*%/);
      expect(await page.getByRole("link", { name: "Download the ranking as CSV" }).getAttribute("href")).toBe(`${ka2}/indicators/ni-47/districts?round=2010-11-h1&format=csv`);
      const picture = page.getByRole("img", { name: /^NI 47 .*2010\/11 H1$/ });
      await expect.poll(() => picture.locator("svg").count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page);

      await rows.filter({ hasText: "Thanet" }).getByRole("link", { name: "Thanet" }).click();
      await page.waitForURL(/\/districts\/E07000114\/performance/);
      await expect.poll(() => page.getByTestId("district-indicators").locator('tr[data-indicator="ni-47"]').count()).toBe(1);
      // The district's own page leads there too.
      await gotoPage(page, product.url("/agreements/kent-ka2/districts/E07000114"));
      await page.getByRole("link", { name: "Thanet across every indicator, against Kent" }).click();
      await page.waitForURL(/\/districts\/E07000114\/performance$/);
      await page.getByLabel("Monitoring round").selectOption("2010-11-h1");
      const indicators = page.getByTestId("district-indicators");
      await expect.poll(() => indicators.locator('tr[data-indicator="ni-47"]').innerText()).toMatch(/65[\s\S]*720/);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);
});

describe("public performance", () => {
  it("shows the public the published round's dashboard but not the open round", async () => {
    const { page, problems, close } = await product.open({ expectedStatuses: [403] });
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2/performance"));
      await expect.poll(() => roundOptions(page)).toContain("2010/11 H1 (published)");
      const options = await roundOptions(page);
      expect(options.some((option) => option.startsWith("2010/11 H2"))).toBe(false);
      expect(options.every((option) => option.endsWith("(published)"))).toBe(true);
      expect(await page.getByLabel("Monitoring round").inputValue()).toBe("2010-11-h1");
      await expect.poll(() => page.locator('tr[data-indicator="ni-47"]').innerText()).toMatch(/720/);
      expect(await page.locator('tr[data-indicator="ni-47"]').innerText()).not.toMatch(/640/);
      expect(options).not.toContain("2009/10 H1 (open)");
      await expectNoAxeViolations(page);
      // The demo's own published round: its figures are marked illustrative, and NI 47 was red then.
      await page.getByLabel("Monitoring round").selectOption("2008-09-h1");
      await expect.poll(() => page.getByTestId("illustrative").innerText()).toBe("Illustrative figures, not Kent's published results");
      await expect.poll(() => page.locator('tr[data-indicator="ni-47"] [data-column="status"]').innerText()).toMatch(/Red/);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);
});
