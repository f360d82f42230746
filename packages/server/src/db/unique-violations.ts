/**
 * Two people creating the same row at once: both read "not there yet", both insert, and the
 * database lets one in and refuses the other with a unique violation (SQLSTATE 23505) once the
 * first commits. PGlite runs one transaction at a time and never shows this; a PostgreSQL server
 * does. The loser should hear what already exists (a 409 with the current state), never a 500.
 */
import { AppError } from "../errors.js";

/** The constraint that a unique violation broke, on either driver (Drizzle wraps the driver's error as its cause). */
export function violatedUniqueConstraint(error: unknown): string | null {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const fields = current as Error & { code?: unknown; constraint?: unknown };
    if (fields.code === "23505" && typeof fields.constraint === "string") return fields.constraint;
  }
  return null;
}

/** A 409 for a row someone else created a moment before, carrying that row so the client can show it. */
export class AlreadyExistsError extends AppError {
  readonly current: unknown;
  constructor(message: string, options: { field: string; current?: unknown }) {
    super("CONFLICT", message, { field: options.field });
    this.current = options.current ?? null;
  }
}

/**
 * Runs a write (a whole transaction, so the refused one has rolled back) and, when it breaks one
 * of the named unique constraints, answers as `onConflict` says — by then the other writer's row
 * is committed and can be read. Any other error passes through unchanged.
 */
export async function whenAlreadyCreated<T>(write: () => Promise<T>, onConflict: Record<string, () => Promise<T>>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const constraint = violatedUniqueConstraint(error);
    const handle = constraint === null ? undefined : onConflict[constraint];
    if (!handle) throw error;
    return handle();
  }
}
