/** What a stale write is answered with, shared by the target, baseline and negotiation writes. */
import { AppError } from "../../errors.js";
import type * as t from "../../db/schema/index.js";

/** 409 carrying the row as it now stands, so the client can show it and let the person decide. */
export class StaleVersionError extends AppError {
  readonly current: unknown;
  constructor(what: string, current: unknown, message?: string) {
    super("CONFLICT", message ?? `${what} has been changed by someone else since you read it. Look at the current version and make your change again.`, { field: "version" });
    this.current = current;
  }
}

export const presentTarget = (row: typeof t.targets.$inferSelect) => ({
  year: row.financialYear,
  component: row.component,
  target: row.target,
  value: row.value,
  writtenValue: row.writtenValue,
  written: row.written,
  version: row.version,
});

