/** Read routes for agreements; thin: parse, call the service, return the presented view. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  AgreementDetailView,
  AgreementIndicatorPageView,
  AgreementListView,
  ApiError,
  FreedomListView,
  IndicatorListView,
  OutcomeListView,
  OutcomeView,
} from "@accord/domain";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { notFound } from "../../errors.js";
import { HistoryQuery, HistoryView } from "../indicators/schema.js";
import { history } from "../indicators/service.js";
import { UpdateAgreementBody, updateAgreement } from "./write.js";
import { PermissionsView, permissionsFor } from "./permissions.js";
import { answerAgreementList, answerAgreementRead, linkVariant, withReadableLinks } from "./readable.js";
import { readerVariant } from "./freshness.js";
import {
  AgreementListQuery,
  AgreementParams,
  IndicatorParams,
  IndicatorQuery,
  OutcomeParams,
  PositionSummaryQuery,
  PositionSummaryResponse,
} from "./schema.js";
import { checkFilterValues, filterIndicators, getAgreementIndicator, listAgreementPage, positionSummaryFor } from "./service.js";
import { apiErrors } from "../../http/route-schemas.js";

/** A query string as part of a kept answer's key, the same whatever order its fields came in. */
function queryKey(query: Record<string, string | number | undefined>): string {
  return Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
    .join("&");
}

