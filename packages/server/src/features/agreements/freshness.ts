/**
 * Reads that nothing has changed are nearly free. The database counts the committed changes of
 * each agreement (agreement_changes, bumped by triggers at commit); one statement reads that count,
 * and from it come the ETag (so a browser that already has the answer gets 304 and no body) and
 * the key of the views this process has already built and serialised. Because the count lives in
 * the database, a view built here is never served after another Accord process on the same
 * PostgreSQL has changed the agreement: the next read sees the new count and builds afresh.
 */
import { createHash } from "node:crypto";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { grantsIn } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";
import type { AgreementStamp } from "./queries.js";

export type { AgreementStamp };

/**
 * The views change with the date too (an indicator's status is the one in force today), so the
 * date is part of every tag and key.
 */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * What of the reader an answer depends on, for the answers that differ by reader (permissions):
 * whether they are signed in and their roles in this agreement, so two people with the same roles
 * share a tag and someone with other roles never matches it.
 */
export function readerVariant(actor: Actor | null, agreementId: number): string {
  if (actor === null) return "public";
  const roles = grantsIn(actor, agreementId)
    .map((grant) => [grant.role, grant.agreementId, grant.agreementIndicatorId, grant.organisationId, grant.areaId].join(":"))
    .sort();
  return createHash("sha256").update(roles.join("|")).digest("base64url").slice(0, 16);
}

/**
 * What of the reader the agreement list depends on: every role they hold (the list shows the
 * agreements they may read, in any agreement), so two readers share a kept page only when the
 * read policy cannot tell them apart.
 */
export function listReaderVariant(actor: Actor | null): string {
  if (actor === null) return "public";
  const roles = actor.grants
    .map((grant) => [grant.role, grant.agreementId, grant.agreementIndicatorId, grant.organisationId, grant.areaId].join(":"))
    .sort();
  return createHash("sha256").update(roles.join("|")).digest("base64url").slice(0, 16);
}

/** The agreement list's tag: its stamp, the day (statuses are as at today) and the reader. */
export function agreementListTag(stamp: string, variant: string): string {
  return `W/"list-${stamp}-${today()}-${variant}"`;
}

/** A weak tag: the same answer may be sent compressed or not. */
export function agreementTag(stamp: AgreementStamp, variant?: string): string {
  return `W/"a${stamp.agreementId}-${stamp.changes}-${today()}${variant === undefined ? "" : `-${variant}`}"`;
}

function matches(ifNoneMatch: string | undefined, tag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const opaque = (value: string) => value.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((candidate) => candidate.trim() === "*" || opaque(candidate) === opaque(tag));
}

/**
 * Tags the answer and asks browsers to check the tag on every use (the answer may change at any
 * moment; the tag makes checking cheap). Only answers that succeed are tagged.
 */
export function tagAnswer(reply: FastifyReply, tag: string): FastifyReply {
  return reply
    .header("ETag", tag)
    .header("Cache-Control", "private, no-cache")
    .header("Vary", "Cookie, Authorization, Accept-Encoding");
}

/** The reader's copy is current: 304 with the tag and no body. */
export function answeredNotModified(request: FastifyRequest, reply: FastifyReply, tag: string): boolean {
  if (!matches(request.headers["if-none-match"], tag)) return false;
  tagAnswer(reply, tag).code(304);
  return true;
}

interface Built<View> {
  changes: number;
  day: string;
  /** Built on first need: an answer that reads less than the whole agreement never builds it. */
  view: () => Promise<View>;
  /** Answers already checked against their schema and serialised, by route and query. */
  bodies: Map<string, KeptBody>;
}

const agreementsKept = 32;
const bodiesKeptPerAgreement = 256;

/** The views this process has built, a bounded least-recently-used list per database. */
class BuiltViews<View> {
  private readonly entries = new Map<number, Built<View>>();

  get(stamp: AgreementStamp, build: () => Promise<View>): Built<View> {
    const day = today();
    const existing = this.entries.get(stamp.agreementId);
    if (existing && existing.changes === stamp.changes && existing.day === day) {
      // Map keeps insertion order: moving the entry to the end marks it most recently used.
      this.entries.delete(stamp.agreementId);
      this.entries.set(stamp.agreementId, existing);
      return existing;
    }
    let building: Promise<View> | undefined;
    const fresh: Built<View> = {
      changes: stamp.changes,
      day,
      // Requests arriving together share one build; a failed build is forgotten and tried again.
      view: () =>
        (building ??= build().catch((error: unknown) => {
          building = undefined;
          throw error;
        })),
      bodies: new Map(),
    };
    // A slower request that read an older count must not replace a newer view.
    if (existing && existing.changes > stamp.changes && existing.day === day) return fresh;
    this.entries.delete(stamp.agreementId);
    this.entries.set(stamp.agreementId, fresh);
    while (this.entries.size > agreementsKept) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return fresh;
  }
}

