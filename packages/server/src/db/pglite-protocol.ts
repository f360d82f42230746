/**
 * The messages between the server's main thread and the thread that runs PGlite
 * (pglite-worker.ts). PGlite computes on the thread that calls it, so on the main thread every
 * request waited behind every query; in its own thread the main thread keeps answering.
 *
 * A transaction is opened with `begin`, which answers once the worker holds PGlite's
 * transaction lock: until its `commit` or `rollback` every statement without that transaction's
 * number waits, so one request's statements never run inside another's transaction.
 */

/** What the worker is started with. */
export interface WorkerSettings {
  folder: string;
  /** Whether a commit waits for the disk (fsync); see pglite-worker.ts. */
  durable: boolean;
}

export interface QueryRequest {
  kind: "query";
  id: number;
  sql: string;
  params: unknown[];
  rowMode: "array" | "object";
  /** Type OIDs to hand back as PostgreSQL prints them (Drizzle parses dates itself). */
  textTypes: number[];
  transaction: number | null;
}

export interface ExecRequest {
  kind: "exec";
  id: number;
  sql: string;
  transaction: number | null;
}

export interface BeginRequest {
  kind: "begin";
  id: number;
}

export interface EndRequest {
  kind: "commit" | "rollback";
  id: number;
  transaction: number;
}

export interface CloseRequest {
  kind: "close";
  id: number;
}

/** How many times the data folder's files were flushed to disk (fsync) since the start. */
export interface SyncsRequest {
  kind: "syncs";
  id: number;
}

export type WorkerRequest = QueryRequest | ExecRequest | BeginRequest | EndRequest | CloseRequest | SyncsRequest;

export interface QueryResult {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

/** What PostgreSQL says about a failed statement, as pg and PGlite name it (SQLSTATE in `code`). */
export interface DatabaseErrorFields {
  message: string;
  severity?: string;
  code?: string;
  detail?: string;
  hint?: string;
  position?: string;
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
  routine?: string;
}

export type WorkerReply =
  | { kind: "ready" }
  | { kind: "ok"; id: number; result: unknown }
  | { kind: "failed"; id: number | null; error: DatabaseErrorFields };

const errorFieldNames = [
  "severity",
  "code",
  "detail",
  "hint",
  "position",
  "where",
  "schema",
  "table",
  "column",
  "dataType",
  "constraint",
  "routine",
] as const;

/**
 * An error crossing threads loses its own properties, so the fields are copied by name. The
 * statement's parameters are left behind on purpose: they may hold password or token hashes,
 * and error logs must not print them.
 */
export function describeError(error: unknown): DatabaseErrorFields {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: DatabaseErrorFields = { message: error.message };
  const source = error as Error & Partial<Record<(typeof errorFieldNames)[number], unknown>>;
  for (const name of errorFieldNames) {
    const value = source[name];
    if (typeof value === "string") fields[name] = value;
  }
  return fields;
}

/** A statement PostgreSQL refused, rebuilt on the main thread with its SQLSTATE and constraint. */
export class EmbeddedDatabaseError extends Error {
  readonly severity: string | undefined;
  readonly code: string | undefined;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  readonly position: string | undefined;
  readonly where: string | undefined;
  readonly schema: string | undefined;
  readonly table: string | undefined;
  readonly column: string | undefined;
  readonly dataType: string | undefined;
  readonly constraint: string | undefined;
  readonly routine: string | undefined;

  constructor(fields: DatabaseErrorFields) {
    super(fields.message);
    this.name = "DatabaseError";
    this.severity = fields.severity;
    this.code = fields.code;
    this.detail = fields.detail;
    this.hint = fields.hint;
    this.position = fields.position;
    this.where = fields.where;
    this.schema = fields.schema;
    this.table = fields.table;
    this.column = fields.column;
    this.dataType = fields.dataType;
    this.constraint = fields.constraint;
    this.routine = fields.routine;
  }
}
