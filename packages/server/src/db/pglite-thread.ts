/**
 * The main thread's side of the embedded database: PGlite runs in a worker thread
 * (pglite-worker.ts) and this client stands in for it. Drizzle's PGlite driver calls only
 * `query` (with row mode and the types it parses itself) and `transaction`, so the rest of the
 * code keeps using Drizzle as before.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import {
  EmbeddedDatabaseError,
  type QueryResult,
  type WorkerReply,
  type WorkerRequest,
  type WorkerSettings,
} from "./pglite-protocol.js";

/** A request as the caller writes it; the connection numbers it. */
type Request = WorkerRequest extends infer Each ? (Each extends WorkerRequest ? Omit<Each, "id"> : never) : never;

interface Waiting {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * Where the worker's code is: compiled beside the bundle (scripts/build.mjs builds each
 * *-worker.ts as dist/server/<name>.js and leaves this file's import.meta.url the bundle's), or
 * the TypeScript source run through tsx.
 */
function workerEntry(): URL {
  if (import.meta.url.endsWith(".js")) return new URL("./pglite-worker.js", import.meta.url);
  // A worker thread starts without the main thread's module loader, so it registers tsx itself,
  // as bin/accord.js does for the main thread.
  const tsx = join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/esm/api/index.mjs");
  const source = new URL("./pglite-worker.ts", import.meta.url).href;
  const code =
    `const { register } = await import(${JSON.stringify(pathToFileURL(tsx).href)}); register();` +
    `await import(${JSON.stringify(source)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

class Connection {
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private stopped: Error | null = null;

  constructor(private readonly worker: Worker) {
    // An idle database must not keep a finished command alive; a pending request must.
    worker.unref();
    worker.on("message", (reply: WorkerReply) => {
      if (reply.kind === "ready" || reply.id === null) return;
      const waiting = this.waiting.get(reply.id);
      if (!waiting) return;
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      if (reply.kind === "ok") waiting.resolve(reply.result);
      else waiting.reject(new EmbeddedDatabaseError(reply.error));
    });
    worker.on("error", (error: Error) => this.stop(error));
    worker.once("exit", (code) => this.stop(new Error(`The embedded database stopped (worker exit code ${code})`)));
  }

  private stop(error: Error): void {
    this.stopped ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }

  request<T>(request: Request): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId;
    this.nextId += 1;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (result: unknown) => void, reject });
      if (this.waiting.size === 1) this.worker.ref();
      this.worker.postMessage({ ...request, id } as WorkerRequest);
    });
  }
}

interface QueryOptions {
  rowMode?: "array" | "object";
  /** Drizzle passes a parser for each type it wants as text; only the type numbers cross. */
  parsers?: Record<number, unknown>;
}

/** Statements on the database, or inside one open transaction. */
export class EmbeddedQueries {
  constructor(
    protected readonly connection: Connection,
    private readonly transactionNumber: number | null,
  ) {}

  query(sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    return this.connection.request<QueryResult>({
      kind: "query",
      sql,
      params,
      rowMode: options.rowMode ?? "object",
      textTypes: Object.keys(options.parsers ?? {}).map(Number),
      transaction: this.transactionNumber,
    });
  }

  /** Runs several statements separated by semicolons, without parameters. */
  async exec(sql: string): Promise<void> {
    await this.connection.request<number>({ kind: "exec", sql, transaction: this.transactionNumber });
  }
}

export class EmbeddedClient extends EmbeddedQueries {
  constructor(
    connection: Connection,
    private readonly worker: Worker,
  ) {
    super(connection, null);
  }

  /**
   * Holds the database for the callback: other statements wait in the worker until it commits
   * (when the callback returns) or rolls back (when it throws).
   */
  async transaction<T>(callback: (transaction: EmbeddedQueries) => Promise<T>): Promise<T> {
    const number = await this.connection.request<number>({ kind: "begin" });
    let result: T;
    try {
      result = await callback(new EmbeddedQueries(this.connection, number));
    } catch (error) {
      // The callback's error is the one to report; a failed ROLLBACK still ends the transaction.
      await this.connection.request({ kind: "rollback", transaction: number }).catch(() => undefined);
      throw error;
    }
    await this.connection.request({ kind: "commit", transaction: number });
    return result;
  }

  /** How often the worker flushed the data folder to disk since it started. */
  syncs(): Promise<number> {
    return this.connection.request<number>({ kind: "syncs" });
  }

  /** Closes PGlite (a clean shutdown with a checkpoint) and waits for the thread to end. */
  async close(): Promise<void> {
    try {
      await this.connection.request({ kind: "close" });
    } finally {
      await this.worker.terminate();
    }
  }
}

/** Starts PGlite on `folder` in its own thread; answers once the database is open. */
export async function startEmbeddedDatabase(settings: WorkerSettings): Promise<EmbeddedClient> {
  const worker = new Worker(workerEntry(), { workerData: settings });
  const connection = new Connection(worker);
  worker.ref();
  try {
    await new Promise<void>((resolve, reject) => {
      const onReply = (reply: WorkerReply): void => {
        if (reply.kind === "ready") resolve();
        else if (reply.kind === "failed" && reply.id === null) reject(new EmbeddedDatabaseError(reply.error));
        else return;
        worker.off("message", onReply);
      };
      worker.on("message", onReply);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`The embedded database did not start (exit code ${code})`)));
    });
  } catch (error) {
    await worker.terminate();
    throw error;
  } finally {
    worker.unref();
  }
  return new EmbeddedClient(connection, worker);
}
