/**
 * The Performance Reward Grant page (issue 11 point 5): Kent Agreement 2's estimate with every
 * assumption and the working, changed by a manager by keyboard alone; Kent Agreement 1's LPSA2
 * reward targets with their figures shown as not given; a reward target's payment with the 60%
 * threshold and pro rata; and the what-if beside a proposal and a counter-proposal on NI 47.
 */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, gotoPage } from "./support/browser.js";
import { apiAs } from "./support/api.js";
import { openSignedIn, useProduct } from "./support/product.js";
import { demoAccounts } from "./support/session.js";

const product = useProduct();

describe("the Performance Reward Grant page", () => {
  it("shows the public KA2's £6.8m with its working and every assumption, linked from the agreement page, with no form", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2"));
      await page.getByRole("link", { name: "Performance Reward Grant" }).click();
      await expect.poll(() => page.locator("h1").innerText()).toBe("Performance Reward Grant");
      expect(await page.getByTestId("possible-reward").innerText()).toBe("£6,800,000");
      expect(await page.getByTestId("working").innerText()).toContain("2% of £340,000,000 = £6,800,000");
      const facts = await page.locator("dl.facts").innerText();
      expect(facts).toMatch(/National pot\s+£340,000,000/);
      expect(facts).toMatch(/Previous round's national pot\s+£1,200,000,000/);
      expect(facts).toMatch(/Kent's share of the national pot\s+2%/);
      expect(facts).toMatch(/Previous agreement's total possible reward\s+£36,000,000/);
      expect(facts).toMatch(/This agreement's total possible reward\s+Not given/);
      expect(await page.locator("main").innerText()).toContain("inside the quoted range of £6,000,000–£8,000,000");
      expect(await page.getByRole("button", { name: "Save the assumptions" }).count()).toBe(0);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("lets a manager change the share by keyboard alone, and the estimate and working follow", async () => {
    const { page, problems, close } = await openSignedIn(product, "manager", "/agreements/kent-ka2/reward");
    try {
      const share = page.getByRole("textbox", { name: "Kent's share of the national pot" });
      await share.focus();
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.type("2.5");
      await page.getByRole("button", { name: "Save the assumptions" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => page.getByRole("status").filter({ hasText: "The assumptions are saved" }).count()).toBe(1);
      await expect.poll(() => page.getByTestId("possible-reward").innerText()).toBe("£8,500,000");
      expect(await page.getByTestId("working").innerText()).toContain("2.5% of £340,000,000 = £8,500,000");
      expect(await page.locator("main").innerText()).toContain("outside the quoted range");

      // A figure that is not a number is refused, named beside its box.
      await share.focus();
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.type("about two");
      await page.getByRole("button", { name: "Save the assumptions" }).click();
      const alert = page.getByRole("alert").filter({ hasText: "There is a problem" });
      await expect.poll(() => alert.innerText()).toContain("Kent's share of the national pot must be a percentage");
      expect(await share.getAttribute("aria-invalid")).toBe("true");
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("lists KA1's LPSA2 reward targets with the pots the seeds do not give, and £36m possible", async () => {
    const { page, problems, close } = await openSignedIn(product, "manager", "/agreements/kent-ka1/reward");
    try {
      expect(await page.getByTestId("reward-totals").innerText()).toContain("35 reward targets; pots given total £0 (35 without a pot: not given)");
      const row = page.locator("tr[data-indicator='ka1-16-s2']");
      expect(await row.innerText()).toContain("Not given");
      expect(await row.innerText()).toContain("pro rata");
      expect(await page.locator("dl.facts").innerText()).toMatch(/This agreement's total possible reward\s+£36,000,000/);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("shows NI 47's payment with the threshold and pro rata, and the what-if beside the proposal and counter-proposal", async () => {
    const manager = await apiAs(product, demoAccounts.manager.email);
    const officer = await apiAs(product, demoAccounts.officer.email);
    const negotiator = await apiAs(product, demoAccounts.government.email);
    try {
      const added = (await manager.send("PUT", "/api/agreements/kent-ka2/reward/targets/ni-47", { version: 0, pot: "1000000" })) as {
        latest: { value: string } | null;
      };
      const latest = Number(added.latest?.value);
      expect(latest).toBeGreaterThan(0);
      // Lower is better: expected 50 above the latest value without the stretch, stretch target 50 below.
      await manager.send("PUT", "/api/agreements/kent-ka2/reward/targets/ni-47", {
        version: 1,
        withoutStretch: String(latest + 50),
        stretchTarget: String(latest - 50),
      });
      const indicator = (await (await officer.request.get(product.url("/api/agreements/kent-ka2/indicators/ni-47"))).json()) as {
        targets: { year: string; version: number }[];
      };
      const version = indicator.targets.find((one) => one.year === "2010/11")?.version;
      await officer.send("POST", "/api/agreements/kent-ka2/indicators/ni-47/negotiation", {
        kind: "proposal",
        proposal: [{ year: "2010/11", target: { form: "absolute", value: "640" }, written: "640", version }],
      });
      await negotiator.send("POST", "/api/agreements/kent-ka2/indicators/ni-47/negotiation", {
        kind: "counter-proposal",
        proposal: [{ year: "2010/11", target: { form: "absolute", value: "560" }, written: "560" }],
      });
    } finally {
      await Promise.all([manager.close(), officer.close(), negotiator.close()]);
    }

    const { page, problems, close } = await openSignedIn(product, "manager", "/agreements/kent-ka2/reward");
    try {
      const row = page.locator("tr[data-indicator='ni-47']");
      await expect.poll(() => row.innerText()).toContain("£1,000,000");
      const text = await row.innerText();
      expect(text).toContain("50%");
      expect(text).toContain("£0 (0% of the pot) — Below 60% of the improvement: nothing paid");
      expect(text).toContain("£500,000 (50% of the pot)");
      await expectNoAxeViolations(page);

      await gotoPage(page, product.url("/agreements/kent-ka2/indicators/ni-47"));
      const whatIf = page.getByTestId("reward-what-if");
      await expect.poll(() => whatIf.count()).toBe(1);
      const proposal = await whatIf.locator("tr[data-kind='proposal']").innerText();
      const counter = await whatIf.locator("tr[data-kind='counter-proposal']").innerText();
      expect(proposal).toContain("640 by 2010/11");
      expect(counter).toContain("560 by 2010/11");
      expect(await whatIf.innerText()).toContain("The pot is £1,000,000");
      expect(await whatIf.innerText()).toMatch(/would stand at \d/);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
