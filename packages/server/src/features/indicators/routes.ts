/** Write routes on an agreement indicator, and its comments and history. */
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ApiError, Decimal, SignUpRole, TargetForm } from "@accord/domain";
import type { Db } from "../../db/client.js";
import { ensureAllowed } from "../../policy/authorize.js";
import { CommentBody, CommentView, HistoryEntryView, PendingBaselineBody, SetBaselineBody, SetTargetBody, SignUpBody, SignUpParams } from "./schema.js";
import { indicatorScope } from "./scope.js";
import { addComment, history, listComments, setBaseline, setPendingBaseline, setTarget, signUpPartner, withdrawSignUp } from "./service.js";

const IndicatorParams = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an agreement slug such as kent-ka2"),
  key: z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an indicator key such as ni-47"),
});
const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };
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
          summary: "Propose or change the target for a financial year and component (send the version you read)",
          params: IndicatorParams,
          body: SetTargetBody,
          response: {
            200: z.object({ year: z.string(), component: z.string(), target: TargetForm, value: Decimal.nullable(), writtenValue: z.string().nullable(), written: z.string(), version: z.number().int() }),
            ...errors,
          },
        },
      },
      async (request) => setTarget({ db, actor: request.actor, scope: await indicatorScope(db, request.params.slug, request.params.key), body: request.body }),
    );

    app.put(
      `${base}/baselines`,
      {
        config: { access: "setBaseline" },
        schema: { tags: ["indicators"], summary: "Set the baseline of a component (send the version you read)", params: IndicatorParams, body: SetBaselineBody, response: { 200: Saved, ...errors } },
      },
      async (request) => setBaseline({ db, actor: request.actor, scope: await indicatorScope(db, request.params.slug, request.params.key), body: request.body }),
    );

    app.put(
      `${base}/baseline-pending`,
      {
        config: { access: "setBaseline" },
        schema: {
          tags: ["indicators"],
          summary: "Say the baseline cannot be set yet: why, and when it is expected",
          params: IndicatorParams,
          body: PendingBaselineBody,
          response: { 200: z.object({ reason: z.string(), expectedBy: z.string().nullable(), written: z.string() }), ...errors },
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
          response: { 201: z.object({ organisation: z.string(), role: SignUpRole, detail: z.string().nullable(), statutoryDuty: z.string().nullable() }), ...errors },
        },
      },
      async (request, reply) => {
        const result = await signUpPartner({ db, actor: request.actor, scope: await indicatorScope(db, request.params.slug, request.params.key), body: request.body });
        return reply.status(201).send(result);
      },
    );

    app.delete(
      `${base}/sign-ups/:organisation/:role`,
      { config: { access: "withdrawSignUp" }, schema: { tags: ["indicators"], summary: "Withdraw an organisation's sign-up", params: SignUpParams, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        const { slug, key, organisation, role } = request.params;
        await withdrawSignUp({ db, actor: request.actor, scope: await indicatorScope(db, slug, key), organisation, role });
        return reply.status(204).send(null);
      },
    );

    app.get(
      `${base}/comments`,
      { config: { access: "read" }, schema: { tags: ["indicators"], summary: "Comments on the indicator", params: IndicatorParams, response: { 200: z.object({ comments: z.array(CommentView) }), ...errors } } },
      async (request) => {
        const scope = await indicatorScope(db, request.params.slug, request.params.key);
        ensureAllowed(request.actor, "read", { type: "agreementIndicator", ...scope });
        return { comments: await listComments(db, scope) };
      },
    );

    app.post(
      `${base}/comments`,
      { config: { access: "comment" }, schema: { tags: ["indicators"], summary: "Comment on the indicator", params: IndicatorParams, body: CommentBody, response: { 201: CommentView, ...errors } } },
      async (request, reply) => {
        const comment = await addComment({ db, actor: request.actor, scope: await indicatorScope(db, request.params.slug, request.params.key), body: request.body });
        return reply.status(201).send(comment);
      },
    );

    app.get(
      `${base}/history`,
      {
        config: { access: "readHistory" },
        schema: { tags: ["indicators"], summary: "Every change to the indicator: who, when, before and after", params: IndicatorParams, response: { 200: z.object({ history: z.array(HistoryEntryView) }), ...errors } },
      },
      async (request) => {
        const scope = await indicatorScope(db, request.params.slug, request.params.key);
        ensureAllowed(request.actor, "readHistory", { type: "agreementIndicator", ...scope });
        return { history: await history(db, "agreementIndicator", scope.agreementIndicatorId) };
      },
    );
  };
}
