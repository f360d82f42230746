/** Installation settings kept in the database, so every app server behind a balancer agrees. */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { newToken } from "./secrets.js";

export async function readSetting(db: Db, key: string): Promise<string | null> {
  const [row] = await db.select().from(t.settings).where(eq(t.settings.key, key));
  return row?.value ?? null;
}

export async function writeSetting(db: Db, key: string, value: string): Promise<void> {
  await db.insert(t.settings).values({ key, value }).onConflictDoUpdate({ target: t.settings.key, set: { value } });
}

/**
 * The key that signs session cookies: ACCORD_SESSION_SECRET when set, otherwise generated once
 * per database and kept there — never a value in the repository.
 */
export async function cookieSecret(db: Db): Promise<string> {
  const fromEnvironment = process.env.ACCORD_SESSION_SECRET;
  if (fromEnvironment && fromEnvironment.length >= 32) return fromEnvironment;
  const existing = await readSetting(db, "cookie-secret");
  if (existing) return existing;
  const generated = newToken(48);
  await db.insert(t.settings).values({ key: "cookie-secret", value: generated }).onConflictDoNothing();
  return (await readSetting(db, "cookie-secret")) ?? generated;
}

export const demoPassword = "kent-demo-2008";

export async function isDemo(db: Db): Promise<boolean> {
  return (await readSetting(db, "demo")) === "true";
}
