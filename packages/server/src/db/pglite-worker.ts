/**
 * The thread that runs PGlite (see pglite-protocol.ts for the messages). Statements arrive from
 * the main thread and run in arrival order; PGlite's own lock makes every statement outside a
 * transaction wait while one is open.
 *
 * Durability: PGlite starts PostgreSQL with fsync off ("-F"), and its Node file system turns
 * fsync into nothing, so a committed write sat in the operating system's cache: it survived a
 * killed process but not a power cut. Unless told otherwise (ACCORD_DURABLE=off), we start
 * PostgreSQL with fsync on and make fsync reach the disk, so PostgreSQL's own rules hold: the
 * write-ahead log is on disk before COMMIT answers, data files are before a checkpoint drops
 * the log that covers them.
 */
import { fsyncSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";
import {
  describeError,
  type QueryRequest,
  type WorkerReply,
  type WorkerRequest,
  type WorkerSettings,
} from "./pglite-protocol.js";

interface OpenFile {
  /** The real file descriptor behind Emscripten's stream on the Node file system. */
  nfd?: number;
}

interface StreamOperations {
  fsync?: (stream: OpenFile) => number;
}

/** Emscripten's module options as PGlite's file systems receive them (the type is not exported). */
type ModuleOptions = Parameters<NodeFS["init"]>[1];
type PostgresModule = Parameters<NonNullable<ModuleOptions["preRun"]>[number]>[0];

let syncs = 0;

/** The Node file system with an fsync that reaches the disk. */
class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, options: ModuleOptions): Promise<{ emscriptenOpts: ModuleOptions }> {
    const { emscriptenOpts } = await super.init(pg, options);
    const makeFsyncReal = (mod: PostgresModule): void => {
      const operations = (mod.NODEFS as unknown as { stream_ops: StreamOperations }).stream_ops;
      operations.fsync = (stream) => {
        // A stream without a descriptor (a device) has nothing of ours to flush.
        if (typeof stream.nfd === "number") fsyncSync(stream.nfd);
        syncs += 1;
        return 0;
      };
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), makeFsyncReal] } };
  }
}

async function open(settings: WorkerSettings): Promise<PGlite> {
  if (!settings.durable) return PGlite.create(settings.folder);
  // wal_sync_method=fsync because Emscripten's fdatasync does nothing at all.
  const startParams = [
    ...PGlite.defaultStartParams.filter((parameter) => parameter !== "-F"),
    "-c",
    "wal_sync_method=fsync",
  ];
  return PGlite.create({ fs: new DurableNodeFS(settings.folder), startParams });
}

function keepAsText(types: number[]): Record<number, (value: string) => string> {
  return Object.fromEntries(types.map((type) => [type, (value: string) => value]));
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error("pglite-worker.ts runs as a worker thread");
  const settings = workerData as WorkerSettings;
  const send = (reply: WorkerReply): void => port.postMessage(reply);

  let pg: PGlite;
  try {
    pg = await open(settings);
  } catch (error) {
    send({ kind: "failed", id: null, error: describeError(error) });
    return;
  }

  interface OpenTransaction {
    handle: Transaction;
    end: (outcome: "commit" | "rollback") => void;
    finished: Promise<void>;
  }
  const transactions = new Map<number, OpenTransaction>();
  let nextTransaction = 1;

  const target = (transaction: number | null): PGlite | Transaction => {
    if (transaction === null) return pg;
    const open = transactions.get(transaction);
    if (!open) throw new Error(`Transaction ${transaction} is not open`);
    return open.handle;
  };

  const runQuery = async (request: QueryRequest): Promise<unknown> => {
    const result = await target(request.transaction).query(request.sql, request.params, {
      rowMode: request.rowMode,
      parsers: keepAsText(request.textTypes),
    });
    return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
  };

  const begin = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const number = nextTransaction;
      nextTransaction += 1;
      let end: (outcome: "commit" | "rollback") => void = () => undefined;
      const outcome = new Promise<"commit" | "rollback">((decide) => {
        end = decide;
      });
      const finished = pg.transaction(async (handle) => {
        transactions.set(number, { handle, end, finished });
        resolve(number);
        // PGlite commits when this returns and rolls back when it throws.
        if ((await outcome) === "rollback") await handle.rollback();
      });
      finished.then(
        () => transactions.delete(number),
        (error: unknown) => {
          if (!transactions.delete(number)) reject(error);
        },
      );
    });

  const end = async (transaction: number, outcome: "commit" | "rollback"): Promise<null> => {
    const open = transactions.get(transaction);
    if (!open) throw new Error(`Transaction ${transaction} is not open`);
    open.end(outcome);
    await open.finished;
    return null;
  };

  const handle = async (request: WorkerRequest): Promise<unknown> => {
    switch (request.kind) {
      case "query":
        return runQuery(request);
      case "exec":
        return (await target(request.transaction).exec(request.sql)).length;
      case "begin":
        return begin();
      case "commit":
      case "rollback":
        return end(request.transaction, request.kind);
      case "syncs":
        return syncs;
      case "close":
        await pg.close();
        return null;
    }
  };

  port.on("message", (request: WorkerRequest) => {
    handle(request).then(
      (result) => {
        send({ kind: "ok", id: request.id, result });
        if (request.kind === "close") port.close();
      },
      (error: unknown) => send({ kind: "failed", id: request.id, error: describeError(error) }),
    );
  });
  send({ kind: "ready" });
}

await main();
