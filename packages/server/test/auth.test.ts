import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { buildApp } from "../src/http/app.js";
import { migrateDatabase } from "../src/db/client.js";
import { demoUsers } from "../src/features/demo/demo-users.js";
import { createUser } from "../src/features/users/service.js";
import { createTestApp } from "./support/app.js";
import { queryRows } from "./support/sql.js";
import type { TestApp } from "./support/app.js";
import { createTestDatabase } from "./support/database.js";
import { send, signIn } from "./support/session.js";

let api: TestApp;
beforeAll(async () => {
  api = await createTestApp();
});
afterAll(async () => {
  await api?.close();
});

describe("signing in and out", () => {
  it.each(demoUsers.map((user) => [user.grants[0]?.role, user.email]))("the demo %s (%s) signs in with the demo password and out again", async (_role, email) => {
    const session = await signIn(api.app, email);
    const me = await send(api.app, session, { method: "GET", url: "/api/session" });
    expect(me.json<{ user: { email: string } }>().user.email).toBe(email);
    const out = await send(api.app, session, { method: "DELETE", url: "/api/session" });
    expect(out.status).toBe(204);
    const after = await send(api.app, session, { method: "GET", url: "/api/session" });
    expect(after.json<{ user: unknown }>().user).toBeNull();
  });

  it("sets an httpOnly, SameSite=Strict, signed session cookie", async () => {
    const response = await api.app.inject({ method: "POST", url: "/api/session", payload: { email: "member@kent.example", password: "kent-demo-2008" } });
    const cookie = String(response.headers["set-cookie"]);
    expect(cookie).toMatch(/accord_session=[^;]+\.[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it("refuses a wrong password with a message naming the field, and slows guessing down per account", async () => {
    const email = "guessed.at@kent.example";
    await createUser({ db: api.database.db, caller: "command-line", email, name: "Guessed At", password: "the-right-password" });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const wrong = await send(api.app, null, { method: "POST", url: "/api/session", body: { email, password: `guess-${attempt}` } });
      expect(wrong.status).toBe(401);
      expect(wrong.json<{ error: { field: string } }>().error.field).toBe("password");
    }
    const limited = await send(api.app, null, { method: "POST", url: "/api/session", body: { email, password: "the-right-password" } });
    expect(limited.status).toBe(429);
    expect(limited.json<{ error: { message: string } }>().error.message).toMatch(/Too many failed sign-ins for this account/);
  });

  it("shows the demo password on the sign-in options only in demo mode", async () => {
    const demo = await send(api.app, null, { method: "GET", url: "/api/session/options" });
    expect(demo.json()).toEqual({ demo: true, demoPassword: "kent-demo-2008", singleSignOn: null });
    const plain = await createTestDatabase({ empty: true });
    try {
      await migrateDatabase(plain);
      const app = await buildApp({ database: plain });
      const options = await app.inject({ method: "GET", url: "/api/session/options" });
      expect(options.json()).toEqual({ demo: false, demoPassword: null, singleSignOn: null });
      const [users] = await queryRows(plain.db, sql`select count(*)::int as n from users`);
      expect(users?.n).toBe(0);
      await app.close();
    } finally {
      await plain.destroy();
    }
  });
});

describe("protection of cookie-authenticated writes", () => {
  it("refuses a write without the CSRF token and accepts it with the token", async () => {
    const session = await signIn(api.app, "member@kent.example");
    const comment = { method: "POST", url: "/api/agreements/kent-ka2/indicators/ni-47/comments", body: { body: "Good to see the 50% reduction." } };
    const forged = await send(api.app, session, comment, { csrf: false });
    expect(forged.status).toBe(403);
    expect(forged.json<{ error: { field: string } }>().error.field).toBe("X-CSRF-Token");
    const genuine = await send(api.app, session, comment);
    expect(genuine.status).toBe(201);
  });
});

describe("personal API tokens", () => {
  it("lets a script write with a Bearer token and no CSRF token, until the token is revoked", async () => {
    const session = await signIn(api.app, "officer.ni47@kent-partnership.example");
    const created = await send(api.app, session, { method: "POST", url: "/api/tokens", body: { name: "nightly import" } });
    expect(created.status).toBe(201);
    const { id, token } = created.json<{ id: number; token: string }>();
    const asScript = (url: string, method = "GET", payload?: Record<string, unknown>) =>
      api.app.inject({ method: method as "GET", url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
    const me = await asScript("/api/session");
    expect(me.json<{ user: { email: string } }>().user.email).toBe("officer.ni47@kent-partnership.example");
    const comment = await asScript("/api/agreements/kent-ka2/indicators/ni-47/comments", "POST", { body: "Posted by a script" });
    expect(comment.statusCode).toBe(201);
    const listed = await send(api.app, session, { method: "GET", url: "/api/tokens" });
    const [listedToken] = listed.json<{ tokens: { id: number; name: string; lastUsedAt: string | null }[] }>().tokens;
    expect(listedToken).toMatchObject({ id, name: "nightly import" });
    expect(listedToken?.lastUsedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    const revoked = await send(api.app, session, { method: "DELETE", url: `/api/tokens/${id}` });
    expect(revoked.status).toBe(204);
    const after = await asScript("/api/session");
    expect(after.statusCode).toBe(401);
  });
});

describe("managing users in the API", () => {
  it("lets a manager invite a user, who signs in with the one-time password and has the granted role", async () => {
    const manager = await signIn(api.app, "manager@kent-partnership.example");
    const invited = await send(api.app, manager, { method: "POST", url: "/api/users", body: { email: "New.Officer@Kent.example", name: "New Officer", organisation: "kent-county-council" } });
    expect(invited.status).toBe(201);
    const { user, password } = invited.json<{ user: { id: number; email: string }; password: string }>();
    expect(user.email).toBe("new.officer@kent.example");
    const granted = await send(api.app, manager, { method: "POST", url: `/api/users/${user.id}/grants`, body: { role: "officer", agreement: "kent-ka2", indicator: "ni-155" } });
    expect(granted.status).toBe(201);
    expect(granted.json<{ grants: { description: string }[] }>().grants[0]?.description).toBe("officer for NI 155 in kent-ka2");
    const newcomer = await signIn(api.app, "new.officer@kent.example", password);
    const me = await send(api.app, newcomer, { method: "GET", url: "/api/session" });
    expect(me.json<{ user: { grants: { role: string }[] } }>().user.grants.map((g) => g.role)).toEqual(["officer"]);
  });

  it("refuses an officer grant without its indicator, naming the field", async () => {
    const manager = await signIn(api.app, "manager@kent-partnership.example");
    const users = await send(api.app, manager, { method: "GET", url: "/api/users" });
    const member = users.json<{ users: { id: number; email: string }[] }>().users.find((u) => u.email === "member@kent.example");
    const bad = await send(api.app, manager, { method: "POST", url: `/api/users/${member?.id}/grants`, body: { role: "officer", agreement: "kent-ka2" } });
    expect(bad.status).toBe(400);
    expect(bad.json<{ error: { field: string } }>().error.field).toBe("indicator");
  });
});

describe("GET /api/agreements/:slug/permissions", () => {
  it("tells each person what they may do, by the same policy the routes enforce", async () => {
    const officer = await signIn(api.app, "officer.ni47@kent-partnership.example");
    const mine = (await send(api.app, officer, { method: "GET", url: "/api/agreements/kent-ka2/permissions" })).json<Record<string, unknown>>();
    expect(mine).toMatchObject({ signedIn: true, update: false, manageRounds: false, proposeTarget: ["ni-47"], signUpFor: [], editLocalActionPlan: [] });
    const lsp = await signIn(api.app, "lsp.thanet@kent-partnership.example");
    const partner = await signIn(api.app, "partner@kent-police.example");
    const theirs = (await send(api.app, partner, { method: "GET", url: "/api/agreements/kent-ka2/permissions" })).json<Record<string, unknown>>();
    expect(theirs).toMatchObject({ proposeTarget: [], signUpFor: ["kent-police"] });
    const plan = (await send(api.app, lsp, { method: "GET", url: "/api/agreements/kent-ka2/permissions" })).json<Record<string, unknown>>();
    expect(plan).toMatchObject({ editLocalActionPlan: ["E07000114"] });
    const visitor = (await send(api.app, null, { method: "GET", url: "/api/agreements/kent-ka2/permissions" })).json<Record<string, unknown>>();
    expect(visitor).toMatchObject({ signedIn: false, read: true, comment: false, proposeTarget: [] });
  });
});
