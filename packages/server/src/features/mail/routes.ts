/** An agreement's distribution list (managers): the readers of the bulletin who have no account. */
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { DistributionListView } from "@accord/domain";
import type { Db } from "../../db/client.js";
import { AgreementSlug, apiErrors } from "../../http/route-schemas.js";
import { addToDistribution, listDistribution, removeFromDistribution } from "./distribution-list.js";
import { DistributionEmailParam, DistributionEntryBody } from "./schema.js";

const Params = z.object({ slug: AgreementSlug });

export function distributionListRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/agreements/:slug/distribution-list",
      { config: { access: "update" }, schema: { tags: ["bulletins"], summary: "Who else receives the bulletin by e-mail (managers)", params: Params, response: { 200: DistributionListView, ...apiErrors } } },
      async (request) => listDistribution(db, request.actor, request.params.slug),
    );
    app.post(
      "/agreements/:slug/distribution-list",
      {
        config: { access: "update" },
        schema: { tags: ["bulletins"], summary: "Add an address to the bulletin's distribution list", params: Params, body: DistributionEntryBody, response: { 201: DistributionListView, ...apiErrors } },
      },
      async (request, reply) => reply.status(201).send(await addToDistribution({ db, actor: request.actor, slug: request.params.slug, ...request.body })),
    );
    app.delete(
      "/agreements/:slug/distribution-list/:email",
      {
        config: { access: "update" },
        schema: { tags: ["bulletins"], summary: "Take an address off the distribution list", params: Params.merge(DistributionEmailParam), response: { 200: DistributionListView, ...apiErrors } },
      },
      async (request) => removeFromDistribution({ db, actor: request.actor, slug: request.params.slug, email: request.params.email }),
    );
  };
}
