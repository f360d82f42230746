/** Starting a session: a random token in a signed, httpOnly, SameSite=Strict cookie; its hash in the database. */
import type { FastifyReply } from "fastify";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { sessionCookie } from "./plugin.js";
import { newToken, tokenHash } from "./secrets.js";

export const sessionHours = 12;

export async function startSession(db: Db, reply: FastifyReply, secure: boolean, userId: number): Promise<{ csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await db.insert(t.sessions).values({
    tokenHash: tokenHash(token),
    userId,
    csrfToken,
    expiresAt: new Date(Date.now() + sessionHours * 3600 * 1000).toISOString(),
  });
  reply.setCookie(sessionCookie, token, { signed: true, httpOnly: true, sameSite: "strict", secure, path: "/", maxAge: sessionHours * 3600 });
  return { csrfToken };
}
