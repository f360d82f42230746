/** A signed-in API client for setting the scene of a browser test: its own cookie jar and CSRF token. */
import { expect } from "vitest";
import type { APIRequestContext } from "playwright-core";
import type { Product } from "./product.js";
import { demoPassword } from "./session.js";

export interface Api {
  request: APIRequestContext;
  send(method: "POST" | "PUT", path: string, data: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function apiAs(product: Product, email: string): Promise<Api> {
  const context = await product.browser.newContext();
  const signedIn = await context.request.post(product.url("/api/session"), { data: { email, password: demoPassword } });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
  return {
    request: context.request,
    async send(method, path, data) {
      const answer = await context.request.fetch(product.url(path), { method, data, headers: { "x-csrf-token": csrfToken } });
      expect(answer.status(), `${method} ${path}: ${await answer.text()}`).toBeLessThan(300);
      return answer.json();
    },
    close: () => context.close(),
  };
}

/** Opens Kent Agreement 2's monitoring round for a period; its key and version. */
export async function openRound(manager: Api, period: string): Promise<{ key: string; version: number }> {
  return (await manager.send("POST", "/api/agreements/kent-ka2/rounds", { period })) as { key: string; version: number };
}
