/** Read routes for the indicator catalogue, organisations and areas. */
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ApiError, AreaListView, CatalogueView, IndicatorDefinitionView, OrganisationListView } from "@accord/domain";
import type { Db } from "../../db/client.js";
import { getIndicatorDefinition, listAreas, listIndicatorDefinitions, listOrganisations } from "./service.js";

export function referenceRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get("/indicators", { config: { access: "public" }, schema: { tags: ["catalogue"], summary: "The indicator catalogue", response: { 200: CatalogueView } } }, async () => ({
      indicators: await listIndicatorDefinitions(db),
    }));
    app.get(
      "/indicators/:key",
      {
        config: { access: "public" },
        schema: {
          tags: ["catalogue"],
          summary: "One indicator definition",
          params: z.object({ key: z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an indicator key such as ni-47") }),
          response: { 200: IndicatorDefinitionView, 400: ApiError, 404: ApiError },
        },
      },
      async (request) => getIndicatorDefinition(db, request.params.key),
    );
    app.get("/organisations", { config: { access: "public" }, schema: { tags: ["reference"], summary: "Partner organisations", response: { 200: OrganisationListView } } }, async () => ({
      organisations: await listOrganisations(db),
    }));
    app.get("/areas", { config: { access: "public" }, schema: { tags: ["reference"], summary: "County and districts with ONS codes", response: { 200: AreaListView } } }, async () => ({
      areas: await listAreas(db),
    }));
  };
}
