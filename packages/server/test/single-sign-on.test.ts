/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider, run here on loopback):
 * the whole code flow with PKCE, state and nonce, ending in an Accord session.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/http/app.js";
import { createTestDatabase } from "./support/database.js";
import type { TestDatabase } from "./support/database.js";
import type { FastifyInstance } from "fastify";

let database: TestDatabase;
let app: FastifyInstance;
let issuer: string;
const closeProvider: (() => void)[] = [];
const accordOrigin = "http://accord.test";

beforeAll(async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: "accord", client_secret: "a-test-secret-for-the-test-provider", redirect_uris: [`${accordOrigin}/api/session/sso/callback`] }],
    // The provider's accounts: the login typed is the e-mail address, verified.
    findAccount: (_context, id) => ({ accountId: id, claims: () => ({ sub: id, email: id, email_verified: true }) }),
    claims: { email: ["email", "email_verified"], openid: ["sub"] },
    pkce: { required: () => true },
  });
  server.on("request", provider.callback());
  closeProvider.push(() => server.close());

  database = await createTestDatabase();
  app = await buildApp({
    database,
    singleSignOn: { issuer: new URL(issuer), clientId: "accord", clientSecret: "a-test-secret-for-the-test-provider", redirectUri: `${accordOrigin}/api/session/sso/callback`, label: "Sign in with Kent" },
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.destroy();
  for (const close of closeProvider) close();
});

/** A browser's part of the dance at the provider: follow redirects, keep cookies, fill the login and consent forms. */
async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = (pair ?? "").split("=");
      if (name) jar.set(name.trim(), value.join("="));
    }
  };
  let url = new URL(authorizationUrl);
  for (let step = 0; step < 12; step += 1) {
    if (url.origin === accordOrigin) return url;
    const response = await fetch(url, { redirect: "manual", headers: { cookie: cookieHeader() } });
    keep(response);
    const location = response.headers.get("location");
    if (location) {
      url = new URL(location, url);
      continue;
    }
    const page = await response.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!prompt || !action) throw new Error(`unexpected page at ${url}: ${page.slice(0, 200)}`);
    const form = new URLSearchParams({ prompt, ...(prompt === "login" ? { login, password: "anything" } : {}) });
    const submitted = await fetch(new URL(action, url), { method: "POST", redirect: "manual", body: form, headers: { cookie: cookieHeader(), "content-type": "application/x-www-form-urlencoded" } });
    keep(submitted);
    const next = submitted.headers.get("location");
    if (!next) throw new Error(`form at ${url} did not redirect`);
    url = new URL(next, url);
  }
  throw new Error("too many steps at the provider");
}

async function singleSignOn(login: string) {
  const start = await app.inject({ method: "GET", url: "/api/session/sso/start", headers: { host: "accord.test" } });
  expect(start.statusCode).toBe(302);
  const flowCookie = String(start.headers["set-cookie"]).split(";")[0] ?? "";
  const back = await signInAtProvider(String(start.headers.location), login);
  return app.inject({ method: "GET", url: `${back.pathname}${back.search}`, headers: { host: "accord.test", cookie: flowCookie } });
}

describe("single sign-on through OpenID Connect", () => {
  it("declares its two routes public (they are how a visitor signs in)", () => {
    const routes = app.routeTable.filter((route) => route.url.startsWith("/api/session/sso"));
    expect(routes).toEqual([
      { method: "GET", url: "/api/session/sso/start", access: "public" },
      { method: "GET", url: "/api/session/sso/callback", access: "public" },
    ]);
  });

  it("offers the provider on the sign-in options", async () => {
    const options = await app.inject({ method: "GET", url: "/api/session/options" });
    expect(options.json()).toMatchObject({ singleSignOn: { label: "Sign in with Kent", start: "/api/session/sso/start" } });
  });

  it("signs an invited person in with their organisation's account", async () => {
    const callback = await singleSignOn("negotiator@gose.example");
    expect(callback.statusCode).toBe(302);
    expect(decodeURIComponent(String(callback.headers.location))).toBe("/my-work");
    const sessionCookie = String(callback.headers["set-cookie"]).match(/accord_session=[^;]+/)?.[0] ?? "";
    const me = await app.inject({ method: "GET", url: "/api/session", headers: { cookie: sessionCookie } });
    expect(me.json<{ user: { email: string } }>().user.email).toBe("negotiator@gose.example");
  });

  it("refuses someone the provider knows but Accord has not invited, saying what to do", async () => {
    const callback = await singleSignOn("stranger@elsewhere.example");
    expect(callback.statusCode).toBe(302);
    expect(decodeURIComponent(String(callback.headers.location))).toMatch(/There is no Accord account for stranger@elsewhere.example. Ask your agreement manager to invite you./);
    expect(String(callback.headers["set-cookie"] ?? "")).not.toMatch(/accord_session=[^;]/);
  });

  it("refuses a callback that did not start here", async () => {
    const forged = await app.inject({ method: "GET", url: "/api/session/sso/callback?code=made-up&state=made-up", headers: { host: "accord.test" } });
    expect(forged.statusCode).toBe(302);
    expect(decodeURIComponent(String(forged.headers.location))).toMatch(/sign-in took too long or was started elsewhere/);
  });
});
