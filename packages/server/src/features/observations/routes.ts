/** Recording and reading an indicator's values (monitoring returns' figures, seed 000 §11). */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.js";
import { IndicatorParams, apiErrors } from "../../http/route-schemas.js";
import { indicatorScope } from "../indicators/scope.js";
import { IndicatorObservationsView, ObservationsQuery, ObservationView, RecordObservationBody } from "./schema.js";
import { listObservations, recordObservation } from "./service.js";

export function observationRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    const path = "/agreements/:slug/indicators/:key/observations";

    app.post(
      path,
      {
        config: { access: "recordObservation" },
        schema: {
          tags: ["monitoring"],
          summary:
            "Record a value for a period, area and component in an open monitoring round (send the version you read to change one); " +
            "outside a round only a manager may, as a correction with a correctionReason",
          params: IndicatorParams,
          body: RecordObservationBody,
          response: { 201: ObservationView, ...apiErrors },
        },
      },
      async (request, reply) => {
        const scope = await indicatorScope(db, request.params.slug, request.params.key);
        const saved = await recordObservation({ db, actor: request.actor, scope, body: request.body });
        return reply.status(201).send(saved);
      },
    );

    app.get(
      path,
      {
        config: { access: "read" },
        schema: {
          tags: ["monitoring"],
          summary: "Every value of the indicator, the county worked out from its districts (the public sees published rounds only)",
          params: IndicatorParams,
          querystring: ObservationsQuery,
          response: { 200: IndicatorObservationsView, ...apiErrors },
        },
      },
      async (request) => {
        const scope = await indicatorScope(db, request.params.slug, request.params.key);
        const { component } = request.query;
        // Only what the reader may see: the public, published rounds' values (listObservations' default).
        return listObservations({ db, actor: request.actor, scope, ...(component === undefined ? {} : { component }) });
      },
    );
  };
}
