/** An unpublished agreement is read only by people with a role in it. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Db } from "../../db/client.js";
import { notFound } from "../../errors.js";
import { authorize, ensureAllowed } from "../../policy/authorize.js";
import type { Action, Actor } from "../../policy/authorize.js";
import {
  agreementListTag,
  agreementTag,
  answeredNotModified,
  builtBody,
  builtView,
  keptListPage,
  listReaderVariant,
  sendJson,
  tagAnswer,
} from "./freshness.js";
import type { AgreementStamp } from "./freshness.js";
import { findAgreementListStamp, findAgreementStamp } from "./queries.js";
import { getAgreement, listAgreementPage } from "./service.js";
import { AgreementListView } from "@accord/domain";
import type { AgreementListQuery } from "./schema.js";
import type { PresentedAgreement } from "./presenters.js";

/** One statement: the agreement exists, this person may read it, and how many changes it has had. */
export async function ensureReadableStamp(db: Db, actor: Actor | null, slug: string, action: Action = "read"): Promise<AgreementStamp> {
  const stamp = await findAgreementStamp(db, slug);
  if (!stamp) throw notFound(`Agreement "${slug}"`, "slug");
  ensureAllowed(actor, action, { type: "agreement", agreementId: stamp.agreementId, published: stamp.published });
  return stamp;
}

/** The whole agreement as at its current count: built once per change, shared by every reader. Not to be modified. */
export function readAgreementView(db: Db, stamp: AgreementStamp): Promise<PresentedAgreement> {
  return builtView(db, stamp, () => getAgreement(db, stamp.slug));
}

export async function ensureReadable(db: Db, actor: Actor | null, slug: string): Promise<PresentedAgreement> {
  return readAgreementView(db, await ensureReadableStamp(db, actor, slug));
}

type AnswerSource<Answer> =
  | { answer: (agreement: PresentedAgreement, stamp: AgreementStamp) => Answer | Promise<Answer>; read?: never }
  /** For answers that need less than the whole agreement. */
  | { read: (stamp: AgreementStamp) => Answer | Promise<Answer>; answer?: never };

/**
 * Every read of one agreement: check who may read it and its count of changes (one statement),
 * answer 304 when the reader's copy is current, else send the answer kept since the last change
 * or work it out, check it against its schema and keep it.
 */
export async function answerAgreementRead<Answer>(
  options: {
    db: Db;
    request: FastifyRequest<{ Params: { slug: string } }>;
    reply: FastifyReply;
    /** The route and what the answer depends on beyond the agreement (its query). */
    key: string;
    schema: z.ZodType<Answer>;
    action?: Action;
    /** For an answer that differs by reader: what of the reader it depends on (into the tag and the key). */
    variant?: (actor: Actor | null, stamp: AgreementStamp) => string;
  } & AnswerSource<Answer>,
): Promise<FastifyReply> {
  const { db, request, reply } = options;
  const stamp = await ensureReadableStamp(db, request.actor, request.params.slug, options.action);
  const variant = options.variant?.(request.actor, stamp);
  const tag = agreementTag(stamp, variant);
  if (answeredNotModified(request, reply, tag)) return reply.send();
  const body = await builtBody({
    db,
    stamp,
    build: () => getAgreement(db, stamp.slug),
    key: variant === undefined ? options.key : `${options.key}#${variant}`,
    schema: options.schema,
    answer: async (agreement) => (options.read ? options.read(stamp) : options.answer(await agreement(), stamp)),
  });
  return sendJson(tagAnswer(reply, tag), body);
}

interface Linked {
  predecessor: { slug: string; name: string } | null;
  successor: { slug: string; name: string } | null;
}

/** Which of the agreements this one links to the reader may read (a name is not public either). */
function readableLinks(actor: Actor | null, stamp: AgreementStamp): { predecessor: boolean; successor: boolean } {
  const readable = (link: { agreementId: number | null; published: boolean | null } | null) =>
    link === null || link.agreementId === null || authorize(actor, "read", { type: "agreement", agreementId: link.agreementId, published: link.published === true }).allowed;
  return { predecessor: readable(stamp.predecessor), successor: readable(stamp.successor) };
}

/** The tag and kept answer of an agreement's page depend on which of its links the reader may see. */
export function linkVariant(actor: Actor | null, stamp: AgreementStamp): string {
  const links = readableLinks(actor, stamp);
  return `links-${links.predecessor ? 1 : 0}${links.successor ? 1 : 0}`;
}

/** A predecessor or successor the reader may not read is not named: its name is not public either. */
export function withReadableLinks<T extends Linked>(actor: Actor | null, stamp: AgreementStamp, agreement: T): T {
  const links = readableLinks(actor, stamp);
  return { ...agreement, predecessor: links.predecessor ? agreement.predecessor : null, successor: links.successor ? agreement.successor : null };
}

/**
 * The agreement list as the reader may see it, one page: tagged by the list's stamp (any change to
 * any agreement gives a new one), 304 when the reader's copy is current, and otherwise a page
 * already built for the same stamp, reader and query, or built now in one statement.
 */
export async function answerAgreementList(options: {
  db: Db;
  request: FastifyRequest<{ Querystring: AgreementListQuery }>;
  reply: FastifyReply;
  queryKey: string;
}): Promise<FastifyReply> {
  const { db, request, reply } = options;
  const stamp = await findAgreementListStamp(db);
  const variant = listReaderVariant(request.actor);
  const tag = agreementListTag(stamp, variant);
  if (answeredNotModified(request, reply, tag)) return reply.send();
  const body = await keptListPage({
    db,
    key: `${stamp}|${variant}|${options.queryKey}`,
    schema: AgreementListView,
    answer: () => listAgreementPage(db, request.actor, request.query),
  });
  return sendJson(tagAnswer(reply, tag), body);
}
