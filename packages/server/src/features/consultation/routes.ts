/** The consultation diary: read an agreement's diary; managers add and change its events. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.js";
import { AgreementParams, apiErrors } from "../../http/route-schemas.js";
import { ConsultationDiaryView, ConsultationEventBody, ConsultationEventChange, ConsultationEventParams, ConsultationEventView } from "./schema.js";
import { addConsultationEvent, changeConsultationEvent, readConsultationDiary } from "./service.js";

export function consultationRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/agreements/:slug/consultation-diary",
      {
        config: { access: "read" },
        schema: {
          tags: ["consultation diary"],
          summary: "The consultation diary: the main consultation events, in date order",
          params: AgreementParams,
          response: { 200: ConsultationDiaryView, ...apiErrors },
        },
      },
      async (request) => readConsultationDiary({ db, actor: request.actor, slug: request.params.slug }),
    );

    app.post(
      "/agreements/:slug/consultation-diary",
      {
        config: { access: "update" },
        schema: {
          tags: ["consultation diary"],
          summary: "Add a consultation event (manager)",
          params: AgreementParams,
          body: ConsultationEventBody,
          response: { 201: ConsultationEventView, ...apiErrors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await addConsultationEvent({ db, actor: request.actor, slug: request.params.slug, body: request.body })),
    );

    app.patch(
      "/agreements/:slug/consultation-diary/:id",
      {
        config: { access: "update" },
        schema: {
          tags: ["consultation diary"],
          summary: "Change a consultation event: the version you read and the fields that change (manager)",
          params: ConsultationEventParams,
          body: ConsultationEventChange,
          response: { 200: ConsultationEventView, ...apiErrors },
        },
      },
      async (request) =>
        changeConsultationEvent({ db, actor: request.actor, slug: request.params.slug, id: request.params.id, body: request.body }),
    );
  };
}
