/** One running product and one browser per test file, started before its tests and stopped after. */
import { afterAll, beforeAll } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, openPage, type OpenPage, type PageOptions } from "./browser.js";
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
