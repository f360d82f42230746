/**
 * Performance reads (issue 9 §5, §6, §8): thin — parse, call the service, answer. Each is an
 * agreement read: ETag from the agreement's change counter (304 when the reader's copy is
 * current) and the body kept per change, reader visibility and query (agreements/readable.ts).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.js";
import { AgreementParams, apiErrors } from "../../http/route-schemas.js";
import { agreementTag, answeredNotModified, tagAnswer } from "../agreements/freshness.js";
import type { AgreementStamp } from "../agreements/freshness.js";
import { answerAgreementRead, ensureReadableStamp } from "../agreements/readable.js";
import type { Actor } from "../../policy/authorize.js";
import { writeDistrictCsv, writeRankingCsv } from "./csv.js";
import {
  Dashboard,
  DashboardQuery,
  DistrictParams,
  DistrictPerformanceQuery,
  DistrictPerformanceView,
  DistrictRanking,
  DistrictsQuery,
  IndicatorPerformanceQuery,
  IndicatorPerformanceView,
  PerformanceIndicatorParams,
} from "./schema.js";
import { dashboardFor, districtPerformanceFor, indicatorPerformanceFor, rankingFor, visibilityFor } from "./service.js";

/** A query string as part of a kept answer's key, the same whatever order its fields came in. */
function queryKey(query: Record<string, string | undefined>): string {
  return Object.entries(query)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join("&");
}

/** The answers differ only by whether the reader sees unpublished rounds. */
const variant = (actor: Actor | null, stamp: AgreementStamp) => visibilityFor(actor, stamp);

/** A CSV download, tagged like the JSON answer it is made from. */
async function answerCsv(
  db: Db,
  request: FastifyRequest<{ Params: { slug: string } }>,
  reply: FastifyReply,
  fileName: string,
  write: (stamp: AgreementStamp) => Promise<string>,
): Promise<FastifyReply> {
  const stamp = await ensureReadableStamp(db, request.actor, request.params.slug);
  const tag = agreementTag(stamp, `${variant(request.actor, stamp)}-csv`);
  if (answeredNotModified(request, reply, tag)) return reply.send();
  const text = await write(stamp);
  return tagAnswer(reply, tag)
    .header("Content-Disposition", `attachment; filename="${fileName}"`)
    .type("text/csv; charset=utf-8; header=present")
    .send(text);
}

export function performanceRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/agreements/:slug/performance",
      {
        config: { access: "read" },
        schema: {
          tags: ["monitoring"],
          summary:
            "The performance dashboard at a round (default: the latest you may see): every indicator's latest value, plan, status, progress, direction and sparkline; counts per status; filters theme, status, lead, district. The public sees published rounds only",
          params: AgreementParams,
          querystring: DashboardQuery,
          response: { 200: Dashboard, ...apiErrors },
        },
      },
      async (request, reply) =>
        answerAgreementRead({
          db,
          request,
          reply,
          key: `performance?${queryKey(request.query)}`,
          schema: Dashboard,
          variant,
          read: (stamp) => dashboardFor(db, stamp, visibilityFor(request.actor, stamp), request.query),
        }),
    );

    app.get(
      "/agreements/:slug/indicators/:key/performance",
      {
        config: { access: "read" },
        schema: {
          tags: ["monitoring"],
          summary: "One indicator's performance for its chart: trajectory, targets, each visible period's county value judged and its districts' values",
          params: PerformanceIndicatorParams,
          querystring: IndicatorPerformanceQuery,
          response: { 200: IndicatorPerformanceView, ...apiErrors },
        },
      },
      async (request, reply) =>
        answerAgreementRead({
          db,
          request,
          reply,
          key: `indicator/${request.params.key}/performance?${queryKey(request.query)}`,
          schema: IndicatorPerformanceView,
          variant,
          read: (stamp) => indicatorPerformanceFor(db, stamp, visibilityFor(request.actor, stamp), request.params.key, request.query.component),
        }),
    );

    app.get(
      "/agreements/:slug/indicators/:key/districts",
      {
        config: { access: "read" },
        schema: {
          tags: ["monitoring"],
          summary:
            "One indicator's districts at a round, ranked best first by its polarity, with their share of the county total for a count (format=csv for a spreadsheet)",
          params: PerformanceIndicatorParams,
          querystring: DistrictsQuery,
          response: { 200: DistrictRanking, ...apiErrors },
        },
      },
      async (request, reply) => {
        const { format, ...query } = request.query;
        const read = (stamp: AgreementStamp) =>
          rankingFor(db, stamp, visibilityFor(request.actor, stamp), { key: request.params.key, ...query });
        if (format === "csv") {
          const name = `${request.params.slug}-${request.params.key}-districts${query.round ? `-${query.round}` : ""}.csv`;
          return answerCsv(db, request, reply, name, async (stamp) => writeRankingCsv(await read(stamp)));
        }
        return answerAgreementRead({
          db,
          request,
          reply,
          key: `indicator/${request.params.key}/districts?${queryKey(query)}`,
          schema: DistrictRanking,
          variant,
          read: async (stamp) => {
            const { sources: _sources, ...ranking } = await read(stamp);
            return ranking;
          },
        });
      },
    );

    app.get(
      "/agreements/:slug/districts/:area/performance",
      {
        config: { access: "read" },
        schema: {
          tags: ["monitoring"],
          summary:
            "One district across every indicator at a round, furthest behind the county first: the LSP's view of where it can contribute most (format=csv for a spreadsheet)",
          params: DistrictParams,
          querystring: DistrictPerformanceQuery,
          response: { 200: DistrictPerformanceView, ...apiErrors },
        },
      },
      async (request, reply) => {
        const { format, ...query } = request.query;
        const read = (stamp: AgreementStamp) =>
          districtPerformanceFor(db, stamp, visibilityFor(request.actor, stamp), { area: request.params.area, ...query });
        if (format === "csv") {
          const name = `${request.params.slug}-${request.params.area}-performance${query.round ? `-${query.round}` : ""}.csv`;
          return answerCsv(db, request, reply, name, async (stamp) => writeDistrictCsv(await read(stamp)));
        }
        return answerAgreementRead({
          db,
          request,
          reply,
          key: `district/${request.params.area}/performance?${queryKey(query)}`,
          schema: DistrictPerformanceView,
          variant,
          read: async (stamp) => {
            const { sources: _sources, ...view } = await read(stamp);
            return view;
          },
        });
      },
    );
  };
}
