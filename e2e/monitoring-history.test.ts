/**
 * An indicator's history tells the monitoring in words, as it tells the negotiation: a value
 * recorded in a round, the return's text update, its submission and the manager's decision, each
 * a sentence with its before and after (not an action name and JSON). Axe on the page.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectNoAxeViolations } from "./support/browser.js";
import { apiAs, openRound } from "./support/api.js";
import { openSignedIn, useProduct } from "./support/product.js";
import { demoAccounts } from "./support/session.js";

const product = useProduct();
const ni47 = "/api/agreements/kent-ka2/indicators/ni-47";

beforeAll(async () => {
  const manager = await apiAs(product, demoAccounts.manager.email);
  const officer = await apiAs(product, demoAccounts.officer.email);
  try {
    const round = await openRound(manager, "2010/11 H2");
    const returns = `/api/agreements/kent-ka2/rounds/${round.key}/returns/ni-47`;
    await officer.send("POST", `${ni47}/observations`, { period: "2010/11 H2", area: "E10000016", value: "612" });
    const draft = (await officer.send("PUT", returns, { progress: "Fewer casualties on the A2", selfAssessedStatus: "amber" })) as {
      version: number;
    };
    const submitted = (await officer.send("POST", `${returns}/submit`, { version: draft.version })) as { version: number };
    await manager.send("POST", `${returns}/return`, { version: submitted.version, comment: "Add the district figures" });
  } finally {
    await manager.close();
    await officer.close();
  }
});

const historyRow = (page: Page, action: string) =>
  page
    .locator("section", { has: page.getByRole("heading", { level: 2, name: "History of changes", exact: true }) })
    .locator(`tbody tr[data-action="${action}"]`)
    .first();

describe("monitoring in an indicator's history", () => {
  it("reads the value, the text update, the submission and the sending back as sentences", async () => {
    const { page, problems, close } = await openSignedIn(product, "manager", "/agreements/kent-ka2/indicators/ni-47");
    try {
      const value = historyRow(page, "observation.record");
      await value.waitFor();
      expect(await value.innerText()).toContain("2010/11 H2's value for E10000016 recorded");
      expect(await value.innerText()).toContain("No value");
      expect(await value.innerText()).toContain("612");
      expect(await historyRow(page, "return.save").innerText()).toContain("Return for 2010/11 H2 text update saved");
      expect(await historyRow(page, "return.save").innerText()).toContain("self-assessed Amber");
      expect(await historyRow(page, "return.submit").innerText()).toContain("Return for 2010/11 H2 submitted");
      const sentBack = await historyRow(page, "return.return").innerText();
      expect(sentBack).toContain("Return for 2010/11 H2 sent back for changes");
      expect(sentBack).toContain("“Add the district figures”");
      const all = await page.locator(".history-table").innerText();
      expect(all).not.toMatch(/return\.|observation\.|\{"/);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
