/** Monitoring rounds of an agreement: open one for a period, read them, close and publish. */
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.js";
import { AgreementParams, apiErrors } from "../../http/route-schemas.js";
import { OpenRoundBody, RoundParams, RoundVersionBody, RoundView } from "./schema.js";
import { listRounds, moveRound, openRound, readRound } from "./service.js";

export function roundRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    const base = "/agreements/:slug/rounds";

    app.post(
      base,
      {
        config: { access: "manageRounds" },
        schema: {
          tags: ["monitoring"],
          summary: "Open the monitoring round for a period (due six weeks after it ends unless dueDate is given)",
          params: AgreementParams,
          body: OpenRoundBody,
          response: { 201: RoundView, ...apiErrors },
        },
      },
      async (request, reply) => {
        const round = await openRound({ db, actor: request.actor, slug: request.params.slug, body: request.body });
        return reply.status(201).send(round);
      },
    );

    app.get(
      base,
      {
        config: { access: "read" },
        schema: {
          tags: ["monitoring"],
          summary: "The agreement's monitoring rounds (the public sees published ones only)",
          params: AgreementParams,
          response: { 200: z.object({ rounds: z.array(RoundView) }), ...apiErrors },
        },
      },
      async (request) => ({ rounds: await listRounds({ db, actor: request.actor, slug: request.params.slug }) }),
    );

    app.get(
      `${base}/:round`,
      {
        config: { access: "read" },
        schema: { tags: ["monitoring"], summary: "One monitoring round", params: RoundParams, response: { 200: RoundView, ...apiErrors } },
      },
      async (request) => readRound({ db, actor: request.actor, slug: request.params.slug, key: request.params.round }),
    );

    for (const move of ["close", "publish"] as const) {
      app.post(
        `${base}/:round/${move}`,
        {
          config: { access: "manageRounds" },
          schema: {
            tags: ["monitoring"],
            summary: move === "close" ? "Close an open round (send the version you read)" : "Publish a closed round (send the version you read)",
            params: RoundParams,
            body: RoundVersionBody,
            response: { 200: RoundView, ...apiErrors },
          },
        },
        async (request) =>
          moveRound({ db, actor: request.actor, slug: request.params.slug, key: request.params.round, move, body: request.body }),
      );
    }
  };
}
