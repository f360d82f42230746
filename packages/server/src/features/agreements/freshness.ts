/**
 * Reads that nothing has changed are nearly free. The database counts the committed changes of
 * each agreement (agreement_changes, bumped by triggers at commit); one statement reads that count,
 * and from it come the ETag (so a browser that already has the answer gets 304 and no body) and
 * the key of the views this process has already built and serialised. Because the count lives in
 * the database, a view built here is never served after another Accord process on the same
 * PostgreSQL has changed the agreement: the next read sees the new count and builds afresh.
 */
import { createHash } from "node:crypto";
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
  return reply.header("ETag", tag).header("Cache-Control", "private, no-cache").header("Vary", "Cookie, Authorization");
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
  bodies: Map<string, string>;
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

/**
 * One answer as JSON text, checked against its response schema and serialised once per change.
 * `key` names the route and everything the answer depends on beyond the agreement (query, reader).
 */
export async function builtBody<View, Answer>(options: {
  db: Db;
  stamp: AgreementStamp;
  build: () => Promise<View>;
  key: string;
  schema: z.ZodType<Answer>;
  answer: (view: () => Promise<View>) => Answer | Promise<Answer>;
}): Promise<string> {
  const entry = cacheFor<View>(options.db).get(options.stamp, options.build);
  const kept = entry.bodies.get(options.key);
  if (kept !== undefined) return kept;
  const text = JSON.stringify(z.encode(options.schema, await options.answer(entry.view)));
  if (entry.bodies.size >= bodiesKeptPerAgreement) {
    const oldest = entry.bodies.keys().next().value;
    if (oldest !== undefined) entry.bodies.delete(oldest);
  }
  entry.bodies.set(options.key, text);
  return text;
}

/** Sends JSON text as it is: Fastify serialises only what is not already a string. */
export function sendJson(reply: FastifyReply, text: string): FastifyReply {
  return reply.type("application/json; charset=utf-8").send(text);
}
