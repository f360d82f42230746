/**
 * Every request learns who is asking (session cookie or Bearer token) before its handler runs.
 * Cookie-authenticated writes must carry the session's CSRF token in X-CSRF-Token; a Bearer
 * token cannot be sent by a browser on another site's behalf, so it needs none.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import fastifyCookie from "@fastify/cookie";
import type { Db } from "../../db/client.js";
import { AppError } from "../../errors.js";
import type { Actor } from "../../policy/authorize.js";
import { actorForApiToken, actorForSession } from "./actors.js";

export const sessionCookie = "accord_session";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: number | null;
    csrfToken: string | null;
  }
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export async function registerAuthentication(app: FastifyInstance, db: Db, cookieSecret: string): Promise<void> {
  await app.register(fastifyCookie, { secret: cookieSecret });
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionId", null);
  app.decorateRequest("csrfToken", null);

  app.addHook("onRequest", async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const actor = match?.[1] ? await actorForApiToken(db, match[1]) : null;
      if (!actor) throw new AppError("UNAUTHENTICATED", "The API token is not valid or has been revoked.", { field: "Authorization" });
      request.actor = actor;
      return;
    }
    const raw = request.cookies[sessionCookie];
    if (raw === undefined) return;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || unsigned.value === null) return;
    const session = await actorForSession(db, unsigned.value);
    if (!session) return;
    if (!safeMethods.has(request.method) && request.headers["x-csrf-token"] !== session.csrfToken) {
      throw new AppError("FORBIDDEN", "This change was not sent by the Accord page you signed in to (missing or wrong CSRF token); reload the page and try again.", {
        field: "X-CSRF-Token",
      });
    }
    request.actor = session.actor;
    request.sessionId = session.sessionId;
    request.csrfToken = session.csrfToken;
  });
}