export function agreementRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/agreements",
      {
        config: { access: "read" },
        schema: {
          tags: ["agreements"],
          summary: "The agreements you may read, one page: status, search text (q), governmentOffice; total counts every match",
          querystring: AgreementListQuery,
          response: { 200: AgreementListView, 400: ApiError },
        },
      },
      // Everyone sees the published agreements; people with a role also see theirs in draft (in SQL).
      async (request, reply) => answerAgreementList({ db, request, reply, queryKey: queryKey(request.query) }),
    );

    app.get(
      "/agreements/:slug",
      { config: { access: "read" }, schema: { tags: ["agreements"], summary: "One agreement by theme or block, with its indicators", params: AgreementParams, response: { 200: AgreementDetailView, ...apiErrors } } },
      async (request, reply) =>
        answerAgreementRead({
          db,
          request,
          reply,
          key: "detail",
          schema: AgreementDetailView,
          variant: linkVariant,
          answer: (agreement, stamp) => withReadableLinks(request.actor, stamp, agreement.detail),
        }),
    );

    app.get(
      "/agreements/:slug/indicators",
      {
        config: { access: "read" },
        schema: {
          tags: ["agreements"],
          summary: "The agreement's indicators, filtered by theme, negotiation status, partner or kind",
          params: AgreementParams,
          querystring: IndicatorQuery,
          response: { 200: IndicatorListView, ...apiErrors },
        },
      },
      async (request, reply) =>
        answerAgreementRead({
          db,
          request,
          reply,
          key: `indicators?${queryKey(request.query)}`,
          schema: IndicatorListView,
          answer: (agreement) => {
            checkFilterValues(agreement, request.query);
            return { indicators: filterIndicators(agreement.indicators, request.query) };
          },
        }),
    );

    app.get(
      "/agreements/:slug/indicators/:key",
      { config: { access: "read" }, schema: { tags: ["agreements"], summary: "One indicator as committed in the agreement", params: IndicatorParams, response: { 200: AgreementIndicatorPageView, ...apiErrors } } },
      async (request, reply) =>
        answerAgreementRead({
          db,
          request,
          reply,
          key: `indicator/${request.params.key}`,
          schema: AgreementIndicatorPageView,
          read: (stamp) => getAgreementIndicator(db, stamp, request.params.key),
        }),
    );

    app.get(
      "/agreements/:slug/outcomes",
      { config: { access: "read" }, schema: { tags: ["agreements"], summary: "Numbered outcomes (deleted ones keep their number)", params: AgreementParams, response: { 200: OutcomeListView, ...apiErrors } } },
      async (request, reply) =>
        answerAgreementRead({ db, request, reply, key: "outcomes", schema: OutcomeListView, answer: (agreement) => ({ outcomes: agreement.outcomes }) }),
    );

    app.get(
      "/agreements/:slug/outcomes/:number",
      { config: { access: "read" }, schema: { tags: ["agreements"], summary: "One outcome with its primary and secondary indicators", params: OutcomeParams, response: { 200: OutcomeView, ...apiErrors } } },
      async (request, reply) =>
        answerAgreementRead({
          db,
          request,
          reply,
          key: `outcome/${request.params.number}`,
          schema: OutcomeView,
          answer: (agreement) => {
            const outcome = agreement.outcomes.find((candidate) => candidate.number === request.params.number);
            if (!outcome) throw notFound(`Outcome ${request.params.number} of ${agreement.detail.shortName}`, "number");
            return outcome;
          },
        }),
    );

    app.get(
      "/agreements/:slug/freedoms",
      { config: { access: "read" }, schema: { tags: ["agreements"], summary: "The register of freedoms and flexibilities", params: AgreementParams, response: { 200: FreedomListView, ...apiErrors } } },
      async (request, reply) =>
        answerAgreementRead({ db, request, reply, key: "freedoms", schema: FreedomListView, answer: (agreement) => ({ freedoms: agreement.freedoms }) }),
    );

    app.get(
      "/agreements/:slug/position-summary",
      {
        config: { access: "read" },
        schema: {
          tags: ["agreements"],
          summary: "Position on target-setting as at a date (the May 2008 report's summary table)",
          params: AgreementParams,
          querystring: PositionSummaryQuery,
          response: { 200: PositionSummaryResponse, ...apiErrors },
        },
      },
      async (request, reply) =>
        answerAgreementRead({
          db,
          request,
          reply,
          key: `position-summary?${request.query.asAt}`,
          schema: PositionSummaryResponse,
          read: (stamp) => positionSummaryFor(db, stamp, request.query.asAt),
        }),
    );

    app.patch(
      "/agreements/:slug",
      {
        config: { access: "update" },
        schema: { tags: ["agreements"], summary: "Change the agreement's name, status or publication (managers; send the version you read)", params: AgreementParams, body: UpdateAgreementBody, response: { 200: z.object({ name: z.string(), status: z.string(), published: z.boolean(), version: z.number().int() }), ...apiErrors } },
      },
      async (request) => updateAgreement({ db, actor: request.actor, slug: request.params.slug, body: request.body }),
    );

    app.get(
      "/agreements/:slug/permissions",
      { config: { access: "read" }, schema: { tags: ["agreements"], summary: "What you may do in this agreement (the web app hides the rest)", params: AgreementParams, response: { 200: PermissionsView, ...apiErrors } } },
      async (request, reply) =>
        answerAgreementRead({
          db,
          request,
          reply,
          // What one may do differs by reader: the tag and the kept body carry their roles.
          variant: (actor, stamp) => readerVariant(actor, stamp.agreementId),
          key: "permissions",
          schema: PermissionsView,
          read: (stamp) => permissionsFor(db, request.actor, stamp),
        }),
    );

    app.get(
      "/agreements/:slug/history",
      {
        config: { access: "readHistory" },
        schema: {
          tags: ["agreements"],
          summary: "Changes to the agreement itself, newest first, a page at a time",
          params: AgreementParams,
          querystring: HistoryQuery,
          response: { 200: HistoryView, ...apiErrors },
        },
      },
      async (request, reply) =>
        answerAgreementRead({
          db,
          request,
          reply,
          action: "readHistory",
          key: `history?page=${request.query.page}&limit=${request.query.limit}`,
          schema: HistoryView,
          read: (stamp) => history(db, "agreement", stamp.agreementId, request.query),
        }),
    );
  };
}
