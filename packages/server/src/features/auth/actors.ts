/** Who is asking: the user behind a session cookie or an API token, with their role grants. */
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import type { Actor } from "../../policy/authorize.js";
import { tokenHash } from "./secrets.js";

export async function actorForUser(db: Db, userId: number): Promise<Actor | null> {
  const [user] = await db.select().from(t.users).where(and(eq(t.users.id, userId), eq(t.users.disabled, false)));
  if (!user) return null;
  const grants = await db
    .select({
      id: t.roleGrants.id,
      role: t.roleGrants.role,
      agreementId: t.roleGrants.agreementId,
      agreementIndicatorId: t.roleGrants.agreementIndicatorId,
      organisationId: t.roleGrants.organisationId,
      areaId: t.roleGrants.areaId,
    })
    .from(t.roleGrants)
    .where(eq(t.roleGrants.userId, user.id));
  return { id: user.id, name: user.name, email: user.email, organisationId: user.organisationId, grants };
}

export interface SessionActor {
  actor: Actor;
  sessionId: number;
  csrfToken: string;
}

export async function actorForSession(db: Db, token: string): Promise<SessionActor | null> {
  const [session] = await db
    .select()
    .from(t.sessions)
    .where(and(eq(t.sessions.tokenHash, tokenHash(token)), gt(t.sessions.expiresAt, new Date().toISOString())));
  if (!session) return null;
  const actor = await actorForUser(db, session.userId);
  return actor ? { actor, sessionId: session.id, csrfToken: session.csrfToken } : null;
}

export async function actorForApiToken(db: Db, token: string): Promise<Actor | null> {
  const [row] = await db
    .select({ id: t.apiTokens.id, userId: t.apiTokens.userId })
    .from(t.apiTokens)
    .where(and(eq(t.apiTokens.tokenHash, tokenHash(token)), isNull(t.apiTokens.revokedAt)));
  if (!row) return null;
  await db.update(t.apiTokens).set({ lastUsedAt: new Date().toISOString() }).where(eq(t.apiTokens.id, row.id));
  return actorForUser(db, row.userId);
}
