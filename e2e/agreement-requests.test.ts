/**
 * Issue 8 point 1 in the browser: the agreement page asks the server about the agreement once
 * (the position summary is worked out from the agreement it already has), also when the reader
 * changes the date of the position; and the page still passes axe.
 */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, gotoPage } from "./support/browser.js";
import { useProduct } from "./support/product.js";

const product = useProduct();

describe("Kent Agreement 2 page requests", () => {
  it("reads the agreement in one request, and a new position date costs none", async () => {
    const { page, problems, close } = await product.open();
    try {
      const agreementRequests: string[] = [];
      page.on("request", (request) => {
        const path = new URL(request.url()).pathname;
        if (path.startsWith("/api/agreements/kent-ka2")) agreementRequests.push(path);
      });
      await gotoPage(page, product.url("/agreements/kent-ka2"));
      await page.locator('tr[data-indicator="ni-47"]').waitFor();
      await page.waitForLoadState("networkidle");
      expect(agreementRequests).toEqual(["/api/agreements/kent-ka2"]);

      await page.getByLabel("Position as at").fill("2008-05-01");
      await page.getByRole("button", { name: "Show position" }).click();
      await page.getByText("Designated indicators as at 1 May 2008").waitFor();
      await page.waitForLoadState("networkidle");
      expect(agreementRequests).toEqual(["/api/agreements/kent-ka2"]);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
