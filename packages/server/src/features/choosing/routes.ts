/** Routes for choosing indicators and signing up to all of them at once. */
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AgreementIndicatorKind, IsoDate, SignedUpToAllView, SignUpMatrixView, SignUpRole, WithdrawnFromAllView } from "@accord/domain";
import type { Db } from "../../db/client.js";
import { indicatorScope } from "../indicators/scope.js";
import { signUpToAll, signUpMatrix, withdrawFromAll } from "../indicators/bulk-sign-up.js";
import { addIndicator, recordExtraPrimaryAgreement, removeIndicator, replaceIndicator } from "./service.js";
import { AgreementSlug, IndicatorKey, apiErrors } from "../../http/route-schemas.js";

const Code = z.string().trim().regex(/^[A-Za-z0-9 .\-/]{1,40}$/, "must be an indicator code such as NI 159");
const Chosen = z.object({ key: z.string(), indicator: z.string(), kind: z.string(), theme: z.string(), outcome: z.number().int().nullable() });

export function choosingRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/agreements/:slug/indicators",
      {
        config: { access: "update" },
        schema: {
          tags: ["choosing"],
          summary: "Add an indicator from the catalogue (or a local one) — at most 35 designated; primary indicators per outcome within the concordat's limits",
          params: z.object({ slug: AgreementSlug }),
          body: z
            .object({
              indicator: Code,
              kind: AgreementIndicatorKind,
              theme: z.string().regex(/^[a-z0-9-]{1,80}$/, "must be a theme code"),
              outcome: z.number().int().positive().optional(),
              localTitle: z.string().trim().min(1).max(300, "must be at most 300 characters").optional(),
            })
            .strict(),
          response: { 201: Chosen, ...apiErrors },
        },
      },
      async (request, reply) => reply.status(201).send(await addIndicator({ db, actor: request.actor, slug: request.params.slug, ...request.body })),
    );

    app.post(
      "/agreements/:slug/indicators/:key/replacement",
      {
        config: { access: "update" },
        schema: {
          tags: ["choosing"],
          summary: "Replace an indicator with another, keeping both and the link (NI 170 → NI 159)",
          params: z.object({ slug: AgreementSlug, key: IndicatorKey }),
          body: z.object({ replacement: Code, reason: z.string().trim().min(1, "must say why").max(2000, "must be at most 2000 characters") }).strict(),
          response: { 201: z.object({ key: z.string(), omitted: z.string(), replacedBy: z.string(), reason: z.string() }), ...apiErrors },
        },
      },
      async (request, reply) => {
        const scope = await indicatorScope(db, request.params.slug, request.params.key);
        return reply.status(201).send(await replaceIndicator({ db, actor: request.actor, scope, ...request.body }));
      },
    );

    app.delete(
      "/agreements/:slug/indicators/:key",
      { config: { access: "update" }, schema: { tags: ["choosing"], summary: "Remove an indicator from the agreement", params: z.object({ slug: AgreementSlug, key: IndicatorKey }), response: { 204: z.null(), ...apiErrors } } },
      async (request, reply) => {
        await removeIndicator({ db, actor: request.actor, scope: await indicatorScope(db, request.params.slug, request.params.key) });
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/agreements/:slug/outcomes/:number/extra-primary-agreement",
      {
        config: { access: "recordNegotiation" },
        schema: {
          tags: ["choosing"],
          summary: "Record the Government Office's agreement to more than three primary indicators for an outcome",
          params: z.object({ slug: AgreementSlug, number: z.coerce.number().int().positive() }),
          body: z.object({ date: IsoDate, note: z.string().trim().max(2000).optional() }).strict(),
          response: { 201: z.object({ outcome: z.number().int(), agreedOn: z.string(), note: z.string().nullable() }), ...apiErrors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await recordExtraPrimaryAgreement({ db, actor: request.actor, slug: request.params.slug, outcome: request.params.number, ...request.body })),
    );

    app.post(
      "/agreements/:slug/sign-ups",
      {
        config: { access: "signUp" },
        schema: {
          tags: ["sign-up"],
          summary: "Sign an organisation up to every designated target at once (\"sign up to all 35\")",
          params: z.object({ slug: AgreementSlug }),
          body: z.object({ organisation: z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an organisation slug"), role: SignUpRole.exclude(["lead"]) }).strict(),
          response: { 201: SignedUpToAllView, ...apiErrors },
        },
      },
      async (request, reply) => reply.status(201).send(await signUpToAll({ db, actor: request.actor, slug: request.params.slug, ...request.body })),
    );

    app.delete(
      "/agreements/:slug/sign-ups/:organisation",
      {
        config: { access: "withdrawSignUp" },
        schema: {
          tags: ["sign-up"],
          summary: "Withdraw an organisation's statutory or non-statutory sign-ups from every designated target (lead sign-ups stay)",
          params: z.object({ slug: AgreementSlug, organisation: z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an organisation slug") }),
          response: { 200: WithdrawnFromAllView, ...apiErrors },
        },
      },
      async (request) => withdrawFromAll({ db, actor: request.actor, slug: request.params.slug, organisation: request.params.organisation }),
    );

    app.get(
      "/agreements/:slug/sign-up-matrix",
      {
        config: { access: "read" },
        schema: {
          tags: ["sign-up"],
          summary: "Organisations × indicators: who has signed up to what, and as what",
          params: z.object({ slug: AgreementSlug }),
          response: { 200: SignUpMatrixView, ...apiErrors },
        },
      },
      async (request) => signUpMatrix(db, request.actor, request.params.slug),
    );

  };
}
