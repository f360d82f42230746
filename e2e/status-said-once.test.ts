/**
 * Issue 7 point 14 in the browser: on Kent Agreement 2's page each indicator's status cell says
 * where it stands once, in the document's words. It used to show the app's flag ("Under
 * discussion with the Government Office") above the document's note saying the same thing
 * ("Under discussion with GOSE. – not yet agreed").
 */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, gotoPage } from "./support/browser.js";
import { useProduct } from "./support/product.js";

const product = useProduct();

/** Phrases that say the same thing; a cell may use each meaning once. */
const meanings: [string, RegExp][] = [
  ["under discussion", /under discussion/gi],
  ["agreed with the Government Office", /\bagreed with (?:GOSE|(?:the )?Government Office)/gi],
  ["not to be agreed before the deadline", /\b(?:unable|unlikely) to be agreed\b/gi],
];

describe("Kent Agreement 2's status cells", () => {
  it("say each indicator's status once, in the document's words, for all 52 indicators", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2"));
      const rows = page.locator("tr[data-indicator]");
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(52);
      const cells = await rows.evaluateAll((trs) =>
        trs.map((tr) => ({ key: tr.getAttribute("data-indicator") ?? "", status: (tr.lastElementChild as HTMLElement | null)?.innerText ?? "" })),
      );
      const repeated = cells.flatMap(({ key, status }) =>
        meanings.flatMap(([meaning, pattern]) => {
          const count = status.match(pattern)?.length ?? 0;
          return count > 1 ? [`${key}: "${meaning}" ${count} times in "${status}"`] : [];
        }),
      );
      expect(repeated).toEqual([]);
      expect(cells.find((cell) => cell.key === "ni-163")?.status.trim()).toBe("Under discussion with GOSE. – not yet agreed");
      expect(cells.find((cell) => cell.key === "ni-99")?.status.trim()).toBe(
        "All following indicators under discussion with DCSF as part of the annual target setting process",
      );
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);
});
