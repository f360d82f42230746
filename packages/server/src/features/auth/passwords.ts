/** Checking a sign-in's password and changing one's own password. */
import { and, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { AppError } from "../../errors.js";
import type { Actor } from "../../policy/authorize.js";
import { recordAudit } from "../audit/record.js";
import { ensureStrongPassword } from "./password-strength.js";
import { hashPassword, newToken, passwordMatches } from "./secrets.js";

let dummyHash: Promise<string> | undefined;
/** A hash of a random password no one knows, made once, for accounts that do not exist. */
function hashNoOneMatches(): Promise<string> {
  dummyHash ??= hashPassword(newToken(24));
  return dummyHash;
}

/**
 * The account whose password this is, or null. An unknown address, a disabled account and one
 * without a password still cost one argon2 verification, so the answer's timing does not tell
 * which addresses have accounts.
 */
export async function accountForPassword(db: Db, email: string, password: string): Promise<typeof t.users.$inferSelect | null> {
  const [user] = await db.select().from(t.users).where(eq(t.users.email, email));
  const usable = user !== undefined && !user.disabled && user.passwordHash !== null;
  const matches = await passwordMatches(usable && user.passwordHash !== null ? user.passwordHash : await hashNoOneMatches(), password);
  return usable && matches ? user : null;
}

/**
 * Changes the signed-in person's password, ending their other sessions and revoking their API
 * tokens (whoever knew the old password may have used it), but keeping the session that made
 * the change so the person stays signed in.
 */
export async function changeOwnPassword(options: {
  db: Db;
  actor: Actor;
  keepSessionId: number | null;
  currentPassword: string;
  newPassword: string;
}): Promise<void> {
  const { db, actor } = options;
  const [user] = await db.select().from(t.users).where(eq(t.users.id, actor.id));
  if (!user?.passwordHash || !(await passwordMatches(user.passwordHash, options.currentPassword))) {
    throw new AppError("BAD_REQUEST", "The current password is not right.", { field: "currentPassword" });
  }
  if (options.newPassword === options.currentPassword) {
    throw new AppError("BAD_REQUEST", "The new password must differ from the current one.", { field: "newPassword" });
  }
  ensureStrongPassword(options.newPassword, "newPassword", { email: user.email, name: user.name });
  const passwordHash = await hashPassword(options.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(t.users).set({ passwordHash, version: user.version + 1 }).where(eq(t.users.id, actor.id));
    const otherSessions = options.keepSessionId === null ? eq(t.sessions.userId, actor.id) : and(eq(t.sessions.userId, actor.id), ne(t.sessions.id, options.keepSessionId));
    const ended = await tx.delete(t.sessions).where(otherSessions).returning({ id: t.sessions.id });
    const revoked = await tx
      .update(t.apiTokens)
      .set({ revokedAt: new Date().toISOString() })
      .where(and(eq(t.apiTokens.userId, actor.id), isNull(t.apiTokens.revokedAt)))
      .returning({ id: t.apiTokens.id });
    await recordAudit(tx, {
      actor,
      action: "password.change",
      entityType: "user",
      entityId: actor.id,
      agreementId: null,
      before: null,
      after: { sessionsEnded: ended.length, tokensRevoked: revoked.map((row) => row.id) },
    });
  });
}
