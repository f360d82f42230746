/** The indicator catalogue (read by anyone, kept by managers), organisations and areas. */
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ApiError, AreaListView, CatalogueView, IndicatorDefinitionView, OrganisationListView } from "@accord/domain";
import type { Db } from "../../db/client.js";
import { apiErrors } from "../../http/route-schemas.js";
import { HistoryQuery, HistoryView } from "../indicators/schema.js";
import { CatalogueQuery, CreateIndicatorBody, IndicatorKeyParams, OrganisationQuery, UpdateIndicatorBody } from "./schema.js";
import {
  catalogueHistory,
  createIndicatorDefinition,
  getIndicatorDefinition,
  listAreas,
  listCatalogue,
  listOrganisations,
  updateIndicatorDefinition,
} from "./service.js";

export function referenceRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/indicators",
      {
        config: { access: "public" },
        schema: {
          tags: ["catalogue"],
          summary: "The indicator catalogue, one page: search text (q), department, source; total counts every match",
          querystring: CatalogueQuery,
          response: { 200: CatalogueView, 400: ApiError },
        },
      },
      async (request) => listCatalogue(db, request.actor, request.query),
    );
    app.post(
      "/indicators",
      {
        config: { access: "editCatalogue" },
        schema: { tags: ["catalogue"], summary: "Add a catalogue entry (managers), saying where it comes from", body: CreateIndicatorBody, response: { 201: IndicatorDefinitionView, ...apiErrors } },
      },
      async (request, reply) => reply.status(201).send(await createIndicatorDefinition({ db, actor: request.actor, body: request.body })),
    );
    app.get(
      "/indicators/:key",
      {
        config: { access: "public" },
        schema: { tags: ["catalogue"], summary: "One indicator definition", params: IndicatorKeyParams, response: { 200: IndicatorDefinitionView, 400: ApiError, 404: ApiError } },
      },
      async (request) => getIndicatorDefinition(db, request.actor, request.params.key),
    );
    app.patch(
      "/indicators/:key",
      {
        config: { access: "editCatalogue" },
        schema: {
          tags: ["catalogue"],
          summary: "Change a catalogue entry's title, unit, polarity or department (managers; send the version you read)",
          params: IndicatorKeyParams,
          body: UpdateIndicatorBody,
          response: { 200: IndicatorDefinitionView, ...apiErrors },
        },
      },
      async (request) => updateIndicatorDefinition({ db, actor: request.actor, key: request.params.key, body: request.body }),
    );
    app.get(
      "/indicators/:key/history",
      {
        config: { access: "public" },
        schema: {
          tags: ["catalogue"],
          summary: "Changes to a catalogue entry, newest first, a page at a time",
          params: IndicatorKeyParams,
          querystring: HistoryQuery,
          response: { 200: HistoryView, 400: ApiError, 404: ApiError },
        },
      },
      async (request) => catalogueHistory(db, request.actor, request.params.key, request.query),
    );
    app.get(
      "/organisations",
      {
        config: { access: "public" },
        schema: {
          tags: ["reference"],
          summary: "Partner organisations by name, a page at a time (q matches a name, alias or slug)",
          querystring: OrganisationQuery,
          response: { 200: OrganisationListView, 400: ApiError },
        },
      },
      async (request) => listOrganisations(db, request.query),
    );
    app.get("/areas", { config: { access: "public" }, schema: { tags: ["reference"], summary: "County and districts with ONS codes", response: { 200: AreaListView } } }, async () => ({
      areas: await listAreas(db),
    }));
  };
}
