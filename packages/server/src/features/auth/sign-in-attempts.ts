/**
 * Sign-in guessing is slowed per account and per address over a 15-minute window. An attempt is
 * written down before its password is checked and counted with itself, so attempts that arrive
 * together — on one process or on several sharing the database — are counted against each other:
 * of twenty at once, the first five written are checked and the rest refused. (Counting first and
 * writing only failures let every attempt that arrived before the first failure was written
 * through.) An attempt that succeeds, or is refused unchecked, is then crossed out again, so only
 * failed passwords go on counting.
 */
import { and, count, eq, gt } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { AppError } from "../../errors.js";

const failureWindowMs = 15 * 60 * 1000;
const failuresPerAccount = 5;
const failuresPerAddress = 30;

async function attemptsSince(db: Db, column: typeof t.signInFailures.email | typeof t.signInFailures.address, value: string, since: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(t.signInFailures).where(and(eq(column, value), gt(t.signInFailures.at, since)));
  return row?.n ?? 0;
}

export interface SignInAttempt {
  /** The password was wrong: the attempt goes on counting for 15 minutes. */
  failed(): Promise<void>;
  /** The password was right (or could not be checked): the attempt no longer counts. */
  forget(): Promise<void>;
}

/** Writes the attempt down, then refuses it (429) when it is more than the account's or address's allowance. */
export async function beginSignInAttempt(db: Db, email: string, address: string): Promise<SignInAttempt> {
  const since = new Date(Date.now() - failureWindowMs).toISOString();
  const [written] = await db.insert(t.signInFailures).values({ email, address }).returning({ id: t.signInFailures.id });
  if (!written) throw new Error("the sign-in attempt was not written");
  const forget = async (): Promise<void> => {
    await db.delete(t.signInFailures).where(eq(t.signInFailures.id, written.id));
  };
  if ((await attemptsSince(db, t.signInFailures.email, email, since)) > failuresPerAccount) {
    await forget();
    throw new AppError("RATE_LIMITED", "Too many failed sign-ins for this account. Wait 15 minutes and try again, or ask a manager to reset your password.", { field: "email" });
  }
  if ((await attemptsSince(db, t.signInFailures.address, address, since)) > failuresPerAddress) {
    await forget();
    throw new AppError("RATE_LIMITED", "Too many failed sign-ins from this address. Wait 15 minutes and try again.");
  }
  // A failure is already written: it stays and counts until the window has passed.
  return { failed: async () => undefined, forget };
}
