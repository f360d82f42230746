/** One running product and one browser per test file, started before its tests and stopped after. */
import { afterAll, beforeAll } from "vitest";
import type { Browser } from "playwright-core";
import { gotoPage, launchBrowser, openPage, type OpenPage, type PageOptions } from "./browser.js";
import { demoAccounts, signInWithApi, type DemoRole } from "./session.js";
import { startServer, type RunningServer, type StartOptions } from "./server.js";

export interface Product {
  readonly baseUrl: string;
  readonly browser: Browser;
  /** A new page (own context) at the given viewport width. */
  open(options?: PageOptions): Promise<OpenPage>;
  url(path: string): string;
}

export function useProduct(options: StartOptions = {}): Product {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([startServer(options), launchBrowser()]);
    // Keep whichever did start, so afterAll can stop it even when the other failed.
    if (started.status === "fulfilled") server = started.value;
    if (launched.status === "fulfilled") browser = launched.value;
    if (started.status === "rejected") throw started.reason;
    if (launched.status === "rejected") throw launched.reason;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const product: Product = {
    get baseUrl() {
      if (!server) throw new Error("the product has not started");
      return server.baseUrl;
    },
    get browser() {
      if (!browser) throw new Error("the browser has not started");
      return browser;
    },
    open: (options) => openPage(product.browser, options),
    url: (path) => `${product.baseUrl}${path}`,
  };
  return product;
}

/** A new page signed in as a demo role (through the API), at `path`, once its data has loaded. */
export async function openSignedIn(product: Product, role: DemoRole, path: string, options: PageOptions = {}): Promise<OpenPage> {
  const opened = await product.open(options);
  await signInWithApi(opened.page, product.baseUrl, demoAccounts[role].email);
  await gotoPage(opened.page, product.url(path));
  await opened.page.getByTestId("signed-in-name").waitFor();
  await opened.page.waitForLoadState("networkidle");
  return opened;
}
