/** Plain SQL in tests, for what the API deliberately does not offer (checking the audit trail's guard, digests). */
import type { SQL } from "drizzle-orm";
import type { Db } from "../../src/db/client.js";

/** Both drivers answer db.execute with an object holding `rows`; each row is a plain record. */
export async function queryRows(db: Db, query: SQL): Promise<Record<string, unknown>[]> {
  const result: unknown = await db.execute(query);
  if (typeof result === "object" && result !== null && "rows" in result && Array.isArray(result.rows)) {
    return result.rows.filter((row): row is Record<string, unknown> => typeof row === "object" && row !== null);
  }
  throw new Error("the database answered without rows");
}
