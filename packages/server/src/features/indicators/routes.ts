/** Write routes on an agreement indicator, and its comments and history. */
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Decimal, SignUpRole, TargetForm } from "@accord/domain";
import type { Db } from "../../db/client.js";
import { ensureAllowed } from "../../policy/authorize.js";
import { CommentBody, CommentView, HistoryQuery, HistoryView, PendingBaselineBody, SetBaselineBody, SetTargetBody, SignUpBody, SignUpParams } from "./schema.js";
import { indicatorScope } from "./scope.js";
import { addComment, history, listComments, setBaseline, setPendingBaseline, setTarget, signUpPartner, withdrawSignUp } from "./service.js";
import { IndicatorParams, apiErrors } from "../../http/route-schemas.js";

const Saved = z.object({ version: z.number().int() }).passthrough();

export function indicatorWriteRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    const base = "/agreements/:slug/indicators/:key";

    app.put(
      `${base}/targets`,
      {
        config: { access: "proposeTarget" },
        schema: {
          tags: ["indicators"],
          summary: "Propose the target for one financial year and component (send the version you read); recorded in the negotiation thread as a proposal",
          params: IndicatorParams,
          body: SetTargetBody,
          response: {
            200: z.object({ year: z.string(), component: z.string(), target: TargetForm, value: Decimal.nullable(), writtenValue: z.string().nullable(), written: z.string(), version: z.number().int() }),
            ...apiErrors,
          },
        },
      },
      async (request) => setTarget({ db, actor: request.actor, scope: await indicatorScope(db, request.params.slug, request.params.key), body: request.body }),
    );

    app.put(
      `${base}/baselines`,
      {
        config: { access: "setBaseline" },
        schema: { tags: ["indicators"], summary: "Set the baseline of a component (send the version you read)", params: IndicatorParams, body: SetBaselineBody, response: { 200: Saved, ...apiErrors } },
      },
      async (request) => setBaseline({ db, actor: request.actor, scope: await indicatorScope(db, request.params.slug, request.params.key), body: request.body }),
    );

    app.put(
      `${base}/baseline-pending`,
      {
        config: { access: "setBaseline" },
        schema: {
          tags: ["indicators"],
          summary: "Say the baseline cannot be set yet: why, and when it is expected (send the version you read when changing one)",
          params: IndicatorParams,
          body: PendingBaselineBody,
          response: { 200: z.object({ reason: z.string(), expectedBy: z.string().nullable(), written: z.string(), version: z.number().int() }), ...apiErrors },
        },
      },
      async (request) => setPendingBaseline({ db, actor: request.actor, scope: await indicatorScope(db, request.params.slug, request.params.key), body: request.body }),
    );

    app.post(
      `${base}/sign-ups`,
      {
        config: { access: "signUp" },
        schema: {
          tags: ["indicators"],
          summary: "Sign an organisation up to the target as lead, statutory or non-statutory partner",
          params: IndicatorParams,
          body: SignUpBody,
          response: { 201: z.object({ organisation: z.string(), role: SignUpRole, detail: z.string().nullable(), statutoryDuty: z.string().nullable() }), ...apiErrors },
        },
      },
      async (request, reply) => {
        const result = await signUpPartner({ db, actor: request.actor, scope: await indicatorScope(db, request.params.slug, request.params.key), body: request.body });
        return reply.status(201).send(result);
      },
    );

    app.delete(
      `${base}/sign-ups/:organisation/:role`,
      { config: { access: "withdrawSignUp" }, schema: { tags: ["indicators"], summary: "Withdraw an organisation's sign-up", params: SignUpParams, response: { 204: z.null(), ...apiErrors } } },
      async (request, reply) => {
        const { slug, key, organisation, role } = request.params;
        await withdrawSignUp({ db, actor: request.actor, scope: await indicatorScope(db, slug, key), organisation, role });
        return reply.status(204).send(null);
      },
    );

    app.get(
      `${base}/comments`,
      { config: { access: "read" }, schema: { tags: ["indicators"], summary: "Comments on the indicator", params: IndicatorParams, response: { 200: z.object({ comments: z.array(CommentView) }), ...apiErrors } } },
      async (request) => {
        const scope = await indicatorScope(db, request.params.slug, request.params.key);
        ensureAllowed(request.actor, "read", { type: "agreementIndicator", ...scope });
        return { comments: await listComments(db, scope) };
      },
    );

    app.post(
      `${base}/comments`,
      { config: { access: "comment" }, schema: { tags: ["indicators"], summary: "Comment on the indicator", params: IndicatorParams, body: CommentBody, response: { 201: CommentView, ...apiErrors } } },
      async (request, reply) => {
        const comment = await addComment({ db, actor: request.actor, scope: await indicatorScope(db, request.params.slug, request.params.key), body: request.body });
        return reply.status(201).send(comment);
      },
    );

    app.get(
      `${base}/history`,
      {
        config: { access: "readHistory" },
        schema: {
          tags: ["indicators"],
          summary: "Every change to the indicator: who, when, before and after; newest first, a page at a time",
          params: IndicatorParams,
          querystring: HistoryQuery,
          response: { 200: HistoryView, ...apiErrors },
        },
      },
      async (request) => {
        const scope = await indicatorScope(db, request.params.slug, request.params.key);
        ensureAllowed(request.actor, "readHistory", { type: "agreementIndicator", ...scope });
        return history(db, "agreementIndicator", scope.agreementIndicatorId, request.query);
      },
    );
  };
}
