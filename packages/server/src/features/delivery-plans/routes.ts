/** An indicator's countywide delivery plan: read it, and write it whole (accountable officer or manager). */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.js";
import { IndicatorParams, apiErrors } from "../../http/route-schemas.js";
import { indicatorScope } from "../indicators/scope.js";
import { DeliveryPlanView, SaveDeliveryPlanBody } from "./schema.js";
import { readDeliveryPlan, saveDeliveryPlan } from "./service.js";

export function deliveryPlanRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    const path = "/agreements/:slug/indicators/:key/delivery-plan";

    app.get(
      path,
      {
        config: { access: "read" },
        schema: {
          tags: ["indicators"],
          summary: "The indicator's countywide delivery plan: actions (overdue ones flagged), milestones, risks (red ones flagged) and contributing partners",
          params: IndicatorParams,
          response: { 200: DeliveryPlanView, ...apiErrors },
        },
      },
      async (request) => {
        const { slug, key } = request.params;
        return readDeliveryPlan({ db, actor: request.actor, scope: await indicatorScope(db, slug, key), key });
      },
    );

    app.put(
      path,
      {
        config: { access: "editDeliveryPlan" },
        schema: {
          tags: ["indicators"],
          summary: "Write the delivery plan whole (send the version you read once it exists); owners and contributors must be signed up to the indicator",
          params: IndicatorParams,
          body: SaveDeliveryPlanBody,
          response: { 200: DeliveryPlanView, ...apiErrors },
        },
      },
      async (request) => {
        const { slug, key } = request.params;
        return saveDeliveryPlan({ db, actor: request.actor, scope: await indicatorScope(db, slug, key), key, body: request.body });
      },
    );
  };
}
