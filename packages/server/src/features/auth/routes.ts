/** Sign in, sign out, who am I, change password, personal API tokens. */
import { and, asc, eq, isNull } from "drizzle-orm";
import { isoTimestamp, isoTimestampOrNull } from "../../db/timestamps.js";
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ApiError } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { AppError } from "../../errors.js";
import { ensureAllowed } from "../../policy/authorize.js";
import { Email, Password } from "../users/schema.js";
import { SessionOptionsView, SessionView } from "@accord/domain";
import { createApiToken, getUser, revokeApiToken } from "../users/service.js";
import { sessionCookie } from "./plugin.js";
import { accountForPassword, changeOwnPassword } from "./passwords.js";
import { beginSignInAttempt } from "./sign-in-attempts.js";
import { startSession } from "./sessions.js";
import type { SingleSignOnSettings } from "./single-sign-on.js";
import { demoPassword, isDemo } from "./settings.js";

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 429: ApiError };

export function authRoutes(db: Db, singleSignOn: SingleSignOnSettings | null): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/session/options",
      {
        config: { access: "public" },
        schema: {
          tags: ["session"],
          summary: "How to sign in here (demo password only in demo mode; single sign-on when configured)",
          response: { 200: SessionOptionsView },
        },
      },
      async () => {
        const demo = await isDemo(db);
        return {
          demo,
          demoPassword: demo ? demoPassword : null,
          singleSignOn: singleSignOn ? { label: singleSignOn.label, start: "/api/session/sso/start" } : null,
        };
      },
    );

    app.get("/session", { config: { access: "public" }, schema: { tags: ["session"], summary: "Who is signed in", response: { 200: SessionView } } }, async (request) => ({
      user: request.actor ? await getUser(db, request.actor.id) : null,
      csrfToken: request.csrfToken,
    }));

    app.post(
      "/session",
      {
        config: { access: "public" },
        schema: {
          tags: ["session"],
          summary: "Sign in with e-mail and password",
          body: z.object({ email: Email, password: z.string().min(1, "must not be empty").max(200) }).strict(),
          response: { 200: SessionView, ...errors },
        },
      },
      async (request, reply) => {
        const { email, password } = request.body;
        const attempt = await beginSignInAttempt(db, email, request.ip);
        let user;
        try {
          user = await accountForPassword(db, email, password);
        } catch (error) {
          await attempt.forget();
          throw error;
        }
        if (!user) {
          await attempt.failed();
          throw new AppError("UNAUTHENTICATED", "The e-mail address or password is not right.", { field: "password" });
        }
        await attempt.forget();
        const { csrfToken } = await startSession(db, reply, request.protocol === "https", user.id);
        return { user: await getUser(db, user.id), csrfToken };
      },
    );

    app.delete("/session", { config: { access: "public" }, schema: { tags: ["session"], summary: "Sign out", response: { 204: z.null() } } }, async (request, reply) => {
      if (request.sessionId !== null) await db.delete(t.sessions).where(eq(t.sessions.id, request.sessionId));
      reply.clearCookie(sessionCookie, { path: "/" });
      return reply.status(204).send(null);
    });

    app.post(
      "/session/password",
      {
        config: { access: "manageOwnAccount" },
        schema: {
          tags: ["session"],
          summary: "Change your password (ends your other sessions and revokes your API tokens)",
          body: z.object({ currentPassword: z.string().min(1, "must not be empty").max(200), newPassword: Password }).strict(),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        ensureAllowed(request.actor, "manageOwnAccount", { type: "ownAccount" });
        const actor = request.actor;
        if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
        await changeOwnPassword({ db, actor, keepSessionId: request.sessionId, ...request.body });
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/tokens",
      {
        config: { access: "manageOwnAccount" },
        schema: {
          tags: ["session"],
          summary: "Create a personal API token (shown once)",
          body: z.object({ name: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters") }).strict(),
          response: { 201: z.object({ id: z.number().int(), token: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        ensureAllowed(request.actor, "manageOwnAccount", { type: "ownAccount" });
        const actor = request.actor;
        if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
        return reply.status(201).send(await createApiToken({ db, caller: actor, userId: actor.id, name: request.body.name }));
      },
    );

    app.get(
      "/tokens",
      {
        config: { access: "manageOwnAccount" },
        schema: {
          tags: ["session"],
          summary: "Your personal API tokens (never the tokens themselves)",
          response: { 200: z.object({ tokens: z.array(z.object({ id: z.number().int(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() })) }), ...errors },
        },
      },
      async (request) => {
        ensureAllowed(request.actor, "manageOwnAccount", { type: "ownAccount" });
        const actor = request.actor;
        if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
        const rows = await db
          .select({ id: t.apiTokens.id, name: t.apiTokens.name, createdAt: t.apiTokens.createdAt, lastUsedAt: t.apiTokens.lastUsedAt })
          .from(t.apiTokens)
          .where(and(eq(t.apiTokens.userId, actor.id), isNull(t.apiTokens.revokedAt)))
          .orderBy(asc(t.apiTokens.id));
        return { tokens: rows.map((row) => ({ ...row, createdAt: isoTimestamp(row.createdAt), lastUsedAt: isoTimestampOrNull(row.lastUsedAt) })) };
      },
    );

    app.delete(
      "/tokens/:tokenId",
      {
        config: { access: "manageOwnAccount" },
        schema: { tags: ["session"], summary: "Revoke one of your API tokens", params: z.object({ tokenId: z.coerce.number().int().positive() }), response: { 204: z.null(), ...errors } },
      },
      async (request, reply) => {
        ensureAllowed(request.actor, "manageOwnAccount", { type: "ownAccount" });
        const actor = request.actor;
        if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
        await revokeApiToken({ db, caller: actor, userId: actor.id, tokenId: request.params.tokenId });
        return reply.status(204).send(null);
      },
    );
  };
}
