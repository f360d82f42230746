/** The negotiation log: a thread per indicator, and the agreement's position against its deadline. */
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.js";
import { ensureAllowed } from "../../policy/authorize.js";
import { ensureReadable } from "../agreements/readable.js";
import { indicatorScope } from "../indicators/scope.js";
import { NegotiationEntryBody, NegotiationEntryView } from "./schema.js";
import { negotiationThread, recordNegotiationEntry } from "./service.js";
import { negotiationOverview } from "./overview.js";
import { AgreementSlug, IndicatorParams, apiErrors } from "../../http/route-schemas.js";


export function negotiationRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/agreements/:slug/indicators/:key/negotiation",
      { config: { access: "read" }, schema: { tags: ["negotiation"], summary: "The negotiation thread of one indicator, oldest first", params: IndicatorParams, response: { 200: z.object({ entries: z.array(NegotiationEntryView) }), ...apiErrors } } },
      async (request) => {
        const scope = await indicatorScope(db, request.params.slug, request.params.key);
        ensureAllowed(request.actor, "read", { type: "agreementIndicator", ...scope });
        return { entries: await negotiationThread(db, scope.agreementIndicatorId) };
      },
    );

    app.post(
      "/agreements/:slug/indicators/:key/negotiation",
      {
        // A proposal is the officer's, a counter-proposal the Government Office's: the kind decides.
        config: { access: "recordNegotiation", accessNeedsBody: true },
        schema: {
          tags: ["negotiation"],
          summary: "Add to the thread: a proposal or agreement between partners (accountable officer), a counter-proposal, agreement (naming its basis) or deferral (Government Office, department), or a comment; who speaks and the date come from the session",
          params: IndicatorParams,
          body: NegotiationEntryBody,
          response: { 201: NegotiationEntryView, ...apiErrors },
        },
      },
      async (request, reply) => {
        const { entry } = await recordNegotiationEntry({ db, actor: request.actor, scope: await indicatorScope(db, request.params.slug, request.params.key), body: request.body });
        return reply.status(201).send(entry);
      },
    );

    app.get(
      "/agreements/:slug/negotiation",
      {
        config: { access: "read" },
        schema: {
          tags: ["negotiation"],
          summary: "How many designated targets are still open against the submission deadline",
          params: z.object({ slug: AgreementSlug }),
          response: { 200: z.object({ deadline: z.object({ name: z.string(), date: z.string(), daysLeft: z.number().int() }).nullable(), open: z.number().int(), openIndicators: z.array(z.string()) }), ...apiErrors },
        },
      },
      async (request) => {
        const agreement = await ensureReadable(db, request.actor, request.params.slug);
        return negotiationOverview(agreement, new Date().toISOString().slice(0, 10));
      },
    );
  };
}
