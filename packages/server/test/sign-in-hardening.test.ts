/**
 * Sign-in that does not give accounts away: the same time for an unknown address as for a wrong
 * password; passwords that are easy to guess refused, saying why; a changed password ends the
 * account's other sessions and tokens; behind a trusted reverse proxy, the client's own address
 * and TLS count.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../src/http/app.js";
import { parseTrustProxy } from "../src/http/trust-proxy.js";
import { passwordWeakness } from "../src/features/auth/password-strength.js";
import { generatePassword } from "../src/features/auth/secrets.js";
import { createUser } from "../src/features/users/service.js";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";

let api: TestApp;
beforeAll(async () => {
  api = await createTestApp();
});
afterAll(async () => {
  await api?.close();
});

async function timedSignIn(email: string, password: string, remoteAddress: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await api.app.inject({ method: "POST", url: "/api/session", payload: { email, password }, remoteAddress });
  return { status: response.statusCode, ms: performance.now() - started };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

describe("signing in with an address that has no account", () => {
  it("takes as long as a wrong password for an account that exists", async () => {
    // Six accounts of four guesses each: 24 pairs, so one stall of a busy machine moves no median far.
    const accounts = ["one", "two", "three", "four", "five", "six"].map((name) => `timing.${name}@kent.example`);
    for (const email of accounts) await createUser({ db: api.database.db, caller: "command-line", email, name: "Timing Test", password: "Sturdy-Lantern-Orchard-93" });
    await timedSignIn("warm.up@nowhere.example", "whatever-it-is", "192.0.2.250");
    const unknown: number[] = [];
    const wrong: number[] = [];
    // Four wrong guesses per account stay under the per-account pause; one address per attempt
    // stays under the per-address one. Interleaved, so load on the machine falls on both alike.
    for (let round = 0; round < 4; round += 1) {
      for (const [index, email] of accounts.entries()) {
        const a = await timedSignIn(`nobody.${round}.${index}@kent.example`, "Sturdy-Lantern-Orchard-93", `192.0.2.${round * 10 + index}`);
        const b = await timedSignIn(email, `wrong-guess-${round}`, `198.51.100.${round * 10 + index}`);
        expect([a.status, b.status]).toEqual([401, 401]);
        unknown.push(a.ms);
        wrong.push(b.ms);
      }
    }
    // Before, an unknown address answered in about a third of the time (no argon2 verification):
    // a ratio between a half and two tells them apart even on a loaded machine.
    expect(median(unknown) / median(wrong)).toBeGreaterThan(0.5);
    expect(median(unknown) / median(wrong)).toBeLessThan(2);
  });
});

describe("choosing a password", () => {
  let session: Awaited<ReturnType<typeof signIn>>;
  const email = "chooser@kent.example";
  const first = "Quiet-Harbour-Kestrel-71";
  beforeAll(async () => {
    await createUser({ db: api.database.db, caller: "command-line", email, name: "Pat Chooser", password: first });
    session = await signIn(api.app, email, first);
  });

  it.each([
    ["aaaaaaaaaaaa", /Repeated characters/],
    ["chooser@kent.example", /e-mail address, your name, or a word this site uses/],
    ["kent-demo-2008", /e-mail address, your name, or a word this site uses/],
    ["password1234", /commonly used password/],
    ["short-one", /at least 12 characters/],
  ])("refuses %s as a new password, saying why, and keeps the old one", async (newPassword, reason) => {
    const refused = await send(api.app, session, { method: "POST", url: "/api/session/password", body: { currentPassword: first, newPassword } });
    expect(refused.status).toBe(400);
    const error = refused.json<{ error: { field: string; message: string } }>().error;
    expect(error.field).toBe("newPassword");
    expect(error.message).toMatch(reason);
    await signIn(api.app, email, first);
  });

  it("refuses an easy password for a created account, naming the field", async () => {
    await expect(createUser({ db: api.database.db, caller: "command-line", email: "weak@kent.example", name: "Weak", password: "aaaaaaaaaaaa" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      field: "password",
    });
  });

  it("accepts the one-time passwords it generates", () => {
    for (let index = 0; index < 10; index += 1) expect(passwordWeakness(generatePassword())).toBeNull();
  });
});

describe("changing a password", () => {
  it("ends the account's other sessions and API tokens, and keeps the session that changed it", async () => {
    const email = "changer@kent.example";
    const old = "Copper-Meadow-Lighthouse-58";
    await createUser({ db: api.database.db, caller: "command-line", email, name: "Sam Changer", password: old });
    const here = await signIn(api.app, email, old);
    const laptop = await signIn(api.app, email, old);
    const created = await send(api.app, here, { method: "POST", url: "/api/tokens", body: { name: "nightly import" } });
    const { token } = created.json<{ token: string }>();
    const byToken = async () => (await api.app.inject({ method: "GET", url: "/api/tokens", headers: { authorization: `Bearer ${token}` } })).statusCode;
    expect(await byToken()).toBe(200);

    const changed = await send(api.app, here, { method: "POST", url: "/api/session/password", body: { currentPassword: old, newPassword: "Velvet-Canyon-Walrus-204" } });
    expect(changed.status).toBe(204);

    const who = async (session: typeof here) => (await send(api.app, session, { method: "GET", url: "/api/session" })).json<{ user: { email: string } | null }>().user;
    expect((await who(here))?.email).toBe(email);
    expect(await who(laptop)).toBeNull();
    expect(await byToken()).toBe(401);
    await signIn(api.app, email, "Velvet-Canyon-Walrus-204");
  });
});

describe("behind a reverse proxy (ACCORD_TRUST_PROXY)", () => {
  let proxied: FastifyInstance;
  beforeAll(async () => {
    proxied = await buildApp({ database: api.database, trustProxy: parseTrustProxy("true") });
    await proxied.ready();
  });
  afterAll(async () => {
    await proxied?.close();
  });

  const viaProxy = (app: FastifyInstance, client: string, body: { email: string; password: string }) =>
    app.inject({ method: "POST", url: "/api/session", payload: body, remoteAddress: "10.0.0.5", headers: { "x-forwarded-for": client, "x-forwarded-proto": "https" } });

  it("marks the session cookie Secure when the client used TLS", async () => {
    const response = await viaProxy(proxied, "203.0.113.7", { email: "member@kent.example", password: "kent-demo-2008" });
    expect(response.statusCode).toBe(200);
    expect(String(response.headers["set-cookie"])).toMatch(/; Secure/);
  });

  it("pauses sign-in for the address that kept failing, not for everyone behind the proxy", async () => {
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const failed = await viaProxy(proxied, "203.0.113.66", { email: `guess.${attempt}@kent.example`, password: "not-a-password" });
      expect(failed.statusCode).toBe(401);
    }
    const guesser = await viaProxy(proxied, "203.0.113.66", { email: "manager@kent-partnership.example", password: "kent-demo-2008" });
    expect(guesser.statusCode).toBe(429);
    const colleague = await viaProxy(proxied, "203.0.113.99", { email: "manager@kent-partnership.example", password: "kent-demo-2008" });
    expect(colleague.statusCode).toBe(200);
  });

  it("believes no forwarded header when no proxy is trusted", async () => {
    const direct = await viaProxy(api.app, "203.0.113.8", { email: "member@kent.example", password: "kent-demo-2008" });
    expect(direct.statusCode).toBe(200);
    expect(String(direct.headers["set-cookie"])).not.toMatch(/Secure/);
  });

  it("refuses a setting it cannot read, naming it", () => {
    expect(() => parseTrustProxy("the load balancer")).toThrow(/ACCORD_TRUST_PROXY/);
    expect(parseTrustProxy("10.0.0.0/8, 192.168.1.4")).toEqual(["10.0.0.0/8", "192.168.1.4"]);
    expect(parseTrustProxy(undefined)).toBe(false);
  });
});
