/**
 * The Government Office view and one indicator across agreements (issue 10 §5): thin — parse,
 * call the service, answer. Tagged by the agreement list's stamp (any change to any agreement,
 * its rounds, returns or values gives a new one), so a reader's copy is answered 304 until then,
 * and the answer is kept per stamp, day, reader and query.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Db } from "../../db/client.js";
import { apiErrors } from "../../http/route-schemas.js";
import { agreementListTag, answeredNotModified, keptListPage, listReaderVariant, sendJson, tagAnswer } from "../agreements/freshness.js";
import { findAgreementListStamp } from "../agreements/queries.js";
import { writeAcrossAgreementsCsv } from "./csv.js";
import { AcrossAgreementsParams, AcrossAgreementsQuery, AcrossAgreementsView, OverviewQuery, OverviewView } from "./schema.js";
import { compareIndicatorAcrossAgreements, readGovernmentOfficeView } from "./service.js";

async function answerKept<Answer>(options: {
  db: Db;
  request: FastifyRequest;
  reply: FastifyReply;
  key: string;
  schema: z.ZodType<Answer>;
  answer: () => Promise<Answer>;
}): Promise<FastifyReply> {
  const { db, request, reply } = options;
  const stamp = await findAgreementListStamp(db);
  const variant = listReaderVariant(request.actor);
  const tag = agreementListTag(stamp, `${variant}-${options.key}`);
  if (answeredNotModified(request, reply, tag)) return reply.send();
  const body = await keptListPage({ db, key: `${stamp}|${variant}|${options.key}`, schema: options.schema, answer: options.answer });
  return sendJson(tagAnswer(reply, tag), body);
}

/** A CSV download, tagged like the JSON answer it is made from. */
async function answerCsv(db: Db, request: FastifyRequest, reply: FastifyReply, fileName: string, write: () => Promise<string>): Promise<FastifyReply> {
  const stamp = await findAgreementListStamp(db);
  const tag = agreementListTag(stamp, `${listReaderVariant(request.actor)}-${fileName}`);
  if (answeredNotModified(request, reply, tag)) return reply.send();
  const text = await write();
  return tagAnswer(reply, tag)
    .header("Content-Disposition", `attachment; filename="${fileName}"`)
    .type("text/csv; charset=utf-8; header=present")
    .send(text);
}

export function governmentOfficeRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/agreements/overview",
      {
        config: { access: "read" },
        schema: {
          tags: ["agreements"],
          summary:
            "The Government Office view: every agreement you may read (of one region, or all), with its status, position on target-setting, RAG counts of the latest round you may see and returns late",
          querystring: OverviewQuery,
          response: { 200: OverviewView, ...apiErrors },
        },
      },
      async (request, reply) =>
        answerKept({
          db,
          request,
          reply,
          key: `overview?region=${request.query.region ?? ""}`,
          schema: OverviewView,
          answer: () => readGovernmentOfficeView(db, request.actor, request.query.region),
        }),
    );

    app.get(
      "/indicators/:key/across-agreements",
      {
        config: { access: "read" },
        schema: {
          tags: ["catalogue"],
          summary:
            "One indicator in every agreement you may read that has it: baseline, final target, planned improvement as a share of the baseline, latest value, progress and status, ranked by planned improvement; ?format=csv",
          params: AcrossAgreementsParams,
          querystring: AcrossAgreementsQuery,
          response: { 200: AcrossAgreementsView, ...apiErrors },
        },
      },
      async (request, reply) => {
        const { key } = request.params;
        const { region, format } = request.query;
        const read = () => compareIndicatorAcrossAgreements(db, request.actor, key, region);
        if (format === "json") {
          return answerKept({ db, request, reply, key: `across/${key}?region=${region ?? ""}`, schema: AcrossAgreementsView, answer: read });
        }
        return answerCsv(db, request, reply, `${key}-across-agreements${region === undefined ? "" : `-${region}`}.csv`, async () =>
          writeAcrossAgreementsCsv(await read()),
        );
      },
    );
  };
}
