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
import type { Db } from "../../db/client.js";
import { notFound } from "../../errors.js";
import { AgreementParams, IndicatorParams, IndicatorQuery, OutcomeParams, PositionSummaryQuery, PositionSummaryResponse } from "./schema.js";
import { checkFilterValues, filterIndicators, getAgreement, getPositionSummary, listAgreements } from "./service.js";

const errors = { 400: ApiError, 404: ApiError };

export function agreementRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get("/agreements", { schema: { tags: ["agreements"], summary: "Every agreement", response: { 200: AgreementListView } } }, async () => ({
      agreements: await listAgreements(db),
    }));

    app.get(
      "/agreements/:slug",
      { schema: { tags: ["agreements"], summary: "One agreement by theme or block, with its indicators", params: AgreementParams, response: { 200: AgreementDetailView, ...errors } } },
      async (request) => (await getAgreement(db, request.params.slug)).detail,
    );

    app.get(
      "/agreements/:slug/indicators",
      {
        schema: {
          tags: ["agreements"],
          summary: "The agreement's indicators, filtered by theme, negotiation status, partner or kind",
          params: AgreementParams,
          querystring: IndicatorQuery,
          response: { 200: IndicatorListView, ...errors },
        },
      },
      async (request) => {
        const agreement = await getAgreement(db, request.params.slug);
        checkFilterValues(agreement, request.query);
        return { indicators: filterIndicators(agreement.indicators, request.query) };
      },
    );

    app.get(
      "/agreements/:slug/indicators/:key",
      { schema: { tags: ["agreements"], summary: "One indicator as committed in the agreement", params: IndicatorParams, response: { 200: AgreementIndicatorPageView, ...errors } } },
      async (request) => {
        const agreement = await getAgreement(db, request.params.slug);
        const indicator = agreement.indicators.find((candidate) => candidate.key === request.params.key);
        if (!indicator) throw notFound(`Indicator "${request.params.key}" in ${agreement.detail.shortName}`, "key");
        const { slug, name, shortName, years } = agreement.detail;
        return { ...indicator, agreement: { slug, name, shortName, years } };
      },
    );

    app.get(
      "/agreements/:slug/outcomes",
      { schema: { tags: ["agreements"], summary: "Numbered outcomes (deleted ones keep their number)", params: AgreementParams, response: { 200: OutcomeListView, ...errors } } },
      async (request) => ({ outcomes: (await getAgreement(db, request.params.slug)).outcomes }),
    );

    app.get(
      "/agreements/:slug/outcomes/:number",
      { schema: { tags: ["agreements"], summary: "One outcome with its primary and secondary indicators", params: OutcomeParams, response: { 200: OutcomeView, ...errors } } },
      async (request) => {
        const agreement = await getAgreement(db, request.params.slug);
        const outcome = agreement.outcomes.find((candidate) => candidate.number === request.params.number);
        if (!outcome) throw notFound(`Outcome ${request.params.number} of ${agreement.detail.shortName}`, "number");
        return outcome;
      },
    );

    app.get(
      "/agreements/:slug/freedoms",
      { schema: { tags: ["agreements"], summary: "The register of freedoms and flexibilities", params: AgreementParams, response: { 200: FreedomListView, ...errors } } },
      async (request) => ({ freedoms: (await getAgreement(db, request.params.slug)).freedoms }),
    );

    app.get(
      "/agreements/:slug/position-summary",
      {
        schema: {
          tags: ["agreements"],
          summary: "Position on target-setting as at a date (the seed's summary table)",
          params: AgreementParams,
          querystring: PositionSummaryQuery,
          response: { 200: PositionSummaryResponse, ...errors },
        },
      },
      async (request) => getPositionSummary(db, request.params.slug, request.query.asAt),
    );
  };
}
