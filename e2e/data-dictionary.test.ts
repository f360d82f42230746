/**
 * Issue 10 points 1 and 3 in the browser (Chromium, axe): from Kent Agreement 2's page a member of
 * the public follows "Open data" by keyboard to the data dictionary, which describes every column
 * the CSV has, in its order, and offers the CSV, the JSON and an indicator's Open SDG files.
 */
import { describe, expect, it } from "vitest";
import { openDataColumns } from "@accord/domain";
import { expectNoAxeViolations, gotoPage } from "./support/browser.js";
import { useProduct } from "./support/product.js";

const product = useProduct();

describe("the open data page and its data dictionary", () => {
  it("is reached from the agreement page by keyboard and describes every column of the CSV it offers", async () => {
    const { page, problems, close } = await product.open();
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2"));
      const link = page.getByRole("navigation", { name: "Agreement work" }).getByRole("link", { name: "Open data" });
      await link.focus();
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { level: 1, name: "Open data and its data dictionary" }).waitFor();
      expect(await page.title()).toContain("Open data");
      await expectNoAxeViolations(page);

      const table = page.getByTestId("data-dictionary");
      const names = await table.locator("tbody th").allInnerTexts();
      expect(names).toEqual(openDataColumns.map((column) => column.name));
      expect(await table.locator("tbody tr", { hasText: "period_start" }).innerText()).toContain("YYYY-MM-DD");

      // The CSV the page offers has exactly the columns it describes, and the public's values only.
      const csvLink = page.getByRole("link", { name: "KA2 open data (CSV)" });
      const href = await csvLink.getAttribute("href");
      expect(href).toBe("/api/agreements/kent-ka2/data.csv");
      const csv = await page.request.get(product.url(href ?? ""));
      expect(csv.status()).toBe(200);
      const [header, ...lines] = (await csv.text()).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
      expect(header).toBe(names.join(","));
      expect(lines.some((line) => line.includes(",observation,") && line.includes("2008/09 H1"))).toBe(true);
      expect(lines.some((line) => line.includes("2009/10 H1"))).toBe(false);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("offers the Open SDG files of the indicator chosen, and stays usable on a narrow screen", async () => {
    const { page, problems, close } = await product.open({ width: 360, height: 800 });
    try {
      await gotoPage(page, product.url("/agreements/kent-ka2/data-dictionary"));
      await page.getByLabel("Indicator").selectOption({ label: "NI 47 People killed or seriously injured in road traffic accidents" });
      const dataLink = page.getByTestId("open-sdg-data");
      await expect.poll(() => dataLink.getAttribute("href")).toBe("/api/agreements/kent-ka2/indicators/ni-47/open-sdg/data.csv");
      expect(await dataLink.innerText()).toBe("Data file: indicator_ni-47.csv");
      const file = await page.request.get(product.url("/api/agreements/kent-ka2/indicators/ni-47/open-sdg/data.csv"));
      expect((await file.text()).split("\r\n")[0]).toBe("Year,Local authority,GeoCode,Value");
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
