/**
 * Open data reads (issue 10 §1, §3): thin — parse, call the service, answer. Each is an agreement
 * read: tagged by the agreement's change counter (304 when the reader's copy is current), with
 * reader visibility (the public sees published rounds' values only) as in performance/routes.ts.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.js";
import { AgreementParams, apiErrors } from "../../http/route-schemas.js";
import { agreementTag, answeredNotModified, tagAnswer } from "../agreements/freshness.js";
import type { AgreementStamp } from "../agreements/freshness.js";
import { answerAgreementRead, ensureReadableStamp } from "../agreements/readable.js";
import type { Actor } from "../../policy/authorize.js";
import { visibilityFor } from "../performance/service.js";
import { writeOpenDataCsv } from "./csv.js";
import { openSdgFilesFor } from "./open-sdg.js";
import { OpenDataQuery, OpenDataView, OpenSdgParams } from "./schema.js";
import { openDataFor } from "./service.js";

function queryKey(query: OpenDataQuery): string {
  return `indicator=${query.indicator ?? ""}&measure=${query.measure ?? ""}`;
}

const variant = (actor: Actor | null, stamp: AgreementStamp) => visibilityFor(actor, stamp);

/** A file download, tagged by the agreement's changes and what the reader may see. */
async function answerFile(
  db: Db,
  request: FastifyRequest<{ Params: { slug: string } }>,
  reply: FastifyReply,
  options: { kind: string; type: string; fileName: (stamp: AgreementStamp) => string; write: (stamp: AgreementStamp) => Promise<string> },
): Promise<FastifyReply> {
  const stamp = await ensureReadableStamp(db, request.actor, request.params.slug);
  const tag = agreementTag(stamp, `${variant(request.actor, stamp)}-${options.kind}`);
  if (answeredNotModified(request, reply, tag)) return reply.send();
  const text = await options.write(stamp);
  return tagAnswer(reply, tag)
    .header("Content-Disposition", `attachment; filename="${options.fileName(stamp)}"`)
    .type(options.type)
    .send(text);
}

function suffix(query: OpenDataQuery): string {
  return `${query.indicator ? `-${query.indicator}` : ""}${query.measure ? `-${query.measure}` : ""}`;
}

export function openDataRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/agreements/:slug/data.json",
      {
        config: { access: "read" },
        schema: {
          tags: ["open data"],
          summary:
            "The agreement's figures as open data: its indicators' definitions and one row per baseline, target and reported value (columns described by the data dictionary page). indicator (a key) and measure narrow it; the public sees published rounds' values only",
          params: AgreementParams,
          querystring: OpenDataQuery,
          response: { 200: OpenDataView, ...apiErrors },
        },
      },
      async (request, reply) =>
        answerAgreementRead({
          db,
          request,
          reply,
          key: `data.json?${queryKey(request.query)}`,
          schema: OpenDataView,
          variant,
          read: (stamp) => openDataFor(db, stamp, visibilityFor(request.actor, stamp), request.query),
        }),
    );

    app.get(
      "/agreements/:slug/data.csv",
      {
        config: { access: "read" },
        schema: {
          tags: ["open data"],
          summary: "The same rows as data.json as CSV, one line per value, formula-safe; the public sees published rounds' values only",
          params: AgreementParams,
          querystring: OpenDataQuery,
          response: { ...apiErrors },
        },
      },
      async (request, reply) =>
        answerFile(db, request, reply, {
          kind: `csv-${queryKey(request.query)}`,
          type: "text/csv; charset=utf-8; header=present",
          fileName: (stamp) => `${stamp.slug}-data${suffix(request.query)}.csv`,
          write: async (stamp) => writeOpenDataCsv((await openDataFor(db, stamp, visibilityFor(request.actor, stamp), request.query)).values),
        }),
    );

    app.get(
      "/agreements/:slug/indicators/:key/open-sdg/data.csv",
      {
        config: { access: "read" },
        schema: {
          tags: ["open data"],
          summary:
            "One indicator's values as an Open SDG data file (data/indicator_<key>.csv): Year, breakdowns, GeoCode, Value; the county's headline has blank breakdowns. The public sees published rounds' values only",
          params: OpenSdgParams,
          response: { ...apiErrors },
        },
      },
      async (request, reply) =>
        answerFile(db, request, reply, {
          kind: `open-sdg-data-${request.params.key}`,
          type: "text/csv; charset=utf-8; header=present",
          fileName: () => `indicator_${request.params.key}.csv`,
          write: async (stamp) => (await openSdgFilesFor(db, stamp, visibilityFor(request.actor, stamp), request.params.key)).data,
        }),
    );

    app.get(
      "/agreements/:slug/indicators/:key/open-sdg/metadata.md",
      {
        config: { access: "read" },
        schema: {
          tags: ["open data"],
          summary: "One indicator's Open SDG metadata file (meta/<key>.md): YAML front matter with its name, number, status, chart, units, target lines and sources",
          params: OpenSdgParams,
          response: { ...apiErrors },
        },
      },
      async (request, reply) =>
        answerFile(db, request, reply, {
          kind: `open-sdg-metadata-${request.params.key}`,
          type: "text/markdown; charset=utf-8",
          fileName: () => `${request.params.key}.md`,
          write: async (stamp) => (await openSdgFilesFor(db, stamp, visibilityFor(request.actor, stamp), request.params.key)).metadata,
        }),
    );
  };
}