/**
 * One cache per database: tests and tools open several databases in one process, and the same
 * agreement id and count in two of them are different agreements.
 */
const caches = new WeakMap<Db, BuiltViews<unknown>>();

function cacheFor<View>(db: Db): BuiltViews<View> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new BuiltViews<unknown>();
    caches.set(db, cache);
  }
  return cache as BuiltViews<View>;
}

/** The agreement's view as at the stamp's count, built once per change. */
export function builtView<View>(db: Db, stamp: AgreementStamp, build: () => Promise<View>): Promise<View> {
  return cacheFor<View>(db).get(stamp, build).view();
}

type Encoding = "br" | "gzip";

/** Below this an answer goes as it is: compressing 2 KB saves less than it costs. */
const compressFrom = 2048;

/**
 * An answer serialised once per change and kept as bytes, with each compressed form made the
 * first time a reader asks for it: every later reader of the same agreement is sent bytes that
 * already exist, as a static file server would, instead of encoding and compressing ~100 KB again.
 */
export class KeptBody {
  private readonly encoded = new Map<Encoding, Buffer>();
  constructor(readonly bytes: Buffer) {}

  as(encoding: Encoding): Buffer {
    let kept = this.encoded.get(encoding);
    if (kept === undefined) {
      // Brotli at quality 5 compresses an agreement in a few milliseconds to about what gzip's best does.
      kept =
        encoding === "br"
          ? brotliCompressSync(this.bytes, {
              params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: this.bytes.length },
            })
          : gzipSync(this.bytes);
      this.encoded.set(encoding, kept);
    }
    return kept;
  }
}

/** The encoding the reader accepts that we prefer (brotli, then gzip), or null for none. */
function acceptedEncoding(header: string | string[] | undefined): Encoding | null {
  if (header === undefined) return null;
  const offered = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(",") : header).split(",")) {
    const [name = "", ...parameters] = part.trim().toLowerCase().split(";");
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith("q="));
    offered.set(name.trim(), q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  const accepts = (name: Encoding) => (offered.get(name) ?? offered.get("*") ?? 0) > 0;
  if (accepts("br")) return "br";
  if (accepts("gzip")) return "gzip";
  return null;
}

/**
 * One answer as JSON, checked against its response schema and serialised once per change.
 * `key` names the route and everything the answer depends on beyond the agreement (query, reader).
 */
export async function builtBody<View, Answer>(options: {
  db: Db;
  stamp: AgreementStamp;
  build: () => Promise<View>;
  key: string;
  schema: z.ZodType<Answer>;
  answer: (view: () => Promise<View>) => Answer | Promise<Answer>;
}): Promise<KeptBody> {
  const entry = cacheFor<View>(options.db).get(options.stamp, options.build);
  const kept = entry.bodies.get(options.key);
  if (kept !== undefined) return kept;
  const body = new KeptBody(Buffer.from(JSON.stringify(z.encode(options.schema, await options.answer(entry.view))), "utf8"));
  if (entry.bodies.size >= bodiesKeptPerAgreement) {
    const oldest = entry.bodies.keys().next().value;
    if (oldest !== undefined) entry.bodies.delete(oldest);
  }
  entry.bodies.set(options.key, body);
  return body;
}

/**
 * Sends a kept answer as it is, compressed when it is large and the reader accepts brotli or gzip
 * (the compression plugin leaves an answer that already names its encoding alone).
 */
export function sendJson(reply: FastifyReply, body: KeptBody): FastifyReply {
  reply.type("application/json; charset=utf-8");
  const encoding = body.bytes.length >= compressFrom ? acceptedEncoding(reply.request.headers["accept-encoding"]) : null;
  if (encoding === null) return reply.send(body.bytes);
  return reply.header("Content-Encoding", encoding).send(body.as(encoding));
}

const listPagesKept = 256;
/** Agreement list pages already built, by stamp, day, reader and query; the oldest go first. */
const listPages = new WeakMap<Db, Map<string, KeptBody>>();

/**
 * One page of the agreement list, built once per stamp, reader and query. A page built from an
 * older stamp is kept under that stamp, so it is only ever sent to a request that read that stamp.
 */
export async function keptListPage<Answer>(options: {
  db: Db;
  key: string;
  schema: z.ZodType<Answer>;
  answer: () => Promise<Answer>;
}): Promise<KeptBody> {
  let pages = listPages.get(options.db);
  if (!pages) {
    pages = new Map();
    listPages.set(options.db, pages);
  }
  const key = `${today()}|${options.key}`;
  const kept = pages.get(key);
  if (kept !== undefined) {
    pages.delete(key);
    pages.set(key, kept);
    return kept;
  }
  const body = new KeptBody(Buffer.from(JSON.stringify(z.encode(options.schema, await options.answer())), "utf8"));
  pages.set(key, body);
  while (pages.size > listPagesKept) {
    const oldest = pages.keys().next().value;
    if (oldest === undefined) break;
    pages.delete(oldest);
  }
  return body;
}
